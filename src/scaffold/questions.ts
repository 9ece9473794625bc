import { defaultChecklist, defaultVocabulary } from '../checklist/load.js';
import { canonicalQuantity, canonicalValue, isEnum, isUnits, type Vocabulary } from '../checklist/vocabulary.js';
import { asText, swallows } from './answer-text.js';
import { FRONT_MATTER_ANSWERS, SECTIONS, type Answers, type Condition, type Question, type Split, type Variant } from './types.js';
import { UserError } from '../errors.js';
import { didYouMean } from '../suggest.js';

const KEY = /^[a-z][a-z0-9_]*$/;
const TYPES = ['text', 'choice', 'latency', 'number'] as const;

/** The checklist vocabulary a latency answer is checked against: the units lint accepts in front matter. */
const LATENCY_VOCABULARY = 'latency';

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** What a questions.yaml value must be: a kind of value, a list of one shape (`[shape]`), or a mapping of known fields. */
export type Shape = 'text' | 'scalar' | 'boolean' | 'version' | 'list' | 'mapping' | readonly [Shape] | { readonly [field: string]: Shape };

/**
 * The shape of a mapping that spells out a T: a field for each of T's and no other. The shapes
 * below are where a key of questions.yaml is listed; the reading takes its fields through Given.
 */
type FieldsOf<T> = { readonly [K in keyof T]-?: Shape };
/** A mapping as its shape lets questions.yaml give it: reading a key the shape does not list is a type error. */
type Given<S> = { readonly [K in keyof S]?: unknown };

const WHEN: FieldsOf<Condition> = { key: 'text', equals: 'scalar', in: 'list', notIn: 'list' };
const SPLIT: FieldsOf<Split> = { of: 'text', stages: 'mapping' };
const VARIANT: FieldsOf<Variant> = { when: WHEN, default: 'scalar', split: SPLIT };
/** A question's fields, as docs/new.md lists them. */
const QUESTION: FieldsOf<Question> = {
  key: 'text',
  section: 'text',
  message: 'text',
  hint: 'text',
  type: 'text',
  choices: 'list',
  vocabulary: 'text',
  default: 'scalar',
  required: 'boolean',
  percentile: 'text',
  when: WHEN,
  variants: [VARIANT],
  split: SPLIT,
};

function parseCondition(raw: unknown, where: string): Condition | undefined {
  if (raw === undefined) return undefined;
  const given: Given<typeof WHEN> = isObject(raw) ? raw : {};
  if (typeof given.key !== 'string') throw new UserError(`${where}: "when" needs a "key" and one of equals, in, notIn`);
  const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => String(x)) : undefined);
  const condition: Condition = { key: given.key, equals: str(given.equals), in: list(given.in), notIn: list(given.notIn) };
  if (condition.equals === undefined && !condition.in && !condition.notIn) throw new UserError(`${where}: "when" needs one of equals, in, notIn`);
  return condition;
}

function parseSplit(raw: unknown, where: string): Split | undefined {
  if (raw === undefined) return undefined;
  const given: Given<typeof SPLIT> = isObject(raw) ? raw : {};
  const stages = isObject(given.stages) ? Object.entries(given.stages) : [];
  if (typeof given.of !== 'string' || stages.length < 2 || stages.some(([, w]) => typeof w !== 'number' || !(w > 0))) {
    throw new UserError(`${where}: "split" needs "of" (the key of a latency answer) and at least two "stages" with positive weights`);
  }
  return { of: given.of, stages: Object.fromEntries(stages) as Record<string, number> };
}

function parseVariants(raw: unknown, where: string): Variant[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw new UserError(`${where}: "variants" must be a list of { when, default | split }`);
  return raw.map((v: unknown) => {
    const given: Given<typeof VARIANT> | undefined = isObject(v) ? v : undefined;
    const when = given ? parseCondition(given.when, where) : undefined;
    if (!given || !when || (given.default === undefined && given.split === undefined)) throw new UserError(`${where}: each variant needs "when" and a "default" or a "split"`);
    const variant: Variant = { when };
    if (given.default !== undefined) variant.default = String(given.default).trimEnd();
    const split = parseSplit(given.split, where);
    if (split) variant.split = split;
    return variant;
  });
}

/** A type's questions.yaml; the shared _base/questions.yaml holds only questions. */
export const TEMPLATE_FIELDS: Shape = { id: 'text', title: 'text', description: 'text', version: 'version', keywords: 'list', sections: 'list', extends: 'boolean', questions: [QUESTION] };
export const BASE_FIELDS: Shape = { questions: [QUESTION] };

const KINDS: Record<Extract<Shape, string>, [(v: unknown) => boolean, string]> = {
  text: [(v) => typeof v === 'string', 'text'],
  scalar: [(v) => str(v) !== undefined, 'text or a number'],
  boolean: [(v) => typeof v === 'boolean', 'true or false'],
  version: [(v) => Number.isInteger(v) && (v as number) > 0, 'a whole number above zero'],
  list: [Array.isArray, 'a list'],
  mapping: [isObject, 'a mapping'],
};

const dotted = (path: readonly (string | number)[]) => path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
const shown = (v: unknown) => (Array.isArray(v) ? 'a list' : isObject(v) ? 'a mapping' : JSON.stringify(v));

/**
 * Keys a questions.yaml does not know (a misspelt `defualt`, which would be read as no default at
 * all) and values of the wrong kind (`version: one`, read as 1), each with its path in the file.
 * The reading below takes what it does not understand as absent, so these are found first. Pure.
 */
export function fieldProblems(raw: unknown, fields: Shape): [(string | number)[], string][] {
  const problems: [(string | number)[], string][] = [];
  // A question's problems are named by its key, as the other messages about it are.
  const named = (at: (string | number)[]) => {
    const list = isObject(raw) && at[0] === 'questions' && at.length > 2 ? raw.questions : undefined;
    const question: unknown = Array.isArray(list) ? list[at[1] as number] : undefined;
    return isObject(question) && typeof question.key === 'string' ? `question "${question.key}": ${dotted(at.slice(2))}` : dotted(at);
  };
  const walk = (value: unknown, shape: Shape, at: (string | number)[]): void => {
    if (typeof shape === 'string') {
      const [fits, kind] = KINDS[shape];
      const quote = typeof value === 'number' || typeof value === 'boolean' ? ' (quote it to make it text)' : '';
      if (!fits(value)) problems.push([at, `${named(at)} must be ${kind}, not ${shown(value)}${shape === 'text' ? quote : ''}`]);
    } else if (Array.isArray(shape)) {
      if (!Array.isArray(value)) problems.push([at, `${named(at)} must be a list, not ${shown(value)}`]);
      else value.forEach((item, i) => walk(item, shape[0] as Shape, [...at, i]));
    } else if (!isObject(value)) {
      problems.push([at, `${named(at)} must be a mapping, not ${shown(value)}`]);
    } else {
      const known = Object.keys(shape);
      for (const [key, inner] of Object.entries(value)) {
        const expected = (shape as Record<string, Shape>)[key];
        if (Object.hasOwn(shape, key) && expected !== undefined) walk(inner, expected, [...at, key]);
        else problems.push([[...at, key], `${named([...at, key])} is not a known key${didYouMean(key, known) || ` (keys: ${known.join(', ')})`}`]);
      }
    }
  };
  if (isObject(raw)) walk(raw, fields, []);
  return problems;
}

/** Check one question declared in YAML and give it its typed shape; `base` is the question it refines. */
export function parseQuestion(raw: unknown, where: string, base?: Question, vocabulary: Vocabulary = defaultVocabulary()): Question {
  const given: Given<typeof QUESTION> = isObject(raw) ? raw : {};
  if (typeof given.key !== 'string' || !KEY.test(given.key)) {
    throw new UserError(`${where}: each question needs a "key" in snake_case`);
  }
  const at = `${where} (question "${given.key}")`;
  const type = (str(given.type) ?? base?.type ?? 'text') as Question['type'];
  if (!TYPES.includes(type)) throw new UserError(`${at}: unknown type "${type}" (choose from ${TYPES.join(', ')})`);
  const section = (str(given.section) ?? base?.section ?? 'specifics') as Question['section'];
  if (!SECTIONS.includes(section)) throw new UserError(`${at}: unknown section "${section}" (choose from ${SECTIONS.join(', ')})`);
  const message = str(given.message) ?? base?.message;
  if (!message) throw new UserError(`${at}: a question needs a "message"`);
  const named = given.vocabulary === undefined ? (given.choices === undefined ? base?.vocabulary : undefined) : str(given.vocabulary);
  const words = named === undefined ? undefined : vocabulary[named];
  if (named !== undefined && !isEnum(words)) {
    throw new UserError(`${at}: unknown vocabulary "${named}" (the checklist defines ${Object.keys(vocabulary).filter((k) => isEnum(vocabulary[k])).join(', ')})`);
  }
  // Choices from a vocabulary are the values lint accepts, so an answer is always a value lint knows.
  const choices = isEnum(words) ? words.values : Array.isArray(given.choices) ? given.choices.map((c) => String(c)) : base?.choices;
  if (type === 'choice' && (!choices || choices.length === 0)) throw new UserError(`${at}: a choice question needs "choices" or a "vocabulary"`);

  const question: Question = { key: given.key, section, message, type };
  if (named !== undefined) question.vocabulary = named;
  const hint = str(given.hint) ?? base?.hint;
  if (hint) question.hint = hint;
  if (choices) question.choices = choices;
  const when = parseCondition(given.when, at) ?? base?.when;
  if (when) question.when = when;
  // A type's variants are tried before the shared ones it refines.
  const variants = [...(parseVariants(given.variants, at) ?? []), ...(base?.variants ?? [])];
  if (variants.length > 0) question.variants = variants;
  const split = parseSplit(given.split, at) ?? base?.split;
  if (split) question.split = split;
  const percentile = given.percentile === undefined ? base?.percentile : str(given.percentile);
  if (percentile !== undefined && !KEY.test(percentile)) throw new UserError(`${at}: "percentile" must be the key of the question that holds the percentile`);
  if (percentile !== undefined) question.percentile = percentile;
  const required = given.required === undefined ? base?.required : given.required === true;
  if (required) question.required = true;
  const fallback = given.default === undefined ? base?.default : typeof given.default === 'string' ? given.default.trimEnd() : str(given.default);
  if (fallback !== undefined) {
    const checked = checkAnswer(question, fallback, vocabulary);
    if (!checked.ok) throw new UserError(`${at}: default ${checked.reason}`);
    question.default = checked.value;
  }
  return question;
}

/**
 * A latency as the checklist's vocabulary reads it, written the one way ("150ms" → "150 ms",
 * "p99 2 seconds" → "p99 2 s"), or undefined when lint would refuse it. Answers and stage tables
 * both read latencies here.
 */
function canonicalLatency(value: string, vocabulary: Vocabulary): string | undefined {
  const units = vocabulary[LATENCY_VOCABULARY];
  if (!isUnits(units)) return undefined;
  return canonicalQuantity(units, value) ?? canonicalQuantity(units, inFrontMatterUnit(value, Object.keys(units.units)) ?? '');
}

/** The units lint reads latencies in within a doc's prose (the latency-budget item's, "мс", "сек" among them), in milliseconds. */
let proseUnits: Map<string, number> | undefined;
function latencyProseUnits(): Map<string, number> {
  if (proseUnits) return proseUnits;
  const facts = defaultChecklist().items.find((item) => item.id === 'latency-budget')?.facts ?? [];
  const quantity = facts.find((f) => f.kind === 'quantity' && 'ms' in f.units);
  proseUnits = new Map(quantity?.kind === 'quantity' ? Object.entries(quantity.units).map(([u, ms]) => [u.toLowerCase(), ms]) : []);
  return proseUnits;
}

/**
 * A latency written in a unit lint reads in prose but not in front matter ("120 мс", "2 сек"), in the
 * front-matter unit of the same size ("120 ms"), which the draft records; undefined when it is none.
 */
function inFrontMatterUnit(value: string, frontMatterUnits: readonly string[]): string | undefined {
  const m = /^(.*?\d(?:\.\d+)?)\s*(\p{L}+)\.?\s*$/u.exec(value.trim());
  const ms = m ? latencyProseUnits().get(m[2]!.toLowerCase()) : undefined;
  const unit = ms === undefined ? undefined : frontMatterUnits.find((u) => latencyProseUnits().get(u) === ms);
  return unit === undefined ? undefined : `${m![1]} ${unit}`;
}

/**
 * A latency answer's parts: the percentile it states, if any, and its number (as written) and unit,
 * as the vocabulary spells it ("p95 ≤ 150ms" → p95, 150, ms; "us" → µs).
 */
export function parseLatency(value: string, vocabulary: Vocabulary = defaultVocabulary()): { percentile?: string; amount: string; unit: string } | undefined {
  const words = canonicalLatency(value, vocabulary)?.split(' ');
  if (words === undefined) return undefined;
  const [amount, unit] = words.slice(-2) as [string, string];
  return /^p\d/.test(words[0]!) ? { percentile: words[0], amount, unit } : { amount, unit };
}

/**
 * A latency in a unit lint reads in a doc's prose: hours become minutes ("1.5 h" → "90 min"), as lint
 * takes a number in hours for a pipeline's run time, not a budget (bench/verdicts/README.md), and
 * the draft's own budget would otherwise go unread.
 */
function inProseUnit(amount: string, unit: string): string {
  return unit === 'h' ? `${Number((Number(amount) * 60).toFixed(6))} min` : `${amount} ${unit}`;
}

/** An answer as text: a list is a Markdown list; undefined for what is no answer (a mapping, null). */
export function answerText(raw: unknown): string | undefined {
  if (Array.isArray(raw)) return raw.map((v) => `- ${String(v)}`).join('\n');
  return str(raw);
}

/** A checked answer: its value, written the one way, and for a latency the percentile stated with it. */
export type Checked = { ok: true; value: string; percentile?: string } | { ok: false; reason: string };

/**
 * Validate and normalise one answer: a latency is a number with one of the units lint accepts,
 * written the one way and without the percentile or comparison stated with it ("p95 ≤ 150ms" →
 * "150 ms", percentile p95); a choice is one of its choices (or, from a vocabulary, a synonym of one).
 */
export function checkAnswer(question: Question, raw: unknown, vocabulary: Vocabulary = defaultVocabulary()): Checked {
  const value = (answerText(raw) ?? '').trim();
  if (value === '') return { ok: false, reason: 'is empty' };
  // A refused value is quoted on one line, as it was given: a list as a list, a number as a number.
  const shown = JSON.stringify(typeof raw === 'string' ? value : raw);
  switch (question.type) {
    case 'latency': {
      const latency = parseLatency(value, vocabulary);
      if (latency === undefined) {
        const units = vocabulary[LATENCY_VOCABULARY];
        const spelled = isUnits(units) ? ` (units: ${Object.keys(units.units).join(', ')})` : '';
        return { ok: false, reason: `${shown} is not a latency: give a number with a unit, e.g. "150 ms"${spelled}` };
      }
      // "0 ms" parses, but is no budget: every stage of its table would be zero.
      if (!(Number(latency.amount) > 0)) return { ok: false, reason: `${shown} is no latency budget: give a time above zero, e.g. "150 ms"` };
      const checked = { ok: true as const, value: inProseUnit(latency.amount, latency.unit) };
      return latency.percentile === undefined ? checked : { ...checked, percentile: latency.percentile };
    }
    case 'number':
      // Kept as written, a decimal comma too ("0,5"), as Russian writes it.
      return Number.isFinite(Number(/^[+-]?\d+,\d+$/.test(value) ? value.replace(',', '.') : value)) ? { ok: true, value } : { ok: false, reason: `${shown} is not a number` };
    case 'choice': {
      const words = question.vocabulary === undefined ? undefined : vocabulary[question.vocabulary];
      const match = isEnum(words) ? canonicalValue(words, value) : question.choices?.find((c) => c.toLowerCase() === value.toLowerCase());
      return match ? { ok: true, value: match } : { ok: false, reason: `${shown} is not one of: ${question.choices?.join(', ')}` };
    }
    default:
      // The front matter holds it: a list or a paragraph there is a Markdown list or line breaks inside a YAML string.
      if ((FRONT_MATTER_ANSWERS as readonly string[]).includes(question.key) && value.includes('\n')) {
        const one = Array.isArray(raw) ? raw.map((v) => String(v)).join(', ') : value.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
        return { ok: false, reason: `${shown} is ${Array.isArray(raw) ? 'a list' : 'several lines'}, but the ${question.key} is one line of the front matter: give one text, e.g. ${JSON.stringify(one)}` };
      }
      return checkText(value);
  }
}

/** Text goes into the doc as it is, unless it opens what it never closes (a code fence, an HTML comment, a <details>), which would swallow the rest of the doc. */
export function checkText(value: string): Checked {
  const reason = swallows(value.includes('\n') ? value : asText(value)); // one line goes in as text (asText)
  return reason === undefined ? { ok: true, value } : { ok: false, reason };
}

/**
 * Check an answer and give every answer it holds: its own, and the percentile a latency states
 * ("p95 150 ms") as the answer to the question its `percentile` names, checked as that question
 * checks it. A template with no such question has no percentile to keep: the latency is its value.
 */
export function checkAnswers(question: Question, raw: unknown, questions: readonly Question[]): { ok: true; answers: Answers } | { ok: false; reason: string } {
  const checked = checkAnswer(question, raw);
  if (!checked.ok) return checked;
  const answers: Answers = { [question.key]: checked.value };
  const holder = checked.percentile === undefined ? undefined : questions.find((q) => q.key === question.percentile);
  if (!holder) return { ok: true, answers };
  const percentile = checkAnswer(holder, checked.percentile);
  if (!percentile.ok) return { ok: false, reason: `states a percentile ${holder.key} does not take: ${percentile.reason}` };
  return { ok: true, answers: { ...answers, [holder.key]: percentile.value } };
}

/** Whether a question applies, given the answers so far. */
export function applies(question: Question, answers: Answers): boolean {
  const c = question.when;
  if (!c) return true;
  const value = answers[c.key];
  if (value === undefined) return false;
  if (c.equals !== undefined && value !== c.equals) return false;
  if (c.in && !c.in.includes(value)) return false;
  if (c.notIn?.includes(value)) return false;
  return true;
}

/**
 * A condition on a choice question names values it can be answered with: answers are written as the
 * choices (a vocabulary's synonyms too: "on-device" is answered "edge"), so any other value never holds.
 */
export function checkConditions(question: Question, questions: ReadonlyMap<string, Question>, where: string): void {
  for (const when of [question.when, ...(question.variants ?? []).map((v) => v.when)]) {
    const choices = when ? questions.get(when.key)?.choices : undefined;
    if (!when || !choices) continue;
    const named = [when.equals, ...(when.in ?? []), ...(when.notIn ?? [])].filter((v) => v !== undefined);
    const never = named.find((v) => !choices.includes(v));
    if (never !== undefined) {
      throw new UserError(`${where} (question "${question.key}"): "when" names ${when.key} "${never}", which is never an answer (choices: ${choices.join(', ')})`);
    }
  }
}

/**
 * Merge a type's questions over the shared framework questions: an entry with a known key refines
 * that question (its default, hint, message); a new key adds a question. Asked in section order.
 */
export function mergeQuestions(base: readonly Question[], rawList: unknown, where: string): Question[] {
  if (rawList !== undefined && !Array.isArray(rawList)) throw new UserError(`${where}: "questions" must be a list`);
  const merged = new Map(base.map((q) => [q.key, q]));
  for (const raw of (rawList ?? []) as unknown[]) {
    const given: Given<typeof QUESTION> = isObject(raw) ? raw : {};
    const known = typeof given.key === 'string' ? merged.get(given.key) : undefined;
    const question = parseQuestion(raw, where, known);
    merged.set(question.key, question);
  }
  const list = [...merged.values()];
  for (const question of list) checkConditions(question, merged, where);
  const rank = (q: Question) => SECTIONS.indexOf(q.section);
  return list.map((q, i) => [q, i] as const).sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j).map(([q]) => q);
}
