/*
 * Line breaks as Markdown reads them: LF, CRLF, and a lone CR (a file saved on an old Mac). Lint
 * reads a text with its lone CRs as LFs: the length stays, so every offset and column still points
 * into the file as written, and its lines are counted as an editor counts them.
 */

/** The text with each lone CR read as an LF; a CRLF stays one. */
export const withLineFeeds = (text: string) => (text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text);

/** The line ending text added to a file takes: CRLF where it has any, CR where it has no other, else LF. */
export function lineEndingOf(text: string): string {
  if (text.includes('\r\n')) return '\r\n';
  return !text.includes('\n') && text.includes('\r') ? '\r' : '\n';
}
