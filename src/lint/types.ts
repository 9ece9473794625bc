import type { Severity } from '../checklist/types.js';

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
  /**
   * How `--fix` mends it: a missing section is inserted before this line (one past the end: appended),
   * its heading at this level, and underlined (`Title` over `-----`) where `setext` says the document's are.
   */
  fix?: { insertSectionBefore: number; headingLevel: number; setext?: boolean };
  /**
   * Set when an inline `mlsd-disable` directive covers the finding. Suppressed findings stay in the
   * result so JSON and SARIF can show reviewers what was waived and why; they never fail a run.
   */
  suppressed?: Suppression;
  /**
   * Identifies the finding across edits elsewhere in the file: a hash of rule id, item id and the
   * normalized text of its line (not the line number), then `:<occurrence>`.
   */
  fingerprint?: string;
}

export interface Suppression {
  /** SARIF's name for a waiver written in the source itself. */
  kind: 'inSource';
  justification: string;
}

/** A place in the document that decided an item's state, with the line quoted. */
export interface Evidence {
  line: number;
  column: number;
  quote: string;
}

export interface ItemReport {
  state: ItemState;
  /** How it was found: under its own heading, or only mentioned in other sections. */
  via?: 'heading' | 'mention';
  line?: number;
  sections?: string[];
  /** Present: the sentences that state its facts. Weak: where it was found. */
  evidence?: Evidence[];
  /** Weak: what the section lacks, in the checklist's words. */
  lacks?: string[];
  /** Absent, and not required of this document: no finding reports it. */
  optional?: true;
}

export interface LintResult {
  /** The document's language, as detected (the checklist's terms in it were used); unset when not linted. */
  language?: string;
  diagnostics: Diagnostic[];
  checklist: Record<string, ItemState>;
  items: Record<string, ItemReport>;
}
