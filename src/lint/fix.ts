/**
 * `--fix`: insert missing sections into a document's text. Pure. Existing text is never changed or
 * removed, only added to, so the original is always a subsequence of the result.
 */

import { lineEndingOf, withLineFeeds } from './line-breaks.js';
import { LineIndex } from './position.js';

export interface SectionInsertion {
  /** Insert before this 1-based line; one past the last line appends. */
  before: number;
  /** The section's Markdown, starting with its `## Title` heading. */
  section: string;
  /** The level its heading takes, that of the headings around the point (lint's `fix.headingLevel`). */
  level: number;
}

export function insertSections(text: string, insertions: readonly SectionInsertion[]): string {
  if (insertions.length === 0) return text;
  const eol = lineEndingOf(text);
  // Lines and blank lines as lint counted them (a lone CR ends one); the text itself is copied as it is.
  const lines = new LineIndex(withLineFeeds(text));
  const starts = Array.from({ length: lines.lineCount }, (_, i) => lines.offsetOf(i + 1));
  // A byte-order mark stays the file's first character: line 1 starts after it.
  const top = text.startsWith('\uFEFF') ? 1 : 0;
  starts[0] = top;
  const endsBlankLine = (s: string) => /\n\r?\n$/.test(withLineFeeds(s));

  // Group by point, keeping the given order within a point; apply from the end so offsets hold.
  const byPoint = new Map<number, string[]>();
  for (const { before, section, level } of insertions) {
    const point = Math.min(Math.max(before, 1), starts.length + 1);
    const headed = section.trim().replace(/^#{1,6}(?=[ \t])/, '#'.repeat(level));
    byPoint.set(point, [...(byPoint.get(point) ?? []), headed]);
  }
  let out = text;
  for (const point of [...byPoint.keys()].sort((a, b) => b - a)) {
    const body = byPoint
      .get(point)!
      .map((s) => s.split(/\r?\n/).join(eol))
      .join(eol + eol);
    if (out.length === top) {
      // An empty file (a byte-order mark at most) starts with the section: there is nothing to set it apart from.
      out = `${out}${body}${eol}`;
    } else if (point > starts.length) {
      // After the last line: end the text with a line break and a blank line, then the section.
      let base = withLineFeeds(out).endsWith('\n') ? out : out + eol;
      if (!endsBlankLine(base) && base !== eol) base += eol;
      out = `${base}${body}${eol}`;
    } else {
      const offset = starts[point - 1]!;
      const before = out.slice(0, offset);
      const blankBefore = offset === top || endsBlankLine(before) ? '' : eol;
      out = `${before}${blankBefore}${body}${eol}${eol}${out.slice(offset)}`;
    }
  }
  return out;
}
