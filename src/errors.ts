/** A problem with how mlsd was called or with its input files: one line to stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;
