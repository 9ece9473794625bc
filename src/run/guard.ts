import type { FileSettings } from '../config/settings.js';
import { hasTeamPatterns } from './team-patterns.js';

/**
 * Which documents the main thread must not lint itself. micromark is linear on ordinary Markdown
 * but quadratic on long runs of unclosed delimiters (bench/README.md, "Measurements behind the
 * code"), and a parse cannot be interrupted inside its thread. A file that is large or
 * dense with delimiters is linted in a worker process with a watchdog instead; real design docs
 * (2–40 KB, about 2% delimiters, a few hundred at most) never pay for that process.
 */
export const GUARD_LENGTH = 256 * 1024;
export const GUARD_DELIMITERS = 5000;

// A table over ASCII rather than a Set: this scan reads every character of every file.
const IS_DELIMITER = new Uint8Array(128);
for (const c of '*_[](<`~|') IS_DELIMITER[c.charCodeAt(0)] = 1;

export function needsGuard(text: string): boolean {
  if (text.length > GUARD_LENGTH) return true;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && IS_DELIMITER[code] === 1 && ++count > GUARD_DELIMITERS) return true;
  }
  return false;
}

/** Whether a document is linted in a worker with the time limit: one the parser may stall on, or one a team's pattern may (team-patterns.ts). */
export const lintsInWorker = (text: string, settings: FileSettings): boolean => needsGuard(text) || hasTeamPatterns(settings);
