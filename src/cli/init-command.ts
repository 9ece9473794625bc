import { constants, existsSync } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, discoverConfig, displayPath } from '../config/file.js';
import { EXIT, UserError } from '../errors.js';
import { repoRoot } from './git.js';
import { CONFIG_PATH, installCommand, LOCAL_ACTION, LOCKFILES, PRE_COMMIT_HOOK_ID, preCommitSnippet, remoteAction, STARTER_CONFIG, workflow, WORKFLOW_PATH } from './init-files.js';
import type { Io } from '../io/process.js';
import { REPOSITORY_URL, VERSION } from '../runtime/package-info.js';
import { safeWrite, whyWriteFailed } from '../io/write.js';

export interface InitOptions {
  force?: boolean;
}

const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

/** The repository pins mlsd in its package.json, so CI can run that copy after `npm ci`. */
async function pinsMlsd(cwd: string): Promise<boolean> {
  const text = await readFile(resolve(cwd, 'package.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    const manifest = JSON.parse(text) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    return manifest.devDependencies?.mlsd !== undefined || manifest.dependencies?.mlsd !== undefined;
  } catch {
    return false;
  }
}

/**
 * The config file mlsd already uses in `dir`, found as every command finds it (any name, this folder
 * or a parent); undefined when there is none. A starter config beside it would take its place, so
 * init keeps it. One that does not parse counts too: it is still the team's.
 */
function existingConfig(dir: string): string | undefined {
  try {
    return discoverConfig(dir)?.path;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return resolve(dir, error.problems[0]!.file); // named relative to `dir`
  }
}

/** pre-commit's config, at the repository root. */
const PRE_COMMIT_CONFIG = '.pre-commit-config.yaml';

/**
 * Whether the repository's pre-commit config already runs the mlsd hook (from the mlsd repository or
 * a local one, both with the hook id mlsd-lint): then there is nothing to add. A config that does not
 * parse is not counted: pre-commit would not run it either.
 */
async function hasPreCommitHook(root: string, hookId: string): Promise<boolean> {
  const text = await readFile(resolve(root, PRE_COMMIT_CONFIG), 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    const config = parseYaml(text) as { repos?: { hooks?: { id?: unknown }[] }[] } | null;
    return Array.isArray(config?.repos) && config.repos.some((repo) => Array.isArray(repo?.hooks) && repo.hooks.some((hook) => hook?.id === hookId));
  } catch {
    return false;
  }
}

/**
 * Why `path` cannot be written, found before anything is written: a folder where the file goes, a
 * file where a folder must go, no permission. Undefined when none of these; the write may still
 * fail (a full disk) and then says so.
 */
async function whyUnwritable(path: string, cwd: string): Promise<string | undefined> {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) return 'it is a directory';
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    if (info === undefined && dirname(dir) !== dir) continue; // made when the file is written
    if (info?.isDirectory() === false) return `a parent of the path is a file (${displayPath(dir, cwd)} is not a directory)`;
    return access(dir, constants.W_OK).then(() => undefined, whyWriteFailed);
  }
}

/** A file init writes: where, and the line that says so once it is written. */
interface Write {
  target: string;
  shown: string;
  text: string;
  line: string;
}

/**
 * Set a repository up for mlsd: a starter config and a GitHub Actions workflow for pull requests,
 * at the root of the git repository (GitHub runs only workflows there), or outside git in the
 * working directory. Existing files are kept unless --force; the output says what was written and
 * what was kept, named relative to the working directory.
 */
export async function runInit(options: InitOptions, io: Io): Promise<number> {
  const repository = await repoRoot(io.cwd);
  const root = repository ?? io.cwd;
  const local = REPOSITORY_URL === undefined || (await pinsMlsd(root));
  const action = REPOSITORY_URL === undefined || local ? LOCAL_ACTION : remoteAction(REPOSITORY_URL, VERSION);
  const files: [string, string, string][] = [
    [CONFIG_PATH, STARTER_CONFIG, 'starter config'],
    [WORKFLOW_PATH, workflow(action, installCommand(LOCKFILES.filter((name) => existsSync(resolve(root, name))))), `GitHub Actions workflow: the mlsd action (${action}) lints changed docs on pull requests, annotates, uploads SARIF`],
  ];
  const steps: (Write | string)[] = []; // a file to write, or the line saying why it is kept
  for (const [path, text, what] of files) {
    const target = resolve(root, path);
    const shown = displayPath(target, io.cwd);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    // A config is the team's own: kept whatever its name, even with --force. One above a git
    // repository is not the repository's (CI never sees it), so the repository gets its own.
    const config = path === CONFIG_PATH ? existingConfig(root) : undefined;
    if (config !== undefined && (repository === undefined || dirname(config) === root)) {
      steps.push(config === target ? `kept   ${shown} (the config mlsd uses here; --force does not replace a config)` : `kept   ${displayPath(config, io.cwd)} (the config mlsd uses here; a ${CONFIG_PATH} would take its place, so none was written)`);
      continue;
    }
    if (exists && !options.force) {
      steps.push(`kept   ${shown} (it exists; --force overwrites it)`);
      continue;
    }
    steps.push({ target, shown, text, line: `${exists ? 'overwrote' : 'wrote '} ${shown}  ${what}` });
  }
  // Check every file before writing any: one that cannot be written leaves the repository as it was.
  for (const step of steps) {
    if (typeof step === 'string') continue;
    const why = await whyUnwritable(step.target, io.cwd);
    if (why !== undefined) throw new UserError(`cannot write ${step.shown}: ${why}; nothing was changed`);
  }
  // Each line as it happens: what was written is said even when a later write fails.
  const written: string[] = [];
  for (const step of steps) {
    if (typeof step === 'string') {
      io.stdout.write(`${step}\n`);
      continue;
    }
    try {
      await safeWrite(step.target, step.text, { force: options.force === true, shown: step.shown });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // The write speaks for that file alone ("nothing was changed").
      const message = error.message;
      throw new UserError(written.length === 0 ? message : `${message}\ninit wrote ${written.join(' and ')} before that`);
    }
    written.push(step.shown);
    io.stdout.write(`${step.line}\n`);
  }
  const kept = steps.length - written.length;
  const out: string[] = [];
  if (!local) {
    out.push('', `The workflow runs mlsd ${VERSION} from its repository. To run the version your package.json pins instead, add mlsd as a dev dependency and run \`mlsd init --force\` again.`);
  }
  if (await hasPreCommitHook(root, PRE_COMMIT_HOOK_ID)) {
    out.push('', `The pre-commit hook is already set up: ${displayPath(resolve(root, PRE_COMMIT_CONFIG), io.cwd)} runs ${PRE_COMMIT_HOOK_ID}.`);
  } else if (REPOSITORY_URL !== undefined) {
    out.push(
      '',
      `To lint design docs before each commit with pre-commit (https://pre-commit.com), add to ${PRE_COMMIT_CONFIG}:`,
      '',
      indent(preCommitSnippet(REPOSITORY_URL, VERSION), '  ').trimEnd(),
    );
  }
  out.push('', 'More CI setups (GitLab, pre-commit without a remote): docs/ci.md in the mlsd package.');
  if (kept > 0) out.push('', kept === 1 ? 'One file was left as it was.' : `${kept} files were left as they were.`);
  io.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}
