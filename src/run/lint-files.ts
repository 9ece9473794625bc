import type { Checklists, FileSettings } from '../config/settings.js';
import { lintsInWorker } from './guard.js';
import { lintRead } from './lint-file.js';
import type { ProcessPool } from './process-pool.js';
import { readDocument, readStdinDocument, type ReadDocument } from './read-document.js';
import type { FileResult } from './result.js';
import { threadsFor } from './parallelism.js';

/** The path that names standard input. */
export const STDIN = '-';

export interface LintRun {
  /** A file's settings, by its path as given (STDIN for standard input). */
  settings: (path: string) => FileSettings;
  checklists: Checklists;
  /** --threads: undefined picks by file count, 0 or 1 lints in this process (but for the files the guard or a team's patterns send to a worker). */
  threads?: number;
  maxFileSize: number;
  timeoutMs: number;
  stdin: NodeJS.ReadableStream;
  /** Standard input's name in the report, if given. */
  stdinName?: string;
  /** Standard input, when the caller has read it already (to judge it by its front matter): linted as read. */
  stdinDocument?: ReadDocument;
  /** A pool the caller started ahead (see lint-command.ts): the guard for the files that need one, or widened into the run's pool. */
  guard?: ProcessPool;
}

/**
 * Files handed to the process pool ahead of the one the report waits for. Results that come back
 * out of order wait in this window, so it bounds what the run holds (a few MB of results), while
 * leaving the processes enough to do when one file takes long.
 */
const LOOKAHEAD = 256;

/**
 * Lint every file, on the pool's processes when there are enough of them, and hand each result to
 * `emit` in the files' order as soon as it and those before it are done; nothing is kept after.
 * In this process, a file the parser could spend unbounded time on (see guard.ts), or whose
 * checklist holds a team's patterns (see team-patterns.ts), is handed to a pool process with a
 * watchdog, so no file can stall the run past the time limit.
 */
export async function lintFiles(paths: readonly string[], run: LintRun, emit: (result: FileResult) => Promise<void>, progress: (done: number) => void): Promise<void> {
  const { settings, checklists, maxFileSize, timeoutMs, stdinName } = run;
  const processes = threadsFor(paths.length, run.threads);
  if (processes > 0 && !paths.includes(STDIN)) {
    const { ProcessPool } = await import('./process-pool.js');
    const pool = run.guard?.widen(processes) ?? new ProcessPool(processes, { timeoutMs });
    try {
      // In file order: a result is awaited only when every one before it has been emitted.
      const ahead: Promise<FileResult>[] = [];
      let handed = 0;
      for (let done = 0; done < paths.length; done++) {
        for (; handed < paths.length && ahead.length < LOOKAHEAD; handed++) {
          ahead.push(pool.lint({ index: handed, path: paths[handed]!, settings: settings(paths[handed]!), maxFileSize }));
        }
        await emit(await ahead.shift()!);
        progress(done + 1);
      }
    } finally {
      pool.close();
    }
    return;
  }
  let guard = run.guard;
  try {
    for (const [i, path] of paths.entries()) {
      const doc = path === STDIN ? (run.stdinDocument ?? (await readStdinDocument(run.stdin, maxFileSize))) : readDocument(path, maxFileSize);
      const name = path === STDIN ? (stdinName ?? '<stdin>') : path;
      const fileSettings = settings(path);
      if ('text' in doc && lintsInWorker(doc.text, fileSettings)) {
        // This process waits meanwhile, so the pool process's clock measures the file alone.
        guard ??= new (await import('./process-pool.js')).ProcessPool(1, { timeoutMs });
        await emit(await guard.lint({ index: i, path: name, settings: fileSettings, maxFileSize, text: doc.text }));
      } else {
        await emit(lintRead(name, doc, fileSettings, checklists));
      }
      progress(i + 1);
    }
  } finally {
    guard?.close();
  }
}
