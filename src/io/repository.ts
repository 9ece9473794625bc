import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The root of the git repository a folder is in: the nearest folder upward with a .git entry
 * (a folder, or a worktree's file); undefined outside one. Read from the file system, not by
 * running git, so that lint's file selection costs no process.
 */
export function repositoryRoot(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The git folder whose files a repository's worktrees share (info/exclude among them), read from
 * the file system as repositoryRoot is: `.git` itself, or, where `.git` is a file naming another
 * folder (a linked worktree, a submodule), the folder its `commondir` names, else that folder.
 */
export function commonGitDir(root: string): string | undefined {
  const dotGit = join(root, '.git');
  const stats = statSync(dotGit, { throwIfNoEntry: false });
  if (stats === undefined) return undefined;
  if (stats.isDirectory()) return dotGit;
  const gitDir = /^gitdir:\s*(.+?)\s*$/m.exec(readTextOrEmpty(dotGit))?.[1];
  if (gitDir === undefined) return undefined;
  const own = resolve(root, gitDir);
  const common = readTextOrEmpty(join(own, 'commondir')).trim();
  return common === '' ? own : resolve(own, common);
}

const readTextOrEmpty = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};
