/**
 * When to lint a document after it changes. A change after a quiet spell is linted at once (the
 * next turn of the event loop, so changes already received are applied first): one edit gets its
 * diagnostics as fast as lint runs. Changes that follow within the window of the last one are a
 * burst (typing): they are linted once, a window after the burst's last change, so a fast typist
 * does not queue a lint per keystroke.
 *
 * The window is the document's own: see `windowFor` in server.ts.
 */
export class Debouncer {
  private readonly bursts = new Map<string, { timer: NodeJS.Timeout; pending: boolean }>();

  constructor(
    private readonly windowFor: (key: string) => number,
    private readonly run: (key: string) => void,
  ) {}

  changed(key: string): void {
    const burst = this.bursts.get(key);
    if (burst) {
      burst.pending = true;
      this.restart(key, burst); // the window restarts from this change
      return;
    }
    setImmediate(() => this.run(key));
    const fresh = { timer: undefined as unknown as NodeJS.Timeout, pending: false };
    this.bursts.set(key, fresh);
    this.restart(key, fresh);
  }

  /** Forget a document (closed): nothing more runs for it. */
  cancel(key: string): void {
    const burst = this.bursts.get(key);
    if (burst) clearTimeout(burst.timer);
    this.bursts.delete(key);
  }

  dispose(): void {
    for (const key of [...this.bursts.keys()]) this.cancel(key);
  }

  private restart(key: string, burst: { timer: NodeJS.Timeout; pending: boolean }): void {
    clearTimeout(burst.timer);
    burst.timer = setTimeout(() => this.settle(key), this.windowFor(key));
  }

  private settle(key: string): void {
    const burst = this.bursts.get(key);
    if (!burst) return;
    if (!burst.pending) {
      this.bursts.delete(key);
      return;
    }
    // Lint the burst's final text, and keep the window open: typing may go on.
    burst.pending = false;
    this.restart(key, burst);
    this.run(key);
  }
}
