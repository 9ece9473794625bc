/**
 * Limits on the work one document can cause. Design docs are 2–40 KB; these leave two orders of
 * magnitude of room and still stop a hostile or accidental file from stalling CI.
 */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : bytes >= 1024 ? `${Number((bytes / 1024).toFixed(1))} KB` : `${bytes} bytes`;
