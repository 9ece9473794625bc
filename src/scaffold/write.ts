import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ScaffoldError } from './types.js';

const exists = (path: string) => stat(path).then(() => true, () => false);

/**
 * Write a file without ever losing one: the text goes to a temporary file beside the target, which
 * then takes the target's name in one step. Without `force`, an existing file is refused; the final
 * step is a hard link, which fails rather than replace a file created meanwhile.
 */
export async function safeWrite(path: string, text: string, options: { force: boolean }): Promise<void> {
  if (!options.force && (await exists(path))) throw new ScaffoldError(`${path} already exists; use --force to overwrite it`);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
  try {
    if (options.force) {
      await rename(temp, path);
      return;
    }
    try {
      await link(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new ScaffoldError(`${path} already exists; use --force to overwrite it`);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
      // No hard links on this file system: check once more and rename.
      if (await exists(path)) throw new ScaffoldError(`${path} already exists; use --force to overwrite it`);
      await rename(temp, path);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
