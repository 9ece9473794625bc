import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { commonGitDir, repositoryRoot } from '../io/repository.js';

const inside = (rel: string) => rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
const toPosix = (p: string) => p.split(sep).join('/');

/** Git's rules for one file, or undefined when there is no such file. */
const rulesIn = (file: string): Ignore | undefined => (existsSync(file) ? ignore().add(readFileSync(file, 'utf8')) : undefined);

/**
 * .gitignore as git reads it: the file in the repository root and in every folder down to the
 * file, each relative to its own folder, deeper files winning; and, weaker than any of them (a
 * .gitignore can take back what it excludes), the repository's .git/info/exclude, relative to the
 * root: what `git ls-files --exclude-standard` leaves out for --changed-since. Outside a git
 * repository, the .gitignore files from the working directory down count.
 */
export class GitIgnore {
  private readonly root: string;
  private readonly excluded: Ignore | undefined;
  private readonly levels = new Map<string, Ignore | undefined>();

  constructor(cwd: string) {
    const repository = repositoryRoot(cwd);
    this.root = repository ?? resolve(cwd);
    const gitDir = repository === undefined ? undefined : commonGitDir(repository);
    this.excluded = gitDir === undefined ? undefined : rulesIn(join(gitDir, 'info', 'exclude'));
  }

  private level(dir: string): Ignore | undefined {
    if (!this.levels.has(dir)) this.levels.set(dir, rulesIn(join(dir, '.gitignore')));
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
    let ignored = this.excluded?.ignores(toPosix(relative(this.root, abs))) ?? false;
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
