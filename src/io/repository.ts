import { existsSync } from 'node:fs';
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
