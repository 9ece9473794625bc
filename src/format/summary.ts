import type { Diagnostic } from '../lint/index.js';
import type { FileResult, RunSummary } from './types.js';

/** Findings that count: not waived by an inline suppression. */
export const isActive = (d: Diagnostic) => d.suppressed === undefined;

export const emptySummary = (): RunSummary => ({ files: 0, errors: 0, warnings: 0, suppressed: 0, filesWithProblems: 0, hidden: 0 });

/** Count one file into running totals, so a streamed run never needs the results again. */
export function addToSummary(summary: RunSummary, result: FileResult): void {
  let active = false;
  for (const d of result.diagnostics) {
    if (!isActive(d)) summary.suppressed += 1;
    else if (d.severity === 'error') summary.errors += 1;
    else summary.warnings += 1;
    active ||= isActive(d);
  }
  summary.files += 1;
  if (active) summary.filesWithProblems += 1;
}

export function countSeverities(results: readonly FileResult[]): RunSummary {
  const summary = emptySummary();
  for (const result of results) addToSummary(summary, result);
  return summary;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
