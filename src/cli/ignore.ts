import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { repositoryRoot } from '../io/repository.js';

const inside = (rel: string) => rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
const toPosix = (p: string) => p.split(sep).join('/');

/**
 * .gitignore as git reads it: the file in the repository root and in every folder down to the
 * file, each relative to its own folder, deeper files winning. Outside a git repository, the
 * .gitignore files from the working directory down count.
 */
export class GitIgnore {
  private readonly root: string;
  private readonly levels = new Map<string, Ignore | undefined>();

  constructor(cwd: string) {
    this.root = repositoryRoot(cwd) ?? resolve(cwd);
  }

  private level(dir: string): Ignore | undefined {
    if (!this.levels.has(dir)) {
      const file = join(dir, '.gitignore');
      this.levels.set(dir, existsSync(file) ? ignore().add(readFileSync(file, 'utf8')) : undefined);
    }
    return this.levels.get(dir);
  }

  ignores(file: string): boolean {
    const abs = resolve(file);
    if (!inside(relative(this.root, abs))) return false;
    const dirs: string[] = [];
    for (let dir = dirname(abs); ; dir = dirname(dir)) {
      dirs.unshift(dir);
      if (dir === this.root || dirname(dir) === dir) break;
    }
    let ignored = false;
    for (const dir of dirs) {
      const rules = this.level(dir);
      if (!rules) continue;
      const verdict = rules.test(toPosix(relative(dir, abs)));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }
}
