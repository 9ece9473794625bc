import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './errors.js';

export const STDIN = '-';
const MARKDOWN = '**/*.{md,markdown}';
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

const toPosix = (p: string) => p.split('\\').join('/');

/**
 * Expand command-line paths into the files to lint: a folder means every Markdown file under it,
 * a glob its matches, a file itself; "-" is standard input. Missing paths and empty globs are errors.
 */
export async function resolveFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const path of paths.length > 0 ? paths : ['.']) {
    if (path === STDIN) {
      files.add(STDIN);
      continue;
    }
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      const found = await glob(MARKDOWN, { cwd: path, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false });
      for (const f of found) files.add(toPosix(relative(cwd, `${path}/${f}`)) || f);
    } else if (info) {
      files.add(toPosix(path));
    } else if (isDynamicPattern(path)) {
      const found = await glob(toPosix(path), { cwd, ignore: ALWAYS_IGNORED, onlyFiles: true, followSymbolicLinks: false });
      if (found.length === 0) throw new UsageError(`no files match "${path}"`);
      for (const f of found) files.add(f);
    } else {
      throw new UsageError(`no such file or directory: ${path}`);
    }
  }
  return [...files].sort((a, b) => (a === STDIN ? -1 : b === STDIN ? 1 : a.localeCompare(b)));
}
