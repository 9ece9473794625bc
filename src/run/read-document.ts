import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';
import { formatSize } from './limits.js';

// How a document to lint is read, the same for the CLI, the pool's processes and the editor: a
// file too large or not text is reported under its own rule (file-too-large, not-text), not linted.

/** The rules a file that cannot be read as a design doc is reported under (schemas/checklist/rules/<id>.md). */
export const FILE_TOO_LARGE = 'file-too-large';
export const NOT_TEXT = 'not-text';

/** A document as read from disk: its text, or why it cannot be linted as text. */
export type ReadDocument = { text: string } | { unreadable: { ruleId: typeof FILE_TOO_LARGE | typeof NOT_TEXT; message: string } };

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links (a symlink loop?)',
  ENOTDIR: 'a parent of the path is not a directory',
};

export const readFailure = (path: string, error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new UserError(`cannot read ${path}: ${REASONS[code] ?? (error as Error).message}`);
};

/** A share of U+FFFD above this after decoding means the bytes were not UTF-8 text. */
const MAX_REPLACEMENT_RATIO = 0.01;

const tooLarge = (size: number, max: number): ReadDocument => ({
  unreadable: {
    ruleId: FILE_TOO_LARGE,
    message: `The file is ${formatSize(size)}, more than the ${formatSize(max)} mlsd reads (--max-file-size or "maxFileSize" in the config raise the limit); it was not linted.`,
  },
});

/**
 * Bytes to text: a UTF-8 byte-order mark is dropped, UTF-16 with a byte-order mark is decoded,
 * and anything that is not text (NUL bytes, or mostly invalid UTF-8) is refused rather than linted
 * as garbage. A few invalid bytes in an otherwise UTF-8 file become U+FFFD and the file is linted.
 */
export function decodeDocument(bytes: Uint8Array): ReadDocument {
  const notText = (why: string): ReadDocument => ({ unreadable: { ruleId: NOT_TEXT, message: `The file is not text (${why}); it was not linted.` } });
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    if (bytes.includes(0)) return notText('it contains NUL bytes: a binary file, or UTF-16 without a byte-order mark');
    text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes); // ignoreBOM false: the decoder strips a UTF-8 BOM
  }
  if (text.includes('\0')) return notText('it contains NUL characters');
  let replaced = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) replaced++;
  if (replaced > 0 && replaced / text.length > MAX_REPLACEMENT_RATIO) {
    return notText(`${replaced} byte sequences are not valid UTF-8; save it as UTF-8`);
  }
  return { text };
}

/**
 * Read a document to lint. The size is checked from `stat` before a byte is read, so a huge file
 * costs nothing; I/O failures are one-line usage errors naming the file. Synchronous on purpose:
 * lint is CPU-bound and runs between reads, and an asynchronous read would need the event loop
 * (which the linting of the previous file holds) at each of its steps.
 */
export function readDocument(path: string, maxBytes: number): ReadDocument {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const { size } = fstatSync(fd);
    if (size > maxBytes) return tooLarge(size, maxBytes);
    // Read at most one byte past the limit: a file growing meanwhile is still bounded.
    const buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return tooLarge(length, maxBytes);
    return decodeDocument(buffer.subarray(0, length));
  } catch (error) {
    throw readFailure(path, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Read standard input, stopping as soon as it passes the size limit. */
export async function readStdinDocument(stream: NodeJS.ReadableStream, maxBytes: number): Promise<ReadDocument> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += bytes.length;
    if (length > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      const message = `Standard input is more than the ${formatSize(maxBytes)} mlsd reads (--max-file-size raises the limit); it was not linted.`;
      return { unreadable: { ruleId: FILE_TOO_LARGE, message } };
    }
    chunks.push(bytes);
  }
  return decodeDocument(Buffer.concat(chunks));
}
