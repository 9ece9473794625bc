import { Command, CommanderError, Option } from 'commander';
import { ChecklistError } from '../checklist/types.js';
import { FORMAT_NAMES } from '../format/index.js';
import { EXIT, UsageError } from './errors.js';
import { runLint, type Io } from './lint-command.js';
import type { NewIo, NewOptions } from './new-command.js';
import { VERSION } from './version.js';

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('mlsd')
    .description('Write and enforce ML system design docs.\n\nScaffold a design doc from the ML system design framework, and lint design docs against a JSON Schema checklist: metrics, labels, leakage checks, latency budget, serving mode, drift monitoring.')
    .version(VERSION, '-v, --version', 'print the mlsd version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    .exitOverride();

  program
    .command('lint')
    .description('Check design docs against the checklist: each item is present, weak or absent.')
    .argument('[paths...]', 'files, folders (every .md/.markdown file inside, skipping node_modules and .git) or globs; "-" reads standard input', [])
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .addHelpText(
      'after',
      `
Exit codes:
  0  no errors (warnings allowed)
  1  at least one error
  2  usage, configuration or I/O error

Examples:
  $ mlsd lint docs/
  $ mlsd lint design.md 'docs/**/*.md'
  $ cat design.md | mlsd lint - --format json`,
    )
    .action(async (paths: string[], options: { format: string; color: boolean }) => {
      setExit(await runLint(paths, options, io));
    });

  program
    .command('new')
    .description('Scaffold a design doc: ask the ML system design framework questions and write docs/design/<name>.md.')
    .argument('<name>', 'the doc name, a slug such as "feed-ranking"; the problem type is inferred from it unless --type is given')
    .option('-t, --type <id>', 'problem type (see `mlsd templates`)')
    .option('-o, --out <file>', 'write here instead of docs/design/<name>.md')
    .option('-a, --answers <file>', 'answers as YAML or JSON, keyed by question key')
    .option('-s, --set <key=value>', 'answer one question (repeatable)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('-y, --yes', 'accept the suggested answers; never prompt')
    .option('--templates <dir>', 'a folder of team templates, added to (or replacing) the built-in ones')
    .option('--dry-run', 'print the doc instead of writing it')
    .option('-f, --force', 'overwrite an existing file')
    .addHelpText(
      'after',
      `
Answers are merged in this order, later winning: template defaults, team config, --answers, --set,
then prompts for whatever is still missing. Without a terminal mlsd never prompts: it exits 2 with
the missing question keys unless --yes accepts the suggested answers.

Exit codes:
  0    the doc was written (or printed with --dry-run)
  2    usage or I/O error, missing answers without a terminal, or the file already exists
  130  interrupted with Ctrl-C; nothing was written

Examples:
  $ mlsd new feed-ranking
  $ mlsd new fraud-scoring --type fraud-detection --yes --set owner=risk-ml
  $ mlsd new search-v2 --answers answers.yaml --dry-run`,
    )
    .action(async (name: string, options: NewOptions) => {
      const { runNew } = await import('./new-command.js');
      setExit(await runNew(name, options, newIo(io)));
    });

  program
    .command('templates')
    .description('List the design doc templates: built-in ones and a team folder\'s.')
    .option('--templates <dir>', 'a folder of team templates')
    .action(async (options: { templates?: string }) => {
      const { runTemplates } = await import('./new-command.js');
      setExit(await runTemplates(options, newIo(io)));
    });

  return program;
}

const newIo = (io: Io): NewIo => ({ ...io, stderr: io.stderr ?? process.stderr });

/** Run the CLI; resolves to the exit code. Errors the user can fix print one line, never a stack. */
export async function main(argv: string[], io: Io = { cwd: process.cwd(), stdout: process.stdout, stdin: process.stdin, env: process.env }): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage; // help and --version exit 0; commander already printed the problem
    }
    if (error instanceof UsageError || error instanceof ChecklistError) {
      process.stderr.write(`mlsd: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
