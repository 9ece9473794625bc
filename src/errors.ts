/** What the process exits with: 0 clean, 1 findings, 2 usage/config/IO error, 130 interrupted. */
export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;

/**
 * A problem the user can fix: how mlsd was called, a config, a checklist, a template, a file it
 * cannot read or write. The CLI prints its message (one `mlsd:` line per line, never a stack) and
 * exits with its code; anything else that escapes is a bug in mlsd.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/** A parser's message on one line: its first, which says where, without the colon that introduces the code frame after it. */
export const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/:\s*$/, '');
