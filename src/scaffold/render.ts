import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml, Scalar, stringify } from 'yaml';
import { leadingHeading } from '../checklist/headings.js';
import type { Checklist, ChecklistItem } from '../checklist/types.js';
import { asText, blockToken, placeBlocks, type Block } from './answer-text.js';
import { applies } from './questions.js';
import { BUILT_IN_DIR, readTemplateText } from './templates.js';
import { FRONT_MATTER_ANSWERS, type Answers, type Question, type Section, type TemplateSpec } from './types.js';
import { displayPath } from '../config/file.js';
import { firstLine, UserError } from '../errors.js';
import { importModule } from '../runtime/import-module.js';

/** What an unanswered question leaves behind: a marker `mlsd lint` reports as a placeholder. */
export const PLACEHOLDER = 'TODO(mlsd)';

export const placeholderText = (what: string) => `${PLACEHOLDER}: ${what.replace(/\s+/g, ' ').trim()}`;

export interface RenderInput {
  template: TemplateSpec;
  answers: Answers;
  checklist: Checklist;
  /** The doc's name (slug) as given to `mlsd new`. */
  name: string;
  /** Date recorded in the front matter (MLSD_NOW fixes it in tests). */
  now: Date;
  /** Team templates folder: its _partials/ override the built-in ones and its helpers.mjs adds helpers. */
  teamDir?: string;
  builtInDir?: string;
  /** The reviewer sections to render, in order (team config); else the template's list, else the default. */
  sections?: readonly string[];
  /** The working directory: template files in messages are named relative to it. */
  cwd?: string;
  /** Told of what the template leaves out (see TemplateGap). */
  onGap?: (gap: TemplateGap) => void;
}

/**
 * What a render finds the template leaves out: a question no slot inserts, whose answer mlsd placed
 * under its stage itself (or, when the layout has no place for that stage, under "Other answers"),
 * or a key a slot inserts that no question asks and nothing answered, left a placeholder (a typo).
 */
export type TemplateGap = { kind: 'placed'; key: string; section: Section; other: boolean } | { kind: 'unasked'; key: string };

/** Where `{{unplaced "<stage>"}}` stands until the whole doc is rendered and the answers no slot took are known. */
const UNPLACED = /\uE002(\d+)\uE003/g;

/** The reviewer sections a draft carries when neither the template nor the team config lists them. */
export const DEFAULT_SECTIONS = ['non-goals', 'alternatives', 'risks', 'rollout', 'cost', 'open-questions', 'milestones', 'sign-off'] as const;

type HelperOptions = { hash: Record<string, unknown>; data: { root: unknown } };
type Template = (context: unknown, options?: { data?: unknown }) => string;

/** A templates folder's partial files (_partials/<name>.hbs), by partial name. */
function partialFiles(dir: string): Record<string, string> {
  const folder = join(dir, '_partials');
  if (!existsSync(folder)) return {};
  return Object.fromEntries(
    readdirSync(folder)
      .filter((f) => f.endsWith('.hbs'))
      .sort()
      .map((f) => [basename(f, '.hbs'), join(folder, f)]),
  );
}

const readPartials = (dir: string): Record<string, string> => Object.fromEntries(Object.entries(partialFiles(dir)).map(([name, file]) => [name, readTemplateText(file)]));

async function teamHelpers(dir: string, cwd?: string): Promise<Record<string, (...args: unknown[]) => unknown>> {
  const file = join(dir, 'helpers.mjs');
  if (!existsSync(file)) return {};
  let mod: Record<string, unknown>;
  try {
    mod = await importModule<Record<string, unknown>>(pathToFileURL(file).href);
  } catch (error) {
    // The team's code, not mlsd's: a syntax error or a throw at load names the file, as a broken `extends` config does.
    throw new UserError(`cannot load the team helpers ${cwd === undefined ? file : displayPath(file, cwd)} (${firstLine(error)})`);
  }
  const exported = (typeof mod.default === 'object' && mod.default !== null ? mod.default : mod) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(exported).filter((e): e is [string, (...args: unknown[]) => unknown] => typeof e[1] === 'function'));
}

/** The reviewer sections a partial draws (`section-<id>.hbs`), built in or the team's. */
export const drawnSections = (teamDir?: string, builtInDir = BUILT_IN_DIR): string[] =>
  Object.keys({ ...partialFiles(builtInDir), ...(teamDir ? partialFiles(teamDir) : {}) })
    .filter((name) => name.startsWith('section-'))
    .map((name) => name.slice('section-'.length));

const ANSWER_KEYS = /\{\{\s*answer\s+"([a-z][a-z0-9_]*)"/g;

/**
 * The questions that only the reviewer sections a draft leaves out would use (read from the
 * section partials), so that a team that drops a section is not asked for it.
 */
export function droppedSectionKeys(template: TemplateSpec, sections: readonly string[] | undefined, teamDir?: string, builtInDir = BUILT_IN_DIR): Set<string> {
  const list = sections ?? template.sections ?? DEFAULT_SECTIONS;
  const partials = { ...readPartials(builtInDir), ...(teamDir ? readPartials(teamDir) : {}) };
  const keysOf = (source: string) => [...source.matchAll(ANSWER_KEYS)].map((m) => m[1]!);
  const kept = new Set([template.source, ...Object.entries(partials).filter(([name]) => !name.startsWith('section-') || list.includes(name.slice(8))).map(([, src]) => src)].flatMap(keysOf));
  const dropped = Object.entries(partials)
    .filter(([name]) => name.startsWith('section-') && !list.includes(name.slice(8)))
    .flatMap(([, src]) => keysOf(src));
  return new Set(dropped.filter((key) => !kept.has(key)));
}

/**
 * The template as a draft with these reviewer sections (the config's, else its own) asks it: without
 * the questions only the sections left out would use. What `mlsd new` asks and `mlsd templates <type>` lists.
 */
export function withSections(template: TemplateSpec, sections: readonly string[] | undefined, teamDir?: string, builtInDir = BUILT_IN_DIR): TemplateSpec {
  const dropped = droppedSectionKeys(template, sections, teamDir, builtInDir);
  return { ...template, questions: template.questions.filter((q) => !dropped.has(q.key)) };
}

/**
 * An answer as a front-matter string, quoted when a YAML reader would take it for something else:
 * a date (2025-01-15), a YAML 1.1 boolean (yes, off), a number, null. Other text stays plain.
 */
function yamlString(value: string): Scalar {
  const node = new Scalar(value);
  const readAs = (version: '1.1' | '1.2') => {
    try {
      return parseYaml(value, { version }) as unknown;
    } catch {
      return undefined;
    }
  };
  if (readAs('1.1') !== value || readAs('1.2') !== value) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/**
 * The YAML front matter: recorded as data, never through the template, so it always parses. An
 * unanswered serving mode or latency budget is left out (lint takes each key as optional): a
 * placeholder there would be a front-matter error on top of the placeholder its body section keeps,
 * which lint reports. The owner has no section, so its placeholder stays, a string lint accepts.
 */
export function frontMatter(input: RenderInput): string {
  const { answers, template } = input;
  // Exactly the answers FRONT_MATTER_ANSWERS names: the type checker keeps the two in step.
  const recorded = {
    title: answers.title ?? input.name,
    owner: answers.owner ?? placeholderText('owning team or person'),
    serving_mode: answers.serving_mode,
    latency_budget: answers.latency_budget,
  } satisfies Record<(typeof FRONT_MATTER_ANSWERS)[number], string | undefined>;
  const answered = (key: 'serving_mode' | 'latency_budget') => (recorded[key] === undefined ? {} : { [key]: yamlString(recorded[key]) });
  const data: Record<string, unknown> = {
    title: yamlString(recorded.title),
    owner: yamlString(recorded.owner),
    status: 'draft',
    created: input.now.toISOString().slice(0, 10),
    problem_type: template.id,
    template: template.id,
    template_version: template.version,
    ...answered('serving_mode'),
    ...answered('latency_budget'),
  };
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`;
}

type EnvironmentInput = Pick<RenderInput, 'template' | 'answers' | 'checklist' | 'teamDir' | 'builtInDir' | 'sections' | 'cwd' | 'onGap'>;

/**
 * The Handlebars environment a doc renders in: partials (team over built-in), the answer helpers and
 * team helpers. Answers are handed to templates through helpers, so their text is inserted as is and
 * never evaluated as a template; nothing is HTML-escaped (the output is Markdown).
 */
async function environment(input: EnvironmentInput) {
  const { default: Handlebars } = await importModule<{ default: typeof import('handlebars') }>('handlebars');
  const hb = Handlebars.create();
  const { answers, template, checklist } = input;
  const byKey = new Map<string, Question>(template.questions.map((q) => [q.key, q]));
  const compileOptions = { noEscape: true };

  const partialSources = { ...readPartials(input.builtInDir ?? BUILT_IN_DIR), ...(input.teamDir ? readPartials(input.teamDir) : {}) };
  for (const [name, source] of Object.entries(partialSources)) hb.registerPartial(name, source);
  const compiled = new Map<string, Template>();
  const partial = (name: string): Template | undefined => {
    const source = partialSources[name];
    if (source === undefined) return undefined;
    if (!compiled.has(name)) compiled.set(name, hb.compile(source, compileOptions) as Template);
    return compiled.get(name);
  };

  const rendered = new Set<string>();
  // Multi-line answers, placed as blocks once the text around them is rendered (placeBlocks).
  const blocks: Block[] = [];
  // The keys slots insert, and those no question asks that nothing answers, for the answers no slot takes.
  const used = new Set<string>(FRONT_MATTER_ANSWERS);
  const unasked = new Set<string>();
  const anchors: { section: string; heading: boolean }[] = [];
  /**
   * An item's section: its partial, else the skeleton a team config gives it, else a placeholder.
   * Markdown that starts with a heading supplies the section's heading; other Markdown gets the item's title.
   */
  const renderItem = (item: ChecklistItem, data: unknown): string => {
    rendered.add(item.id);
    const source = partial(`item-${item.id}`)?.(data === undefined ? {} : (data as { root: unknown }).root, { data }) ?? item.skeleton ?? '';
    const body = placeBlocks(source, blocks).trim() || placeholderText(item.hint);
    return leadingHeading(body) !== undefined ? `${body}\n` : `## ${item.title}\n\n${body}\n`;
  };

  const answerOf = (key: string, by = 0): string => {
    used.add(key);
    const value = answers[key];
    if (value !== undefined) return value.includes('\n') ? blockToken(blocks.push({ text: value, indent: by }) - 1) : asText(value);
    const question = byKey.get(key);
    if (!question) unasked.add(key);
    if (question && !applies(question, answers)) return '';
    return placeholderText(question?.hint ?? question?.message ?? key.replace(/_/g, ' '));
  };

  hb.registerHelper('answer', (key: unknown, options: HelperOptions) => answerOf(String(key), Number(options.hash.indent ?? 0)));
  hb.registerHelper('answered', (key: unknown) => answers[String(key)] !== undefined);
  hb.registerHelper('applies', (key: unknown) => {
    const question = byKey.get(String(key));
    return question ? applies(question, answers) : answers[String(key)] !== undefined;
  });
  // A stage's answers that no slot of the template inserts go here, known only once the doc is rendered.
  hb.registerHelper('unplaced', (section: unknown, options: HelperOptions) => `\uE002${anchors.push({ section: String(section), heading: options.hash.heading === true }) - 1}\uE003`);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('placeholder', (what: unknown) => placeholderText(String(what)));
  hb.registerHelper('section', (id: unknown, options: HelperOptions) => {
    const item = checklist.items.find((i) => i.id === id);
    return item ? renderItem(item, options.data) : '';
  });
  hb.registerHelper('remainingSections', (options: HelperOptions) =>
    checklist.items
      .filter((item) => !rendered.has(item.id))
      .map((item) => renderItem(item, options.data))
      .join('\n'),
  );
  // Reviewer sections: partials `section-<id>`, in the order config or template give; a listed id with
  // no partial gets a heading and a placeholder, so a team adds a section by naming it.
  const sectionList = input.sections ?? template.sections ?? DEFAULT_SECTIONS;
  const placed = new Set<string>();
  const renderSection = (id: string, data: unknown): string => {
    placed.add(id);
    const root = data === undefined ? {} : (data as { root: unknown }).root;
    const body = partial(`section-${id}`)?.(root, { data });
    if (body !== undefined) return body.trim() + '\n';
    const title = id.replace(/-/g, ' ');
    return `## ${title.charAt(0).toUpperCase()}${title.slice(1)}\n\n${placeholderText(`what the ${title} section says`)}\n`;
  };
  hb.registerHelper('reviewSection', (id: unknown, options: HelperOptions) =>
    sectionList.includes(String(id)) && !placed.has(String(id)) ? renderSection(String(id), options.data) : '',
  );
  hb.registerHelper('reviewSections', (options: HelperOptions) =>
    sectionList
      .filter((id) => !placed.has(id))
      .map((id) => renderSection(id, options.data))
      .join('\n'),
  );
  if (input.teamDir) {
    for (const [name, fn] of Object.entries(await teamHelpers(input.teamDir, input.cwd))) hb.registerHelper(name, fn);
  }
  /**
   * Put the answers no slot inserted where the layout marks their stage (`{{unplaced "data"}}`, the
   * first mark of a stage takes them), each a paragraph led by its question; those whose stage has
   * no mark go to "Other answers" at the end. A question asked must reach the doc, as a placeholder
   * if unanswered, or its answer is lost without a word.
   */
  const placeUnplaced = (body: string): string => {
    // The questions of reviewer sections the draft leaves out are left out with them.
    const dropped = droppedSectionKeys(template, input.sections, input.teamDir, input.builtInDir);
    const left = (section?: string) =>
      template.questions.filter((q) => !used.has(q.key) && !dropped.has(q.key) && applies(q, answers) && (section === undefined || q.section === section));
    const paragraphs = (questions: Question[], other: boolean) =>
      questions
        .map((q) => {
          input.onGap?.({ kind: 'placed', key: q.key, section: q.section, other });
          const label = q.message.trim().replace(/[^.?!:]$/, '$&.');
          return `**${label}** ${answerOf(q.key)}`;
        })
        .join('\n\n');
    let text = body.replace(UNPLACED, (_token, n: string) => {
      const anchor = anchors[Number(n)]!;
      const questions = left(anchor.section);
      if (questions.length === 0) return '';
      return `${anchor.heading ? `## ${template.title}\n\n` : ''}${paragraphs(questions, false)}`;
    });
    const rest = left();
    if (rest.length > 0) text += `\n\n## Other answers\n\n${paragraphs(rest, true)}\n`;
    for (const key of unasked) if (answers[key] === undefined) input.onGap?.({ kind: 'unasked', key });
    return text;
  };
  return { hb, compileOptions, renderItem, rendered, blocks, placeUnplaced };
}

/**
 * The section `mlsd new` renders for each checklist item when nothing is answered: its heading and
 * the item partial with every answer a marked placeholder. `mlsd lint --fix` inserts these.
 *
 * For a document in another language, the checklist's section in that language (its `skeletons`,
 * see Checklist) comes before the built-in English partial; a team's own partial for the item is the
 * team's choice for its docs and comes first.
 */
export async function renderSkeletons(input: EnvironmentInput, items: readonly ChecklistItem[]): Promise<Map<string, string>> {
  const { renderItem } = await environment(input);
  const teamPartials = input.teamDir ? partialFiles(input.teamDir) : {};
  const inLanguage = (item: ChecklistItem) => (`item-${item.id}` in teamPartials ? undefined : input.checklist.skeletons[item.id]?.trim());
  return new Map(
    items.map((item) => {
      const own = inLanguage(item);
      if (!own) return [item.id, renderItem(item, undefined)];
      return [item.id, leadingHeading(own) !== undefined ? `${own}\n` : `## ${item.title}\n\n${own}\n`];
    }),
  );
}

/**
 * The file a template fails to parse in, and handlebars' message on one line: it parses a partial
 * only when it first runs it, so each file is parsed in turn; its message is a line number, a code
 * frame and what was expected, of which the first and the last lines are kept.
 */
function parseFailure(hb: { parse: (source: string) => unknown }, files: readonly string[]): { file: string; message: string } | undefined {
  for (const file of files) {
    try {
      hb.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      const lines = (error as Error).message.split('\n');
      return { file, message: lines.length > 1 ? `${lines[0]} ${lines.at(-1)}` : lines[0]! };
    }
  }
  return undefined;
}

/** Render a design doc from a template and answers (see `environment` for how answers are inserted). */
export async function renderDocument(input: RenderInput): Promise<string> {
  const { template, checklist } = input;
  const { hb, compileOptions, renderItem, rendered, blocks, placeUnplaced } = await environment(input);

  let body: string;
  try {
    const context = {
      name: input.name,
      type: { id: template.id, title: template.title, version: template.version },
      date: input.now.toISOString().slice(0, 10),
    };
    body = (hb.compile(template.source, compileOptions) as Template)(context);
  } catch (error) {
    const shown = (file: string) => (input.cwd === undefined ? file : displayPath(file, input.cwd));
    const files = [join(template.dir, 'template.md.hbs'), ...Object.values({ ...partialFiles(input.builtInDir ?? BUILT_IN_DIR), ...(input.teamDir ? partialFiles(input.teamDir) : {}) })];
    const where = parseFailure(hb, files);
    throw new UserError(`template "${template.id}" failed to render: ${where ? `${shown(where.file)}: ${where.message}` : `${shown(template.dir)}: ${firstLine(error)}`}`);
  }
  // Every checklist item gets its section, even when a template forgets one.
  const missing = checklist.items.filter((item) => !rendered.has(item.id));
  if (missing.length > 0) body += `\n${missing.map((item) => renderItem(item, undefined)).join('\n')}`;

  const tidy = placeBlocks(placeUnplaced(body), blocks).replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
  return `${frontMatter(input)}\n${tidy}\n`;
}
