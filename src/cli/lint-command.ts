import { resolve } from 'node:path';
import { defaultChecklist } from '../checklist/load.js';
import { FORMAT_NAMES, loadFormatter, type FileResult } from '../format/index.js';
import { lint } from '../lint/index.js';
import { EXIT, UsageError } from './errors.js';
import { resolveFiles, STDIN } from './files.js';
import { readStdin, readText } from './io.js';
import { VERSION } from './version.js';

export interface LintOptions {
  format: string;
  color: boolean;
  /** Write the report here instead of standard output. */
  output?: string;
  /** Fail when more than this many warnings remain. */
  maxWarnings?: number;
  /** Report errors only. */
  quiet?: boolean;
  /** Lint only the files changed since this git ref. */
  changedSince?: string;
}

export interface Io {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** Colour only for a colour terminal, and never when NO_COLOR or --no-color says no. */
function useColor(options: LintOptions, io: Io): boolean {
  if (options.output !== undefined) return false;
  if (!options.color || (io.env.NO_COLOR ?? '') !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

async function selectFiles(paths: string[], options: LintOptions, io: Io): Promise<string[]> {
  const files = await resolveFiles(paths, io.cwd);
  if (files.length === 0) throw new UsageError(`no Markdown files found in ${paths.join(', ') || 'the current directory'}`);
  if (options.changedSince === undefined) return files;
  if (files.includes(STDIN)) throw new UsageError('--changed-since cannot be used with standard input ("-")');
  const { changedSince } = await import('./git.js');
  const changed = await changedSince(options.changedSince, io.cwd);
  return files.filter((f) => changed.has(resolve(io.cwd, f)));
}

const active = (results: FileResult[], severity: 'error' | 'warning') =>
  results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === severity && d.suppressed === undefined).length, 0);

export async function runLint(paths: string[], options: LintOptions, io: Io): Promise<number> {
  const formatter = await loadFormatter(options.format);
  if (!formatter) throw new UsageError(`unknown format "${options.format}" (choose from: ${FORMAT_NAMES.join(', ')})`);

  const checklist = defaultChecklist();
  const files = await selectFiles(paths, options, io);

  const results: FileResult[] = [];
  for (const file of files) {
    const text = file === STDIN ? await readStdin(io.stdin) : await readText(file);
    const { model: _model, ...result } = lint(text, checklist);
    results.push({ file: file === STDIN ? '<stdin>' : file, ...result });
  }
  const errors = active(results, 'error');
  const warnings = active(results, 'warning');
  const reported = options.quiet ? results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') })) : results;

  // SARIF and annotations name files from the repository root; only they pay for asking git.
  const repoPrefix = options.format === 'sarif' || options.format === 'github' ? await (await import('./git.js')).repoPrefix(io.cwd) : '';
  const formatOptions = { color: useColor(options, io), toolVersion: VERSION, checklistId: checklist.id, repoPrefix };
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
