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
  /** Its heading underlined, as the document's are (lint's `fix.setext`): only at levels 1 and 2, which Markdown can underline. */
  setext?: boolean;
}

/** A title that, over an underline, would open some other block (a list, a quote, a table, a link definition): its heading keeps its #s. */
const OPENS_BLOCK = /^(?:[-+*>#<=_~`[]|\d+[.)](?:[ \t]|$))|\|/;

/** `## Title` as a setext heading, `Title` over `-----` (`=====` at level 1), when its title reads as nothing else there. */
function underlined(section: string, level: number): string {
  const heading = /^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*(?=\r?\n|$)/.exec(section);
  const title = heading?.[1];
  if (level > 2 || !title || OPENS_BLOCK.test(title)) return section;
  return `${title}\n${(level === 1 ? '=' : '-').repeat(Math.max([...title].length, 3))}${section.slice(heading[0].length)}`;
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
  for (const { before, section, level, setext } of insertions) {
    const point = Math.min(Math.max(before, 1), starts.length + 1);
    const atx = section.trim().replace(/^#{1,6}(?=[ \t])/, '#'.repeat(level));
    const headed = setext ? underlined(atx, level) : atx;
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
