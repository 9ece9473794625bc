import type { ValidateFunction } from 'ajv';
import type { TermMatcher } from './terms.js';
import type { Vocabulary } from './vocabulary.js';

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
  /** `unless`: phrases that hold a match and state no fact ("real-time prediction latency monitoring"); a match inside one does not count. */
  | { kind: 'terms'; name: string; terms: TermMatcher; near?: TermMatcher; unless?: TermMatcher }
  | QuantitySpec
  | { kind: 'choice'; name: string; options: { value: string; terms: TermMatcher }[]; near?: TermMatcher; unless?: TermMatcher }
  /** A per-stage budget: the stages' quantities (table rows or list items) against the total. */
  | { kind: 'stages'; name: string; quantity: QuantitySpec; total: TermMatcher }
  /** Unchecked task-list items (`- [ ]`) that give no reason. */
  | { kind: 'tasks'; name: string; reason: TermMatcher }
) & {
  /** A match anywhere in the document is evidence enough that the item is addressed there. */
  evidence: boolean;
  /**
   * With `evidence`: the match counts outside the item's own sections even when it has some, not only
   * when it has none (a label rule stated under "Accuracy tracking" beside a thin "Training data").
   */
  everywhere?: boolean;
  /** Read from prose only: a match in a code block states nothing (Python's `return` is no returned order). */
  prose?: boolean;
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
  /** The mentions that name the item whatever else their sentence speaks of: mentionsExcept never silences them. */
  unmistakable?: TermMatcher;
  /** A block that matches these is no mention of the item (service health is not drift monitoring). */
  mentionsExcept?: TermMatcher;
  /** Words that only hint at the item (a dataset's name, for labels): the item is weak, not absent, but nothing is read from them. */
  hints?: TermMatcher;
  /** Words that name the item in a heading of its own section, in the document's languages: the model lists those its headings hold. */
  headingTerms?: TermMatcher;
  facts: FactSpec[];
  /** Markdown for `mlsd new` and `--fix` to insert for the item, when the checklist gives one. */
  skeleton?: string;
  /** What to say when the item is weak, instead of the reasons its schema's errors give. */
  message?: string;
}

export type Severity = 'error' | 'warning';

/** What the rule catalogue says of a rule: lint's own (core) rules and those a checklist declares alike. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** A paragraph: why it matters in a design review. */
  rationale: string;
  /** Plain-text help: how to fix a finding. */
  help: string;
  /** The item the finding is about, when its errors point elsewhere (a cross-item rule). */
  item?: string;
  /** The rule's page relative to the package root, for rules that ship with mlsd (a team's have none). */
  docPath?: string;
  /** Rank when only some findings can be shown (GitHub annotations): lower first; unranked last. */
  priority?: number;
}

/** A finding declared in the schema: a subschema whose failure is reported under its own rule id. */
export type SchemaRule = RuleMeta;

/** How a rule's or an item's findings are reported, as a config sets it: `off` drops them. */
export type Level = 'error' | 'warning' | 'off';

/** The levels a config gives: by rule id, and by checklist item id (which wins over the rule's). */
export interface SeveritySettings {
  rules?: Readonly<Record<string, Level>>;
  items?: Readonly<Record<string, Level>>;
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
  /** The languages of a document, by the stop words of those the checklist declares: its main one, then any other it uses substantially ("en+ru"). */
  detectLanguage(text: string): string;
  /** The same checklist with the terms of other languages ("ru", "en+ru"; itself for none it has); its `language` is the first. */
  inLanguage(lang: string): Checklist;
  /** Front matter keys whose value is read as one of an item's facts, to compare with the body. */
  declared: { key: string; spec: FactSpec }[];
  /** Rules declared in the schema, keyed by the JSON pointer of the subschema that carries them. */
  rules: Map<string, SchemaRule>;
  /** Every rule a run can report, by id: lint's own rules, then those the schema declares. */
  catalogue: Map<string, RuleMeta>;
  /** The words docs and `mlsd new` share: front matter enums with their synonyms, units. */
  vocabulary: Vocabulary;
  /**
   * By item id: the section, heading first, that `--fix` inserts for a missing item in a document in
   * this checklist's language (`languages/<code>.yaml` `skeletons`); an item without one gets the
   * English skeleton of the templates.
   */
  skeletons: Readonly<Record<string, string>>;
  /** The config's levels for the file this checklist judges; lint reports its findings at them. */
  severities?: SeveritySettings;
  /** ajv validator for the document model. */
  validate: ValidateFunction;
}

