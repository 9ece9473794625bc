import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';
import { formatSize, sizeOverLimit } from './limits.js';

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

/** How much of a document the front matter test (design-docs.ts) reads: its first 4 KB. */
export const HEAD_BYTES = 4096;

/** A share of U+FFFD above this after decoding means the bytes were not UTF-8 text. */
const MAX_REPLACEMENT_RATIO = 0.01;

/** `size` when known: a pipe or a device is only known to be longer than the limit. */
function tooLarge(size: number | undefined, max: number): ReadDocument {
  const [shown, limit] = size === undefined ? [undefined, formatSize(max)] : sizeOverLimit(size, max);
  return {
    unreadable: {
      ruleId: FILE_TOO_LARGE,
      message: `The file is ${shown === undefined ? '' : `${shown}, `}more than the ${limit} mlsd reads (--max-file-size or "maxFileSize" in the config raise the limit); it was not linted.`,
    },
  };
}

const notText = (why: string): ReadDocument => ({ unreadable: { ruleId: NOT_TEXT, message: `The file is not text (${why}); it was not linted.` } });

/**
 * Bytes to text: a UTF-8 byte-order mark is dropped, UTF-16 with a byte-order mark is decoded,
 * and anything that is not text (NUL bytes, or mostly invalid UTF-8) is refused rather than linted
 * as garbage. A few invalid bytes in an otherwise UTF-8 file become U+FFFD and the file is linted.
 */
export function decodeDocument(bytes: Uint8Array): ReadDocument {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    if (bytes.includes(0)) return notText('it contains NUL bytes: a binary file, or UTF-16 without a byte-order mark');
    text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes); // ignoreBOM false: the decoder strips a UTF-8 BOM
  }
  return textDocument(text);
}

/**
 * Decoded text that is still no document: NUL characters (a binary file), or mostly characters that
 * stand for invalid bytes (another encoding). An editor hands the language server such text decoded.
 */
export function textDocument(text: string): ReadDocument {
  if (text.includes('\0')) return notText('it contains NUL characters');
  let replaced = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) replaced++;
  if (replaced > 0 && replaced / text.length > MAX_REPLACEMENT_RATIO) {
    // Text in another encoding (a Russian doc saved as Windows-1251) is text, just not UTF-8: say so.
    return { unreadable: { ruleId: NOT_TEXT, message: `The file is not UTF-8 text (${replaced} byte sequences are not valid UTF-8: saved as Windows-1251 or Latin-1, say?); save it as UTF-8. It was not linted.` } };
  }
  return { text };
}

/** What a pipe or a device is read in at first: it has no size to go by. */
const FIRST_READ = 64 * 1024;

/**
 * Read up to `limit` bytes or to the end, whichever comes first, into a buffer of `initial` bytes
 * that doubles as it fills: a file's size is only a hint (it may grow), a pipe's is 0.
 */
function readUpTo(fd: number, limit: number, initial: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(initial, limit));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length === limit) break;
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}

/**
 * Read a document to lint. A regular file's size is checked from `stat` before a byte is read, so
 * a huge file costs nothing; anything else (a pipe, `<(…)`, a device) has no size there and is read
 * to its end, stopping one byte past the limit. I/O failures are one-line usage errors naming the
 * file. Synchronous on purpose: lint is CPU-bound and runs between reads, and an asynchronous read
 * would need the event loop (which the linting of the previous file holds) at each of its steps.
 */
export function readDocument(path: string, maxBytes: number): ReadDocument {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const info = fstatSync(fd);
    if (info.isFile() && info.size > maxBytes) return tooLarge(info.size, maxBytes);
    // One byte past the limit at most: a file growing meanwhile, or an endless device, is still bounded.
    const bytes = readUpTo(fd, maxBytes + 1, info.isFile() ? info.size + 1 : FIRST_READ);
    if (bytes.length > maxBytes) return tooLarge(info.isFile() ? bytes.length : undefined, maxBytes);
    return decodeDocument(bytes);
  } catch (error) {
    throw readFailure(path, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Read standard input, stopping as soon as it passes the size limit. `head` is what the front
 * matter test (design-docs.ts) reads of it: its text, or when it cannot be linted as text (too
 * large, not text) its first bytes, as the test reads a file's.
 */
export async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<{ document: ReadDocument; head: string }> {
  const chunks: Buffer[] = [];
  let length = 0;
  const firstBytes = () => Buffer.concat(chunks, Math.min(length, HEAD_BYTES)).toString('utf8');
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += bytes.length;
    chunks.push(bytes);
    if (length > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      const message = `Standard input is more than the ${formatSize(maxBytes)} mlsd reads (--max-file-size raises the limit); it was not linted.`;
      return { document: { unreadable: { ruleId: FILE_TOO_LARGE, message } }, head: firstBytes() };
    }
  }
  const document = decodeDocument(Buffer.concat(chunks, length));
  return { document, head: 'text' in document ? document.text : firstBytes() };
}

/** Read standard input to lint it (see readStdin). */
export async function readStdinDocument(stream: NodeJS.ReadableStream, maxBytes: number): Promise<ReadDocument> {
  return (await readStdin(stream, maxBytes)).document;
}
