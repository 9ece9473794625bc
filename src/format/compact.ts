import { isActive } from './summary.js';
import type { Formatter } from './types.js';

/** One finding per line, `file:line:col: severity rule-id message`: for grep, editors and problem matchers. */
export const compact: Formatter = (results) =>
  results
    .flatMap((r) => r.diagnostics.filter(isActive).map((d) => `${r.file}:${d.line}:${d.column}: ${d.severity} ${d.ruleId} ${d.message.replace(/\s*\n\s*/g, ' ')}\n`))
    .join('');
