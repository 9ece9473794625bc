import { InvalidArgumentError } from 'commander';
import { parseSize } from '../config/size.js';

export { parseSize };

/**
 * Limits on the work one document can cause. Design docs are 2–40 KB; these leave two orders of
 * magnitude of room and still stop a hostile or accidental file from stalling CI.
 */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Commander parser for --max-file-size. */
export function sizeOption(value: string): number {
  const bytes = parseSize(value);
  if (bytes === undefined) throw new InvalidArgumentError('expected a size such as 5MB, 512KB or a number of bytes');
  return bytes;
}

/** Commander parser for --timeout. */
export function millisecondsOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of milliseconds, 1 or more');
  return Number(value);
}

export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : bytes >= 1024 ? `${Number((bytes / 1024).toFixed(1))} KB` : `${bytes} bytes`;
