import { availableParallelism } from 'node:os';

/**
 * Below this many files a worker costs more than it saves: each one loads the parser and warms
 * up its JIT (bench/README.md, "Measurements behind the code").
 */
export const PARALLEL_THRESHOLD = 200;

/** How many worker processes a run of `fileCount` files gets: 0 means lint in this process. */
export function threadsFor(fileCount: number, requested: number | undefined): number {
  if (requested !== undefined) return requested <= 1 ? 0 : requested;
  if (fileCount < PARALLEL_THRESHOLD) return 0;
  return Math.min(availableParallelism(), 8);
}
