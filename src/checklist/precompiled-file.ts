import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` writes the default checklist's validator: beside the compiled checklist code. */
export const PRECOMPILED_FILE = new URL('./default-validator.cjs', import.meta.url);

/**
 * Loads that validator; throws when it was not built. The bundle replaces this module with one that
 * carries the validator inside it (scripts/bundle-plugins.js), so a lint neither reads nor compiles another
 * file at start-up.
 */
export const requirePrecompiled = (): unknown => createRequire(import.meta.url)(fileURLToPath(PRECOMPILED_FILE));
