import { spawnSync } from 'node:child_process';
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

/**
 * The ignore file git reads for every repository of the user: `core.excludesFile`, else
 * $XDG_CONFIG_HOME/git/ignore, else ~/.config/git/ignore. Asked of git itself (one process, run
 * only when a file found by walking is judged): the setting can live in the system, global, XDG or
 * repository config, behind include and includeIf, or in GIT_CONFIG_GLOBAL, each file in git's own
 * syntax, and `--path` expands "~" as git does. Without git, or with the setting unset, the default.
 */
export function globalExcludesFile(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const run = spawnSync('git', ['config', '--path', '--get', 'core.excludesFile'], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  // A relative path is git's from the repository root, where git runs.
  if (run.status === 0) return run.stdout.trim() === '' ? undefined : resolve(root, run.stdout.replace(/\r?\n$/, ''));
  const config = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : undefined);
  return config === undefined ? undefined : join(config, 'git', 'ignore');
}

const readTextOrEmpty = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};
