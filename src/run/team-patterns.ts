import type { FileSettings } from '../config/settings.js';

/**
 * Which files' checklists hold regular expressions a team wrote. A pattern can backtrack for longer
 * than any time limit on a few dozen characters of prose, no static check refuses every such
 * pattern, and a regex cannot be interrupted inside its thread: only a worker process, killed at the
 * per-file limit, bounds it. So such a file is linted in a worker; the built-in checklist, whose
 * patterns are reviewed, keeps the fast path in this process.
 */

/**
 * Item keys that never become a team's pattern: text, flags, numbers, and headings (`aliases`,
 * `heads`), which are compared as words or escaped. Any other key (`mentions`, `facts`, `schema`,
 * a key added later) may hold one.
 */
const PATTERN_FREE = new Set(['title', 'hint', 'required', 'severity', 'minWords', 'heading', 'message', 'skeleton', 'aliases', 'heads']);

/** The config keys that give a file's checklist patterns of the team's (`checklist.metrics.mentions`, `languages.de`). */
export function teamPatternKeys(settings: FileSettings): string[] {
  const items = Object.entries(settings.checklist).flatMap(([id, item]) => Object.keys(item).filter((key) => !PATTERN_FREE.has(key)).map((key) => `checklist.${id}.${key}`));
  return [...items, ...Object.keys(settings.languages ?? {}).map((code) => `languages.${code}`)];
}

export const hasTeamPatterns = (settings: FileSettings): boolean => teamPatternKeys(settings).length > 0;
