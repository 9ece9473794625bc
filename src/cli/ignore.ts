import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { commonGitDir, globalExcludesFile, repositoryRoot } from '../io/repository.js';

const inside = (rel: string) => rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
const toPosix = (p: string) => p.split(sep).join('/');

/** Git's rules for one file, or undefined when there is none (or it cannot be read: git warns and goes on). */
const rulesIn = (file: string | undefined): Ignore | undefined => {
  if (file === undefined || !existsSync(file)) return undefined;
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

/** Ignored or not after one file's rules: as its last matching pattern says, else as before them. */
const verdict = (rules: Ignore, path: string, ignored: boolean) => {
  const { ignored: out, unignored } = rules.test(path);
  return out ? true : unignored ? false : ignored;
};

/**
 * .gitignore as git reads it: the file in the repository root and in every folder down to the
 * file, each relative to its own folder, deeper files winning; and, weaker than any of them (a
 * .gitignore can take back what they exclude), the repository's .git/info/exclude and, weaker still,
 * the user's global excludes file (core.excludesFile), both relative to the root: what
 * `git ls-files --exclude-standard` leaves out for --changed-since. Outside a git repository, the
 * .gitignore files from the working directory down count.
 */
export class GitIgnore {
  private readonly root: string;
  private readonly repository: string | undefined;
  /** The root's rules, weakest first; read when a file is first judged (the global file's name costs a git process). */
  private rootRules: Ignore[] | undefined;
  private readonly levels = new Map<string, Ignore | undefined>();

  constructor(cwd: string) {
    this.repository = repositoryRoot(cwd);
    this.root = this.repository ?? resolve(cwd);
  }

  private fromRoot(): Ignore[] {
    if (this.rootRules === undefined) {
      const repository = this.repository;
      const gitDir = repository === undefined ? undefined : commonGitDir(repository);
      const files = repository === undefined ? [] : [globalExcludesFile(repository), gitDir && join(gitDir, 'info', 'exclude')];
      this.rootRules = files.map(rulesIn).filter((rules) => rules !== undefined);
    }
    return this.rootRules;
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
    let ignored = false;
    for (const rules of this.fromRoot()) ignored = verdict(rules, toPosix(relative(this.root, abs)), ignored);
    for (const dir of dirs) {
      const rules = this.level(dir);
      if (rules) ignored = verdict(rules, toPosix(relative(dir, abs)), ignored);
    }
    return ignored;
  }
}
