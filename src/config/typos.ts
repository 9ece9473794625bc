import type { AnySchemaObject } from 'ajv';
import type { LangTerms } from '../checklist/load.js';
import { didYouMean } from '../suggest.js';
import type { FactConfig, ItemConfig, Scalar } from './load.js';

/*
 * Mistakes the config schema cannot see, which would otherwise be taken silently and change
 * nothing: a term list for a language no document can be in, a `required.when` no front matter
 * can meet, a pattern where a heading is plain text. Each is a [path in the item, message] pair;
 * the loader names the file and line. Pure.
 */

export type ItemProblem = [(string | number)[], string];

/** Every term list of an item that may be keyed by language code, with its path in the item. */
function termLists(item: ItemConfig): [(string | number)[], LangTerms | undefined][] {
  const lists: [(string | number)[], LangTerms | undefined][] = [
    [['aliases'], item.aliases],
    [['heads'], item.heads],
    [['mentions'], item.mentions],
    [['headingTerms'], item.headingTerms],
  ];
  for (const [name, fact] of Object.entries(item.facts ?? {}) as [string, FactConfig][]) {
    const at = ['facts', name];
    lists.push([[...at, 'terms'], fact.terms], [[...at, 'near'], fact.near]);
    for (const key of ['near', 'unless', 'percentiles'] as const) lists.push([[...at, 'quantity', key], fact.quantity?.[key]]);
    for (const [value, list] of Object.entries(fact.choice ?? {})) lists.push([[...at, 'choice', value], list]);
  }
  return lists;
}

/**
 * Term lists keyed by a language that is neither built in nor declared under `languages`: no
 * document is ever detected as that language, so the terms would never apply.
 */
export function languageProblems(item: ItemConfig, known: readonly string[]): ItemProblem[] {
  const problems: ItemProblem[] = [];
  for (const [at, list] of termLists(item)) {
    if (list === undefined || Array.isArray(list)) continue;
    for (const lang of Object.keys(list)) {
      if (known.includes(lang)) continue;
      // No "did you mean": between two-letter codes every one is close to every other.
      problems.push([[...at, lang], `names a language neither built in nor declared under "languages" (${known.join(', ')}): declare "${lang}" there, with its name and stopwords, or key the list by one of those`]);
    }
  }
  return problems;
}

/**
 * What only a regular expression would write: a group `(?:`, a backslash, a character class, an
 * alternation inside a word, a quantified group or wildcard, a counted repeat, an anchor. A
 * heading's own punctuation (a question mark, "C++", "(offline)", "[WIP]") is not among them.
 */
const PATTERN_SYNTAX = [/\(\?/, /\\/, /\[(?![A-Z0-9 ]+\])[^\]]*\]/, /\S\|\S/, /\)[*+?]/, /\.[*+?]/, /\{\d+(?:,\d*)?\}/, /^\^/, /\$$/];

/** Headings (aliases, heads) written as patterns: they are plain text, and a pattern matches no heading. */
export function headingPatternProblems(item: ItemConfig): ItemProblem[] {
  const problems: ItemProblem[] = [];
  for (const key of ['aliases', 'heads'] as const) {
    const lists = item[key];
    if (lists === undefined) continue;
    const keyed = Array.isArray(lists) ? [[[key], lists] as const] : Object.entries(lists).map(([lang, list]) => [[key, lang], list] as const);
    for (const [at, list] of keyed) {
      list.forEach((heading, i) => {
        if (!PATTERN_SYNTAX.some((syntax) => syntax.test(heading))) return;
        const instead = key === 'heads' ? 'write a head word a heading starts a word with (a stem such as "zielgr" matches every ending)' : 'list each heading as it is written';
        problems.push([[...at, i], `"${heading}" is a regular expression, but ${key} are plain heading text, not patterns: ${instead}`]);
      });
    }
  }
  return problems;
}

/**
 * A `required: { when }` no document can meet: a misspelt front matter key (`statuss`, close to a
 * declared one), or a value the key's schema refuses (`status: reveiw`). `accepts` tells whether
 * the key's schema takes a value.
 */
export function whenProblems(item: ItemConfig, frontMatter: Record<string, AnySchemaObject>, accepts: (key: string, value: Scalar) => boolean): ItemProblem[] {
  const requirement = item.required;
  if (typeof requirement !== 'object') return [];
  const keys = Object.keys(frontMatter);
  const problems: ItemProblem[] = [];
  for (const [key, given] of Object.entries(requirement.when)) {
    const at = ['required', 'when', key];
    const schema = frontMatter[key];
    if (!schema) {
      // A key close to a declared one is its typo; any other may be the team's own front matter (tier: critical).
      const close = didYouMean(key, keys);
      if (close) problems.push([at, `is not a front matter key the checklist declares${close}; keys: ${keys.join(', ')}`]);
      continue;
    }
    const values = Array.isArray(given) ? given : [given];
    values.forEach((value, i) => {
      if (accepts(key, value)) return;
      const allowed = Array.isArray(schema.enum) ? (schema.enum as Scalar[]).map(String) : undefined;
      const hint = allowed ? `${didYouMean(String(value), allowed)}; ${key} is one of ${allowed.join(', ')}` : typeof schema.errorMessage === 'string' ? `; ${key} ${schema.errorMessage}` : '';
      problems.push([Array.isArray(given) ? [...at, i] : at, `has ${JSON.stringify(value)}, a value front matter's ${key} never has, so the item would never be required${hint}`]);
    });
  }
  return problems;
}
