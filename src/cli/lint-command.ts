import { Checklists, itemLevels, matcher, settingsFor } from '../checklist/build.js';
import { FORMAT_NAMES, loadFormatter, type FileResult } from '../format/index.js';
import { lint } from '../lint/index.js';
import { applySeverities } from '../lint/severity.js';
import { configFor, configuredPaths, relativeToRoot } from './config-loader.js';
import { EXIT, UsageError } from './errors.js';
import { findFiles, STDIN } from './files.js';
import { GitIgnore } from './ignore.js';
import { readStdin, readText } from './io.js';
import { VERSION } from './version.js';

export interface LintOptions {
  format: string;
  color: boolean;
  /** --config <file>, or false for --no-config. */
  config?: string | boolean;
}

export interface Io {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** Colour only for a colour terminal, and never when NO_COLOR or --no-color says no. */
function useColor(options: LintOptions, io: Io): boolean {
  if (!options.color || (io.env.NO_COLOR ?? '') !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

export async function runLint(paths: string[], options: LintOptions, io: Io): Promise<number> {
  const formatter = await loadFormatter(options.format);
  if (!formatter) throw new UsageError(`unknown format "${options.format}" (choose from: ${FORMAT_NAMES.join(', ')})`);
  const stderr = io.stderr ?? process.stderr;

  const resolved = await configFor(options, io.cwd);
  const checklists = new Checklists();
  const base = checklists.for(settingsFor(resolved.config, undefined)); // a broken team checklist fails before any file is read

  // Paths on the command line replace the configured ones, never add to them.
  const wanted = paths.length > 0 ? paths : configuredPaths(resolved, io.cwd);
  const found = await findFiles(wanted, io.cwd);
  const ignoredByConfig = matcher(resolved.config.ignores);
  const gitignore = resolved.config.gitignore ? new GitIgnore(io.cwd) : undefined;
  const skipped: string[] = [];
  const files = found.filter(({ path, explicit }) => {
    if (path === STDIN) return true;
    if (ignoredByConfig(relativeToRoot(resolved, path, io.cwd))) {
      if (explicit) skipped.push(path);
      return false;
    }
    return explicit || !gitignore?.ignores(path);
  });
  for (const path of skipped) stderr.write(`mlsd: ${path} skipped: ignored by the config's "ignores"\n`);
  if (files.length === 0) {
    if (skipped.length > 0) return EXIT.ok; // a hook that passed only ignored files has nothing to check
    throw new UsageError(`no Markdown files found in ${wanted.join(', ') || 'the current directory'}${found.length > 0 ? ` (${found.length} ignored)` : ''}`);
  }

  const results: FileResult[] = [];
  for (const file of files) {
    const text = file.path === STDIN ? await readStdin(io.stdin) : await readText(file.path);
    const settings = settingsFor(resolved.config, file.path === STDIN ? undefined : relativeToRoot(resolved, file.path, io.cwd));
    const { model: _model, diagnostics, ...result } = lint(text, checklists.for(settings));
    results.push({
      file: file.path === STDIN ? '<stdin>' : file.path,
      diagnostics: applySeverities(diagnostics, { rules: settings.rules, items: itemLevels(settings.checklist) }),
      ...result,
    });
  }

  io.stdout.write(formatter(results, { color: useColor(options, io), toolVersion: VERSION, checklistId: base.id }));
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT.findings : EXIT.ok;
}
