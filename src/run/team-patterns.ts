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

/**
 * A language's keys that never become a pattern: its name and its `--fix` sections. Its stopwords
 * can (a word with other than letters is matched as written), as can its notSubstance and
 * deferredSections terms, or a key added later.
 */
const LANGUAGE_PATTERN_FREE = new Set(['name', 'skeletons']);

/** The keys under `prefix` of each entry of `entries` that may hold a pattern, as `prefix.id.key`. */
const keysOf = (entries: object, prefix: string, free: Set<string>) =>
  Object.entries(entries).flatMap(([id, entry]) =>
    entry !== null && typeof entry === 'object' ? Object.keys(entry as object).filter((key) => !free.has(key)).map((key) => `${prefix}.${id}.${key}`) : [],
  );

/** The keys of a config's `checklist` (or its `languages`) that may hold the team's patterns. */
const patternKeys = (checklist: object, languages: object | undefined): string[] => [
  ...keysOf(checklist, 'checklist', PATTERN_FREE),
  ...keysOf(languages ?? {}, 'languages', LANGUAGE_PATTERN_FREE),
];

/** The config keys that give a file's checklist patterns of the team's (`checklist.metrics.mentions`, `languages.de.stopwords`). */
export const teamPatternKeys = (settings: FileSettings): string[] => patternKeys(settings.checklist, settings.languages);

export const hasTeamPatterns = (settings: FileSettings): boolean => teamPatternKeys(settings).length > 0;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Whether a config file, as read and not yet validated, gives some file's checklist patterns of the
 * team's: in its `checklist`, its `languages` or an override's `checklist`. Known this early, the
 * worker such files are linted in starts while the config is validated and the checklist compiled.
 * A config that turns out invalid has cost a worker's start-up, no more.
 */
export function configHasTeamPatterns(data: unknown): boolean {
  if (!isObject(data)) return false;
  const checklists = [data.checklist, ...(Array.isArray(data.overrides) ? data.overrides.map((o) => (isObject(o) ? o.checklist : undefined)) : [])];
  return patternKeys({}, isObject(data.languages) ? data.languages : undefined).length > 0 || checklists.some((c) => isObject(c) && patternKeys(c, undefined).length > 0);
}
