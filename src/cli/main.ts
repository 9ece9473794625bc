import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FORMAT_NAMES } from '../format/index.js';
import { EXIT, firstLine, UserError } from '../errors.js';
import type { Io } from '../io/process.js';
import { whyWriteFailed } from '../io/write.js';
import { parseSize } from '../config/size.js';
import type { LintOptions } from './lint-command.js';
import type { NewOptions } from './new-command.js';
import { VERSION } from '../runtime/package-info.js';
import { DEFAULT_DESIGN_FOLDER } from '../scaffold/design-folder.js';
import { didYouMean } from '../suggest.js';

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return Number(value);
}

/** Commander parser for --max-file-size. */
function sizeOption(value: string): number {
  const bytes = parseSize(value);
  if (bytes === undefined) throw new InvalidArgumentError('expected a size such as 5MB, 512KB or a number of bytes');
  return bytes;
}

/** Commander parser for --threads: 0 would read as "no workers", which is what 1 means. */
function threadsOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number, 1 or more: 1 lints in this process, 2 or more in that many worker processes');
  return Number(value);
}

/** Commander parser for --timeout. */
function millisecondsOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of milliseconds, 1 or more');
  return Number(value);
}

function buildProgram(io: Io, setExit: (code: number) => void, argv: readonly string[]): Command {
  const program = new Command('mlsd')
    .description('Write and enforce ML system design docs.\n\nScaffold a design doc from the ML system design framework, and lint design docs against a JSON Schema checklist: metrics, labels, leakage checks, latency budget, serving mode, drift monitoring.')
    .addOption(new Option('-v, --version', 'print the mlsd version'))
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    // Every message of mlsd's own is one line starting "mlsd:"; commander's say "error:" and put a
    // suggestion on a line of its own.
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'mlsd: ').replace(/\n\(Did you mean (.+?)\?\)\n?$/, ' (did you mean "$1"?)\n')) })
    .exitOverride();

  program
    .command('lint')
    .description('Check design docs against the checklist: each item is present, weak or absent.')
    .argument(
      '[paths...]',
      `files, folders (every .md/.markdown file inside, dot files too, skipping node_modules and hidden folders such as .git) or globs; "-" reads standard input. None: the config's "paths", or without them its "drafts" folder (default ${DEFAULT_DESIGN_FOLDER}/) and the Markdown files whose front matter has problem_type (what mlsd new writes). A file named here that is outside the config's "paths" or in its "ignores" is skipped`,
    )
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file (folders created) instead of standard output')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', count)
    .option('-q, --quiet', 'report errors only (hidden warnings still count for --max-warnings)')
    .option('--verbose', "say which named files were skipped and why, and print each file's scorecard: every checklist item's state, line and the evidence quoted")
    .option('--stdin-filename <path>', 'the name standard input ("-", implied, beside any files named) has in the report and for the config\'s overrides, ignores and paths (and --design-docs-only, with its own front matter)')
    .option('--design-docs-only', 'treat the files on the command line as candidates (as pre-commit passes every changed Markdown file) and lint only the design docs among them: inside the config\'s "paths", or without paths in its "drafts" folder or with problem_type in their front matter. The rest are skipped; none left is exit 0')
    .option('--changed-since <git-ref>', 'lint only the selected docs changed since this ref (merge base to HEAD, plus uncommitted and untracked files)')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .option('-c, --config <file>', 'use this config file instead of searching from the working directory upward')
    .option('--no-config', 'ignore every config file: the built-in checklist only')
    .option('--fix', 'insert each missing required section as a skeleton where it belongs (only adds text; run again: nothing more to add)')
    .option('--threads <n>', 'parallel workers, at most one per core; 1 lints in this process, all but the files --timeout lists (default: one per core from 200 files)', threadsOption)
    .option('--max-file-size <size>', 'report larger files as file-too-large instead of reading them: bytes, or with KB/MB (default: 5MB, or "maxFileSize" in the config)', sizeOption)
    .option('--timeout <ms>', 'time limit per file linted in a worker (a large or delimiter-dense file, a file whose checklist has patterns from the config, every file of a run of 200+); a file that takes longer is reported as timeout and the run goes on (default: 10000; as much per MB for a file past 1 MB)', millisecondsOption)
    .addHelpText(
      'after',
      `
Exit codes:
  0  no errors (warnings allowed unless --max-warnings)
  1  at least one error, or more warnings than --max-warnings
  2  usage, configuration, git or I/O error

Inline suppressions (a reason after " -- " is required):
  <!-- mlsd-disable-next-line weak-section -- why -->
  <!-- mlsd-disable leakage-checks -- why -->   (this section; before the first heading: the file)

With --format github and GITHUB_STEP_SUMMARY set, a Markdown scorecard is appended to the job summary.

Examples:
  $ mlsd lint docs/
  $ mlsd lint design.md 'docs/**/*.md'
  $ cat design.md | mlsd lint - --format json
  $ git show HEAD:docs/design/x.md | mlsd lint --stdin-filename docs/design/x.md
  $ mlsd lint --changed-since origin/main --format sarif --output mlsd.sarif
  $ mlsd lint --design-docs-only README.md docs/design/churn.md   (as the pre-commit hook runs)
  $ mlsd lint --config ci/.mlsdrc.yaml docs/

Config: .mlsdrc.yaml, .mlsdrc.yml, .mlsdrc.json, mlsd.config.yaml or an "mlsd" key in
package.json, searched from the working directory upward. Paths given here replace the
configured "paths". See docs/config.md.`,
    )
    .action(async (paths: string[], options: LintOptions) => {
      const { runLint } = await import('./lint-command.js'); // the parser and ajv load only for lint
      // --stdin-filename names standard input, so it is linted, beside any files named too.
      const named = options.stdinFilename !== undefined && !paths.includes('-') ? [...paths, '-'] : paths;
      setExit(await runLint(named, options, io));
    });

  program
    .command('explain')
    .description('List the rules and checklist items, or explain one: a rule\'s page (what it checks, why, a failing and a passing example), or what makes an item present, weak or absent.')
    .argument('[id]', 'a rule id as lint reports it (e.g. latency-stage-sum) or a checklist item id (e.g. labels), or a heading of a doc (e.g. "2.3. Утечки данных"): the item lint finds under it; none lists them all; the config\'s own rules and items too')
    .option('-c, --config <file>', 'use this config file instead of searching from the working directory upward (team items and rules)')
    .option('--no-config', 'ignore every config file: the built-in checklist only')
    .action(async (id: string | undefined, options: { config?: string | boolean }) => {
      const { runExplain } = await import('./explain-command.js');
      setExit(await runExplain(id, options, io.cwd, io.stdout));
    });

  program
    .command('config')
    .description('Show the configuration mlsd uses here: every layer merged, and where each value came from.')
    .argument('[file]', 'show the config as it applies to this file (its overrides applied)')
    .option('--print', 'print the merged config (what the command does; the flag is optional)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-c, --config <file>', 'use this config file instead of searching from the working directory upward')
    .option('--no-config', 'ignore every config file')
    .action(async (file: string | undefined, options: { format: string; config?: string | boolean }) => {
      const { runConfig } = await import('./config-command.js');
      setExit(await runConfig(file, options, io));
    });

  program
    .command('init')
    .description('Set this repository up for mlsd: write .mlsdrc.yaml (starter config) and .github/workflows/mlsd.yml (lint changed docs on pull requests) at the repository root (outside git, in the current folder), and show how to add the pre-commit hook.')
    .option('--force', 'overwrite the workflow if it exists (a config is always kept)')
    .action(async (options: { force?: boolean }) => {
      const { runInit } = await import('./init-command.js');
      setExit(await runInit(options, io));
    });

  program
    .command('new')
    .description('Scaffold a design doc: ask the ML system design framework questions and write <drafts>/<name>.md (the config\'s "drafts", default docs/design at the repository root).')
    .argument('<name>', 'the doc name, a slug such as "feed-ranking"; the problem type is inferred from it unless --type is given')
    .option('-t, --type <id>', 'problem type (see `mlsd templates`)')
    .option('-o, --output <file>', 'write here instead of <drafts>/<name>.md')
    .addOption(new Option('--out <file>').hideHelp()) // the old name of --output
    .option('-a, --answers <file>', 'answers as YAML or JSON, keyed by question key')
    .option('-s, --set <key=value>', 'answer one question (repeatable)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('-y, --yes', 'accept the suggested answers; never prompt')
    .option('--templates <dir>', 'a folder of team templates, added to (or replacing) the built-in ones (default: the config\'s "templates")')
    .option('-c, --config <file>', 'use this config file instead of searching from the working directory upward')
    .option('--no-config', 'ignore every config file')
    .option('--dry-run', 'print the doc instead of writing it; --save-answers is not written either (answers typed are kept for --resume)')
    .option('--force', 'overwrite an existing file')
    .option('--resume', 'continue the questions of an earlier run that wrote no doc (Ctrl-C, Ctrl-D, a closed terminal, --dry-run): each answer is kept as it is given')
    .option('--save-answers <file>', 'also write the final answers to this file, so --answers draws the same doc again')
    .addHelpText(
      'after',
      `
Answers are merged in this order, later winning: template defaults, team config, --answers, --set,
then prompts for whatever is still missing. Without a terminal mlsd never prompts: it exits 2 with
the missing question keys unless --yes accepts the suggested answers.

Exit codes:
  0    the doc was written (or printed with --dry-run)
  2    usage or I/O error, missing answers without a terminal, or the file already exists
  130  interrupted (Ctrl-C, or Ctrl-D on an empty line); no doc was written, and the answers so far
       are kept for --resume

Examples:
  $ mlsd new feed-ranking
  $ mlsd new fraud-scoring --type fraud-detection --yes --set owner=risk-ml
  $ mlsd new search-v2 --answers answers.yaml --dry-run
  $ mlsd new feed-ranking --resume          # after Ctrl-C
  $ mlsd templates fraud-detection          # the questions, their keys and suggestions`,
    )
    .action(async (name: string, { output, ...options }: NewOptions & { output?: string }) => {
      const { runNew } = await import('./new-command.js');
      setExit(await runNew(name, { ...options, out: output ?? options.out }, io));
    });

  program
    .command('templates')
    .description('List the design doc templates (built-in ones and a team folder\'s), or one type\'s questions with their keys, choices and suggestions.')
    .argument('[type]', 'a problem type: list its questions')
    .option('--templates <dir>', 'a folder of team templates (default: the config\'s "templates")')
    .option('-c, --config <file>', 'use this config file instead of searching from the working directory upward')
    .option('--no-config', 'ignore every config file')
    .option('--fingerprint', 'record each team template\'s suggested text in its fingerprints.json, for lint\'s template-suggestion rule (run after changing a template)')
    .action(async (type: string | undefined, options: { templates?: string; config?: string | boolean; fingerprint?: boolean }) => {
      const { runTemplates } = await import('./new-command.js');
      setExit(await runTemplates(type, options, io));
    });

  program
    .command('lsp')
    .description('Run the language server: diagnostics while you write, quick fixes, rule pages on hover (see the README for editor setup).')
    .option('--stdio', 'speak the Language Server Protocol on standard input and output (the default, and the only transport)')
    .addOption(new Option('--clientProcessId <pid>', 'exit when this process (the editor) is gone').hideHelp())
    .action(async () => {
      const { runLsp } = await import('../lsp/server.js'); // the LSP library loads only here
      setExit(await runLsp(io));
    });

  // commander's own `help nope` prints the whole usage and no word of what went wrong.
  program.helpCommand(false);
  program
    .command('help')
    .description('show help for mlsd, or for one command')
    .argument('[command]', 'the command to explain')
    .action((name: string | undefined) => {
      const command = name === undefined ? program : program.commands.find((c) => c.name() === name);
      if (!command) throw new UserError(`unknown command '${name}'${didYouMean(name!, program.commands.map((c) => c.name()))}`);
      command.outputHelp();
    });

  // commander's own --version ignores whatever else is given (`mlsd --version extra`, `mlsd lint --version`):
  // a usage error here, as every command's unexpected arguments are.
  program.on('option:version', () => {
    const others = argv.slice(2).filter((arg) => arg !== '-v' && arg !== '--version');
    if (others.length > 0) throw new UserError(`--version takes no arguments, but got ${others.map((a) => `"${a}"`).join(' ')}`);
    io.stdout.write(`${VERSION}\n`);
    throw new CommanderError(0, 'commander.version', VERSION);
  });
  for (const command of program.commands) refuseBothConfigFlags(command);
  return program;
}

/**
 * --config and --no-config set one value, the later winning: given both, one would be dropped
 * without a word (a CI script's --config behind a wrapper's --no-config), so both is a usage error.
 */
function refuseBothConfigFlags(command: Command): void {
  if (!command.options.some((option) => option.long === '--no-config')) return;
  const given = new Set<string>();
  for (const flag of ['config', 'no-config']) {
    command.on(`option:${flag}`, () => {
      given.add(flag);
      if (given.size === 2) throw new UserError('--config and --no-config contradict each other: give one of them');
    });
  }
}


/** This process's streams and working directory. */
function processIo(): Io {
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch (error) {
    // The folder was deleted (or moved) after the shell entered it: the user's to fix, not a bug.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError('the current folder no longer exists (deleted or moved since the shell entered it): cd to one that does');
    throw error;
  }
  return { cwd, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Run the CLI; resolves to the exit code. Errors the user can fix print one line, never a stack. */
export async function main(argv: string[], given?: Io): Promise<number> {
  const report = { stderr: given?.stderr ?? process.stderr, env: given?.env ?? process.env };
  try {
    const io = given ?? processIo();
    let code: number = EXIT.ok;
    await buildProgram(io, (c) => (code = c), argv).parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage; // help and --version exit 0; commander already printed the problem
    }
    if (error instanceof UserError) {
      for (const line of error.message.split('\n')) report.stderr.write(`mlsd: ${line}\n`);
      return error.exitCode;
    }
    reportInternalError(error, report);
    return EXIT.usage;
  }
}

/**
 * A bug in mlsd, not in the user's input: one line and where to report it, never a stack trace
 * (MLSD_DEBUG=1 prints it, for the report).
 */
export function reportInternalError(error: unknown, io: Pick<Io, 'stderr' | 'env'>): void {
  io.stderr.write(`mlsd: internal error: ${firstLine(error)}\n`);
  if (io.env.MLSD_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write('mlsd: this is a bug in mlsd; please report it with the command you ran (MLSD_DEBUG=1 prints the stack trace)\n');
}

/**
 * Standard output failed (a full disk, a file size limit): an I/O error like any file mlsd cannot
 * write, said in one line, not a bug. A reader closing a pipe early is not a failure (bin/mlsd.js).
 */
export function reportOutputError(error: unknown, io: Pick<Io, 'stderr'>): void {
  io.stderr.write(`mlsd: cannot write to standard output: ${whyWriteFailed(error)}\n`);
}
