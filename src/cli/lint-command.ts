import { resolve } from 'node:path';
import { Checklists, matcher, settingsFor } from '../checklist/build.js';
import { FORMAT_NAMES, loadFormatter, type FileResult } from '../format/index.js';
import { ruleCatalog } from '../lint/rules.js';
import { configFor, configuredPaths, relativeToRoot } from './config-loader.js';
import { EXIT, UsageError } from './errors.js';
import { findFiles, STDIN, type FoundFile } from './files.js';
import { GitIgnore } from './ignore.js';
import { readDocument, readStdinDocument, type Io } from './io.js';
import { lintRead } from './lint-file.js';
import { needsGuard } from './lint-guard.js';
import type { WorkerTask } from './lint-pool.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_TIMEOUT_MS } from './limits.js';
import { threadsFor } from './lint-parallelism.js';
import { VERSION } from './version.js';

export interface LintOptions {
  format: string;
  color: boolean;
  /** --config <file>, or false for --no-config. */
  config?: string | boolean;
  /** Write the report here instead of standard output. */
  output?: string;
  /** Fail when more than this many warnings remain. */
  maxWarnings?: number;
  /** Report errors only. */
  quiet?: boolean;
  /** Lint only the files changed since this git ref. */
  changedSince?: string;
  /** Parallel workers: undefined picks by file count, 0 or 1 lints in this process. */
  threads?: number;
  /** Insert missing required sections as skeletons. */
  fix?: boolean;
  /** Files larger than this many bytes are reported as file-too-large, not read. */
  maxFileSize?: number;
  /** Per-file time limit in milliseconds for files linted in a worker. */
  timeout?: number;
}

/** Colour only for a colour terminal, and never when NO_COLOR or --no-color says no. */
function useColor(options: LintOptions, io: Io): boolean {
  if (options.output !== undefined) return false;
  if (!options.color || (io.env.NO_COLOR ?? '') !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

async function onlyChanged(files: FoundFile[], ref: string, io: Io): Promise<FoundFile[]> {
  if (files.some((f) => f.path === STDIN)) throw new UsageError('--changed-since cannot be used with standard input ("-")');
  const { changedSince } = await import('./git.js');
  const changed = await changedSince(ref, io.cwd);
  return files.filter((f) => changed.has(resolve(io.cwd, f.path)));
}

interface RunContext {
  resolved: Awaited<ReturnType<typeof configFor>>;
  checklists: Checklists;
  threads?: number;
  maxFileSize: number;
  timeoutMs: number;
}

/**
 * Lint every file, on worker processes when there are enough of them; results in the files' order.
 * On the main thread, a file the parser could spend unbounded time on (see lint-guard.ts) is
 * handed to a worker with a watchdog, so no file can stall the run past the time limit.
 */
async function lintFiles(files: FoundFile[], { resolved, checklists, threads, maxFileSize, timeoutMs }: RunContext, io: Io): Promise<FileResult[]> {
  const settings = (path: string) => settingsFor(resolved.config, path === STDIN ? undefined : relativeToRoot(resolved, path, io.cwd));
  const progress = progressReporter(files.length, io);
  const workers = threadsFor(files.length, threads);
  if (workers > 0 && !files.some((f) => f.path === STDIN)) {
    const { lintInPool } = await import('./lint-pool.js');
    const tasks = files.map((f, index) => ({ index, path: f.path, settings: settings(f.path), maxFileSize }));
    const results = await lintInPool(tasks, workers, { timeoutMs, onDone: progress.update });
    progress.end();
    return results;
  }
  const results: FileResult[] = [];
  const guarded: WorkerTask[] = [];
  for (const [i, file] of files.entries()) {
    const doc = file.path === STDIN ? await readStdinDocument(io.stdin, maxFileSize) : readDocument(file.path, maxFileSize);
    const name = file.path === STDIN ? '<stdin>' : file.path;
    if ('text' in doc && needsGuard(doc.text)) {
      guarded.push({ index: i, path: name, settings: settings(file.path), maxFileSize, text: doc.text });
      results.push(undefined as unknown as FileResult); // filled in below, in its place
      continue;
    }
    results.push(lintRead(name, doc, settings(file.path), checklists));
    progress.update(results.length);
  }
  if (guarded.length > 0) {
    const { lintInPool } = await import('./lint-pool.js');
    const pooled = await lintInPool(guarded.map((task, index) => ({ ...task, index })), 1, { timeoutMs });
    guarded.forEach((task, index) => (results[task.index] = pooled[index]!));
  }
  progress.end();
  return results;
}

/** A progress line on an interactive terminal for long runs; nothing in CI logs or pipes. */
function progressReporter(total: number, io: Io) {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true && !io.env.CI && total >= PROGRESS_MIN_FILES;
  let shown = 0;
  return {
    update: (done: number) => {
      const now = Date.now();
      if (!tty || now - shown < 100) return;
      shown = now;
      io.stderr.write(`\rmlsd: linted ${done} of ${total} files`);
    },
    end: () => {
      if (tty && shown > 0) io.stderr.write('\r\x1b[K');
    },
  };
}

const PROGRESS_MIN_FILES = 50;

const active = (results: FileResult[], severity: 'error' | 'warning') =>
  results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === severity && d.suppressed === undefined).length, 0);

export async function runLint(paths: string[], options: LintOptions, io: Io): Promise<number> {
  const formatter = await loadFormatter(options.format);
  if (!formatter) throw new UsageError(`unknown format "${options.format}" (choose from: ${FORMAT_NAMES.join(', ')})`);

  const resolved = await configFor(options, io.cwd);
  const checklists = new Checklists();
  const base = checklists.for(settingsFor(resolved.config, undefined)); // a broken team checklist fails before any file is read

  // Paths on the command line replace the configured ones, never add to them.
  const wanted = paths.length > 0 ? paths : configuredPaths(resolved, io.cwd);
  const found = await findFiles(wanted, io.cwd);
  const ignoredByConfig = matcher(resolved.config.ignores);
  const gitignore = resolved.config.gitignore ? new GitIgnore(io.cwd) : undefined;
  const skipped: string[] = [];
  const selected = found.filter(({ path, explicit }) => {
    if (path === STDIN) return true;
    if (ignoredByConfig(relativeToRoot(resolved, path, io.cwd))) {
      if (explicit) skipped.push(path);
      return false;
    }
    return explicit || !gitignore?.ignores(path);
  });
  for (const path of skipped) io.stderr.write(`mlsd: ${path} skipped: ignored by the config's "ignores"\n`);
  if (selected.length === 0) {
    if (skipped.length > 0) return EXIT.ok; // a hook that passed only ignored files has nothing to check
    throw new UsageError(`no Markdown files found in ${wanted.join(', ') || 'the current directory'}${found.length > 0 ? ` (${found.length} ignored)` : ''}`);
  }
  const files = options.changedSince === undefined ? selected : await onlyChanged(selected, options.changedSince, io);

  const maxFileSize = options.maxFileSize ?? resolved.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  let results = await lintFiles(files, { resolved, checklists, threads: options.threads, maxFileSize, timeoutMs }, io);
  if (options.fix) {
    if (files.some((f) => f.path === STDIN)) throw new UsageError('--fix cannot be used with standard input ("-"): it writes files');
    const { fixFiles } = await import('./lint-fix.js');
    const { templates } = resolved.config;
    results = await fixFiles(results, {
      checklists,
      settings: (path) => settingsFor(resolved.config, relativeToRoot(resolved, path, io.cwd)),
      templatesDir: templates === undefined ? undefined : resolve(resolved.root, templates),
      cwd: io.cwd,
    });
  }
  const errors = active(results, 'error');
  const warnings = active(results, 'warning');
  const reported = options.quiet ? results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') })) : results;

  // SARIF and annotations name files from the repository root; only they pay for asking git.
  const repoPrefix = options.format === 'sarif' || options.format === 'github' ? await (await import('./git.js')).repoPrefix(io.cwd) : '';
  const formatOptions = { color: useColor(options, io), toolVersion: VERSION, checklistId: base.id, repoPrefix, rules: ruleCatalog(base.rules.values()) };
  const report = formatter(reported, formatOptions);
  if (options.output !== undefined) {
    const { writeAtomic } = await import('./write.js');
    await writeAtomic(resolve(io.cwd, options.output), report);
  } else {
    io.stdout.write(report);
  }

  const summaryPath = io.env.GITHUB_STEP_SUMMARY;
  if (options.format === 'github' && summaryPath) {
    const [{ appendStepSummary }, markdown] = await Promise.all([import('./write.js'), loadFormatter('markdown')]);
    await appendStepSummary(summaryPath, markdown!(reported, formatOptions)).catch((error: Error) => {
      io.stderr.write(`mlsd: cannot append to the job summary (GITHUB_STEP_SUMMARY): ${error.message}\n`);
    });
  }

  if (errors > 0) return EXIT.findings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`mlsd: ${warnings} warning${warnings === 1 ? '' : 's'} found, more than --max-warnings ${options.maxWarnings} allows\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
