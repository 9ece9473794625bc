import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_FIELDS, checkConditions, fieldProblems, mergeQuestions, parseQuestion, TEMPLATE_FIELDS, type Shape } from './questions.js';
import { type Question, type TemplateSpec } from './types.js';
import { ConfigError, displayPath, parseWithLines } from '../config/file.js';
import { firstLine, UserError } from '../errors.js';
import { closest, nearest } from '../suggest.js';

/** The templates shipped with mlsd, beside dist/. */
export const BUILT_IN_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
export const GENERIC = 'generic';

const BASE_QUESTIONS = join('_base', 'questions.yaml');
const ID = /^[a-z][a-z0-9-]*$/;

/** How a template file is named in messages: relative to the working directory, when one is given. */
type Shown = (path: string) => string;
const absolute: Shown = (path) => path;

/** A questions.yaml, refused with every key it does not know or value of the wrong kind, each at its line. */
function readYaml(path: string, shown: Shown, fields: Shape): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${shown(path)}: ${firstLine(error)}`);
  }
  const { data, lineOf } = parseWithLines(text, shown(path));
  const problems = fieldProblems(data, fields).map(([at, message]) => ({ file: shown(path), line: lineOf(at), message }));
  if (problems.length > 0) throw new ConfigError(problems);
  return data;
}

/**
 * A template or partial's text with \n line ends: one checked out with CRLF (git's core.autocrlf on
 * Windows) would otherwise put its \r\n lines into a draft whose other lines end in \n.
 */
export const readTemplateText = (path: string) => readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');

/** The framework questions every type shares (templates/_base/questions.yaml). */
export function baseQuestions(dir = BUILT_IN_DIR, shown = absolute): Question[] {
  const path = join(dir, BASE_QUESTIONS);
  const raw = readYaml(path, shown, BASE_FIELDS) as { questions?: unknown[] } | null;
  const questions = (raw?.questions ?? []).map((q) => parseQuestion(q, shown(path)));
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const question of questions) checkConditions(question, byKey, shown(path));
  return questions;
}

function loadTemplate(dir: string, origin: TemplateSpec['origin'], base: Question[], shown: Shown): TemplateSpec {
  const file = join(dir, 'questions.yaml');
  // Every folder not named "_…" (_partials, _base) is a type: one without its questions is a mistake, not a folder to pass over.
  if (!existsSync(file)) throw new UserError(`${shown(dir)}: no questions.yaml (each folder of a templates folder is a problem type, unless its name starts with "_")`);
  const path = shown(file);
  const raw = readYaml(file, shown, TEMPLATE_FIELDS);
  if (typeof raw !== 'object' || raw === null) throw new UserError(`${path}: expected a mapping with id, title, description, version and questions`);
  const r = raw as Record<string, unknown>;
  const id = typeof r.id === 'string' ? r.id : '';
  if (!ID.test(id)) throw new UserError(`${path}: "id" must be a lower-case slug`);
  const sourcePath = join(dir, 'template.md.hbs');
  if (!existsSync(sourcePath)) throw new UserError(`${shown(dir)}: no template.md.hbs`);
  const questions = mergeQuestions(r.extends === false ? [] : base, r.questions, path);
  const seen = new Set<string>();
  for (const q of questions) {
    if (q.when && !seen.has(q.when.key)) throw new UserError(`${path}: question "${q.key}" depends on "${q.when.key}", which is not asked before it`);
    seen.add(q.key);
  }
  if (r.sections !== undefined && (!Array.isArray(r.sections) || r.sections.some((x) => typeof x !== 'string' || !ID.test(x)))) {
    throw new UserError(`${path}: "sections" must be a list of section ids (slugs such as risks, rollout)`);
  }
  return {
    id,
    ...(r.sections ? { sections: r.sections as string[] } : {}),
    title: typeof r.title === 'string' ? r.title : id,
    description: typeof r.description === 'string' ? r.description.trim() : '',
    version: typeof r.version === 'number' ? r.version : 1,
    keywords: Array.isArray(r.keywords) ? r.keywords.map((k) => String(k).toLowerCase()) : [],
    questions,
    source: readTemplateText(sourcePath),
    dir,
    origin,
  };
}

function templateDirs(root: string): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith('_') && !name.startsWith('.'))
    .map((name) => join(root, name))
    .filter((dir) => statSync(dir).isDirectory())
    .sort();
}

/**
 * Every template: the built-in ones, then a team folder's, which add types or replace built-in ones
 * by id. Files in messages are named relative to `cwd`, when given.
 */
export function loadTemplates(teamDir?: string, builtInDir = BUILT_IN_DIR, cwd?: string): Map<string, TemplateSpec> {
  const shown: Shown = cwd === undefined ? absolute : (path) => displayPath(path, cwd);
  const base = baseQuestions(builtInDir, shown);
  const all = new Map<string, TemplateSpec>();
  for (const dir of templateDirs(builtInDir)) {
    const t = loadTemplate(dir, 'built-in', base, shown);
    all.set(t.id, t);
  }
  if (teamDir !== undefined) {
    if (!existsSync(teamDir) || !statSync(teamDir).isDirectory()) throw new UserError(`templates folder not found: ${shown(teamDir)}`);
    const teamBase = existsSync(join(teamDir, BASE_QUESTIONS)) ? baseQuestions(teamDir, shown) : base;
    for (const dir of templateDirs(teamDir)) {
      const t = loadTemplate(dir, 'team', teamBase, shown);
      all.set(t.id, { ...t, overrides: all.has(t.id) });
    }
  }
  return all;
}

const tokens = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/**
 * Infer the problem type from a doc name: each template's keywords are matched as whole token runs
 * ("feed", "click-prediction"), the longest match wins, and a tie or no match means generic.
 */
export function inferType(name: string, templates: Iterable<TemplateSpec>): string {
  const words = tokens(name);
  const scores: { id: string; score: number }[] = [];
  for (const t of templates) {
    let score = 0;
    for (const keyword of t.keywords) {
      const k = tokens(keyword);
      for (let i = 0; i + k.length <= words.length; i++) {
        if (k.every((w, j) => words[i + j] === w)) score = Math.max(score, k.length);
      }
    }
    if (score > 0) scores.push({ id: t.id, score });
  }
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (!best || (second && second.score === best.score)) return GENERIC;
  return best.id;
}

/**
 * The types a mistyped problem type most likely meant: the id it misspells ("fraud-detecton"), else
 * the type its words name, as a doc name would infer it ("feed", "ctr"), else every type with a word
 * of its id or a keyword the typed one misspells equally closely ("rankng": feed-ranking and
 * search-ranking). Empty when none is close.
 */
export function typesLike(typed: string, templates: Iterable<TemplateSpec>): string[] {
  const list = [...templates];
  const id = closest(typed, list.map((t) => t.id));
  if (id !== undefined) return [id];
  const inferred = inferType(typed, list);
  if (inferred !== GENERIC) return [inferred];
  const words = list.flatMap((t) => [...t.id.split('-'), ...t.keywords].map((word) => ({ id: t.id, word })));
  const near = nearest(typed, new Set(words.map((w) => w.word)));
  return [...new Set(words.filter((w) => near.includes(w.word)).map((w) => w.id))];
}
