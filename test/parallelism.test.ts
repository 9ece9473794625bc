import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { PARALLEL_THRESHOLD, threadsFor } from '../src/run/parallelism.js';

describe('threadsFor (--threads)', () => {
  it('1 lints in this process; 2 or more gets workers, never more than one per core', () => {
    expect(threadsFor(1000, 1)).toBe(0);
    expect(threadsFor(1000, 2)).toBe(Math.min(2, availableParallelism()));
    expect(threadsFor(300, 1000)).toBe(availableParallelism());
    expect(threadsFor(300, Number('9'.repeat(400)))).toBe(availableParallelism()); // Infinity
  });

  it('unasked, workers only from PARALLEL_THRESHOLD files', () => {
    expect(threadsFor(PARALLEL_THRESHOLD - 1, undefined)).toBe(0);
    expect(threadsFor(PARALLEL_THRESHOLD, undefined)).toBe(Math.min(availableParallelism(), 8));
  });
});
