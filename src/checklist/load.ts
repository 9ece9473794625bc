import { readFileSync } from 'node:fs';
import type { Ajv, AnySchemaObject, ValidateFunction } from 'ajv';
import { loadPrecompiled } from './precompiled.js';
import { newAjv } from './ajv.js';
import { leadingHeading, normalizeHeading } from './headings.js';
import { countListedRuns, literalPattern } from './letters.js';
import { compileTerms, type TermMatcher } from './terms.js';
import type { Vocabulary } from './vocabulary.js';
import { type Checklist, type ChecklistItem, type FactSpec, type QuantitySpec, type RuleMeta, type SchemaRule } from './types.js';
import { UserError } from '../errors.js';

const DEFAULT_SCHEMA_URL = new URL('../../schemas/checklist.schema.json', import.meta.url);

/** The shape of the `mlsd` keyword, checked by ajv when the checklist schema is compiled. */
const plainList = { type: 'array', items: { type: 'string' } };
/** A term list for every language, or one per language code (`{ en: [...], ru: [...] }`). */
const termList = { anyOf: [plainList, { type: 'object', propertyNames: { pattern: '^[a-z]{2,3}$' }, additionalProperties: plainList }] };
/** What the catalogue says of a rule (see RuleMeta); on a subschema, `rule` names it. */
const ruleFields = {
  severity: { enum: ['error', 'warning'] },
  description: { type: 'string' },
  rationale: { type: 'string' },
  help: { type: 'string' },
  item: { type: 'string' },
  docPath: { type: 'string' },
  priority: { type: 'number' },
};
const RULE_ID = '^[a-z][a-z0-9-]*$';
const mlsdKeywordSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { type: 'integer' },
    rule: { type: 'string', pattern: RULE_ID },
    ...ruleFields,
    /** Lint's own rules (their logic is code), as the built-in checklist's rule files describe them. */
    rules: {
      type: 'array',
      items: { type: 'object', required: ['id', 'severity', 'description'], additionalProperties: false, properties: { id: { type: 'string', pattern: RULE_ID }, ...ruleFields } },
    },
    placeholders: termList,
    languages: {
      type: 'object',
      propertyNames: { pattern: '^[a-z]{2,3}$' },
      additionalProperties: {
        type: 'object',
        required: ['name', 'stopwords'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          stopwords: plainList,
          notSubstance: { type: 'object', additionalProperties: plainList },
          deferredSections: plainList,
          skeletons: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    },
    heads: termList,
    headingTerms: termList,
    /** The words docs and `mlsd new` share (./vocabulary.ts). */
    vocabulary: { type: 'object', additionalProperties: { type: 'object' } },
    aliases: termList,
    mentions: termList,
    unmistakable: termList,
    mentionsExcept: termList,
    notAbout: plainList,
    hints: termList,
    declared: {
      type: 'object',
      additionalProperties: { type: 'object', required: ['item', 'fact'], additionalProperties: false, properties: { item: { type: 'string' }, fact: { type: 'string' } } },
    },
    skeleton: { type: 'string' },
    message: { type: 'string' },
    facts: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          terms: termList,
          quantity: {
            type: 'object',
            required: ['units', 'near'],
            additionalProperties: false,
            properties: {
              units: { type: 'object', additionalProperties: { type: 'number' } },
              near: termList,
              unless: termList,
              percentiles: termList,
            },
          },
          choice: { type: 'object', additionalProperties: termList },
          stages: {
            type: 'object',
            required: ['quantity', 'total'],
            additionalProperties: false,
            properties: { quantity: { type: 'string' }, total: termList },
          },
          tasks: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: termList } },
          near: termList,
          unless: termList,
          evidence: { type: 'boolean' },
          everywhere: { type: 'boolean' },
          prose: { type: 'boolean' },
        },
      },
    },
  },
};

/** A term list for every language (a plain list), or one per language code. */
export type LangTerms = string[] | Record<string, string[]>;

interface ItemSchema {
  title?: string;
  description?: string;
  mlsd?: {
    heads?: LangTerms;
    /** Words that name the item in a heading of its own section ("Leakage", "Утечки"): such a heading ties what follows to it. */
    headingTerms?: LangTerms;
    aliases?: LangTerms;
    mentions?: LangTerms;
    /** Mentions that name the item whatever else their sentence speaks of ("drift"): mentionsExcept never silences them. */
    unmistakable?: LangTerms;
    mentionsExcept?: LangTerms;
    /** Items whose mentions this item's are not: a sentence that speaks of latency is not about drift. */
    notAbout?: string[];
    hints?: LangTerms;
    facts?: Record<string, RawFact>;
    skeleton?: string;
    message?: string;
  };
}

interface RawFact {
  terms?: LangTerms;
  quantity?: { units: Record<string, number>; near: LangTerms; unless?: LangTerms; percentiles?: LangTerms };
  choice?: Record<string, LangTerms>;
  stages?: { quantity: string; total: LangTerms };
  tasks?: { reason: LangTerms };
  near?: LangTerms;
  /** For terms and choices: phrases a match is part of that state no fact ("real-time prediction latency monitoring"). */
  unless?: LangTerms;
  evidence?: boolean;
  everywhere?: boolean;
  prose?: boolean;
}

/** A language the checklist speaks: the words that identify it, and what is not substance in it. */
interface RawLanguage {
  name: string;
  stopwords: string[];
  /** Named lists (hedge, deferral, negation, guidance): a sentence matching one states nothing. */
  notSubstance?: Record<string, string[]>;
  /** Headings of sections whose content is deferred or set aside (future work, non-goals). */
  deferredSections?: string[];
  /** By item id: the section `--fix` inserts for a missing item in a document in this language. */
  skeletons?: Record<string, string>;
}

/** The language a checklist's plain term lists are written in, matched in every document. */
export const BASE_LANGUAGE = 'en';

/** The languages a document in `lang` is read in: the base language, then `lang`'s ("ru", or "en+ru" for English with Russian in it). */
const spokenIn = (lang: string) => [...new Set([BASE_LANGUAGE, ...lang.split('+')])];

/** The terms of a list that apply to a document in `lang`: plain lists always, keyed ones for each language it is read in. */
export function termsFor(list: LangTerms | undefined, lang: string): string[] {
  if (!list) return [];
  if (Array.isArray(list)) return list;
  return spokenIn(lang).flatMap((code) => list[code] ?? []);
}

/** Append `more` to `list`, language by language. */
export function mergeTerms(list: LangTerms | undefined, more: LangTerms): LangTerms {
  const keyed = (l: LangTerms | undefined): Record<string, string[]> => (!l ? {} : Array.isArray(l) ? { [BASE_LANGUAGE]: l } : l);
  if ((list === undefined || Array.isArray(list)) && Array.isArray(more)) return [...(list ?? []), ...more];
  const merged = { ...keyed(list) };
  for (const [lang, terms] of Object.entries(keyed(more))) merged[lang] = [...(merged[lang] ?? []), ...terms];
  return merged;
}

export function readDefaultSchema(): AnySchemaObject {
  return JSON.parse(readFileSync(DEFAULT_SCHEMA_URL, 'utf8')) as AnySchemaObject;
}

/**
 * The language a checklist's term lists are being compiled for, and the matchers compiled so far
 * for that checklist, by their terms: lists with the same terms (a stage budget's quantity and the
 * latency it names, two facts' `near`, a plain list in every language's view) share one matcher,
 * compiled once and asked about each text once.
 */
interface TermsIn {
  lang: string;
  matchers: Map<string, TermMatcher>;
}

function terms(list: LangTerms | undefined, where: string, into: TermsIn): TermMatcher {
  const resolved = termsFor(list, into.lang);
  const key = JSON.stringify(resolved);
  let matcher = into.matchers.get(key);
  if (!matcher) {
    try {
      matcher = compileTerms(resolved);
    } catch (error) {
      throw new UserError(`${where}: invalid pattern (${(error as Error).message})`);
    }
    into.matchers.set(key, matcher);
  }
  return matcher;
}

function compileQuantity(name: string, q: NonNullable<RawFact['quantity']>, at: string, lang: TermsIn): QuantitySpec {
  return {
    kind: 'quantity',
    name,
    units: q.units,
    near: terms(q.near, at, lang),
    unless: q.unless && terms(q.unless, at, lang),
    percentiles: q.percentiles && terms(q.percentiles, at, lang),
  };
}

function compileFact(name: string, raw: RawFact, siblings: Record<string, RawFact>, where: string, lang: TermsIn): FactSpec {
  const at = `${where}.facts.${name}`;
  const evidence = raw.evidence ?? false;
  const spec = compileFactKind(name, raw, siblings, at, lang, evidence);
  return { ...spec, ...(raw.everywhere && { everywhere: true }), ...(raw.prose && { prose: true }) };
}

function compileFactKind(name: string, raw: RawFact, siblings: Record<string, RawFact>, at: string, lang: TermsIn, evidence: boolean): FactSpec {
  if (raw.quantity) return { ...compileQuantity(name, raw.quantity, at, lang), evidence };
  if (raw.stages) {
    const quantity = siblings[raw.stages.quantity]?.quantity;
    if (!quantity) throw new UserError(`${at}: stages.quantity must name a quantity fact of the same item`);
    return { kind: 'stages', name, evidence, quantity: compileQuantity(raw.stages.quantity, quantity, at, lang), total: terms(raw.stages.total, at, lang) };
  }
  if (raw.tasks) return { kind: 'tasks', name, evidence, reason: terms(raw.tasks.reason, at, lang) };
  if (raw.choice) {
    return {
      kind: 'choice',
      name,
      evidence,
      options: Object.entries(raw.choice).map(([value, list]) => ({ value, terms: terms(list, `${at}.${value}`, lang) })),
      near: raw.near && terms(raw.near, at, lang),
      unless: raw.unless && terms(raw.unless, at, lang),
    };
  }
  return { kind: 'terms', name, evidence, terms: terms(raw.terms, at, lang), near: raw.near && terms(raw.near, at, lang), unless: raw.unless && terms(raw.unless, at, lang) };
}

/** Head words match a heading at a word start: a stem ("metric", "разметк") covers its inflections. */
function compileHeads(stems: string[]): RegExp | undefined {
  if (stems.length === 0) return undefined;
  const escaped = stems.map((s) => literalPattern(normalizeHeading(s)));
  return new RegExp(`(?:^| )(?:${escaped.join('|')})`);
}

/** Every term that mentions an item: its mentions, unmistakable or not. */
const mentionTerms = (meta: ItemSchema['mlsd'], lang: string) => [...termsFor(meta?.mentions, lang), ...termsFor(meta?.unmistakable, lang)];

/** What an item's mentions are not: its own list, and what the items it is not about mention. */
function exceptTerms(meta: NonNullable<ItemSchema['mlsd']>, all: Record<string, ItemSchema>, lang: string): string[] {
  const others = (meta.notAbout ?? []).flatMap((other) => mentionTerms(all[other]?.mlsd, lang));
  return [...termsFor(meta.mentionsExcept, lang), ...others];
}

function compileItem(id: string, schema: ItemSchema, required: boolean, into: TermsIn, all: Record<string, ItemSchema>): ChecklistItem {
  const meta = schema.mlsd ?? {};
  const where = `checklist item "${id}"`;
  const lang = into.lang;
  const except = exceptTerms(meta, all, lang);
  // The heading a skeleton supplies names the item too, so the section --fix inserts is found the next time.
  const supplied = meta.skeleton === undefined ? undefined : leadingHeading(meta.skeleton);
  const aliases = [schema.title ?? id, ...termsFor(meta.aliases, lang), ...(supplied ? [supplied] : [])].map(normalizeHeading).filter(Boolean);
  const heads = compileHeads(termsFor(meta.heads, lang));
  return {
    id,
    title: schema.title ?? id,
    hint: schema.description ?? '',
    required,
    aliases: [...new Set(aliases)].sort((a, b) => b.length - a.length),
    ...(heads ? { heads } : {}),
    mentions: terms(mentionTerms(meta, lang), where, into),
    ...(meta.unmistakable ? { unmistakable: terms(meta.unmistakable, where, into) } : {}),
    mentionsExcept: except.length > 0 ? terms(except, where, into) : undefined,
    hints: meta.hints && terms(meta.hints, where, into),
    headingTerms: meta.headingTerms && terms(meta.headingTerms, where, into),
    facts: Object.entries(meta.facts ?? {}).map(([name, raw]) => compileFact(name, raw, meta.facts ?? {}, where, into)),
    ...(meta.skeleton !== undefined ? { skeleton: meta.skeleton } : {}),
    ...(meta.message !== undefined ? { message: meta.message } : {}),
  };
}

/** Compile a checklist schema: the ajv validator plus the matchers lint needs to build the model. */
/** The one ajv set-up every checklist is compiled with (at run time, or ahead of time by the build). */
export function createAjv(options: { source?: boolean } = {}): Ajv {
  // $data lets a constraint compare two facts (the stages' sum against the total budget).
  const ajv = newAjv({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    allowMatchingProperties: true, // patternProperties applies a rule to every item, named ones included
    $data: true,
    ...(options.source ? { code: { source: true, esm: false } } : {}),
  });
  ajv.addKeyword({ keyword: 'mlsd', metaSchema: mlsdKeywordSchema });
  return ajv;
}

/**
 * Compile a checklist schema: the ajv validator plus the matchers lint needs to build the model.
 * A validator compiled ahead of time for this very schema may be passed in to skip ajv's compile.
 */
export function compileChecklist(schema: AnySchemaObject, precompiled?: ValidateFunction): Checklist {
  let validate = precompiled;
  try {
    validate ??= createAjv().compile(schema);
  } catch (error) {
    throw new UserError(`invalid checklist schema: ${(error as Error).message}`);
  }

  const itemsSchema = (schema.properties?.items ?? {}) as { properties?: Record<string, ItemSchema>; required?: string[] };
  const required = new Set(itemsSchema.required ?? []);
  for (const [id, item] of Object.entries(itemsSchema.properties ?? {})) {
    const unknown = item.mlsd?.notAbout?.find((other) => !itemsSchema.properties?.[other]);
    if (unknown !== undefined) throw new UserError(`checklist item "${id}": notAbout names "${unknown}", which is not a checklist item`);
  }
  const mlsd = (schema.mlsd ?? {}) as { placeholders?: LangTerms; languages?: Record<string, RawLanguage> };
  const languages = mlsd.languages ?? {};
  const rules = collectRules(schema);
  const catalogue = ruleCatalogue(schema, rules);
  const vocabulary = vocabularyOf(schema) ?? vocabularyOf(readDefaultSchema()) ?? {};
  const stopwords = Object.entries(languages).map(([code, language]) => ({ code, words: language.stopwords }));
  const detect = stopwordCounter(stopwords);
  const scripts = scriptGuesser(stopwords);

  // A document is matched with the terms of its own language and the base language's (ML's terms
  // of art are English in every language), compiled the first time a document in it is linted.
  const views = new Map<string, Checklist>();
  const matchers = new Map<string, TermMatcher>();
  const inLanguage = (lang: string): Checklist => {
    const known = lang.split('+').filter((code) => code in languages);
    const code = known.length > 0 ? known.join('+') : BASE_LANGUAGE;
    let view = views.get(code);
    if (!view) {
      const all = itemsSchema.properties ?? {};
      const into: TermsIn = { lang: code, matchers };
      const items = Object.entries(all).map(([id, item]) => compileItem(id, item, required.has(id), into, all));
      const spoken: Partial<RawLanguage>[] = spokenIn(code).map((l) => languages[l] ?? {});
      const notSubstance = spoken.flatMap((l) => Object.values(l.notSubstance ?? {}).flat());
      const deferredSections = spoken.flatMap((l) => l.deferredSections ?? []);
      const placeholders = terms(mlsd.placeholders, 'checklist placeholders', into);
      view = {
        id: typeof schema.$id === 'string' ? schema.$id : 'inline',
        language: known[0] ?? BASE_LANGUAGE,
        items,
        rules,
        catalogue,
        declared: declaredFacts(schema, items),
        placeholders,
        notSubstance: terms(notSubstance, 'checklist languages', into),
        deferredSections: terms(deferredSections, 'checklist languages', into),
        vocabulary,
        // The main language's own: a skeleton is in one language, and English is the partials' (src/scaffold).
        skeletons: languages[known[0] ?? BASE_LANGUAGE]?.skeletons ?? {},
        detectLanguage: (text) => detectLanguage(detect, scripts, text, placeholders),
        inLanguage,
        validate: validate!,
      };
      views.set(code, view);
      // Term lists compile on first use; one that is not the built-in checklist's is compiled
      // now, so an invalid pattern is a checklist error, not a failure in the middle of a lint.
      if (!precompiled) {
        try {
          for (const matcher of matchersOf(view)) matcher.test('');
        } catch (error) {
          throw new UserError(`checklist terms: invalid pattern (${(error as Error).message})`);
        }
      }
    }
    return view;
  };
  return inLanguage(BASE_LANGUAGE);
}

/** Every term matcher of a compiled checklist. */
export function matchersOf(checklist: Checklist): TermMatcher[] {
  const ofFact = (spec: FactSpec): (TermMatcher | undefined)[] => {
    switch (spec.kind) {
      case 'terms':
        return [spec.terms, spec.near, spec.unless];
      case 'choice':
        return [...spec.options.map((o) => o.terms), spec.near, spec.unless];
      case 'quantity':
        return [spec.near, spec.unless, spec.percentiles];
      case 'stages':
        return [spec.total, spec.quantity.near, spec.quantity.unless, spec.quantity.percentiles];
      case 'tasks':
        return [spec.reason];
    }
  };
  const all = [
    checklist.placeholders,
    checklist.notSubstance,
    checklist.deferredSections,
    ...checklist.items.flatMap((item) => [item.mentions, item.unmistakable, item.mentionsExcept, item.hints, item.headingTerms, ...item.facts.flatMap(ofFact)]),
  ];
  return all.filter((m): m is TermMatcher => m !== undefined);
}

/** Each language's code and how many of its stop words a text holds. */
type StopwordCounter = (text: string) => (readonly [string, number])[];

/**
 * Counts each language's stop words (whole words, any case, any script) in a text. Case is ignored
 * by lower-casing the text: with the `u` flag, `i` more than doubled the time. Counting line by line
 * with a memo of each line's count cost more than counting again (bench/README.md, "Measurements
 * behind the code").
 *
 * When every list is letters-only words (the built-in ones are), a match is a whole run of letters:
 * the text is read once, run by run, for every language at once, each run counting for each list
 * that holds it. The pattern ran its lookbehind at every position, once per language (bench/README.md,
 * "Twelfth round"). A list with anything else in it (a team's pattern) is matched as a pattern.
 */
function stopwordCounter(languages: { code: string; words: string[] }[]): StopwordCounter {
  const lowered = languages.map(({ code, words }) => ({ code, words: words.map((word) => word.toLowerCase()) }));
  if (lowered.every(({ words }) => words.length > 0 && words.every((word) => /^\p{L}+$/u.test(word)))) {
    const sets = lowered.map(({ words }) => new Set(words));
    const longest = Math.max(0, ...lowered.flatMap(({ words }) => words.map((word) => word.length)));
    return (text) => {
      const counts = countListedRuns(text.toLowerCase(), sets, longest);
      return lowered.map(({ code }, i) => [code, counts[i]!] as const);
    };
  }
  const letters = '\\p{L}';
  // Stop words are words, not patterns: "c++" or "z.B." means just that.
  const patterns = lowered.map(({ code, words }) => ({ code, regex: new RegExp(`(?<![${letters}])(?:${words.map(literalPattern).join('|')})(?![${letters}])`, 'gu') }));
  return (text) => {
    const lower = text.toLowerCase();
    return patterns.map(({ code, regex }) => [code, lower.match(regex)?.length ?? 0] as const);
  };
}

/** Writing systems a language's stop words can be in; a letter in none of them counts for none. */
const SCRIPT_NAMES = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Devanagari', 'Bengali', 'Thai', 'Hangul', 'Hiragana', 'Katakana', 'Han'];
// Built on first use: compiling these takes milliseconds, and few documents hold no stop word at all.
let scripts: { name: string; letter: RegExp }[] | undefined;
const scriptOf = (char: string) =>
  (scripts ??= SCRIPT_NAMES.map((name) => ({ name, letter: new RegExp(`\\p{Script=${name}}`, 'u') }))).find(({ letter }) => letter.test(char))?.name;

/** The script most of a text's letters are in. */
function mainScript(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const char of text.match(/\p{L}/gu) ?? []) {
    const script = scriptOf(char);
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * What a text's letters say of its languages. `main`, for a text with none of any language's stop
 * words (a few lines of a draft): the language whose stop words are in the script most of its
 * letters are in, the base language among several (English and German are both Latin), the base
 * language when none is. `writtenIn`: the languages of each script of their own that a share of
 * its letters are in.
 */
function scriptGuesser(languages: { code: string; words: string[] }[]): ScriptGuesser {
  let scriptsOf: { code: string; script: string | undefined }[] | undefined;
  const known = () => (scriptsOf ??= languages.map(({ code, words }) => ({ code, script: mainScript(words.join('')) })));
  // Per script that some language other than the base one is written in, and the base's is not.
  let own: { codes: string[]; letters: RegExp }[] | undefined;
  return {
    main(text) {
      const script = mainScript(text);
      const candidates = known().filter((l) => l.script !== undefined && l.script === script).map((l) => l.code);
      return candidates.includes(BASE_LANGUAGE) ? BASE_LANGUAGE : (candidates[0] ?? BASE_LANGUAGE);
    },
    writtenIn(text) {
      own ??= ownScripts(known());
      const inScripts = own.map(({ codes, letters }) => ({ codes, count: text.match(letters)?.length ?? 0 })).filter(({ count }) => count > 0);
      if (inScripts.length === 0) return []; // most documents: all their letters counted only when needed
      const letters = text.match(/\p{L}/gu)!.length;
      return inScripts.filter(({ count }) => count >= SCRIPT_SHARE * letters).map(({ codes }) => codes);
    },
  };
}

interface ScriptGuesser {
  /** The language of a text that holds no stop word: by the script most of its letters are in. */
  main(text: string): string;
  /** For each script other than the base language's that a good share of the text's letters are in: the languages written in it. */
  writtenIn(text: string): string[][];
}

/** The scripts languages other than the base one are written in, where the base language is not. */
function ownScripts(known: { code: string; script: string | undefined }[]): { codes: string[]; letters: RegExp }[] {
  const base = known.find((l) => l.code === BASE_LANGUAGE)?.script;
  const scripts = [...new Set(known.map((l) => l.script).filter((s): s is string => s !== undefined && s !== base))];
  return scripts.map((script) => ({ codes: known.filter((l) => l.script === script).map((l) => l.code), letters: new RegExp(`\\p{Script=${script}}`, 'gu') }));
}

/** How much prose is read to tell a document's language: enough for hundreds of stop words. */
const DETECT_SAMPLE = 20_000;

/** The text without the lines that hold a match: each line is kept whole or dropped whole. */
function withoutLinesHolding(text: string, matcher: TermMatcher): string {
  let kept = '';
  let from = 0;
  for (const { index } of matcher.find(text)) {
    if (index < from) continue; // a second match on a line already dropped
    const end = text.indexOf('\n', index);
    kept += text.slice(from, text.lastIndexOf('\n', index) + 1);
    from = end === -1 ? text.length : end + 1;
  }
  return from === 0 ? text : kept + text.slice(from);
}

/** Another language a document is read in too: at least this share of the main one's stop words, and this many. */
const ALSO_SHARE = 0.2;
const ALSO_MIN = 10;
/**
 * Or at least this share of its letters in that language's own script: Russian headings over
 * English notes, or Russian answers in a draft whose suggestions stayed English, hold few stop words.
 */
const SCRIPT_SHARE = 0.1;

/**
 * The languages a text is written in: the one whose stop words it uses most (when it holds none, the
 * one its script tells), then any other it uses substantially, by stop words or by script ("en+ru": a
 * draft whose answers are Russian and whose suggestions stayed English is read in both). Lines holding a placeholder are guidance
 * still to be replaced (an English skeleton --fix put into a Russian doc), not the author's words.
 */
function detectLanguage(stopwords: StopwordCounter, scripts: ScriptGuesser, text: string, guidance: TermMatcher): string {
  const sample = withoutLinesHolding(text.length > DETECT_SAMPLE ? text.slice(0, DETECT_SAMPLE) : text, guidance);
  const counts = stopwords(sample).sort((a, b) => b[1] - a[1]);
  const [main, most] = counts[0] ?? [BASE_LANGUAGE, 0];
  const found = most === 0 ? [scripts.main(sample)] : [main, ...counts.slice(1).filter(([code, count]) => code !== BASE_LANGUAGE && count >= ALSO_MIN && count >= ALSO_SHARE * most).map(([code]) => code)];
  // A script's languages: the one of them the stop words rank first, unless one is found already.
  for (const codes of scripts.writtenIn(sample)) {
    if (!codes.some((code) => found.includes(code))) found.push(counts.find(([code]) => codes.includes(code))?.[0] ?? codes[0]!);
  }
  return found.join('+');
}

/** Front matter keys that state a fact the body states too (`mlsd.declared`), with the fact's spec to read them. */
function declaredFacts(schema: AnySchemaObject, items: ChecklistItem[]): Checklist['declared'] {
  const declared = (schema.mlsd as { declared?: Record<string, { item: string; fact: string }> } | undefined)?.declared ?? {};
  return Object.entries(declared).flatMap(([key, { item, fact }]) => {
    const spec = items.find((i) => i.id === item)?.facts.find((f) => f.name === fact);
    if (!spec) throw new UserError(`checklist declared.${key}: item "${item}" has no fact "${fact}"`);
    return [{ key, spec }];
  });
}

type RuleFields = Partial<Omit<RuleMeta, 'id'>>;

/** A rule's catalogue entry from what its checklist says of it; a team rule may say little. */
function describeRule(id: string, meta: RuleFields): RuleMeta {
  const description = meta.description ?? '';
  return {
    id,
    severity: meta.severity ?? 'warning',
    description,
    rationale: meta.rationale ?? description,
    help: meta.help ?? `${description} Run \`mlsd explain ${id}\` for why it matters.`,
    ...(meta.item ? { item: meta.item } : {}),
    ...(meta.docPath ? { docPath: meta.docPath } : {}),
    ...(meta.priority !== undefined ? { priority: meta.priority } : {}),
  };
}

/** Every subschema with `mlsd.rule`, keyed by its JSON pointer (as ajv's schemaPath spells it). */
function collectRules(schema: unknown): Map<string, SchemaRule> {
  const rules = new Map<string, SchemaRule>();
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    const meta = (node as { mlsd?: RuleFields & { rule?: string } }).mlsd;
    if (meta?.rule) rules.set(path, describeRule(meta.rule, meta));
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'mlsd') walk(child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  walk(schema, '#');
  return rules;
}

const vocabularyOf = (schema: AnySchemaObject) => (schema.mlsd as { vocabulary?: Vocabulary } | undefined)?.vocabulary;

/** The built-in checklist's vocabulary (checklist.yaml), without compiling the checklist: what `mlsd new` offers and checks. */
export function defaultVocabulary(): Vocabulary {
  vocabulary ??= cached?.vocabulary ?? vocabularyOf(readDefaultSchema()) ?? {};
  return vocabulary;
}
let vocabulary: Vocabulary | undefined;

/** Lint's own rules as a checklist describes them; a schema that does not (an inline one) gets the built-in checklist's. */
function coreRules(schema: AnySchemaObject): RuleMeta[] {
  const declared = (checklist: AnySchemaObject) => (checklist.mlsd as { rules?: (RuleFields & { id: string })[] } | undefined)?.rules;
  return (declared(schema) ?? declared(readDefaultSchema()) ?? []).map((rule) => describeRule(rule.id, rule));
}

/** Every rule a checklist can report, by id: lint's own, then those its schema declares (first declaration wins). */
function ruleCatalogue(schema: AnySchemaObject, rules: Map<string, SchemaRule>): Map<string, RuleMeta> {
  const catalogue = new Map(coreRules(schema).map((rule) => [rule.id, rule]));
  for (const rule of rules.values()) if (!catalogue.has(rule.id)) catalogue.set(rule.id, rule);
  return catalogue;
}

let cached: Checklist | undefined;

/** The built-in checklist, compiled once per process; ajv's work done at build time when it can be. */
export function defaultChecklist(): Checklist {
  if (!cached) {
    const text = readFileSync(DEFAULT_SCHEMA_URL, 'utf8');
    cached = compileChecklist(JSON.parse(text) as AnySchemaObject, loadPrecompiled(text));
  }
  return cached;
}
