/*
 * Answers go into the doc as Markdown. A one-line answer is text: a block marker it starts with
 * would change the doc's structure (a fence turns every later section into code, a `#` adds a
 * heading), so the marker is escaped and renders as written. A longer answer is Markdown its author
 * wrote, but one that opens a code fence it never closes would swallow the rest of the doc.
 */

/** Line starts that make a block of a line: each with where the backslash goes (before group 2). */
const BLOCK_STARTS = [
  /^()(#{1,6})(?=[ \t]|$)/, // ATX heading
  /^()(`{3,}|~{3,})/, // code fence
  /^()([-*_])(?:[ \t]*\2){2,}[ \t]*$/, // thematic break (--- also a setext underline)
  /^()(=+|-+)[ \t]*$/, // setext underline
  /^()([-*+])(?=[ \t]|$)/, // bullet
  /^()(>)/, // block quote
  /^()(<)/, // HTML block
  /^(\d{1,9})([.)])(?=[ \t]|$)/, // ordered list
  /^()(\[)(?=[^\]]*\]:)/, // link reference definition (the line would vanish)
];

/** A one-line answer as text: a leading block marker is backslash-escaped, so it renders literally. */
export function asText(line: string): string {
  for (const start of BLOCK_STARTS) {
    const m = start.exec(line);
    if (m) return `${m[1]}\\${line.slice(m[1]!.length)}`;
  }
  return line;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** The fence a multi-line answer opens and never closes (```, ~~~~), if any. */
export function unclosedFence(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const m = FENCE.exec(line);
    if (!m) continue;
    const [, fence, rest] = m as unknown as [string, string, string];
    if (open === undefined) {
      if (!(fence[0] === '`' && rest.includes('`'))) open = fence; // a backtick fence's info string has no backtick
    } else if (fence[0] === open[0] && fence.length >= open.length && rest.trim() === '') {
      open = undefined;
    }
  }
  return open;
}
