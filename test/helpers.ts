import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultChecklist } from '../src/checklist/load.js';
import { lint } from '../src/lint/index.js';
import { parseMarkdown } from '../src/lint/parse.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'mlsd.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * No git config of the user's or the system's, so none of their ignore files (core.excludesFile,
 * ~/.config/git/ignore), reaches the CLI or the git it runs: a lint finds the same files on every
 * machine. A test of those files sets HOME or XDG_CONFIG_HOME to a temp folder, GIT_CONFIG_GLOBAL unset.
 */
const emptyConfigHome = mkdtempSync(join(tmpdir(), 'mlsd-xdg-'));
export const NO_USER_GIT_CONFIG = { XDG_CONFIG_HOME: emptyConfigHome, GIT_CONFIG_GLOBAL: join(emptyConfigHome, 'git', 'config'), GIT_CONFIG_NOSYSTEM: '1' };

/**
 * Run the built CLI as a user would: a child process, no TTY, colour off unless asked. A run still
 * going after `timeoutMs` is killed (code null): a test of a hang fails rather than waits.
 */
export function runCli(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...NO_USER_GIT_CONFIG, NO_COLOR: '', FORCE_COLOR: undefined, ...options.env },
    timeout: options.timeoutMs ?? 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Run the built CLI where no file may grow past `maxFileBlocks` × 512 bytes (`ulimit -f`; Node
 * ignores SIGXFSZ): a write past it fails with EFBIG, as one on a full disk fails with ENOSPC,
 * without touching a real device. `stdout` sends standard output to that file instead of a pipe.
 */
export function runCliWithFileLimit(args: string[], options: { cwd: string; maxFileBlocks: number; stdout?: string }): CliRun {
  const stdout = options.stdout === undefined ? 'pipe' : openSync(options.stdout, 'w');
  try {
    const result = spawnSync('sh', ['-c', `ulimit -f ${options.maxFileBlocks} && exec "$0" "$@"`, process.execPath, BIN, ...args], {
      cwd: options.cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: undefined },
      stdio: ['ignore', stdout, 'pipe'],
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr };
  } finally {
    if (typeof stdout === 'number') closeSync(stdout);
  }
}

export const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8');
export const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');

/** Lint text with the built-in checklist, through the pure core. */
export const lintText = (text: string) => lint(text, defaultChecklist());

export const tempDir = (prefix = 'mlsd-test-') => mkdtempSync(join(tmpdir(), prefix));

/** Write `files` (path → text, folders made as needed) under `dir`; returns `dir`. */
export function writeTree(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A fresh temp folder holding `files`. */
export const tempTree = (files: Record<string, string>, prefix?: string) => writeTree(tempDir(prefix), files);

/** A fresh git repository (initialised, nothing committed) holding `files`. */
export function tempRepo(files: Record<string, string> = {}): string {
  const dir = tempTree(files);
  execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: dir, stdio: 'pipe' });
  return dir;
}

/** Every character of `original`, in order, is still in `fixed`: what --fix promises (it only adds). */
export function isSubsequence(original: string, fixed: string): boolean {
  let i = 0;
  for (let j = 0; j < fixed.length && i < original.length; j++) if (fixed[j] === original[i]) i += 1;
  return i === original.length;
}

/** `text` with `from` replaced by `to`; throws when `from` is not there, so a test cannot pass on unchanged text. */
export function edit(text: string, from: string | RegExp, to: string): string {
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`edit: ${String(from)} not found`);
  return edited;
}

/** A Markdown tree as structure only: what each node is and holds, not where it stands. */
const shape = (node: unknown): unknown =>
  Array.isArray(node) ? node.map(shape) : node !== null && typeof node === 'object' ? Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'position').map(([k, v]) => [k, shape(v)])) : node;

/**
 * Whether every top-level block of `original` (a list, a blockquote, a paragraph) is in `fixed`
 * unchanged and in order: inserted sections came between the writer's blocks, none split one.
 */
export function keepsBlocks(original: string, fixed: string): boolean {
  const after = parseMarkdown(fixed).children.map((n) => JSON.stringify(shape(n)));
  let at = 0;
  for (const block of parseMarkdown(original).children.map((n) => JSON.stringify(shape(n)))) {
    at = after.indexOf(block, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
