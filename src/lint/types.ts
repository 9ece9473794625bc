import type { Severity } from './rules.js';

export type ItemState = 'present' | 'weak' | 'absent';

export interface Diagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  ruleId: string;
  /** The checklist item the finding is about, when it is about one. */
  itemId?: string;
  message: string;
  /** What a good section says: the item's hint from the checklist. */
  hint?: string;
}

export interface ItemReport {
  state: ItemState;
  /** How it was found: under its own heading, or only mentioned in other sections. */
  via?: 'heading' | 'mention';
  line?: number;
  sections?: string[];
}

export interface LintResult {
  diagnostics: Diagnostic[];
  checklist: Record<string, ItemState>;
  items: Record<string, ItemReport>;
}
