import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { appendFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { UserError } from '../errors.js';

/** A temp file in the target's folder, so renaming it into place is atomic (same file system). */
const tempPath = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

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

/**
 * mkdir -p that always ends. Node's recursive mkdir can loop forever where mkdir reports ENOENT
 * although the parent exists (/proc, some network mounts), so each missing level is made in turn,
 * from the deepest folder that exists, and the first failure is thrown.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const info = await stat(d).catch(() => undefined);
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${d} is not a directory`), { code: 'ENOTDIR' });
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

/** A file written piece by piece that appears whole or not at all. */
export interface AtomicFile {
  write(text: string): Promise<void>;
  /** Everything is written: rename the temp file into place. */
  commit(): Promise<void>;
  /** The run failed: remove the temp file, leave the target as it was. */
  discard(): Promise<void>;
}

/** Open `path` for writing through a temp file beside it (parent folders created); failures are usage errors naming `path`. */
export async function openAtomic(path: string): Promise<AtomicFile> {
  const temp = tempPath(path);
  const failed = (error: unknown) => new UserError(`cannot write ${path}: ${(error as Error).message}`);
  try {
    await makeFolders(dirname(path));
  } catch (e) {
    throw failed(e);
  }
  const stream = createWriteStream(temp, { flags: 'wx' });
  let error: Error | undefined;
  stream.on('error', (e) => (error ??= e)); // kept for the next write or commit to report
  const discard = async () => {
    stream.destroy();
    await rm(temp, { force: true }).catch(() => undefined);
  };
  try {
    await once(stream, 'ready');
  } catch (e) {
    await discard();
    throw failed(e);
  }
  return {
    async write(text) {
      try {
        if (error) throw error;
        await writeChunk(stream, text);
      } catch (e) {
        await discard();
        throw failed(e);
      }
    },
    async commit() {
      try {
        stream.end();
        await finished(stream);
        await rename(temp, path);
      } catch (e) {
        await discard();
        throw failed(error ?? e);
      }
    },
    discard,
  };
}

/** Write a whole file or nothing: parent folders created, a temp file beside it renamed into place. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const temp = tempPath(path);
  try {
    await makeFolders(dir);
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new UserError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** GitHub shows at most 1 MiB of summary per step. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** Append Markdown to GitHub's job summary file, cut at a line boundary to stay under the limit. */
export async function appendStepSummary(path: string, markdown: string): Promise<void> {
  let text = markdown;
  if (Buffer.byteLength(text, 'utf8') > STEP_SUMMARY_LIMIT) {
    const note = '\n\n_mlsd: summary cut here; GitHub shows at most 1 MiB per step. Run with --format markdown for the full scorecard._\n';
    const budget = STEP_SUMMARY_LIMIT - Buffer.byteLength(note, 'utf8');
    let cut = Buffer.from(text, 'utf8').subarray(0, budget).toString('utf8');
    cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
    text = cut + note;
  }
  await appendFile(path, text, 'utf8');
}
