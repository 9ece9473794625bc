import type { ValidateFunction } from 'ajv';
import type { TermMatcher } from './terms.js';

export interface QuantitySpec {
  kind: 'quantity';
  name: string;
  /** Unit as written → its value in the base unit (milliseconds for latency). */
  units: Record<string, number>;
  near: TermMatcher;
  unless?: TermMatcher;
  percentiles?: TermMatcher;
}

/** How one fact is pulled out of an item's text; declared under `mlsd.facts` in the schema. */
export type FactSpec = (
  | { kind: 'terms'; name: string; terms: TermMatcher; near?: TermMatcher }
  | QuantitySpec
  | { kind: 'choice'; name: string; options: { value: string; terms: TermMatcher }[]; near?: TermMatcher }
  /** A per-stage budget: the stages' quantities (table rows or list items) against the total. */
  | { kind: 'stages'; name: string; quantity: QuantitySpec; total: TermMatcher }
  /** Unchecked task-list items (`- [ ]`) that give no reason. */
  | { kind: 'tasks'; name: string; reason: TermMatcher }
) & {
  /** A match anywhere in the document is evidence enough that the item is addressed there. */
  evidence: boolean;
};

export interface ChecklistItem {
  id: string;
  title: string;
  hint: string;
  required: boolean;
  /** Aliases after heading normalisation, longest first. */
  aliases: string[];
  /** Head words: a heading holding one at a word start is the item's own, however it is phrased. */
  heads?: RegExp;
  mentions: TermMatcher;
  /** A block that matches these is no mention of the item (service health is not drift monitoring). */
  mentionsExcept?: TermMatcher;
  facts: FactSpec[];
  /** Markdown for `mlsd new` and `--fix` to insert for the item, when the checklist gives one. */
  skeleton?: string;
}

/** A finding declared in the schema: a subschema whose failure is reported under its own rule id. */
export interface SchemaRule {
  id: string;
  severity: 'error' | 'warning';
  description: string;
  /** The item the finding is about, when its errors point elsewhere (a cross-item rule). */
  item?: string;
}

export interface Checklist {
  /** The checklist schema's `$id`, so results say which checklist judged them. */
  id: string;
  /** The language these items' terms are compiled for (with the base language's). */
  language: string;
  items: ChecklistItem[];
  placeholders: TermMatcher;
  /** Hedges, deferrals, negations and template guidance: a sentence holding one states no fact. */
  notSubstance: TermMatcher;
  /** Headings whose sections hold deferred or set-aside content: nothing there is substance. */
  deferredSections: TermMatcher;
  /** The language of a document, by the stop words of the languages the checklist declares. */
  detectLanguage(text: string): string;
  /** The same checklist with the terms of another language (itself when it has no such language). */
  inLanguage(lang: string): Checklist;
  /** Front matter keys whose value is read as one of an item's facts, to compare with the body. */
  declared: { key: string; spec: FactSpec }[];
  /** Rules declared in the schema, keyed by the JSON pointer of the subschema that carries them. */
  rules: Map<string, SchemaRule>;
  /** ajv validator for the document model. */
  validate: ValidateFunction;
}

export class ChecklistError extends Error {
  override name = 'ChecklistError';
}
