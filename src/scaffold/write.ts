import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

const exists = (path: string) => stat(path).then(() => true, () => false);

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'a directory is in the way',
  ENOTDIR: 'a parent of the path is a file, not a directory',
  EEXIST: 'a parent of the path is a file, not a directory', // from mkdir; the target's own EEXIST is handled below
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
};

const cannotWrite = (path: string, error: unknown) => {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new UserError(`cannot write ${path}: ${REASONS[code] ?? (error as Error).message.split('\n')[0]}; nothing was changed`);
};

/**
 * Write a file without ever losing one: the text goes to a temporary file beside the target, which
 * then takes the target's name in one step. Without `force`, an existing file is refused; the final
 * step is a hard link, which fails rather than replace a file created meanwhile (so of two runs
 * racing for one name, exactly one wins and the other is refused). Any failure (no permission, disk
 * full, a directory in the way) leaves an existing target untouched and removes the temporary file.
 */
export async function safeWrite(path: string, text: string, options: { force: boolean }): Promise<void> {
  if (!options.force && (await exists(path))) throw new UserError(`${path} already exists; use --force to overwrite it`);
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    if ((await stat(path).catch(() => undefined))?.isDirectory()) throw new UserError(`cannot write ${path}: it is a directory; nothing was changed`);
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    if (options.force) {
      await rename(temp, path);
      return;
    }
    try {
      await link(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new UserError(`${path} already exists; use --force to overwrite it`);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
      // No hard links on this file system: check once more and rename.
      if (await exists(path)) throw new UserError(`${path} already exists; use --force to overwrite it`);
      await rename(temp, path);
    }
  } catch (error) {
    throw cannotWrite(path, error);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
