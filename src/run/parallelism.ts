import { availableParallelism } from 'node:os';

/**
 * Below this many files a worker costs more than it saves: each one loads the parser and warms
 * up its JIT (bench/README.md, "Measurements behind the code").
 */
export const PARALLEL_THRESHOLD = 200;

/**
 * How many worker processes a run of `fileCount` files gets: 0 means lint in this process. Asked
 * for, at most one per core: more only compete for the cores while each file's time limit runs
 * (1,000 asked for over 300 files on two cores timed every file out). 2 or more gets at least one
 * worker, even on one core.
 */
export function threadsFor(fileCount: number, requested: number | undefined): number {
  if (requested !== undefined) return requested <= 1 ? 0 : Math.min(requested, availableParallelism());
  if (fileCount < PARALLEL_THRESHOLD) return 0;
  return Math.min(availableParallelism(), 8);
}
