import type { FileResult } from '../run/result.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_TIMEOUT_MS, sizeOverLimit } from '../run/limits.js';
import { FILE_TOO_LARGE, textDocument } from '../run/read-document.js';
import { lintDocument, unlintedResult } from '../run/lint-file.js';
import { lintsInWorker } from '../run/guard.js';
import type { ProcessPool } from '../run/process-pool.js';
import { IncrementalParser } from '../lint/incremental-parse.js';
import type { DocumentSettings } from './workspace.js';
import type { ResolvedConfig } from '../config/load.js';

/**
 * Lints the editor's copy of documents as `mlsd lint` lints files: the same size limit, and a
 * document the parser could spend unbounded time on, or whose checklist has a team's patterns,
 * goes to a worker process with a time limit, so no document can hang the server. The worker
 * starts with the first such document. Each document linted here keeps its last parse, so a lint
 * after an edit re-parses only the blocks the edit touched.
 */
export class EditorLinter {
  private guard: Promise<ProcessPool> | undefined;
  private tasks = 0;
  private readonly parsers = new Map<string, IncrementalParser>();
  /** The per-file limit in the worker: `mlsd lint`'s default, or the client's `timeoutMs`. */
  timeoutMs = DEFAULT_TIMEOUT_MS;
  /**
   * The worker keeps a compiled checklist per settings key, which names only the overrides that
   * matched: each config loaded (another folder's, or one edited since) gets keys of its own.
   */
  private readonly configs = new WeakMap<ResolvedConfig, number>();
  private loaded = 0;

  async lint(file: string, text: string, context: DocumentSettings): Promise<FileResult> {
    const { settings, checklists, resolved } = context;
    const maxFileSize = resolved.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const size = Buffer.byteLength(text, 'utf8');
    if (size > maxFileSize) {
      const [shown, limit] = sizeOverLimit(size, maxFileSize);
      const message = `The document is ${shown}, more than the ${limit} mlsd reads ("maxFileSize" in the config raises the limit); it was not linted.`;
      return unlintedResult(file, FILE_TOO_LARGE, message, settings);
    }
    const read = textDocument(text); // binary bytes the editor decoded are reported as the CLI reports them
    if ('unreadable' in read) return unlintedResult(file, read.unreadable.ruleId, read.unreadable.message, settings);
    if (!lintsInWorker(text, settings)) {
      let parser = this.parsers.get(file);
      if (!parser) this.parsers.set(file, (parser = new IncrementalParser()));
      return lintDocument(file, text, settings, checklists, (source) => parser.parse(source));
    }
    this.guard ??= import('../run/process-pool.js').then(({ ProcessPool }) => new ProcessPool(1, { timeoutMs: this.timeoutMs }));
    const pool = await this.guard;
    try {
      let config = this.configs.get(resolved);
      if (config === undefined) this.configs.set(resolved, (config = this.loaded++));
      return await pool.lint({ index: this.tasks++, path: file, settings: { ...settings, key: `${config}:${settings.key}` }, maxFileSize, text });
    } catch (error) {
      // A pool whose worker failed stays failed: the next such document gets a new one.
      pool.close();
      this.guard = undefined;
      throw error;
    }
  }

  /** A document was closed: drop what was kept for it. */
  forget(file: string): void {
    this.parsers.delete(file);
  }

  async close(): Promise<void> {
    (await this.guard)?.close();
  }
}
