/**
 * How deep lists and blockquotes can nest before lint refuses a document. micromark re-checks every
 * open container on every line and its tree is walked recursively, so depth multiplies the cost of
 * each line and eventually overflows the stack (bench/README.md, "Measurements behind the code").
 * Real docs use a few levels.
 */
export const MAX_NESTING = 100;

/** The rule this module's check reports under (schemas/checklist/rules/nesting-too-deep.md). */
export const NESTING_TOO_DEEP = 'nesting-too-deep';

const SPACE = 32;
const TAB = 9;
const GT = 62;

/**
 * An upper bound on the container depth of each line, without parsing: the `>` and list markers
 * that open its prefix, plus the containers its indentation can continue (each list level takes at
 * least two columns, and no more levels can continue than were ever open). Returns the first line
 * whose bound exceeds `limit`, with the bound; undefined when the document stays within it.
 */
export function tooDeep(text: string, limit = MAX_NESTING): { line: number; depth: number } | undefined {
  let deepest = 0;
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let i = start;
    let markers = 0;
    let columns = 0;
    let markerChars = 0;
    let thematic = true; // "- - - -" and "* * *" are rules, not lists
    const first = text.charCodeAt(i);
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) columns++;
      else if (c === TAB) columns += 4;
      else if (c === 13) continue;
      else if (c === GT) {
        markers++;
        thematic = false;
      } else if ((c === 45 || c === 42 || c === 43) && (i + 1 >= end || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)) {
        markers++;
        markerChars++;
        if (c !== first || c === 43) thematic = false;
      } else if (c >= 48 && c <= 57) {
        // An ordered marker: up to nine digits, then "." or ")".
        let j = i;
        while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        const after = text.charCodeAt(j);
        if ((after === 46 || after === 41) && (j + 1 >= end || text.charCodeAt(j + 1) === SPACE || text.charCodeAt(j + 1) === TAB)) {
          markers++;
          thematic = false;
          i = j;
        } else break;
      } else break;
    }
    if (thematic && markerChars >= 3 && i === end) markers = 0;
    const depth = markers + Math.min(columns >> 1, deepest);
    if (depth > deepest) deepest = depth;
    if (depth > limit) return { line, depth };
    start = end + 1;
  }
  return undefined;
}
