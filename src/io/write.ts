import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, mkdir, open, readlink, realpath, rename, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { firstLine, UserError } from '../errors.js';
import { PartlyWritten, writeInPlace } from './in-place.js';

/*
 * Every file mlsd writes for the user (a new doc, --fix, --output, init's files, saved answers)
 * goes through here, so none is ever left half-written or lost: the text goes to a temporary file
 * beside the target, which then takes the target's name in one step; any failure removes the
 * temporary file and leaves the target as it was. What is not a regular file (a device, a FIFO)
 * cannot be replaced that way and is written through instead.
 */

/** A temp file in the target's folder, so renaming it into place is atomic (same file system). */
const tempPath = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

const exists = (path: string) => stat(path).then(() => true, () => false);

/** The system refused for lack of permission, not for want of space or a broken path. */
const denied = (error: unknown) => ['EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '');

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent of the path is a file, not a directory',
  ENOSPC: 'no space left on the device',
  EFBIG: 'file too large (a file size limit)',
  ELOOP: 'too many symbolic links (a symlink loop?)',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EPIPE: 'its reader has gone (broken pipe)',
};

/** Why a write failed, in words: "no space left on the device" rather than ENOSPC. */
export function whyWriteFailed(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ?? firstLine(error);
}

/**
 * A failed write as the one-line usage error the user sees. What went through a temp file changed
 * nothing; what was written through (a device, a FIFO) may have taken part of the text.
 */
const cannotWrite = (path: string, error: unknown, { atomic = true } = {}) => {
  if (error instanceof UserError) return error;
  return new UserError(`cannot write ${path}: ${whyWriteFailed(error)}${atomic ? '; nothing was changed' : ''}`);
};

const alreadyExists = (path: string) => new UserError(`${path} already exists; use --force to overwrite it`);

/**
 * mkdir -p that always ends. Node's recursive mkdir can loop forever where mkdir reports ENOENT
 * although the parent exists (/proc, some network mounts), so each missing level is made in turn,
 * from the deepest folder that exists, and the first failure is thrown.
 */
async function makeFolders(dir: string, named: (folder: string) => string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const info = await stat(d).catch(() => undefined);
    if (info) {
      if (!info.isDirectory()) throw new Error(`a parent of the path is a file (${named(d)} is not a directory)`);
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

/** A folder above `path` named as the user named `path` (`shown`): as many levels up, or absolute where `shown` has none. */
function namedAs(shown: string, path: string, folder: string): string {
  let named = shown;
  for (let p = path; p !== folder && dirname(p) !== p; p = dirname(p)) named = dirname(named);
  return named === '.' || named === dirname(named) ? folder : named;
}

/**
 * Give the finished temp file the target's name without replacing a file: a hard link, which fails
 * rather than replace a file created meanwhile (so of two runs racing for one name, exactly one
 * wins and the other is refused, EEXIST).
 */
async function linkIntoPlace(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    // No hard links on this file system: check once more and rename.
    if (await exists(path)) throw Object.assign(new Error('file exists'), { code: 'EEXIST' });
    await rename(temp, path);
  }
}

/**
 * Write a whole file or nothing, parent folders created. Without `force` an existing file is
 * refused, also one created while this runs; with it, what is there is replaced as
 * `openReplacement` replaces it. Any failure (no permission, disk full, a directory in the way)
 * leaves an existing target untouched and removes the temporary file. Messages name the file
 * `shown` (as the user named it), else `path`.
 */
export async function safeWrite(path: string, text: string, options: { force: boolean; shown?: string }): Promise<void> {
  const shown = options.shown ?? path;
  if (options.force) {
    const file = await openReplacement(path, shown);
    await file.write(text);
    await file.commit();
    return;
  }
  if (await exists(path)) throw alreadyExists(shown);
  const temp = tempPath(path);
  try {
    await makeFolders(dirname(path), (folder) => namedAs(shown, path, folder));
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await linkIntoPlace(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(shown);
    throw cannotWrite(shown, error);
  } finally {
    await unlink(temp).catch(() => undefined); // the temp name goes (already gone if renamed)
  }
}

/**
 * Write `text` to a stream, waiting when its buffer is full: a slow reader holds the writer back
 * instead of the text piling up in memory. A reader that has gone (`mlsd lint | head`) wants no
 * more, and the text is dropped; any other error on the stream rejects.
 */
export async function writeChunk(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text === '' || (stream as Writable).destroyed || stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: NodeJS.ErrnoException) => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      if (error && error.code !== 'EPIPE') reject(error);
      else resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** A file written piece by piece: whole once committed, or left as it was. */
export interface FileWriter {
  write(text: string): Promise<void>;
  /** Everything is written: put it in place. */
  commit(): Promise<void>;
  /** The run failed: leave the target as it was. */
  discard(): Promise<void>;
}

/** Where replacing `path` writes, and how. */
interface Target {
  /** The real file: symlinks followed, so a link stays a link and its file gets the text. */
  path: string;
  /** Not a regular file (a device, a FIFO, a terminal), or /dev/stdout: written to as it is, like a shell's `>>`. */
  through: boolean;
  /** The existing file's permissions, which the replacement keeps. */
  mode?: number;
  /** The existing file's owner and group, which the replacement keeps where this process may give them. */
  owner?: { uid: number; gid: number };
  /** A file with other hard links: the text goes into it where it is, not a new file under its name (see in-place.ts). */
  inPlace?: boolean;
}

/**
 * /dev/stdout, /dev/fd/N and /proc/self/fd/N name a file the shell has already opened, maybe to
 * append to it (`>> log`): such a path is written to as it stands, never replaced.
 */
const OPENED_BY_NAME = /^\/(?:dev|proc)\//;

/** What writing `path` reaches: a directory there is refused, as nothing can replace it. */
async function targetOf(path: string): Promise<Target> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined; // makeFolders says which parent is in the way
    throw error;
  });
  if (info === undefined) {
    // Nothing there, or a symlink to nothing: then the file it names is the one to create.
    const link = await readlink(path).catch(() => undefined);
    return link === undefined ? { path, through: false } : targetOf(resolve(dirname(path), link));
  }
  if (info.isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' }); // said by cannotWrite, under the name the user gave
  if (!info.isFile() || OPENED_BY_NAME.test(resolve(path))) return { path, through: true };
  // A file the user may not write stays as it is, though a temp file renamed over it in a writable
  // folder could replace it: read-only is how a checkout says "not yours to change".
  await access(path, constants.W_OK);
  return { path: await realpath(path), through: false, mode: info.mode & 0o7777, owner: { uid: info.uid, gid: info.gid }, inPlace: info.nlink > 1 };
}

/** Where the text goes: the temp file, with the replaced file's owner and all of its mode whatever the umask, or the target itself. */
async function openFor(target: Target, temp: string | undefined): Promise<FileHandle> {
  // Neither created nor truncated, and appended to: what the shell's `>>` put there stays.
  if (temp === undefined) return open(target.path, constants.O_WRONLY | constants.O_APPEND);
  const handle = await open(temp, 'wx', target.mode ?? 0o666); // never more open than the file it replaces, even for a moment
  try {
    // Root (a container, a hook run with sudo) gives the file back to its owner; anyone else keeps
    // what the system lets them, as an editor saving the file would. Before chmod: chown clears set-id bits.
    if (target.owner) await handle.chown(target.owner.uid, target.owner.gid).catch(() => undefined);
    if (target.mode !== undefined) await handle.chmod(target.mode);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * Open `path` to replace what is there, written piece by piece: the one way mlsd overwrites a file
 * (`--output`, `--fix`, `--force`). A regular file, or a symlink to one, is replaced in one step
 * on commit, at its real path and with its permissions, through a temp file beside it (parent
 * folders created); a failure leaves it as it was. A file with other hard links gets the finished
 * text where it is instead, so all its names keep naming it, and so does one the user may write in
 * a folder where they may not make or replace a file: not in one step, but a crash midway leaves
 * the whole text in the temp file, and the error names it. Anything else is written
 * through, never replaced: a device or a FIFO keeps being one.
 */
export async function openReplacement(path: string, shown = path): Promise<FileWriter> {
  let target: Target;
  try {
    target = await targetOf(path);
    if (!target.through) await makeFolders(dirname(target.path), (folder) => namedAs(shown, target.path, folder));
  } catch (e) {
    throw cannotWrite(shown, e);
  }
  let temp = target.through ? undefined : tempPath(target.path);
  let handle: FileHandle;
  try {
    handle = await openFor(target, temp);
  } catch (e) {
    if (temp !== undefined) await unlink(temp).catch(() => undefined);
    if (temp === undefined || target.mode === undefined || !denied(e)) throw cannotWrite(shown, e, { atomic: temp !== undefined });
    // A folder that takes no new file, holding a file the user may write: the file takes the text
    // where it is, as a hard-linked one does, from a temp file where the user may make one. Only
    // read back, never renamed, that one is private whatever the file's permissions.
    temp = join(tmpdir(), basename(temp));
    target.inPlace = true;
    handle = await open(temp, 'wx', 0o600).catch((error: unknown) => {
      throw cannotWrite(shown, error);
    });
  }
  const stream = handle.createWriteStream();
  let error: Error | undefined;
  stream.on('error', (e) => (error ??= e)); // kept for the next write or commit to report
  let keepTemp = false; // once a file written in place may be partly written, the temp file holds the only whole text
  const discard = async () => {
    stream.destroy();
    if (temp !== undefined && !keepTemp) await unlink(temp).catch(() => undefined);
  };
  const failed = async (e: unknown) => {
    await discard();
    return cannotWrite(shown, error ?? e, { atomic: temp !== undefined });
  };
  return {
    async write(text) {
      try {
        if (error) throw error;
        await writeChunk(stream, text);
      } catch (e) {
        throw await failed(e);
      }
    },
    async commit() {
      try {
        stream.end();
        await finished(stream);
        if (temp !== undefined && !target.inPlace) {
          // A folder that lets the user add a file but not replace this one (a shared folder's sticky
          // bit, the file someone else's): it takes the text where it is instead.
          await rename(temp, target.path).catch((e: unknown) => {
            if (!denied(e)) throw e;
            target.inPlace = true;
          });
        }
        if (temp !== undefined && target.inPlace) await writeInPlace(temp, target.path);
      } catch (e) {
        if (e instanceof PartlyWritten) {
          keepTemp = true;
          throw new UserError(`cannot write ${shown}: ${whyWriteFailed(e.cause)}; ${e.message}, and its whole new text is in ${temp}`);
        }
        throw await failed(e);
      }
      if (temp !== undefined && target.inPlace) await unlink(temp).catch(() => undefined);
    },
    discard,
  };
}
