import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { UserError } from '../errors.js';

/*
 * Every file mlsd writes for the user (a new doc, --fix, --output, init's files, saved answers)
 * goes through here, so none is ever left half-written or lost: the text goes to a temporary file
 * beside the target, which then takes the target's name in one step; any failure removes the
 * temporary file and leaves the target as it was.
 */

/** A temp file in the target's folder, so renaming it into place is atomic (same file system). */
const tempPath = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

const exists = (path: string) => stat(path).then(() => true, () => false);

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'a directory is in the way',
  ENOTDIR: 'a parent of the path is a file, not a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
};

/** A failed write as the one-line usage error the user sees. */
const cannotWrite = (path: string, error: unknown) => {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new UserError(`cannot write ${path}: ${REASONS[code] ?? (error as Error).message.split('\n')[0]}; nothing was changed`);
};

const alreadyExists = (path: string) => new UserError(`${path} already exists; use --force to overwrite it`);

/**
 * mkdir -p that always ends. Node's recursive mkdir can loop forever where mkdir reports ENOENT
 * although the parent exists (/proc, some network mounts), so each missing level is made in turn,
 * from the deepest folder that exists, and the first failure is thrown.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const info = await stat(d).catch(() => undefined);
    if (info) {
      if (!info.isDirectory()) throw new Error(`a parent of the path is a file (${d} is not a directory)`);
      break;
    }
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    await mkdir(d).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/**
 * Give the finished temp file the target's name without replacing a file: a hard link, which fails
 * rather than replace a file created meanwhile (so of two runs racing for one name, exactly one
 * wins and the other is refused).
 */
async function linkIntoPlace(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw alreadyExists(path);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    // No hard links on this file system: check once more and rename.
    if (await exists(path)) throw alreadyExists(path);
    await rename(temp, path);
  }
}

/**
 * Write a whole file or nothing, parent folders created. Without `force` an existing file is
 * refused, also one created while this runs; with it, the file is replaced in one step. Any
 * failure (no permission, disk full, a directory in the way) leaves an existing target untouched
 * and removes the temporary file.
 */
export async function safeWrite(path: string, text: string, options: { force: boolean }): Promise<void> {
  if (!options.force && (await exists(path))) throw alreadyExists(path);
  const temp = tempPath(path);
  try {
    await makeFolders(dirname(path));
    if ((await stat(path).catch(() => undefined))?.isDirectory()) throw new UserError(`cannot write ${path}: it is a directory; nothing was changed`);
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    if (options.force) await rename(temp, path);
    else await linkIntoPlace(temp, path);
  } catch (error) {
    throw cannotWrite(path, error);
  } finally {
    await unlink(temp).catch(() => undefined); // gone already once renamed
  }
}

/**
 * Write `text` to a stream, waiting when its buffer is full: a slow reader holds the writer back
 * instead of the text piling up in memory. An error on the stream rejects.
 */
export async function writeChunk(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text === '' || stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** A file written piece by piece that appears whole or not at all. */
export interface AtomicFile {
  write(text: string): Promise<void>;
  /** Everything is written: rename the temp file into place. */
  commit(): Promise<void>;
  /** The run failed: remove the temp file, leave the target as it was. */
  discard(): Promise<void>;
}

/**
 * Open `path` for writing piece by piece through a temp file beside it (parent folders created),
 * replacing the file on commit, as `safeWrite` with `force` does at once (`--output`).
 */
export async function openAtomic(path: string): Promise<AtomicFile> {
  const temp = tempPath(path);
  try {
    await makeFolders(dirname(path));
  } catch (e) {
    throw cannotWrite(path, e);
  }
  const stream = createWriteStream(temp, { flags: 'wx' });
  let error: Error | undefined;
  stream.on('error', (e) => (error ??= e)); // kept for the next write or commit to report
  const discard = async () => {
    stream.destroy();
    await unlink(temp).catch(() => undefined);
  };
  try {
    await once(stream, 'ready');
  } catch (e) {
    await discard();
    throw cannotWrite(path, e);
  }
  return {
    async write(text) {
      try {
        if (error) throw error;
        await writeChunk(stream, text);
      } catch (e) {
        await discard();
        throw cannotWrite(path, e);
      }
    },
    async commit() {
      try {
        stream.end();
        await finished(stream);
        await rename(temp, path);
      } catch (e) {
        await discard();
        throw cannotWrite(path, error ?? e);
      }
    },
    discard,
  };
}
