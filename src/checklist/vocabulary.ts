import type { AnySchemaObject } from 'ajv';
import { literalPattern } from './letters.js';

/**
 * The words design docs and `mlsd new` share (checklist.yaml `vocabulary`): lint's front matter
 * constraints and the scaffold's choices and answer checks both derive from them, so a value `mlsd
 * new` writes is one lint accepts. Pure.
 */

/** One of a fixed set of values; synonyms are what a person may type instead (on-device → edge). */
export interface EnumVocabulary {
  values: string[];
  synonyms?: Record<string, string>;
}

/**
 * A number with a unit: each unit as written, with the other spellings accepted for it. Synonyms map
 * what a person may type in an answer to a unit ("сек" → s): front matter does not take them.
 */
export interface UnitVocabulary {
  units: Record<string, string[]>;
  synonyms?: Record<string, string>;
}

export type Vocabulary = Record<string, EnumVocabulary | UnitVocabulary>;

export const isEnum = (v: EnumVocabulary | UnitVocabulary | undefined): v is EnumVocabulary => v !== undefined && 'values' in v;
export const isUnits = (v: EnumVocabulary | UnitVocabulary | undefined): v is UnitVocabulary => v !== undefined && 'units' in v;

/** Every spelling of every unit, longest first (so "ms" is tried before "s", "min" before "m"). */
const spellings = (v: UnitVocabulary) => Object.entries(v.units).flatMap(([unit, others]) => [unit, ...others]).sort((a, b) => b.length - a.length);

/**
 * A quantity as front matter states it: an optional percentile and comparison, a number, a unit
 * ("150ms", "p99 150 ms", "≤ 2 seconds"). Groups: percentile, comparison, number, unit.
 */
export const quantityPattern = (v: UnitVocabulary) =>
  `^\\s*(?:(p\\d{2}(?:\\.\\d+)?)\\s*)?([<≤]?=?)\\s*(\\d+(?:\\.\\d+)?)\\s?(${spellings(v).map(literalPattern).join('|')})\\s*$`;

const oneOf = (values: string[]) => `must be one of ${values.join(', ')}`;

/** The JSON Schema a front matter key whose value comes from this vocabulary must satisfy. */
export function vocabularySchema(v: EnumVocabulary | UnitVocabulary): AnySchemaObject {
  if (isEnum(v)) return { enum: v.values, errorMessage: oneOf(v.values) };
  return {
    type: ['string', 'number'],
    pattern: quantityPattern(v),
    errorMessage: 'must be a number with a unit, e.g. "150ms" or "p99 150 ms"',
  };
}

/** A word as a person may type it: case, runs of spaces, and ё for е (as Russian often writes it) forgiven. */
const typed = (word: string) => word.trim().replace(/\s+/g, ' ').toLowerCase().replace(/ё/g, 'е');

/** A value a person gave, as the vocabulary spells it (case and synonyms forgiven), or undefined when it is none of its values. */
export function canonicalValue(v: EnumVocabulary, given: string): string | undefined {
  const wanted = typed(given);
  const value = v.values.find((x) => typed(x) === wanted);
  if (value) return value;
  const synonym = Object.entries(v.synonyms ?? {}).find(([s]) => typed(s) === wanted);
  return synonym?.[1];
}

/**
 * A quantity as a person may type it in an answer: what front matter takes, or a unit's synonym, a
 * decimal comma ("1,5 с") and a closing full stop ("2 сек."). Groups as quantityPattern's.
 */
const answerPattern = (v: UnitVocabulary) => {
  const written = [...spellings(v), ...Object.keys(v.synonyms ?? {})].sort((a, b) => b.length - a.length);
  return `^\\s*(?:(p\\d{2}(?:[.,]\\d+)?)\\s*)?([<≤]?=?)\\s*(\\d+(?:[.,]\\d+)?)\\s?(${written.map(literalPattern).join('|')})\\.?\\s*$`;
};

/** A quantity a person gave, written the one way (number with a decimal point, space, the unit's own spelling), or undefined when lint would refuse it. */
export function canonicalQuantity(v: UnitVocabulary, given: string): string | undefined {
  const m = new RegExp(answerPattern(v), 'i').exec(given);
  if (!m) return undefined;
  const [, percentile, comparison, number, written] = m;
  const spelled = (s: string) => s.toLowerCase() === written!.toLowerCase();
  const unit =
    Object.entries(v.units).find(([u, others]) => [u, ...others].some(spelled))?.[0] ?? Object.entries(v.synonyms ?? {}).find(([s]) => spelled(s))![1];
  const decimal = (n: string) => n.replace(',', '.');
  return [percentile === undefined ? undefined : decimal(percentile.toLowerCase()), comparison || undefined, `${decimal(number!)} ${unit}`].filter(Boolean).join(' ');
}
