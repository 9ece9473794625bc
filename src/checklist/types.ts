import type { ValidateFunction } from 'ajv';
import type { TermMatcher } from './terms.js';

/** How one fact is pulled out of an item's text; declared under `mlsd.facts` in the schema. */
export type FactSpec = (
  | { kind: 'terms'; name: string; terms: TermMatcher; near?: TermMatcher }
  | {
      kind: 'quantity';
      name: string;
      /** Unit as written → its value in milliseconds. */
      units: Record<string, number>;
      near: TermMatcher;
      unless?: TermMatcher;
      percentiles?: TermMatcher;
    }
  | { kind: 'choice'; name: string; options: { value: string; terms: TermMatcher }[]; near?: TermMatcher }
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
  mentions: TermMatcher;
  facts: FactSpec[];
  /** Markdown for `mlsd new` and `--fix` to insert for the item, when the checklist gives one. */
  skeleton?: string;
}

export interface Checklist {
  /** The checklist schema's `$id`, so results say which checklist judged them. */
  id: string;
  items: ChecklistItem[];
  placeholders: TermMatcher;
  /** ajv validator for the document model. */
  validate: ValidateFunction;
}

export class ChecklistError extends Error {
  override name = 'ChecklistError';
}
