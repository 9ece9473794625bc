import type { RuleMeta } from '../checklist/types.js';
import type { FileResult } from '../run/result.js';

// Formatters take the run's per-file results; their type lives with the run that makes them.
export type { FileResult };

export interface FormatOptions {
  color: boolean;
  /** Add each file's scorecard (formats for people only). */
  verbose?: boolean;
  toolVersion: string;
  checklistId: string;
  /** The tool's home page (its repository), for SARIF's informationUri. */
  informationUri?: string;
  /** Prefix that a rule's docPath is appended to for a link to its page; no links without it. */
  docsBase?: string;
  /**
   * Where the working directory sits inside the repository ("" at the root, else "docs/"), so
   * SARIF can give repository-relative paths; file paths in results are relative to the working directory.
   */
  repoPrefix?: string;
  /** Every rule the run can report (the checklist's rule catalogue), for SARIF's rule descriptors and annotation order. */
  rules: readonly RuleMeta[];
}

/** A formatter that needs every result before it can print (totals or ordering up front). */
export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;

/** Totals over the files of a run, as the report shows them. */
export interface RunSummary {
  files: number;
  /** Active errors and warnings, listed or not: what the exit code and --max-warnings go by. */
  errors: number;
  warnings: number;
  /** Findings waived by an inline suppression, of those the report lists. */
  suppressed: number;
  /** Files with an active finding, listed or not. */
  filesWithProblems: number;
  /** Of `warnings`, those --quiet leaves out of the report, so the footer says why they are not listed. */
  hidden: number;
}

/**
 * A report printed as the run goes: the text before any file, each file's text in file order,
 * then the text after the last, which alone sees the totals. Created once per run (it may keep
 * state between files, such as whether a separator is due); `collected` in streaming.ts gives the
 * same bytes from results held in memory.
 */
export interface ReportStream {
  header(): string;
  file(result: FileResult): string;
  footer(summary: RunSummary): string;
}

export type StreamingFormatter = (options: FormatOptions) => ReportStream;

