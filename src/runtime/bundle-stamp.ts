import { createHash } from 'node:crypto';
import { BUNDLE_STAMP } from './code-cache.js';

/**
 * A bundle's text with its stamp on the first line: a digest of the rest, which the code cache
 * loader compares with the one its cache was made for. Used by the build, never at run time.
 */
export const stampBundle = (text: string) => `${BUNDLE_STAMP}${createHash('sha256').update(text).digest('hex')}\n${text}`;
