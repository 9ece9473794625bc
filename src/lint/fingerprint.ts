import type { Diagnostic } from './types.js';
import { REQUIRED_SECTION } from './validate.js';

/** FNV-1a over UTF-16 code units, 32-bit. Pure JS so the lint core needs no Node built-ins. */
export function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export const hex = (n: number) => n.toString(16).padStart(8, '0');

/** Case, spacing and list or heading markers don't make a line different. */
export const normalizeLine = (line: string) =>
  line
    .replace(/^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * Give every finding a fingerprint that survives edits elsewhere in the file: rule id, item id
 * and the normalized text of the finding's line, never its number, plus a counter that tells
 * apart identical findings on identical lines. A missing section has no line of its own (it points
 * where the section should go, which is another section's heading), so its line text is left out.
 */
export function addFingerprints(diagnostics: Diagnostic[], text: string): Diagnostic[] {
  const lines = text.split('\n');
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const lineText = d.ruleId === REQUIRED_SECTION ? '' : normalizeLine(lines[d.line - 1] ?? '');
    const key = `${d.ruleId}\u0000${d.itemId ?? ''}\u0000${lineText}`;
    const base = hex(fnv1a(key, 0x811c9dc5)) + hex(fnv1a(key, 0x050c5d1f));
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return { ...d, fingerprint: `${base}:${occurrence}` };
  });
}
