import type { SeveritySettings } from '../checklist/types.js';
import type { Diagnostic } from './types.js';
import { STATE_RULES } from './validate.js';

export type { Level, SeveritySettings } from '../checklist/types.js';

/**
 * Re-grade diagnostics after lint, from configuration: for an item's state (absent, weak), the
 * item's own level first; then the rule's; then the rule's default as lint reported it. A
 * best-practice rule about an item (latency-percentile) goes by its rule's level, so that
 * `rules: { latency-percentile: off }` holds whatever level the item's state has (`mlsd:strict`
 * sets every item's); only an item turned off silences it too. `off` drops the diagnostic. Pure;
 * rules stay untouched.
 */
export function applySeverities(diagnostics: readonly Diagnostic[], settings: SeveritySettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const item = d.itemId !== undefined ? settings.items?.[d.itemId] : undefined;
    const itemLevel = STATE_RULES.has(d.ruleId) || item === 'off' ? item : undefined;
    const level = itemLevel ?? settings.rules?.[d.ruleId] ?? d.severity;
    if (level === 'off') continue;
    out.push(level === d.severity ? d : { ...d, severity: level });
  }
  return out;
}
