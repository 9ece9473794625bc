import type { Diagnostic } from '../lint/index.js';
import type { FileResult, RunSummary } from './types.js';

/** Findings that count: not waived by an inline suppression. */
export const isActive = (d: Diagnostic) => d.suppressed === undefined;

export const emptySummary = (): RunSummary => ({ files: 0, errors: 0, warnings: 0, suppressed: 0, filesWithProblems: 0, hidden: 0 });

/**
 * Count one file into running totals, so a streamed run never needs the results again. `listed` is
 * what the report shows of the file (--quiet leaves its warnings out): errors, warnings and files
 * with problems count every active finding, as the exit code and --max-warnings do; `hidden` says
 * how many of the warnings are not listed, `suppressed` how many listed findings are waived.
 */
export function addToSummary(summary: RunSummary, result: FileResult, listed: FileResult = result): void {
  let active = 0;
  for (const d of result.diagnostics) {
    if (!isActive(d)) continue;
    if (d.severity === 'error') summary.errors += 1;
    else summary.warnings += 1;
    active += 1;
  }
  for (const d of listed.diagnostics) {
    if (!isActive(d)) summary.suppressed += 1;
    else active -= 1;
  }
  summary.hidden += active;
  summary.files += 1;
  if (result.diagnostics.some(isActive)) summary.filesWithProblems += 1;
}

export function countSeverities(results: readonly FileResult[]): RunSummary {
  const summary = emptySummary();
  for (const result of results) addToSummary(summary, result);
  return summary;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why warnings that count are not listed, worded alike wherever a report says so. */
export const notShown = (hiddenWarnings: number) => `${plural(hiddenWarnings, 'warning')} not shown: --quiet`;
