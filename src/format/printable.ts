import type { FileResult, Formatter, StreamingFormatter } from './types.js';

// A document is untrusted input: a heading holding ESC sequences, quoted in a message, would drive
// the reader's terminal. C0 and C1 controls other than tab and newline become U+FFFD, a carriage
// return (a CRLF line's, or one that would overwrite the line) goes.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function printable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\r/g, '').replace(CONTROL, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(printable) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, printable(v)])) as T;
  return value;
}

/** A format for people, given results whose text a terminal prints as text. */
export const printableStream =
  (format: StreamingFormatter): StreamingFormatter =>
  (options) => {
    const report = format(options);
    return { ...report, file: (result: FileResult) => report.file(printable(result)) };
  };

export const printableReport =
  (format: Formatter): Formatter =>
  (results, options) =>
    format(results.map(printable), options);
