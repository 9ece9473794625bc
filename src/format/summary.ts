import type { FileResult } from './types.js';

export function countSeverities(results: readonly FileResult[]) {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors += 1;
      else warnings += 1;
    }
  }
  return { errors, warnings, filesWithProblems: results.filter((r) => r.diagnostics.length > 0).length };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
