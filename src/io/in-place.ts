import { open, readFile, type FileHandle } from 'node:fs/promises';

/*
 * A file with more than one hard link is one file under several names: a new file renamed over
 * one name would leave the others holding the old text. Such a file is written where it is, as an
 * editor saves it, from a finished temp file that stays beside it until the write is done.
 */

/** Raised once the file itself may have taken part of the text: the temp file then holds the whole. */
export class PartlyWritten extends Error {
  constructor(cause: unknown) {
    super('the file may be partly written', { cause });
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/**
 * Put the finished text of `temp` into `path` itself. It grows the file first, past its old end, so
 * that a disk too full for the new text leaves the file as it was (cut back to its old size); only
 * then is the old text overwritten, which needs no new space. A failure after that point is a
 * `PartlyWritten`: the whole new text is still in `temp`.
 */
export async function writeInPlace(temp: string, path: string): Promise<void> {
  const text = await readFile(temp);
  const handle = await open(path, 'r+'); // neither created nor truncated
  try {
    const { size } = await handle.stat();
    if (text.length > size) {
      try {
        await writeAll(handle, text.subarray(size), size);
      } catch (error) {
        await handle.truncate(size).catch(() => undefined);
        throw error;
      }
    }
    try {
      await writeAll(handle, text.subarray(0, Math.min(size, text.length)), 0);
      await handle.truncate(text.length);
      await handle.sync();
    } catch (error) {
      throw new PartlyWritten(error);
    }
  } finally {
    await handle.close();
  }
}
