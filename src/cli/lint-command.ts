import { resolve } from 'node:path';
import { Checklists, settingsFor } from '../config/settings.js';
import { FORMAT_NAMES, loadFormatter, loadReportFormat } from '../format/index.js';
import type { FileResult } from '../run/result.js';
import { configFor, fileSettings, relativeToRoot } from '../config/resolve.js';
import { EXIT, UserError } from '../errors.js';
import { STDIN, type FoundFile } from './files.js';
import type { Io } from './io.js';
import { readDocument, readStdinDocument } from '../run/read-document.js';
import { lintRead } from '../run/lint-file.js';
import { selectFiles } from './select-files.js';
import { needsGuard } from '../run/guard.js';
import type { ProcessPool } from '../run/process-pool.js';
import { LintReport } from './lint-report.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_TIMEOUT_MS } from '../run/limits.js';
import { threadsFor } from '../run/parallelism.js';
import { REPOSITORY_URL, sourceUrlBase, VERSION } from './package-info.js';

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
  /** Say more: which named files were skipped and why, and (stylish) each file's scorecard: item, state, line, evidence. */
  verbose?: boolean;
  /** Standard input's name in the report and for the config's overrides. */
  stdinFilename?: string;
}

/** Colour only for a colour terminal, and never when NO_COLOR or --no-color says no. */
function useColor(options: LintOptions, io: Io): boolean {
  if (options.output !== undefined) return false;
  if (!options.color || (io.env.NO_COLOR ?? '') !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

async function onlyChanged(files: FoundFile[], ref: string, io: Io): Promise<FoundFile[]> {
  if (files.some((f) => f.path === STDIN)) throw new UserError('--changed-since cannot be used with standard input ("-")');
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
  stdinFilename?: string;
}

/**
 * Files handed to the worker pool ahead of the one the report waits for. Results that come back
 * out of order wait in this window, so it bounds what the run holds (a few MB of results), while
 * leaving the workers enough to do when one file takes long.
 */
const LOOKAHEAD = 256;

/**
 * Lint every file, on worker processes when there are enough of them, and hand each result to
 * `emit` in the files' order as soon as it and those before it are done; nothing is kept after.
 * On the main thread, a file the parser could spend unbounded time on (see lint-guard.ts) is
 * handed to a worker with a watchdog, so no file can stall the run past the time limit.
 */
async function lintFiles(files: FoundFile[], { resolved, checklists, threads, maxFileSize, timeoutMs, stdinFilename }: RunContext, io: Io, emit: (result: FileResult) => Promise<void>, progress: Progress): Promise<void> {
  const stdinName = (stdinFilename ?? '').replace(/\\/g, '/') || undefined;
  const settings = (path: string) => {
    const named = path === STDIN ? stdinName : path;
    return fileSettings(resolved, named === undefined ? undefined : relativeToRoot(resolved, named, io.cwd));
  };
  const workers = threadsFor(files.length, threads);
  if (workers > 0 && !files.some((f) => f.path === STDIN)) {
    const { ProcessPool } = await import('../run/process-pool.js');
    const pool = new ProcessPool(workers, { timeoutMs });
    try {
      // In file order: a result is awaited only when every one before it has been emitted.
      const ahead: Promise<FileResult>[] = [];
      let handed = 0;
      for (let done = 0; done < files.length; done++) {
        for (; handed < files.length && ahead.length < LOOKAHEAD; handed++) {
          ahead.push(pool.lint({ index: handed, path: files[handed]!.path, settings: settings(files[handed]!.path), maxFileSize }));
        }
        await emit(await ahead.shift()!);
        progress.update(done + 1);
      }
    } finally {
      pool.close();
    }
    return;
  }
  let guard: ProcessPool | undefined;
  try {
    for (const [i, file] of files.entries()) {
      const doc = file.path === STDIN ? await readStdinDocument(io.stdin, maxFileSize) : readDocument(file.path, maxFileSize);
      const name = file.path === STDIN ? (stdinName ?? '<stdin>') : file.path;
      if ('text' in doc && needsGuard(doc.text)) {
        // The main thread waits meanwhile, so the worker's clock measures the file alone.
        guard ??= new (await import('../run/process-pool.js')).ProcessPool(1, { timeoutMs });
        await emit(await guard.lint({ index: i, path: name, settings: settings(file.path), maxFileSize, text: doc.text }));
      } else {
        await emit(lintRead(name, doc, settings(file.path), checklists));
      }
      progress.update(i + 1);
    }
  } finally {
    guard?.close();
  }
}

type Progress = ReturnType<typeof progressReporter>;

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
    /** Clear the line (at the end, and before report text goes to the same terminal); the next update redraws it. */
    clear: () => {
      if (tty && shown > 0) io.stderr.write('\r\x1b[K');
      shown = 0;
    },
  };
}

const PROGRESS_MIN_FILES = 50;

/** --fix, one file at a time as results stream to the report. */
async function fixFor(resolved: RunContext['resolved'], checklists: Checklists, io: Io) {
  const { fixer } = await import('../run/fix.js');
  const { templates } = resolved.config;
  return fixer({
    checklists,
    settings: (path) => fileSettings(resolved, relativeToRoot(resolved, path, io.cwd)),
    templatesDir: templates === undefined ? undefined : resolve(resolved.root, templates),
    cwd: io.cwd,
    report: (line) => io.stderr.write(`mlsd: fixed ${line}\n`),
  });
}

export async function runLint(paths: string[], options: LintOptions, io: Io): Promise<number> {
  const format = await loadReportFormat(options.format);
  if (!format) throw new UserError(`unknown format "${options.format}" (choose from: ${FORMAT_NAMES.join(', ')})`);

  const resolved = await configFor(options, io.cwd);
  const checklists = new Checklists();
  const base = checklists.for(settingsFor(resolved.config, undefined)); // a broken team checklist fails before any file is read

  const { files: selected, skipped, searched, fromCommandLine } = await selectFiles(paths, resolved, io.cwd);
  // Said only when asked, or when it is all that happened: a pre-commit hook names every changed Markdown file.
  if (options.verbose || selected.length === 0) for (const { path, why } of skipped) io.stderr.write(`mlsd: ${path} skipped: ${why}\n`);
  if (selected.length === 0) {
    if (skipped.length > 0) return EXIT.ok; // a hook that passed only files outside the selection has nothing to check
    if (fromCommandLine) throw new UserError(`no Markdown files found in ${searched}`);
    io.stderr.write(`mlsd: no design docs found in ${searched}; name files to lint, or set "paths" in the config\n`);
    return EXIT.ok;
  }
  const files = options.changedSince === undefined ? selected : await onlyChanged(selected, options.changedSince, io);

  const maxFileSize = options.maxFileSize ?? resolved.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (options.fix && files.some((f) => f.path === STDIN)) throw new UserError('--fix cannot be used with standard input ("-"): it writes files');
  const fix = options.fix ? await fixFor(resolved, checklists, io) : undefined;

  // SARIF and annotations name files from the repository root; only they pay for asking git.
  const repoPrefix = options.format === 'sarif' || options.format === 'github' ? await (await import('./git.js')).repoPrefix(io.cwd) : '';
  const formatOptions = { color: useColor(options, io), verbose: options.verbose ?? false, toolVersion: VERSION, informationUri: REPOSITORY_URL, docsBase: sourceUrlBase(), checklistId: base.id, repoPrefix, rules: [...base.catalogue.values()] };
  const progress = progressReporter(files.length, io);
  const report = await LintReport.open(format, formatOptions, {
    output: options.output === undefined ? undefined : resolve(io.cwd, options.output),
    quiet: options.quiet,
    io,
    beforeWrite: io.stdout.isTTY ? progress.clear : undefined, // the report and the progress line share the terminal
  });
  try {
    await lintFiles(files, { resolved, checklists, threads: options.threads, maxFileSize, timeoutMs, stdinFilename: options.stdinFilename }, io, async (result) => report.add(fix ? await fix(result) : result), progress);
    progress.clear();
    await report.finish();
  } catch (error) {
    progress.clear();
    await report.abort();
    throw error;
  }

  const summaryPath = io.env.GITHUB_STEP_SUMMARY;
  if (options.format === 'github' && summaryPath) {
    const [{ appendStepSummary }, markdown] = await Promise.all([import('./write.js'), loadFormatter('markdown')]);
    await appendStepSummary(summaryPath, markdown!(report.shown, formatOptions)).catch((error: Error) => {
      io.stderr.write(`mlsd: cannot append to the job summary (GITHUB_STEP_SUMMARY): ${error.message}\n`);
    });
  }

  const { errors, warnings } = report;
  if (errors > 0) return EXIT.findings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`mlsd: ${warnings} warning${warnings === 1 ? '' : 's'} found, more than --max-warnings ${options.maxWarnings} allows\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
