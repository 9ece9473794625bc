import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROCESS_FLAGS } from '../src/run/process-pool.js';
import { stampBundle } from '../src/runtime/bundle-stamp.js';
import { BIN, ROOT, tempDir } from './helpers.js';

const LOADER = pathToFileURL(join(ROOT, 'dist/runtime/code-cache.js')).href;
const V8_FLAGS = pathToFileURL(join(ROOT, 'dist/runtime/v8-flags.js')).href;

/**
 * In a fresh Node, compile a bundle and say whether V8 took its cache: with `asBin`, after setting
 * V8 flags as bin/mlsd.js does. With `run`, also load it and return its exports (a CLI bundle is
 * only compiled: loading it would start it).
 */
function load(file: string, { kind = 'lint', flags = [] as string[], asBin = false, write = false, run = false } = {}) {
  const code = `import { compileBundle } from ${JSON.stringify(LOADER)};
import { useJitFlags } from ${JSON.stringify(V8_FLAGS)};
if (${asBin}) useJitFlags();
const { script, cacheAccepted } = compileBundle(${JSON.stringify(file)}, ${JSON.stringify(kind)});
const module = { exports: null };
if (${run}) script.runInThisContext()({}, undefined, module);
console.log(JSON.stringify({ cacheAccepted, exports: module.exports }));`;
  const env = { ...process.env, MLSD_WRITE_CODE_CACHE: write ? '1' : '' };
  const child = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], { encoding: 'utf8', env });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout) as { cacheAccepted: boolean; exports: unknown };
}

describe('code cache', () => {
  it("the build's caches are taken by this Node: the CLI's under bin/mlsd.js's V8 flags, the worker's under the workers'", () => {
    expect(load(join(ROOT, 'dist/bundle/main.cjs'), { asBin: true }).cacheAccepted).toBe(true);
    expect(load(join(ROOT, 'dist/bundle/main.cjs'), { asBin: true, kind: 'start' }).cacheAccepted).toBe(true);
    expect(load(join(ROOT, 'dist/bundle/lint-process.cjs'), { flags: PROCESS_FLAGS }).cacheAccepted).toBe(true);
    // V8 itself turns a cache down under other flags (the ones bin/mlsd.js sets count too).
    expect(load(join(ROOT, 'dist/bundle/main.cjs'), { asBin: true, flags: ['--stack-size=900'] }).cacheAccepted).toBe(false);
    expect(load(join(ROOT, 'dist/bundle/main.cjs')).cacheAccepted).toBe(false);
  });

  it('never runs the code a cache was made from when the bundle was rebuilt, even at the same length', () => {
    const file = join(tempDir(), 'bundle.cjs');
    writeFileSync(file, stampBundle('module.exports = 1 + 1;'));
    expect(load(file, { run: true, write: true })).toEqual({ cacheAccepted: false, exports: 2 });
    expect(load(file, { run: true })).toEqual({ cacheAccepted: true, exports: 2 });
    writeFileSync(file, stampBundle('module.exports = 2 + 3;')); // same length: V8's own check would take the old cache
    expect(load(file, { run: true })).toEqual({ cacheAccepted: false, exports: 5 });
    writeFileSync(`${file}.lint.cache`, 'not a cache at all');
    expect(load(file, { run: true })).toEqual({ cacheAccepted: false, exports: 5 });
  });

  it('gives a bundle the build did not stamp no cache at all', () => {
    const file = join(tempDir(), 'bundle.cjs');
    writeFileSync(file, 'module.exports = 1 + 1;');
    expect(load(file, { run: true, write: true })).toEqual({ cacheAccepted: false, exports: 2 });
    expect(load(file, { run: true })).toEqual({ cacheAccepted: false, exports: 2 });
  });
});

describe('start-up of a one-file lint', () => {
  it('compiles no module from outside the bundle and loads neither child_process nor crypto', () => {
    // Reported when the process exits: the files require() loaded, and the Node modules it started.
    const probe = join(tempDir(), 'probe.mjs');
    writeFileSync(
      probe,
      `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
process.on('exit', () => process.stderr.write(JSON.stringify({ files: Object.keys(require.cache), builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')) })));`,
    );
    const child = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, BIN, 'lint', join(ROOT, 'examples/feed-ranking.md'), '--format', 'json'], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const { files, builtins } = JSON.parse(child.stderr) as { files: string[]; builtins: string[] };
    expect(files).toEqual([]);
    expect(builtins.filter((m) => /\b(?:child_process|crypto)\b/.test(m))).toEqual([]);
    expect(JSON.parse(child.stdout)).toMatchObject({ summary: { errors: 0 } });
  });
});
