import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Checklists, settingsFor } from '../checklist/build.js';
import type { Checklist } from '../checklist/types.js';
import { configFor } from './config-loader.js';
import type { Answers, Question, ScaffoldConfig, TemplateSpec } from '../scaffold/index.js';
import { EXIT, UsageError } from './errors.js';
import { importModule } from '../import-module.js';
import { readText, type Io } from './io.js';
import { DEFAULT_DESIGN_FOLDER } from '../scaffold/design-folder.js';

export interface NewOptions {
  type?: string;
  out?: string;
  force?: boolean;
  dryRun?: boolean;
  answers?: string;
  set?: string[];
  yes?: boolean;
  templates?: string;
  /** --config <file>, or false for --no-config. */
  config?: string | boolean;
}

/** Ctrl-C during a prompt: inquirer rejects with an ExitPromptError. */
const isInterrupt = (error: unknown) => error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');

function today(env: NodeJS.ProcessEnv): Date {
  const fixed = env.MLSD_NOW;
  if (fixed === undefined || fixed === '') return new Date();
  const date = new Date(fixed);
  if (Number.isNaN(date.getTime())) throw new UsageError(`MLSD_NOW="${fixed}" is not an ISO date`);
  return date;
}

type Prompt = (questions: object[]) => Promise<Record<string, unknown>>;

async function loadPrompt(io: Io): Promise<Prompt> {
  const { createPromptModule } = await importModule<typeof import('inquirer')>('inquirer');
  // Prompts go to stderr, so `mlsd new x --dry-run > doc.md` keeps the doc clean.
  return createPromptModule({ input: io.stdin, output: io.stderr }) as unknown as Prompt;
}

async function ask(prompt: Prompt, question: Question, suggestion: string | undefined, check: (q: Question, v: unknown) => string | true, io: Io): Promise<string> {
  if (question.hint) io.stderr.write(`\x1b[2m  ${question.hint}\x1b[22m\n`);
  const answer = await prompt([
    question.type === 'choice'
      ? { type: 'select', name: 'v', message: question.message, choices: question.choices, default: suggestion }
      : { type: 'input', name: 'v', message: question.message, default: suggestion, validate: (v: unknown) => (String(v ?? '').trim() === '' ? true : check(question, v)) },
  ]);
  return String(answer.v ?? '').trim();
}

type TeamScaffolding = ScaffoldConfig & { checklist: Checklist };

/** What the team config gives `new`: default answers, a templates folder, and its checklist's sections. */
async function teamScaffolding(flags: { config?: string | boolean }, io: Io): Promise<TeamScaffolding> {
  const resolved = await configFor(flags, io.cwd);
  const { templates, answers } = resolved.config;
  return {
    defaults: answers,
    templatesDir: templates === undefined ? undefined : relative(io.cwd, resolve(resolved.root, templates)) || '.',
    checklist: new Checklists().for(settingsFor(resolved.config, undefined)),
  };
}

/** `mlsd new <name>`: resolve the problem type and answers, render the doc, write it safely. */
export async function runNew(name: string, options: NewOptions, io: Io): Promise<number> {
  const s = await import('../scaffold/index.js');
  const config = await teamScaffolding(options, io);
  try {
    return await newDoc(s, name, options, io, config);
  } catch (error) {
    if (error instanceof s.ScaffoldError) throw new UsageError(error.message);
    if (isInterrupt(error)) {
      io.stderr.write('\nmlsd: interrupted; nothing was written\n');
      return EXIT.interrupted;
    }
    throw error;
  }
}

async function newDoc(s: typeof import('../scaffold/index.js'), name: string, options: NewOptions, io: Io, config: TeamScaffolding): Promise<number> {
  s.checkName(name);
  const now = today(io.env);
  const teamDir = options.templates ?? config.templatesDir;
  const templates = s.loadTemplates(teamDir === undefined ? undefined : resolve(io.cwd, teamDir));
  const target = options.out ?? join(DEFAULT_DESIGN_FOLDER, `${name}.md`);
  const targetPath = resolve(io.cwd, target);
  const interactive = io.stdin.isTTY === true && !options.yes;

  // Refuse before asking anything: the answers would be wasted.
  if (!options.dryRun && !options.force) {
    if (existsSync(targetPath)) throw new UsageError(`${target} already exists; use --force to overwrite it`);
  }

  const file = options.answers === undefined ? undefined : s.parseAnswersFile(await readText(resolve(io.cwd, options.answers)), options.answers);

  let typeId = options.type;
  if (typeId !== undefined && !templates.has(typeId)) {
    throw new UsageError(`unknown problem type "${typeId}" (choose from: ${[...templates.keys()].join(', ')})`);
  }
  let prompt: Prompt | undefined;
  if (typeId === undefined) {
    const inferred = s.inferType(name, templates.values());
    if (interactive) {
      prompt = await loadPrompt(io);
      const choices = [...templates.values()].map((t) => ({ name: `${t.title} (${t.id})`, value: t.id, description: t.description }));
      const answer = await prompt([{ type: 'select', name: 'v', message: 'Problem type', choices, default: inferred }]);
      typeId = String(answer.v);
    } else {
      typeId = inferred;
      io.stderr.write(`mlsd: problem type ${typeId} (inferred from the name; --type chooses another)\n`);
    }
  }
  const template = templates.get(typeId) as TemplateSpec;

  const resolution = s.resolveAnswers({ questions: template.questions, config, file, sets: options.set ?? [], context: { title: s.titleFromName(name) } });
  if (resolution.unknown.length > 0) {
    io.stderr.write(`mlsd: no ${template.id} question asks ${resolution.unknown.map((k) => `"${k}"`).join(', ')}; kept for the template, check the spelling\n`);
  }
  let answers: Answers;
  let unanswered: string[] = [];
  if (options.yes) {
    ({ answers, unanswered } = s.acceptDefaults(template.questions, resolution));
  } else if (!interactive) {
    const pending = s.pendingQuestions(template.questions, resolution.answers, resolution.suggestions);
    if (pending.length > 0) {
      throw new UsageError(
        `no terminal to ask ${pending.length} question(s): ${pending.map((q) => q.key).join(', ')}; answer them with --answers <file> or --set key=value, or accept the suggested answers with --yes`,
      );
    }
    answers = resolution.answers;
  } else {
    prompt ??= await loadPrompt(io);
    answers = { ...resolution.answers };
    const check = (q: Question, v: unknown): string | true => {
      const checked = s.checkAnswer(q, v);
      return checked.ok ? true : `The answer ${checked.reason}`;
    };
    for (const question of template.questions) {
      if (answers[question.key] !== undefined || !s.applies(question, answers)) continue;
      const raw = await ask(prompt, question, resolution.suggestions[question.key], check, io);
      const checked = s.checkAnswer(question, raw);
      if (checked.ok) answers[question.key] = checked.value;
      else unanswered.push(question.key); // left empty: rendered as a placeholder
    }
  }

  const text = await s.renderDocument({ template, answers, checklist: config.checklist, name, now, teamDir: teamDir === undefined ? undefined : resolve(io.cwd, teamDir) });
  if (options.dryRun) {
    io.stdout.write(text);
  } else {
    await s.safeWrite(targetPath, text, { force: options.force === true });
    io.stderr.write(`mlsd: wrote ${target} (${template.id} template, version ${template.version})\n`);
  }
  if (unanswered.length > 0) {
    io.stderr.write(`mlsd: left ${unanswered.length} question(s) as ${s.PLACEHOLDER} placeholders: ${unanswered.join(', ')}\n`);
  }
  return EXIT.ok;
}

/** `mlsd templates`: every template with its description and where it comes from. */
export async function runTemplates(options: { templates?: string; config?: string | boolean }, io: Io): Promise<number> {
  const s = await import('../scaffold/index.js');
  const config = await teamScaffolding(options, io);
  const teamDir = options.templates ?? config.templatesDir;
  let templates;
  try {
    templates = s.loadTemplates(teamDir === undefined ? undefined : resolve(io.cwd, teamDir));
  } catch (error) {
    if (error instanceof s.ScaffoldError) throw new UsageError(error.message);
    throw error;
  }
  const rows = [...templates.values()].sort((a, b) => a.id.localeCompare(b.id));
  const width = Math.max(...rows.map((t) => t.id.length));
  for (const t of rows) {
    const origin = t.origin === 'team' ? (t.overrides ? `team: ${teamDir}, overrides built-in` : `team: ${teamDir}`) : 'built-in';
    io.stdout.write(`${t.id.padEnd(width)}  ${t.title} (v${t.version}, ${origin})\n${' '.repeat(width)}  ${t.description}\n`);
  }
  return EXIT.ok;
}
