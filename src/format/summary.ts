import type { Diagnostic } from '../lint/index.js';
import type { FileResult } from './types.js';

/** Findings that count: not waived by an inline suppression. */
export const isActive = (d: Diagnostic) => d.suppressed === undefined;

export function countSeverities(results: readonly FileResult[]) {
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (!isActive(d)) suppressed += 1;
      else if (d.severity === 'error') errors += 1;
      else warnings += 1;
    }
  }
  return { errors, warnings, suppressed, filesWithProblems: results.filter((r) => r.diagnostics.some(isActive)).length };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
