import { fork, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileSettings } from '../config/settings.js';
import type { FileResult } from './result.js';
import { UserError } from '../errors.js';
import { unlintedResult } from './lint-file.js';
import { JIT_FLAGS } from '../runtime/v8-flags.js';
import { teamPatternKeys } from './team-patterns.js';

/** The rule a file stopped by the time limit is reported under (schemas/checklist/rules/timeout.md). */
export const TIMEOUT = 'timeout';

export interface LintTask {
  index: number;
  path: string;
  settings: FileSettings;
  /** Files above this many bytes are reported, not read. */
  maxFileSize: number;
  /** The text, when the caller has read it already; otherwise the worker reads `path`. */
  text?: string;
}

/** Compile this checklist now, ahead of its files: start-up, not a file's time (ProcessPool.prime). */
export interface CompileTask {
  compile: FileSettings;
}

export type LintReply =
  | { ready: true }
  /** The checklist a CompileTask gave is compiled (or failed to: the first file of its settings says why). */
  | { primed: true }
  /** The worker has compiled the file's checklist, the first time it met these settings: the file's clock starts again. */
  | { index: number; compiled: true }
  | { index: number; result: FileResult }
  | { index: number; error: string; /** Set when it was a UserError: the code it carries. */ exitCode?: number };

export interface PoolOptions {
  /** Per-file time limit (per MB past the first, see timeLimit): a worker busy longer is stopped and the file reported as `timeout`. */
  timeoutMs: number;
}

const MB = 1024 * 1024;

/**
 * A file's time limit: `timeoutMs`, or that per MB for a file past 1 MB (in whole seconds). Linting takes time in
 * proportion to a file's size (bench/README.md, "Long documents"), so one fixed limit would stop
 * every file above a size far below the size limit, while what the limit is for, a parse that
 * grows faster than its input, still runs into it.
 */
function timeLimit(timeoutMs: number, task: LintTask): number {
  const bytes = task.text !== undefined ? Buffer.byteLength(task.text) : (statSync(task.path, { throwIfNoEntry: false })?.size ?? 0);
  return bytes <= MB ? timeoutMs : Math.ceil((timeoutMs * bytes) / MB / 1000) * 1000;
}

/**
 * V8 lets a busy worker's old generation grow to several times its live heap before collecting, so
 * a worker's peak RSS rose with the number of files it linted. Growing it by at most 2x after each
 * full collection keeps the peak flat whatever the number of files, for a little more wall time.
 * The figures, and the options measured and left: bench/README.md, "Memory".
 */
const HEAP_FLAGS = ['--heap-growing-percent=100'];

/**
 * Workers are processes, not threads, so that each can collect its garbage on its own thread: with
 * V8's parallel GC helpers, two lint threads and their helpers compete for the same two cores and
 * gain little (bench/README.md, "Measurements behind the code").
 * V8 flags cannot be set per worker thread, and changing them at run time crashes V8.
 * Processes also give the time limit teeth: a parse cannot be interrupted inside its thread, but
 * its process can be killed.
 */
export const PROCESS_FLAGS = ['--single-threaded-gc', ...HEAP_FLAGS, ...JIT_FLAGS];

/**
 * Files handed to a worker ahead of its answers: while it lints one, the next is already waiting,
 * so it does not sit idle for a round trip (bench/README.md, "Measurements behind the code").
 */
const QUEUE_DEPTH = 2;

/** An idle worker exits by itself once disconnected, running its exit hooks (the build writes its code cache there); one still loading or linting is killed. */
const stop = (worker: ChildProcess, busy: boolean) => {
  if (worker.connected) worker.disconnect();
  if (busy) worker.kill('SIGKILL');
};

/** The signals that end a run: each would otherwise leave the workers to notice alone. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const spawnWorker = () =>
  fork(fileURLToPath(new URL('./lint-process.js', import.meta.url)), { execArgv: PROCESS_FLAGS, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/**
 * What a `timeout` finding says: the limit, and what to do. When the file's checklist has a team's
 * patterns, one that backtracks is the likely cause; which config keys hold them is what is cheap
 * to know (telling which pattern would mean running each one again, each under its own limit).
 */
function timeoutMessage(ms: number, file: string, settings: FileSettings): string {
  const stopped = `Linting took longer than the ${seconds(ms)} per-file limit (--timeout raises it), so it was stopped; the file was not checked.`;
  const keys = teamPatternKeys(settings);
  if (keys.length === 0) return stopped;
  const named = keys.length > 3 ? `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more` : keys.join(', ');
  return (
    `${stopped} Likely cause: a pattern from the config (${named}) that backtracks catastrophically on this text. ` +
    `To find it, remove the patterns one at a time (\`mlsd config ${file}\` shows where each is set); then rewrite it so that it can ` +
    'match a piece of text one way only (`\\w*\\w*ly` is `\\w*ly`).'
  );
}

interface Job {
  task: LintTask;
  resolve: (result: FileResult) => void;
  reject: (error: Error) => void;
}

interface Worker {
  process: ChildProcess;
  /** Loaded: the pool starts a file's clock only from here, so start-up never counts against it. */
  ready: boolean;
  /** Sent and not answered yet, in the order sent; the worker lints them in that order. */
  queued: Job[];
  /** The clock for the file the worker is on: the head of its queue. */
  timer?: NodeJS.Timeout;
}

/**
 * Up to `threads` worker processes that lint the files handed to them, each file's result a promise.
 * Workers start with the first files and stay until `close`; the caller decides how far ahead of
 * its output it hands out files (see lint-files.ts), so results never pile up here. A file that
 * takes longer than the time limit gets a `timeout` finding; its worker is replaced and the run
 * goes on. Any other worker failure fails every file not answered yet: the run stops.
 */
export class ProcessPool {
  private readonly waiting: Job[] = [];
  private readonly workers = new Set<Worker>();
  private failure: Error | undefined;
  /** The settings whose checklist each worker compiles once loaded, before its first file. */
  private primeWith: FileSettings | undefined;

  constructor(
    private threads: number,
    private readonly options: PoolOptions,
  ) {
    process.on('exit', this.killAll);
    for (const signal of STOP_SIGNALS) process.on(signal, this.stopBySignal);
  }

  /**
   * Start a worker before any file is handed out, so its start-up (about 250 ms of CPU, loading
   * the bundle) overlaps what the caller does meanwhile: the guard worker of a run whose config has
   * a team's patterns starts as soon as the config file is read (lint-command.ts).
   */
  prestart(): this {
    if (!this.failure && this.workers.size < this.threads) this.start();
    return this;
  }

  /**
   * Have each worker compile the checklist of these settings as soon as it is loaded, before its
   * first file: while the caller compiles its own, not after the file arrives. A file's clock starts
   * once that is done, as it does after a compile the file's own settings caused. Resolves after
   * one poll of the event loop: a worker that is loaded has said so by then, and is sent the
   * settings at once rather than when the caller next waits for I/O (after its own compile).
   */
  async prime(settings: FileSettings): Promise<void> {
    this.primeWith = settings;
    for (const worker of this.workers) if (worker.ready && worker.queued.length === 0) this.sendPrime(worker);
    // The first immediate runs before the loop polls again, the second after.
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  }

  /** Allow up to this many workers (a pool started ahead for one file, used for a run of many). */
  widen(threads: number): this {
    this.threads = Math.max(this.threads, threads);
    return this;
  }

  private sendPrime(worker: Worker): void {
    worker.ready = false; // until the worker has compiled it
    worker.process.send({ compile: this.primeWith! } satisfies CompileTask);
  }

  lint(task: LintTask): Promise<FileResult> {
    const result = new Promise<FileResult>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.push({ task, resolve, reject });
    });
    // The caller awaits results in file order: a failure before its turn must not count as unhandled.
    result.catch(() => undefined);
    if (!this.failure && this.workers.size < this.threads) this.start();
    for (const worker of this.workers) this.feed(worker);
    return result;
  }

  /** Stop every worker; files not answered yet fail. */
  close(): void {
    this.fail(new Error('the lint pool was closed'));
    process.off('exit', this.killAll);
    for (const signal of STOP_SIGNALS) process.off(signal, this.stopBySignal);
  }

  /** The main process may exit mid-run (a reader closed the report's pipe): its workers go with it. */
  private readonly killAll = () => {
    for (const worker of this.workers) worker.process.kill('SIGKILL');
  };

  /**
   * A signal to the main process alone (a CI runner cancelling the job, `kill`) ends it without an
   * `exit` event, and a worker inside a long file would notice only when the file is done: kill them
   * first, then die of the signal as if unhandled, so the shell sees 128 + its number.
   */
  private readonly stopBySignal = (signal: NodeJS.Signals) => {
    this.killAll();
    for (const s of STOP_SIGNALS) process.off(s, this.stopBySignal);
    process.kill(process.pid, signal);
  };

  private start(): void {
    const worker: Worker = { process: spawnWorker(), ready: false, queued: [] };
    this.workers.add(worker);
    worker.process.on('message', (reply: LintReply) => {
      if ('ready' in reply) {
        if (this.primeWith) return this.sendPrime(worker);
        worker.ready = true;
      } else if ('primed' in reply) {
        worker.ready = true;
      } else if ('compiled' in reply) {
        // Compiling a team's checklist is start-up, bounded, and no fault of the file.
        return this.watch(worker);
      } else {
        if ('error' in reply) return this.fail(reply.exitCode !== undefined ? new UserError(reply.error, reply.exitCode) : new Error(reply.error));
        worker.queued.shift()?.resolve(reply.result);
        this.watch(worker); // a new head, a new clock
      }
      this.feed(worker);
    });
    worker.process.on('error', (error) => this.fail(error));
    worker.process.on('exit', (code, signal) => {
      if (!this.workers.has(worker)) return; // stopped by us
      const on = worker.queued[0] ? ` while linting ${worker.queued[0].task.path}` : '';
      this.fail(new Error(`a lint worker stopped (${signal ?? `exit code ${code}`})${on}`));
    });
  }

  /** Hand a ready worker files until it has QUEUE_DEPTH of them. */
  private feed(worker: Worker): void {
    if (!worker.ready || !this.workers.has(worker)) return;
    const idle = worker.queued.length === 0;
    for (let job; worker.queued.length < QUEUE_DEPTH && (job = this.waiting.shift()); ) {
      worker.queued.push(job);
      worker.process.send(job.task);
    }
    if (idle) this.watch(worker);
  }

  private watch(worker: Worker): void {
    clearTimeout(worker.timer);
    if (worker.queued.length === 0) return;
    const limit = timeLimit(this.options.timeoutMs, worker.queued[0]!.task);
    worker.timer = setTimeout(() => {
      // The parse cannot be interrupted in its thread; its process can.
      const [job, ...rest] = worker.queued.splice(0);
      this.retire(worker, true);
      this.waiting.unshift(...rest); // handed to the replacement before the rest
      job!.resolve(unlintedResult(job!.task.path, TIMEOUT, timeoutMessage(limit, job!.task.path, job!.task.settings), job!.task.settings));
      if (this.waiting.length > 0) this.start();
    }, limit);
  }

  private retire(worker: Worker, busy: boolean): void {
    clearTimeout(worker.timer);
    this.workers.delete(worker);
    stop(worker.process, busy);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const worker of [...this.workers]) {
      this.retire(worker, !worker.ready || worker.queued.length > 0);
      for (const job of worker.queued.splice(0)) job.reject(this.failure);
    }
    for (const job of this.waiting.splice(0)) job.reject(this.failure);
  }
}
