import type { AnySchemaObject } from 'ajv';

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

/** A number with a unit: each unit as written, with the other spellings accepted for it. */
export interface UnitVocabulary {
  units: Record<string, string[]>;
}

export type Vocabulary = Record<string, EnumVocabulary | UnitVocabulary>;

export const isEnum = (v: EnumVocabulary | UnitVocabulary | undefined): v is EnumVocabulary => v !== undefined && 'values' in v;
export const isUnits = (v: EnumVocabulary | UnitVocabulary | undefined): v is UnitVocabulary => v !== undefined && 'units' in v;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every spelling of every unit, longest first (so "ms" is tried before "s", "min" before "m"). */
const spellings = (v: UnitVocabulary) => Object.entries(v.units).flatMap(([unit, others]) => [unit, ...others]).sort((a, b) => b.length - a.length);

/**
 * A quantity as front matter states it: an optional percentile and comparison, a number, a unit
 * ("150ms", "p99 150 ms", "≤ 2 seconds"). Groups: percentile, comparison, number, unit.
 */
export const quantityPattern = (v: UnitVocabulary) =>
  `^\\s*(?:(p\\d{2}(?:\\.\\d+)?)\\s*)?([<≤]?=?)\\s*(\\d+(?:\\.\\d+)?)\\s?(${spellings(v).map(escape).join('|')})\\s*$`;

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

/** A value a person gave, as the vocabulary spells it (case and synonyms forgiven), or undefined when it is none of its values. */
export function canonicalValue(v: EnumVocabulary, given: string): string | undefined {
  const wanted = given.trim().toLowerCase();
  const value = v.values.find((x) => x.toLowerCase() === wanted);
  if (value) return value;
  const synonym = Object.entries(v.synonyms ?? {}).find(([s]) => s.toLowerCase() === wanted);
  return synonym?.[1];
}

/** A quantity a person gave, written the one way (number, space, the unit's own spelling), or undefined when lint would refuse it. */
export function canonicalQuantity(v: UnitVocabulary, given: string): string | undefined {
  const m = new RegExp(quantityPattern(v), 'i').exec(given);
  if (!m) return undefined;
  const [, percentile, comparison, number, written] = m;
  const unit = Object.entries(v.units).find(([u, others]) => [u, ...others].some((s) => s.toLowerCase() === written!.toLowerCase()))![0];
  return [percentile?.toLowerCase(), comparison || undefined, `${number} ${unit}`].filter(Boolean).join(' ');
}
