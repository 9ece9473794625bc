import { collected } from './streaming.js';
import { isActive } from './summary.js';
import type { StreamingFormatter } from './types.js';

/** One finding per line, `file:line:col: severity rule-id message`: for grep, editors and problem matchers. */
export const compactReport: StreamingFormatter = () => ({
  header: () => '',
  file: (r) =>
    r.diagnostics
      .filter(isActive)
      .map((d) => `${r.file}:${d.line}:${d.column}: ${d.severity} ${d.ruleId} ${d.message.replace(/\s*\n\s*/g, ' ')}\n`)
      .join(''),
  footer: () => '',
});

export const compact = collected(compactReport);
