import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WORKER_FLAGS } from '../src/cli/lint-pool.js';
import { ROOT, tempDir } from './helpers.js';

const LOADER = pathToFileURL(join(ROOT, 'dist/cli/code-cache.js')).href;

/**
 * In a fresh Node, compile a bundle as bin/mlsd.js does and say whether V8 took its cache; with
 * `run`, also load it and return its exports (a CLI bundle is only compiled: loading starts it).
 */
function load(file: string, { flags = [] as string[], write = false, run = false } = {}) {
  const code = `import { pathToFileURL } from 'node:url';
import { compileBundle, requireBundle } from ${JSON.stringify(LOADER)};
const file = ${JSON.stringify(file)};
const { cacheAccepted } = compileBundle(file);
console.log(JSON.stringify({ cacheAccepted, exports: ${run} ? requireBundle(pathToFileURL(file)) : null }));`;
  const env = { ...process.env, MLSD_WRITE_CODE_CACHE: write ? '1' : '' };
  const child = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], { encoding: 'utf8', env });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout) as { cacheAccepted: boolean; exports: unknown };
}

describe('code cache', () => {
  it("the build's caches are taken by this Node, the worker's under the workers' own V8 flags", () => {
    expect(load(join(ROOT, 'dist/bundle/main.cjs')).cacheAccepted).toBe(true);
    expect(load(join(ROOT, 'dist/bundle/lint-worker.cjs'), { flags: WORKER_FLAGS }).cacheAccepted).toBe(true);
    // V8 itself turns a cache down under other flags; the bundle still loads.
    expect(load(join(ROOT, 'dist/bundle/main.cjs'), { flags: ['--stack-size=900'] }).cacheAccepted).toBe(false);
  });

  it('never runs the code a cache was made from when the bundle has changed, even at the same length', () => {
    const file = join(tempDir(), 'bundle.cjs');
    writeFileSync(file, 'module.exports = 1 + 1;');
    expect(load(file, { run: true, write: true })).toEqual({ cacheAccepted: false, exports: 2 });
    expect(load(file, { run: true })).toEqual({ cacheAccepted: true, exports: 2 });
    writeFileSync(file, 'module.exports = 2 + 3;'); // same length: V8's own check would take the old cache
    expect(load(file, { run: true })).toEqual({ cacheAccepted: false, exports: 5 });
    writeFileSync(`${file}.cache`, 'not a cache at all');
    expect(load(file, { run: true })).toEqual({ cacheAccepted: false, exports: 5 });
  });
});
