import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FileSettings } from '../checklist/build.js';
import type { FileResult } from '../format/index.js';
import { UsageError } from './errors.js';
import { unlintedResult } from './lint-file.js';

export interface WorkerTask {
  index: number;
  path: string;
  settings: FileSettings;
  /** Files above this many bytes are reported, not read. */
  maxFileSize: number;
  /** The text, when the caller has read it already; otherwise the worker reads `path`. */
  text?: string;
}

export type WorkerReply = { ready: true } | { index: number; result: FileResult } | { index: number; error: string; usage: boolean };

export interface PoolOptions {
  /** Per-file time limit: a worker busy longer is stopped and the file reported as `timeout`. */
  timeoutMs: number;
  onDone?: (done: number) => void;
}

/**
 * Workers are processes, not threads, so that each can collect its garbage on its own thread: with
 * V8's parallel GC helpers, two lint threads and their helpers compete for the same two cores and
 * gain little (bench/, 1,000 files: 0.92x of one thread; two processes with single-threaded GC: 0.62x).
 * V8 flags cannot be set per worker thread, and changing them at run time crashes V8.
 * Processes also give the time limit teeth: a parse cannot be interrupted inside its thread, but
 * its process can be killed.
 */
const WORKER_FLAGS = ['--single-threaded-gc'];

/**
 * Files handed to a worker ahead of its answers: while it lints one, the next is already waiting,
 * so it does not sit idle for a round trip. Measured over 1,000 files, time between files per
 * worker went from ~1.0 s to ~0.6 s of ~7.7 s; the rest is GC work run between messages.
 */
const QUEUE_DEPTH = 2;

const stop = (worker: ChildProcess) => {
  if (worker.connected) worker.disconnect();
  worker.kill('SIGKILL');
};

const spawnWorker = () =>
  fork(fileURLToPath(new URL('./lint-worker.js', import.meta.url)), { execArgv: WORKER_FLAGS, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/**
 * Lint files on `threads` worker processes. Results come back in the order of `tasks`, whatever
 * order the workers finish in, so the report is the same as a single-threaded run's. A file that
 * takes longer than the time limit gets a `timeout` finding; its worker is replaced and the run goes on.
 */
export async function lintInPool(tasks: WorkerTask[], threads: number, options: PoolOptions): Promise<FileResult[]> {
  const results: FileResult[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const live = new Set<ChildProcess>();
  // Tasks a stopped worker had queued, handed out again before the rest.
  const retry: WorkerTask[] = [];
  const take = () => retry.shift() ?? tasks[next++];

  const slot = () =>
    new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      // Sent and not answered yet, in the order sent; the worker lints them in that order.
      const queued: WorkerTask[] = [];
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      const start = () => {
        const worker = spawnWorker();
        live.add(worker);
        // The clock runs for the file the worker is on: the head of its queue.
        const watch = () => {
          clearTimeout(timer);
          if (queued.length === 0) return;
          timer = setTimeout(() => {
            // The parse cannot be interrupted in its thread; its process can.
            const [task, ...waiting] = queued.splice(0);
            retry.push(...waiting);
            live.delete(worker);
            stop(worker);
            const message = `Linting took longer than the ${seconds(options.timeoutMs)} per-file limit (--timeout raises it), so it was stopped; the file was not checked.`;
            results[task!.index] = unlintedResult(task!.path, 'timeout', message, task!.settings);
            options.onDone?.(++done);
            start();
          }, options.timeoutMs);
        };
        const feed = () => {
          for (let task; queued.length < QUEUE_DEPTH && (task = take()); ) {
            queued.push(task);
            worker.send(task);
          }
          watch();
          if (queued.length > 0) return;
          settled = true;
          live.delete(worker);
          stop(worker);
          resolve();
        };
        worker.on('message', (reply: WorkerReply) => {
          if ('ready' in reply) return feed();
          queued.shift();
          if ('error' in reply) return fail(reply.usage ? new UsageError(reply.error) : new Error(reply.error));
          results[reply.index] = reply.result;
          options.onDone?.(++done);
          feed();
        });
        worker.on('error', fail);
        worker.on('exit', (code, signal) => {
          if (!live.has(worker)) return; // stopped by us
          live.delete(worker);
          fail(new Error(`a lint worker stopped (${signal ?? `exit code ${code}`})${queued[0] ? ` while linting ${queued[0].path}` : ''}`));
        });
      };
      start();
    });

  try {
    await Promise.all(Array.from({ length: Math.min(threads, tasks.length) }, slot));
  } finally {
    for (const worker of live) stop(worker);
  }
  return results;
}
