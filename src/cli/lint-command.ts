import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Checklists, settingsFor, type FileSettings } from '../config/settings.js';
import { FORMAT_NAMES, loadFormatter, loadReportFormat, writesEmptyReport, type ReportFormat } from '../format/index.js';
import { repoPath } from '../format/repo-path.js';
import { configFor, fileSettings, relativeToRoot } from '../config/resolve.js';
import { EXIT, UserError } from '../errors.js';
import type { FoundFile } from './files.js';
import { lintFiles, STDIN } from '../run/lint-files.js';
import { ProcessPool } from '../run/process-pool.js';
import { configHasTeamPatterns, hasTeamPatterns } from '../run/team-patterns.js';
import type { ResolvedConfig } from '../config/load.js';
import type { FileResult } from '../run/result.js';
import type { Io } from '../io/process.js';
import { selectFiles } from './select-files.js';
import { LintReport } from './lint-report.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_TIMEOUT_MS } from '../run/limits.js';
import { readStdin, type ReadDocument } from '../run/read-document.js';
import { REPOSITORY_URL, sourceUrlBase, VERSION } from '../runtime/package-info.js';

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
  /** Per-file time limit in milliseconds for files linted in a worker (see lint-files.ts for which). */
  timeout?: number;
  /** Say more: which named files were skipped and why, and (stylish) each file's scorecard: item, state, line, evidence. */
  verbose?: boolean;
  /** Standard input's name in the report and for the config's overrides. */
  stdinFilename?: string;
  /** The files on the command line are candidates (a pre-commit hook's changed files): lint only the design docs among them. */
  designDocsOnly?: boolean;
}

/** Colour only for a colour terminal, and never when NO_COLOR or --no-color says no. */
function useColor(options: LintOptions, io: Io): boolean {
  if (options.output !== undefined) return false;
  if (!options.color || (io.env.NO_COLOR ?? '') !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

/** Standard input has no file git could compare or --fix could write back: refused before it is read. */
function refuseStdin(options: LintOptions): void {
  if (options.changedSince !== undefined) throw new UserError('--changed-since cannot be used with standard input ("-")');
  if (options.fix) throw new UserError('--fix cannot be used with standard input ("-"): it writes files');
}

/** The report must never take the place of a doc: `--output` naming a selected file is refused before anything is written. */
function refuseOutputOverInput(output: string, files: readonly FoundFile[], cwd: string): void {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path; // not there yet: only its own name can match
    }
  };
  const target = real(resolve(cwd, output));
  const input = files.find((f) => f.path !== STDIN && !f.stream && real(resolve(cwd, f.path)) === target);
  if (!input) return;
  const which = resolve(cwd, output) === resolve(cwd, input.path) ? '' : ` (${input.path})`;
  throw new UserError(`--output ${output} is a file being linted${which}: the report would replace it; write the report to another file`);
}

async function onlyChanged(files: FoundFile[], ref: string, io: Io): Promise<FoundFile[]> {
  const stream = files.find((f) => f.stream);
  if (stream) throw new UserError(`--changed-since cannot be used with ${stream.path}: it is a pipe or a device, not a file git can compare`);
  const { changedSince } = await import('./git.js');
  const changed = await changedSince(ref, io.cwd);
  return files.filter((f) => changed.has(resolve(io.cwd, f.path)));
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
    /** Clear the line (at the end, and before report text goes to the same terminal); the next update redraws it. */
    clear: () => {
      if (tty && shown > 0) io.stderr.write('\r\x1b[K');
      shown = 0;
    },
  };
}

const PROGRESS_MIN_FILES = 50;

/** --fix, one file at a time as results stream to the report. */
async function fixFor(resolved: ResolvedConfig, checklists: Checklists, timeoutMs: number, guard: ProcessPool | undefined, io: Io) {
  const { fixer } = await import('../run/fix.js');
  const { templates } = resolved.config;
  return fixer({
    checklists,
    settings: (path) => fileSettings(resolved, relativeToRoot(resolved, path, io.cwd)),
    templatesDir: templates === undefined ? undefined : resolve(resolved.root, templates),
    cwd: io.cwd,
    report: (line) => io.stderr.write(`mlsd: ${line}\n`),
    timeoutMs,
    ...(guard ? { guard } : {}),
  });
}

/** --fix writes back the file it read: a pipe or a device (`<(…)`), like standard input (refuseStdin), has nowhere to write it. */
function refuseUnfixable(files: readonly FoundFile[], cwd: string): void {
  const unfixable = files.find((f) => statSync(resolve(cwd, f.path), { throwIfNoEntry: false })?.isFile() === false);
  if (unfixable) throw new UserError(`--fix cannot be used with ${unfixable.path}: it is not a regular file (a pipe or a device), so there is no file to write`);
}

export async function runLint(paths: string[], options: LintOptions, io: Io): Promise<number> {
  const format = await loadReportFormat(options.format);
  if (!format) throw new UserError(`unknown format "${options.format}" (choose from: ${FORMAT_NAMES.join(', ')})`);

  // A config with a team's patterns sends files to a worker (run/team-patterns.ts). It starts as soon
  // as a config file read shows them, so that its start-up overlaps validating the config and
  // compiling the checklist, and it compiles the checklist beside this process (bench/README.md,
  // "The guard worker, started early").
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  let guard: ProcessPool | undefined;
  try {
    const resolved = await configFor(options, io.cwd, (data) => {
      if (!guard && configHasTeamPatterns(data)) guard = new ProcessPool(1, { timeoutMs }).prestart();
    });
    const baseSettings = settingsFor(resolved.config, undefined);
    if (guard && hasTeamPatterns(baseSettings)) await guard.prime(baseSettings);
    return await lintWithConfig(paths, options, io, { format, resolved, baseSettings, timeoutMs, guard });
  } finally {
    guard?.close(); // also when the run fails before a file needs it
  }
}

async function lintWithConfig(
  paths: string[],
  options: LintOptions,
  io: Io,
  { format, resolved, baseSettings, timeoutMs, guard }: { format: ReportFormat; resolved: ResolvedConfig; baseSettings: FileSettings; timeoutMs: number; guard: ProcessPool | undefined },
): Promise<number> {
  const checklists = new Checklists();
  const base = checklists.for(baseSettings); // a broken team checklist fails before any file is read

  const stdinName = (options.stdinFilename ?? '').replace(/\\/g, '/') || undefined;
  const selection = await selectFiles(paths, resolved, io.cwd, { designDocsOnly: options.designDocsOnly, stdinName });
  const { skipped, searched, fromCommandLine, pendingStdin } = selection;
  let selected = selection.files;
  if (selected.some((f) => f.path === STDIN)) refuseStdin(options);
  const maxFileSize = options.maxFileSize ?? resolved.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // Whether standard input is a design doc may be said by its own front matter: it is read now, and
  // linted as read or skipped as a file of its name and text would be.
  let stdinDocument: ReadDocument | undefined;
  if (pendingStdin) {
    const { document, head } = await readStdin(io.stdin, maxFileSize);
    const why = pendingStdin.notDesignDoc(head);
    if (why === undefined) stdinDocument = document;
    else {
      selected = selected.filter((f) => f.path !== STDIN);
      skipped.unshift({ path: pendingStdin.path, why }); // standard input comes first, as in the report
    }
  }
  // Asked of git even when nothing is selected: a folder outside the repository, or a ref that is not
  // there, is a mistake in every format, not a clean run in some.
  const files = options.changedSince === undefined ? selected : await onlyChanged(selected, options.changedSince, io);
  // Said only when asked, or when it is all that happened: a pre-commit hook names every changed Markdown file.
  if (options.verbose || selected.length === 0) for (const { path, why } of skipped) io.stderr.write(`mlsd: ${path} skipped: ${why}\n`);
  if (selected.length === 0) {
    // A hook that passed only files outside the selection has nothing to check.
    if (skipped.length === 0) {
      if (fromCommandLine) throw new UserError(`no Markdown files found in ${searched}`);
      io.stderr.write(`mlsd: no design docs found in ${searched}; name files to lint, or set "paths" in the config\n`);
    }
    if (!writesEmptyReport(options.format)) return EXIT.ok;
  }
  if (options.output !== undefined) refuseOutputOverInput(options.output, selected, io.cwd);
  if (files.length === 0 && selected.length > 0) {
    const which = selected.length === 1 ? `${selected[0]!.path} did not change` : `none of the ${selected.length} design docs selected changed`;
    io.stderr.write(`mlsd: ${which} since ${options.changedSince}; nothing to lint\n`);
  }

  if (options.fix) refuseUnfixable(files, io.cwd);
  const fixer = options.fix ? await fixFor(resolved, checklists, timeoutMs, guard, io) : undefined;

  // SARIF and annotations name files from the repository root; only they pay for asking git.
  const repoPrefix = options.format === 'sarif' || options.format === 'github' ? await (await import('./git.js')).repoPrefix(io.cwd) : undefined;
  const formatOptions = { color: useColor(options, io), verbose: options.verbose ?? false, toolVersion: VERSION, informationUri: REPOSITORY_URL, docsBase: sourceUrlBase(), checklistId: base.id, repoPrefix: repoPrefix ?? '', rules: [...base.catalogue.values()] };
  const progress = progressReporter(files.length, io);
  const report = await LintReport.open(format, formatOptions, {
    output: options.output === undefined ? undefined : { path: resolve(io.cwd, options.output), shown: options.output },
    quiet: options.quiet,
    io,
    beforeWrite: io.stdout.isTTY ? progress.clear : undefined, // the report and the progress line share the terminal
  });
  try {
    const settings = (path: string) => {
      const named = path === STDIN ? stdinName : path;
      return fileSettings(resolved, named === undefined ? undefined : relativeToRoot(resolved, named, io.cwd));
    };
    const run = { settings, checklists, threads: options.threads, maxFileSize, timeoutMs, stdin: io.stdin, stdinName, stdinDocument, guard };
    // SARIF and annotations name files from the repository root: a path named absolute is taken from here first.
    const named = repoPrefix === undefined ? (result: FileResult) => result : (result: FileResult) => (isAbsolute(result.file) ? { ...result, file: relative(io.cwd, result.file).split(sep).join('/') } : result);
    await lintFiles(files.map((f) => f.path), run, async (result) => report.add(named(fixer ? await fixer.fix(result) : result)), progress.update);
    progress.clear();
    await report.finish();
  } catch (error) {
    progress.clear();
    await report.abort();
    throw error;
  } finally {
    fixer?.close();
  }

  const summaryPath = io.env.GITHUB_STEP_SUMMARY;
  if (options.format === 'github' && summaryPath) {
    const [{ appendStepSummary }, markdown] = await Promise.all([import('./step-summary.js'), loadFormatter('markdown')]);
    // Named as the annotations name them: from the repository root, wherever the step runs.
    const shown = report.shown.map((result) => ({ ...result, file: repoPath(result.file, formatOptions.repoPrefix) }));
    await appendStepSummary(summaryPath, markdown!(shown, formatOptions)).catch((error: Error) => {
      io.stderr.write(`mlsd: cannot append to the job summary (GITHUB_STEP_SUMMARY): ${error.message}\n`);
    });
  }

  const { errors, warnings } = report;
  if (errors > 0) return EXIT.findings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    const why = `${warnings} warning${warnings === 1 ? '' : 's'} found, more than --max-warnings ${options.maxWarnings} allows`;
    // On GitHub an annotation: a failed check whose annotations are all warnings would not say why it failed.
    if (options.format === 'github' && options.output === undefined) io.stdout.write(`::error title=mlsd::${why}\n`);
    else io.stderr.write(`mlsd: ${why}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
