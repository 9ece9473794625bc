import type { TermPattern } from './terms.js';

/** The file `npm run build` writes beside the bundles: the built-in checklist's term patterns, by their terms (scripts/build.js). */
export const TERM_PATTERNS_FILE = 'term-patterns.json';

/**
 * The patterns the build made for the built-in checklist's term lists, keyed by the JSON of each
 * list's terms; a list not there (a team's) is built when it is first used. Only the bundles read
 * the file (scripts/bundle-plugins.js replaces this module there): it was made by the same build
 * as they were, while code run from dist/ or the sources (the library, the tests) could be newer
 * than the file, so it builds every pattern itself.
 */
export const builtPatterns = (): Readonly<Record<string, readonly TermPattern[]>> | undefined => undefined;
