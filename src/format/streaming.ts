import { countSeverities } from './summary.js';
import type { Formatter, StreamingFormatter } from './types.js';

/** A streaming formatter run over results held in memory: the bytes a streamed run prints. */
export const collected =
  (format: StreamingFormatter): Formatter =>
  (results, options) => {
    const report = format(options);
    return report.header() + results.map((r) => report.file(r)).join('') + report.footer(countSeverities(results));
  };

// Stands in for the streamed array; the NUL characters are escaped in JSON text, so no value can print it.
const HOLE = '\0mlsd-streamed-array\0';

/**
 * `JSON.stringify(value, null, 2)` of an object with one array written item by item. `shape` builds
 * the object with the array given; the array must come after every value that depends on the run's
 * totals, since the text before it is printed first. `item` returns an item's text with its separator
 * and indentation; `end` the text after the array (built again from `shape`, which may now use totals).
 */
export function jsonArrayWriter<T>(shape: (array: unknown[]) => unknown) {
  const split = () => {
    const text = JSON.stringify(shape([HOLE]), null, 2);
    const at = text.indexOf(JSON.stringify(HOLE));
    const lineStart = text.lastIndexOf('\n', at) + 1;
    // The text up to the array's "[", the indentation of its items, and from the newline after the hole on.
    return { before: text.slice(0, lineStart - 1), indent: text.slice(lineStart, at), after: text.slice(at + JSON.stringify(HOLE).length) };
  };
  let items = 0;
  let indent = '';
  return {
    start(): string {
      const parts = split();
      indent = parts.indent;
      return parts.before;
    },
    item(value: T): string {
      const text = JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
      return `${items++ === 0 ? '\n' : ',\n'}${indent}${text}`;
    },
    end(): string {
      const { after } = split();
      // An empty array prints as "[]": the closing bracket goes straight after the opening one.
      return items === 0 ? after.replace(/^\n */, '') : after;
    },
  };
}
