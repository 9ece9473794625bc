import type { RuleMeta } from '../lint/rules.js';
import type { LintResult } from '../lint/index.js';

/** One linted file: what the CLI hands to a formatter. */
export interface FileResult extends LintResult {
  /** Path as the user gave it (relative to the working directory), or "<stdin>". */
  file: string;
}

export interface FormatOptions {
  color: boolean;
  toolVersion: string;
  checklistId: string;
  /**
   * Where the working directory sits inside the repository ("" at the root, else "docs/"), so
   * SARIF can give repository-relative paths; file paths in results are relative to the working directory.
   */
  repoPrefix?: string;
  /** Every rule the run can report (lint's own and the checklist's), for SARIF's rule descriptors. */
  rules?: readonly RuleMeta[];
}

export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;
