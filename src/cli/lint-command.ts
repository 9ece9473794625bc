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
}

export interface Io {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream;
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

  const checklist = defaultChecklist();
  const files = await resolveFiles(paths, io.cwd);
  if (files.length === 0) throw new UsageError(`no Markdown files found in ${paths.join(', ') || 'the current directory'}`);

  const results: FileResult[] = [];
  for (const file of files) {
    const text = file === STDIN ? await readStdin(io.stdin) : await readText(file);
    const { model: _model, ...result } = lint(text, checklist);
    results.push({ file: file === STDIN ? '<stdin>' : file, ...result });
  }

  io.stdout.write(formatter(results, { color: useColor(options, io), toolVersion: VERSION, checklistId: checklist.id }));
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT.findings : EXIT.ok;
}
