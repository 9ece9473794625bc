import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FileSettings } from '../checklist/build.js';
import type { FileResult } from '../format/index.js';
import { UsageError } from './errors.js';

export interface WorkerTask {
  index: number;
  path: string;
  settings: FileSettings;
}

export type WorkerReply = { index: number; result: FileResult } | { index: number; error: string; usage: boolean };

/**
 * Workers are processes, not threads, so that each can collect its garbage on its own thread: with
 * V8's parallel GC helpers, two lint threads and their helpers compete for the same two cores and
 * gain little (bench/, 1,000 files: 0.92x of one thread; two processes with single-threaded GC: 0.62x).
 * V8 flags cannot be set per worker thread, and changing them at run time crashes V8.
 */
const WORKER_FLAGS = ['--single-threaded-gc'];

const stop = (worker: ChildProcess) => {
  if (worker.connected) worker.disconnect();
  worker.kill();
};

/**
 * Lint files on `threads` worker threads. Results come back in the order of `tasks`, whatever
 * order the workers finish in, so the report is the same as a single-threaded run's.
 */
export async function lintInPool(tasks: WorkerTask[], threads: number, onDone?: (done: number) => void): Promise<FileResult[]> {
  const results: FileResult[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(threads, tasks.length) }, () =>
    fork(fileURLToPath(new URL('./lint-worker.js', import.meta.url)), { execArgv: WORKER_FLAGS, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );

  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              const task = tasks[next++];
              if (task) worker.send(task);
              else resolve();
            };
            worker.on('message', (reply: WorkerReply) => {
              if ('error' in reply) {
                reject(reply.usage ? new UsageError(reply.error) : new Error(reply.error));
                return;
              }
              results[reply.index] = reply.result;
              onDone?.(++done);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0 && code !== null) reject(new Error(`a lint worker exited with code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    for (const worker of workers) stop(worker);
  }
  return results;
}
