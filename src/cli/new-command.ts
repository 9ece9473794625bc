import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Document, isMap, isScalar } from 'yaml';
import { Checklists, matcher, settingsFor } from '../config/settings.js';
import type { Checklist } from '../checklist/types.js';
import { configFor, relativeToRoot } from '../config/resolve.js';
import { designDocScope, draftsFolder } from '../run/design-docs.js';
import type { Answers, FingerprintsFile, Given, Resumable, ScaffoldConfig, TemplateGap, TemplateSpec } from '../scaffold/index.js';
import { EXIT, UserError } from '../errors.js';
import { didYouMean, meant } from '../suggest.js';
import type { Io } from '../io/process.js';
import { safeWrite, whyWriteFailed } from '../io/write.js';
import { readText } from './io.js';
import { loadPrompts, styles, type Prompts } from './new-prompt.js';

export interface NewOptions {
  type?: string;
  out?: string;
  force?: boolean;
  dryRun?: boolean;
  answers?: string;
  set?: string[];
  yes?: boolean;
  templates?: string;
  /** Continue the interview an earlier run kept (interrupted, or a dry run). */
  resume?: boolean;
  /** Write the final answers here, so `--answers` draws the same doc again. */
  saveAnswers?: string;
  /** --config <file>, or false for --no-config. */
  config?: string | boolean;
}

/** Ctrl-C during a prompt: inquirer rejects with an ExitPromptError. */
const isInterrupt = (error: unknown) => error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');

function today(env: NodeJS.ProcessEnv): Date {
  const fixed = env.MLSD_NOW;
  if (fixed === undefined || fixed === '') return new Date();
  const date = new Date(fixed);
  if (Number.isNaN(date.getTime())) throw new UserError(`MLSD_NOW="${fixed}" is not an ISO date`);
  return date;
}


type TeamScaffolding = ScaffoldConfig & {
  checklist: Checklist;
  draftsDir: string;
  /** Why `mlsd lint` with no files named (CI, the pre-commit hook) would pass over a doc written here, if it would. */
  unlinted: (path: string) => string | undefined;
};

/** What the team config gives `new`: default answers, a templates folder, sections, where drafts go, and its checklist. */
async function teamScaffolding(flags: { config?: string | boolean }, io: Io): Promise<TeamScaffolding> {
  const resolved = await configFor(flags, io.cwd);
  const { templates, answers, sections } = resolved.config;
  return {
    defaults: answers,
    templatesDir: templates === undefined ? undefined : relative(io.cwd, resolve(resolved.root, templates)) || '.',
    sections,
    // Drafts go where the repository keeps them, wherever in it the command runs, and where lint looks.
    draftsDir: draftsFolder(resolved, io.cwd),
    configFile: resolved.file,
    placeOf: (key) => resolved.placeOf(['answers', key]),
    checklist: new Checklists().for(settingsFor(resolved.config, undefined)),
    unlinted: (path) => {
      const rel = relativeToRoot(resolved, path, io.cwd);
      const { paths, ignores } = resolved.config;
      if (paths && !designDocScope(resolved, io.cwd).inPaths(rel)) return `is outside the config's "paths" (${paths.join(', ')})`;
      if (matcher(ignores)(rel)) return 'is in the config\'s "ignores"';
      return undefined;
    },
  };
}

/**
 * Refuse a file that could not be written, before anything is asked or written: the deepest folder
 * of its path that exists must be a folder this process may create files in (the write makes the
 * rest). A doc written and its answers then lost, or the other way round, would need --force to redo.
 */
function checkWritable(path: string, shown: string): void {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const why = !statSync(dir).isDirectory()
    ? 'a parent of the path is a file, not a directory'
    : existsSync(path) && statSync(path).isDirectory()
      ? 'it is a directory'
      : (() => {
          try {
            accessSync(dir, constants.W_OK | constants.X_OK);
            return undefined;
          } catch (error) {
            return whyWriteFailed(error);
          }
        })();
  if (why !== undefined) throw new UserError(`cannot write ${shown}: ${why}; nothing was changed`);
}

/** A problem type no template has: the types it most likely meant, and every type. */
function unknownType(s: typeof import('../scaffold/index.js'), typed: string, templates: Map<string, TemplateSpec>): UserError {
  return new UserError(`unknown problem type "${typed}"${meant(s.typesLike(typed, templates.values()))}; choose from: ${[...templates.keys()].join(', ')} (mlsd templates describes them)`);
}

/** `mlsd new <name>`: resolve the problem type and answers, render the doc, write it safely. */
export async function runNew(name: string, options: NewOptions, io: Io): Promise<number> {
  const s = await import('../scaffold/index.js');
  const config = await teamScaffolding(options, io);
  try {
    return await newDoc(s, name, options, io, config);
  } catch (error) {
    if (isInterrupt(error)) {
      io.stderr.write('\nmlsd: interrupted; nothing was written\n');
      return EXIT.interrupted;
    }
    throw error;
  }
}

const display = (io: Io, path: string) => relative(io.cwd, path) || path;

/** Continue the answers an earlier run kept (as --resume does), or start afresh: then they go once this run keeps its own. */
async function offerResume(prompts: Prompts, kept: Resumable, target: string): Promise<Resumable | undefined> {
  const count = Object.keys(kept.state.answers).length;
  const answer = await prompts.choice({
    message: `An earlier run that wrote no doc kept ${count} answer(s) for ${target}`,
    progress: 'Kept answers',
    choices: [
      { value: 'resume', name: 'Continue them (as --resume does)' },
      { value: 'afresh', name: 'Start afresh (they are replaced by this run\'s answers)' },
    ],
    suggestion: 'resume',
    canGoBack: false,
  });
  return 'value' in answer && answer.value === 'resume' ? kept : undefined;
}

async function newDoc(s: typeof import('../scaffold/index.js'), name: string, options: NewOptions, io: Io, config: TeamScaffolding): Promise<number> {
  s.checkName(name);
  const now = today(io.env);
  const teamDir = options.templates ?? config.templatesDir;
  const templates = s.loadTemplates(teamDir === undefined ? undefined : resolve(io.cwd, teamDir), s.BUILT_IN_DIR, io.cwd);
  const targetPath = options.out !== undefined ? resolve(io.cwd, options.out) : join(config.draftsDir, `${name}.md`);
  const target = display(io, targetPath);
  const interactive = io.stdin.isTTY === true && !options.yes;
  const keptAt = s.resumePath(targetPath, io.env);
  const saveAnswersPath = options.saveAnswers === undefined ? undefined : resolve(io.cwd, options.saveAnswers);

  // Refuse before asking anything: the answers would be wasted. A dry run writes nothing, so overwrites nothing.
  if (saveAnswersPath === targetPath) throw new UserError(`--save-answers and the doc are both ${target}; save the answers to another file`);
  // A folder is no file to overwrite: checkWritable says so, rather than suggest --force.
  const taken = (path: string) => existsSync(path) && !statSync(path).isDirectory();
  if (!options.force && !options.dryRun) {
    if (taken(targetPath)) throw new UserError(`${target} already exists; use --force to overwrite it`);
    if (saveAnswersPath && taken(saveAnswersPath)) throw new UserError(`${options.saveAnswers} already exists; use --force to overwrite it`);
  }
  if (!options.dryRun) {
    checkWritable(targetPath, target);
    if (saveAnswersPath) checkWritable(saveAnswersPath, options.saveAnswers!);
  }
  let resumed = options.resume ? s.loadResumable(keptAt) : undefined;
  if (options.resume && !resumed) throw new UserError(`nothing to resume for ${target}: no interrupted \`mlsd new ${name}\` kept answers for it`);
  let prompts: Prompts | undefined;
  if (!options.resume && existsSync(keptAt)) {
    const kept = s.loadResumable(keptAt);
    // A fresh run keeps its own answers in the same place, so its first answer would replace them: ask first.
    if (interactive && kept && (options.type === undefined || options.type === kept.type)) {
      prompts = await loadPrompts(io);
      resumed = await offerResume(prompts, kept, target);
    } else io.stderr.write(`mlsd: an earlier run that wrote no doc kept answers for ${target}; this run starts afresh (--resume continues them)\n`);
  }

  const file = options.answers === undefined ? undefined : s.parseAnswersFile(await readText(resolve(io.cwd, options.answers), options.answers), options.answers);

  // The kept answers were given to, and their suggestions accepted from, one template's questions.
  if (resumed && options.type !== undefined && options.type !== resumed.type) {
    throw new UserError(`the answers kept for ${target} are for the ${resumed.type} template, not ${options.type}: resume without --type, or start afresh without --resume`);
  }
  let typeId = options.type ?? resumed?.type;
  if (typeId !== undefined && !templates.has(typeId)) {
    throw unknownType(s, typeId, templates);
  }
  // A type chosen at the prompt can be chosen again: Ctrl-B at the first question goes back to it. One given (--type, --resume) cannot.
  const typeAsked = typeId === undefined && interactive;
  const chooseType = async (suggestion: string, again = false): Promise<string> => {
    prompts ??= await loadPrompts(io);
    const choices = [...templates.values()].map((t) => ({ name: `${t.title} (${t.id})`, value: t.id, description: t.description }));
    const progress = again ? 'Problem type (the answers so far are suggested again where the type chosen asks them)' : 'Problem type (inferred from the name; confirm or choose another)';
    const answer = await prompts.choice({ message: 'Problem type', progress, choices, suggestion, canGoBack: false });
    return 'value' in answer ? answer.value : suggestion;
  };
  if (typeId === undefined) {
    const inferred = s.inferType(name, templates.values());
    if (interactive) {
      typeId = await chooseType(inferred);
    } else {
      typeId = inferred;
      const why = typeId === s.GENERIC ? 'the name points to no other' : 'inferred from the name';
      io.stderr.write(`mlsd: problem type ${typeId} (${why}; --type chooses another)\n`);
    }
  }
  // A section of the team's own is drawn as a heading and a placeholder; one a letter away from a drawn one is a typo.
  const drawn = s.drawnSections(teamDir === undefined ? undefined : resolve(io.cwd, teamDir));
  for (const id of config.sections ?? []) {
    const close = drawn.includes(id) ? '' : didYouMean(id, drawn);
    if (close) io.stderr.write(`mlsd: ${config.configFile ?? 'the config'}, sections: "${id}" is drawn by no template${close}; it gets a heading and a placeholder\n`);
  }
  // A team default no template asks is a typo; one another template asks is that template's.
  const askedAnywhere = new Set([...templates.values()].flatMap((t) => t.questions.map((q) => q.key)));
  // Said once, should the type be chosen again and say it again.
  const warned = new Set<string>();
  const warn = (line: string) => void (warned.has(line) || (warned.add(line), io.stderr.write(line)));
  /** A type's questions, as the config's sections leave them, and the answers given to them. */
  const prepare = (id: string) => {
    const chosen = templates.get(id) as TemplateSpec;
    // Reviewer sections the team left out are not asked about.
    const template = s.withSections(chosen, config.sections, teamDir === undefined ? undefined : resolve(io.cwd, teamDir));
    const resolution = s.resolveAnswers({ questions: template.questions, config, file, sets: options.set ?? [], context: { title: s.titleFromName(name) }, askedAnywhere });
    // A key a reviewer section asks, which the config's sections leave out, is no typo.
    const leftOut = resolution.unknown.filter((k) => chosen.questions.some((q) => q.key === k));
    // A team default no template asks was refused above: one left here is another type's, no typo.
    const unknown = resolution.unknown.filter((k) => !leftOut.includes(k) && resolution.sources[k] !== 'config');
    if (leftOut.length > 0) {
      warn(`mlsd: ${leftOut.map((k) => `"${k}"`).join(', ')} ${leftOut.length === 1 ? 'is' : 'are'} asked only in sections that "sections" in ${config.configFile ?? 'the config'} leaves out; kept for the template\n`);
    }
    if (unknown.length > 0) {
      warn(`mlsd: no ${template.id} question asks ${unknown.map((k) => `"${k}"${didYouMean(k, template.questions.map((q) => q.key))}`).join(', ')}; kept for the template, check the spelling\n`);
    }
    return { template, resolution };
  };
  let { template, resolution } = prepare(typeId);
  let answers: Answers;
  let unanswered: string[] = [];
  // The questions the user left for later (`-` at the prompt, no value in the answers file): --save-answers keeps them so.
  let leftForLater: string[] = [];
  // Answers given, not suggested: --answers and --set, and what a typed answer held for another question.
  const withHeld = (held: Given): Given => ({ answers: { ...resolution.answers, ...held.answers }, heldBy: { ...resolution.heldBy, ...held.heldBy } });
  let given: Given = resolution;
  // What was typed at the prompts, kept for --resume if the doc can't be written after all.
  let typed: { state: Resumable['state']; count: number } | undefined;
  const again = [`mlsd new ${name}`, options.out !== undefined ? `--output ${options.out}` : '', '--resume'].filter(Boolean).join(' ');
  if (!interactive) {
    const merged = { ...resolution, answers: { ...(resumed?.state.answers ?? {}), ...resolution.answers } };
    // A kept interview may hold answers typed for other questions (the percentile of "p95 45 min"): given, as in a fresh run.
    if (resumed) given = withHeld(new s.Interview(template.questions, resolution, resumed.state).final().held);
    const leftEmpty = [...(resumed?.state.skipped ?? []), ...resolution.leftForLater];
    if (options.yes) {
      ({ answers, unanswered } = s.acceptDefaults(template.questions, merged, leftEmpty));
      // Not those --yes found no suggestion for: asked in a terminal when the answers are replayed.
      leftForLater = unanswered.filter((key) => leftEmpty.includes(key));
    } else {
      const pending = s.pendingQuestions(template.questions, merged.answers, merged.suggestions, leftEmpty);
      if (pending.length > 0) {
        throw new UserError(
          `no terminal to ask ${pending.length} question(s): ${pending.map((q) => q.key).join(', ')}; answer them with --answers <file> or --set key=value, or accept the suggested answers with --yes`,
        );
      }
      answers = merged.answers;
      unanswered = leftForLater = leftEmpty.filter((key) => template.questions.some((q) => q.key === key && s.applies(q, answers)));
    }
  } else {
    prompts ??= await loadPrompts(io);
    let interview = new s.Interview(template.questions, resolution, resumed?.state);
    if (resumed) io.stderr.write(`mlsd: resuming ${template.id} with the ${Object.keys(resumed.state.answers).length} answer(s) kept\n`);
    try {
      // Kept after every answer, not only on Ctrl-C: a closed terminal (SIGHUP) ends the process before any handler could save them.
      const keep = () => s.saveResumable(keptAt, { name, type: template.id, state: interview.state() });
      while ((await interview_(s, interview, prompts, io, keep, typeAsked)) === 'type') {
        // Back at the type: the answers typed so far are suggested again wherever the type chosen asks them.
        const takenBack = interview.takenBack();
        ({ template, resolution } = prepare(await chooseType(template.id, true)));
        interview = new s.Interview(template.questions, resolution);
        interview.suggestAgain(takenBack);
      }
    } catch (error) {
      if (!isInterrupt(error)) throw error;
      const kept = interview.state();
      if (Object.keys(kept.answers).length === 0) throw error;
      await s.saveResumable(keptAt, { name, type: template.id, state: kept });
      io.stderr.write(`\nmlsd: interrupted; no doc was written. Your ${interview.answeredCount} answer(s) so far are kept: run \`${again}\` to continue.\n`);
      return EXIT.interrupted;
    }
    let held: Given;
    ({ answers, unanswered, held } = interview.final());
    leftForLater = unanswered;
    given = withHeld(held);
    typed = { state: interview.state(), count: interview.answeredCount };
  }

  // An answer given for a question an earlier answer skips would be dropped without a word; so would
  // the percentile a budget states ("p95 150 ms", given or typed) when batch serving asks for none.
  const unused = s.unusedAnswers(template.questions, Object.keys(given.answers), answers).map((q) => {
    const by = given.heldBy[q.key];
    const what = by === undefined ? `"${q.key}" is not used: it` : `the percentile ${given.answers[q.key]} stated with "${by}" is not used: ${q.key}`;
    return `${what} is asked only when ${conditionText(q.when!)} (${q.when!.key} is ${answers[q.when!.key] ?? 'not answered'})`;
  });
  if (unused.length > 0) io.stderr.write(`mlsd: ${unused.join('; ')}\n`);

  // A slot inserting a key no question asks is a typo the draft would keep as a placeholder.
  const unasked: string[] = [];
  const onGap = (gap: TemplateGap) => void (gap.kind === 'unasked' && unasked.push(gap.key));
  const text = await s.renderDocument({ template, answers, checklist: config.checklist, name, now, teamDir: teamDir === undefined ? undefined : resolve(io.cwd, teamDir), sections: config.sections, cwd: io.cwd, onGap });
  if (unasked.length > 0) {
    io.stderr.write(`mlsd: the ${template.id} template inserts ${unasked.map((k) => `"${k}"`).join(', ')}, which no question asks: left as ${s.PLACEHOLDER} placeholders; check the spelling (mlsd templates ${template.id} lists the keys)\n`);
  }
  if (options.dryRun) {
    io.stdout.write(text);
    if (saveAnswersPath) io.stderr.write(`mlsd: --save-answers ${options.saveAnswers} was not written: --dry-run writes nothing\n`);
    if (typed) io.stderr.write(`mlsd: your ${typed.count} answer(s) are kept: \`${again}\` writes the doc from them\n`);
  } else {
    try {
      await safeWrite(targetPath, text, { force: options.force === true, shown: target });
    } catch (error) {
      // Answers typed at the prompts are the user's work: a doc that can't be written now (a file
      // of its name appeared meanwhile, the disk filled) keeps them for --resume, as Ctrl-C does.
      if (!(error instanceof UserError) || !typed) throw error;
      await s.saveResumable(keptAt, { name, type: template.id, state: typed.state });
      throw new UserError(`${error.message}. Your ${typed.count} answer(s) are kept: once ${target} can be written, \`${again}\` writes the doc from them`);
    }
    io.stderr.write(`mlsd: wrote ${target} (${template.id} template, version ${template.version})\n`);
    // A draft no check will look at is one nobody reviews against the checklist: say so while it is one file.
    const unlinted = config.unlinted(targetPath);
    if (unlinted !== undefined) {
      const fix = options.out === undefined && unlinted.startsWith('is outside') ? `; write it there (--output) or set "drafts" in ${config.configFile ?? 'the config'}` : `; see "paths" and "ignores" in ${config.configFile ?? 'the config'}`;
      io.stderr.write(`mlsd: ${target} ${unlinted}: mlsd lint, the pull request check and the pre-commit hook will skip it${fix}\n`);
    }
    if (saveAnswersPath) {
      const header = [
        `# Answers for \`mlsd new ${name} --type ${template.id} --answers ${options.saveAnswers} --yes\`, which draws the same doc again.`,
        '# Suggestions derived from these answers (the latency breakdown from the budget) are not saved: --yes derives them again.',
        '',
      ].join('\n');
      const saved = new Document(s.answersToSave(template.questions, answers, resolution, leftForLater));
      // The questions left for later come last, with no value, under a comment that says what that means.
      const pairs = isMap(saved.contents) ? saved.contents.items : [];
      const firstLeft = pairs.find((pair) => isScalar(pair.value) && pair.value.value === null);
      if (isScalar(firstLeft?.key)) {
        firstLeft.key.commentBefore = ` Left for later: with no value, --yes leaves each a ${s.PLACEHOLDER} placeholder rather than take its suggestion; write an answer after the colon to give one.`;
        firstLeft.key.spaceBefore = pairs[0] !== firstLeft;
      }
      try {
        await safeWrite(saveAnswersPath, header + saved.toString({ lineWidth: 0, nullStr: '' }), { force: options.force === true, shown: options.saveAnswers! });
      } catch (error) {
        // Checked writable before any question, so this is rare (a full disk); the doc is written, and the message says so.
        if (!(error instanceof UserError)) throw error;
        throw new UserError(`wrote ${target}, but not the answers: ${error.message.replace(/; nothing was changed$/, '')}`);
      }
      io.stderr.write(`mlsd: saved the answers to ${options.saveAnswers}\n`);
    }
    s.clearResumable(keptAt); // only a written doc ends the interview: a dry run may be followed by --resume
  }
  if (unanswered.length > 0) {
    io.stderr.write(`mlsd: left ${unanswered.length} question(s) as ${s.PLACEHOLDER} placeholders: ${unanswered.join(', ')}\n`);
  }
  return EXIT.ok;
}

/**
 * Ask the interview's questions in order, with progress and section headings; Ctrl-B goes back one.
 * `keep` saves the answers so far. With `typeAsked`, Ctrl-B at the first question ends it with
 * 'type', to choose the problem type again.
 */
async function interview_(s: typeof import('../scaffold/index.js'), interview: InstanceType<typeof s.Interview>, prompts: Prompts, io: Io, keep: () => Promise<void>, typeAsked: boolean): Promise<'done' | 'type'> {
  let section: string | undefined;
  for (let step = interview.next(); step; step = interview.next()) {
    const { question } = step;
    const title = s.SECTION_TITLES[question.section];
    if (question.section !== section) {
      io.stderr.write(`\n${styles(io.env).bold(`── ${title} ──`)}\n`);
      section = question.section;
    }
    const progress = `${title} · ${step.position} of ${step.total}`;
    const canGoBack = step.canGoBack || typeAsked;
    const result =
      question.type === 'choice'
        ? await prompts.choice({ message: question.message, progress, hint: question.hint, choices: (question.choices ?? []).map((c) => ({ name: c, value: c })), suggestion: step.suggestion, canGoBack })
        : await prompts.text({
            message: question.message,
            progress,
            hint: question.hint,
            suggestion: step.suggestion,
            required: question.required === true,
            canGoBack,
            validate: (value) => {
              const checked = s.checkAnswers(question, value, interview.questions);
              return checked.ok ? interview.contradiction(question.key, value) : `The answer ${checked.reason}`;
            },
          });
    if ('back' in result) {
      if (!step.canGoBack) return 'type';
      interview.back();
      continue;
    }
    interview.answer(question.key, result.value); // left empty: rendered as a placeholder
    await keep();
  }
  return 'done';
}

/** `mlsd templates [type]`: every template, or one type's questions; `--fingerprint` records a folder's template text for lint. */
export async function runTemplates(type: string | undefined, options: { templates?: string; config?: string | boolean; fingerprint?: boolean }, io: Io): Promise<number> {
  const s = await import('../scaffold/index.js');
  const config = await teamScaffolding(options, io);
  const teamDir = options.templates ?? config.templatesDir;
  const templates = s.loadTemplates(teamDir === undefined ? undefined : resolve(io.cwd, teamDir), s.BUILT_IN_DIR, io.cwd);
  if (type !== undefined && !templates.has(type)) throw unknownType(s, type, templates);
  if (options.fingerprint) {
    // A team folder's templates, never another folder's files; the build records the built-in ones.
    if (teamDir === undefined) throw new UserError('--fingerprint records a team folder\'s templates (--templates <dir> or the config\'s "templates"); the built-in ones are recorded when mlsd is built');
    return fingerprintTemplates(s, [...templates.values()].filter((t) => t.origin === 'team' && (type === undefined || t.id === type)), config, teamDir, io);
  }
  if (type !== undefined) {
    const team = teamDir === undefined ? undefined : resolve(io.cwd, teamDir);
    // The questions `mlsd new` asks with this config: none that only a reviewer section it leaves out would use.
    const template = s.withSections(templates.get(type)!, config.sections, team);
    io.stdout.write(describeQuestions(s, template));
    io.stdout.write(await describeGaps(s, template, config, team, io.cwd));
    return EXIT.ok;
  }
  const rows = [...templates.values()].sort((a, b) => a.id.localeCompare(b.id));
  const width = Math.max(...rows.map((t) => t.id.length));
  for (const t of rows) {
    const origin = t.origin === 'team' ? (t.overrides ? `team: ${teamDir}, overrides built-in` : `team: ${teamDir}`) : 'built-in';
    io.stdout.write(`${t.id.padEnd(width)}  ${t.title} (v${t.version}, ${origin})\n${' '.repeat(width)}  ${t.description}\n`);
  }
  return EXIT.ok;
}

const oneLine = (text: string, max = 110) => {
  const line = text.includes('\n') ? `${text.split('\n')[0]} …` : text;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

const conditionText = (c: { key: string; equals?: string; in?: string[]; notIn?: string[] }) =>
  c.equals !== undefined ? `${c.key} is ${c.equals}` : c.in ? `${c.key} is ${c.in.join(' or ')}` : `${c.key} is not ${c.notIn!.join(' or ')}`;

/**
 * What a type's template leaves out, found by drawing it from its suggestions in every serving mode:
 * questions no slot inserts (mlsd places their answers under their stage), and keys slots insert
 * that no question asks (a typo: a placeholder in every draft). Empty when the template covers both.
 */
async function describeGaps(s: typeof import('../scaffold/index.js'), t: TemplateSpec, config: TeamScaffolding, teamDir: string | undefined, cwd: string): Promise<string> {
  const placed = new Map<string, string>();
  const unasked = new Set<string>();
  const onGap = (gap: TemplateGap) => {
    if (gap.kind === 'unasked') unasked.add(gap.key);
    else placed.set(gap.key, gap.other ? 'Other answers' : s.SECTION_TITLES[gap.section]);
  };
  for (const mode of t.questions.find((q) => q.key === 'serving_mode')?.choices ?? [undefined]) {
    const resolution = s.resolveAnswers({ questions: t.questions, context: { title: t.title } });
    if (mode !== undefined) resolution.answers.serving_mode = mode;
    const { answers } = s.acceptDefaults(t.questions, resolution);
    await s.renderDocument({ template: t, answers, checklist: config.checklist, name: t.id, now: new Date(0), teamDir, sections: config.sections, cwd, onGap });
  }
  const out: string[] = [];
  if (placed.size > 0) out.push('', 'Asked, but inserted by no slot of the template (mlsd places the answer under its stage):', ...[...placed].sort(([a], [b]) => a.localeCompare(b)).map(([key, where]) => `  ${key}  (under ${where})`));
  if (unasked.size > 0) out.push('', `Inserted by the template, but asked by no question (a ${s.PLACEHOLDER} placeholder unless answered with --set):`, ...[...unasked].map((key) => `  ${key}`));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** A type's questions, in asking order and by framework stage: key, prompt, choices, conditions and suggestions. */
function describeQuestions(s: typeof import('../scaffold/index.js'), t: TemplateSpec): string {
  const out = [`${t.id}: ${t.title} (v${t.version}, ${t.origin})`, `${t.description}`, '', 'Answer with --set key=value or an --answers file keyed by these keys.'];
  let section: string | undefined;
  for (const q of t.questions) {
    if (q.section !== section) {
      out.push('', s.SECTION_TITLES[q.section]);
      section = q.section;
    }
    const notes = [q.type !== 'text' ? q.type : '', q.required ? 'required' : '', q.when ? `asked when ${conditionText(q.when)}` : ''].filter(Boolean);
    out.push(`  ${q.key}${notes.length ? `  (${notes.join('; ')})` : ''}`, `      ${q.message}`);
    if (q.choices) out.push(`      choices: ${q.choices.join(', ')}`);
    if (q.split) out.push(`      suggested: a table of ${Object.keys(q.split.stages).join(', ')} that adds up to ${q.split.of}`);
    else if (q.default !== undefined) out.push(`      suggested: ${oneLine(q.default)}`);
    for (const v of q.variants ?? []) {
      const what = v.split ? `a table of ${Object.keys(v.split.stages).join(', ')} that adds up to ${v.split.of}` : oneLine(v.default ?? '');
      out.push(`      when ${conditionText(v.when)}: ${what}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * Record each team template's text for lint's template-suggestion rule: the fingerprints of every
 * sentence it suggests, under its current version in <template>/fingerprints.json. Earlier versions
 * stay in the file, so drafts made from them are still recognised.
 */
async function fingerprintTemplates(s: typeof import('../scaffold/index.js'), list: TemplateSpec[], config: TeamScaffolding, teamDir: string, io: Io): Promise<number> {
  const team = resolve(io.cwd, teamDir);
  for (const t of list) {
    const path = join(t.dir, s.FINGERPRINTS_FILE);
    const recorded = existsSync(path) ? (JSON.parse(await readText(path)) as FingerprintsFile) : undefined;
    const data = await s.withCurrentVersion(recorded?.versions ?? {}, t, config.checklist, team);
    await safeWrite(path, `${JSON.stringify(data, null, 1)}\n`, { force: true });
    io.stderr.write(`mlsd: recorded the text of ${t.id} v${t.version} in ${display(io, path)}\n`);
  }
  return EXIT.ok;
}
