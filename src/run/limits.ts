/**
 * Limits on the work one document can cause. Design docs are 2–40 KB; these leave two orders of
 * magnitude of room and still stop a hostile or accidental file from stalling CI.
 */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : bytes >= 1024 ? `${Number((bytes / 1024).toFixed(1))} KB` : `${bytes} bytes`;

/** A size over a limit, both in words: in bytes when rounding would show them equal ("5 MB, more than the 5 MB"). */
export function sizeOverLimit(size: number, limit: number): [string, string] {
  const [a, b] = [formatSize(size), formatSize(limit)];
  return a === b ? [`${size.toLocaleString('en-US')} bytes`, `${limit.toLocaleString('en-US')} bytes`] : [a, b];
}
