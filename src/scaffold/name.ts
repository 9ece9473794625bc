import { UserError } from '../errors.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A slug suggestion for a rejected name: "Feed Ranking v2" → "feed-ranking-v2", "Ümlaut" → "umlaut"
 * (accents dropped, not turned into hyphens), "feed.md" → "feed" (the file the name becomes).
 */
export const slugify = (name: string) =>
  name
    .replace(/\.(?:md|markdown)$/i, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');

/**
 * A doc name becomes a file name under docs/design/, so it must be a plain slug: lower-case
 * letters, digits and hyphens, at most 64 characters, no path separators, no device names.
 */
export function checkName(name: string): string {
  const suggestion = slugify(name);
  const hint = suggestion && !RESERVED.test(suggestion) ? ` (try "${suggestion}")` : '';
  if (name.trim() === '') throw new UserError('the doc name is empty: give a slug such as "feed-ranking"');
  if (/[/\\]/.test(name) || name.includes('..')) throw new UserError(`the doc name "${name}" is a path; give a plain slug${hint} and use --output to choose the file`);
  if (RESERVED.test(name)) throw new UserError(`the doc name "${name}" is a reserved device name on Windows; choose another`);
  if (!SLUG.test(name)) throw new UserError(`the doc name "${name}" is not a slug: use lower-case letters, digits and hyphens, at most 64 characters${hint}`);
  return name;
}

/** A readable default title from a slug: "home-feed-ranking-v2" → "Home feed ranking v2". */
export function titleFromName(name: string): string {
  const words = name.split('-').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
