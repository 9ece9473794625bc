import type { LintResult } from '../lint/index.js';

/** One file of a run, linted or reported as unreadable: what the CLI and the editor hand to a formatter. */
export interface FileResult extends LintResult {
  /** Path as the user gave it (relative to the working directory), or "<stdin>". */
  file: string;
  /** Active warnings the report leaves out of `diagnostics` (--quiet): still the file's, and still counted. */
  hiddenWarnings?: number;
}
