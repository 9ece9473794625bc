import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { firstLine, UserError } from '../errors.js';

interface GitRun {
  ok: boolean;
  stdout: string;
  stderr: string;
  missing?: boolean;
}

function git(args: string[], cwd: string): Promise<GitRun> {
  return new Promise((done) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      done({ ok: error === null, stdout, stderr, missing });
    });
  });
}

const paths = (z: string) => z.split('\0').filter(Boolean);

/** Where the working directory sits inside its repository ("" at the root, "docs/" below it); "" outside git. */
export async function repoPrefix(cwd: string): Promise<string> {
  const run = await git(['rev-parse', '--show-prefix'], cwd);
  return run.ok ? run.stdout.trim() : '';
}

/** The root of the git repository `cwd` is in (as the user names `cwd`, symlinks kept); undefined outside one. */
export async function repoRoot(cwd: string): Promise<string | undefined> {
  const run = await git(['rev-parse', '--show-cdup'], cwd);
  return run.ok ? resolve(cwd, run.stdout.trim() || '.') : undefined;
}

/**
 * Absolute paths of files added, copied, modified or renamed since `ref` (as a pull request sees it,
 * from the merge base: `ref...HEAD`), plus uncommitted and untracked files. Any git problem becomes
 * a one-line usage error.
 */
export async function changedSince(ref: string, cwd: string): Promise<Set<string>> {
  if (ref.startsWith('-')) throw new UserError(`--changed-since: "${ref}" is not a git ref`);
  const top = await git(['rev-parse', '--show-cdup'], cwd);
  if (top.missing) throw new UserError('--changed-since needs git, and git was not found on PATH');
  if (!top.ok) throw new UserError('--changed-since needs a git repository, and the current directory is not in one');
  const root = resolve(cwd, top.stdout.trim() || '.');

  const known = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (!known.ok) throw new UserError(`--changed-since: unknown git ref "${ref}" (in CI, fetch it first: actions/checkout with fetch-depth: 0)`);

  const committed = await git(['diff', '--name-only', '--diff-filter=ACMR', '-z', `${ref}...HEAD`], cwd);
  if (!committed.ok) {
    // A CI checkout fetches one commit by default: the ref is there, the history joining it to HEAD is not.
    const shallow = await git(['rev-parse', '--is-shallow-repository'], cwd);
    if (/no merge base/i.test(committed.stderr) && shallow.stdout.trim() === 'true') {
      throw new UserError(`--changed-since: ${ref} and HEAD share no history in this clone, which is shallow: fetch the whole history (actions/checkout with fetch-depth: 0, GitLab's GIT_DEPTH: 0, or git fetch --unshallow)`);
    }
    throw new UserError(`--changed-since: git diff ${ref}...HEAD failed: ${firstLine(committed.stderr.trim())}`);
  }
  const uncommitted = await git(['diff', '--name-only', '--diff-filter=ACMR', '-z', 'HEAD'], cwd);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z', '--', ':/'], cwd);

  const changed = new Set<string>();
  for (const run of [committed, uncommitted, untracked]) {
    if (run.ok) for (const p of paths(run.stdout)) changed.add(resolve(root, p));
  }
  return changed;
}
