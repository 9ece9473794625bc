import type { SeveritySettings } from '../checklist/types.js';
import type { Diagnostic } from './types.js';

export type { Level, SeveritySettings } from '../checklist/types.js';

/**
 * Re-grade diagnostics after lint, from configuration: an item's own level first, then its rule's,
 * then the rule's default as lint reported it. `off` drops the diagnostic. Pure; rules stay untouched.
 */
export function applySeverities(diagnostics: readonly Diagnostic[], settings: SeveritySettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = (d.itemId !== undefined ? settings.items?.[d.itemId] : undefined) ?? settings.rules?.[d.ruleId] ?? d.severity;
    if (level === 'off') continue;
    out.push(level === d.severity ? d : { ...d, severity: level });
  }
  return out;
}
