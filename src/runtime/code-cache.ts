import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/**
 * Set by the build (scripts/build.js) while it runs the CLI on the examples and for --version: each
 * bundle's code cache is written when the process exits, so it holds the functions that run used.
 */
export const WRITE_CODE_CACHE_ENV = 'MLSD_WRITE_CODE_CACHE';

/**
 * Where a bundle's V8 code cache lives: beside it, made by the same build. A bundle can have several,
 * one per kind of run: the cache holds every function its run compiled, and V8 reads all of it
 * before anything runs, so `mlsd --version` should not pay for the bytecode of a whole lint.
 */
export const codeCacheFile = (bundle: string, kind: string) => `${bundle}.${kind}.cache`;

/**
 * A bundle the build made starts with this and a SHA-256 of the rest of its text, on a line of its
 * own (src/runtime/bundle-stamp.ts): a cache records the stamp of the bundle it was made for.
 */
export const BUNDLE_STAMP = '//# mlsd-bundle sha256:';

/** The bundle's first line, when it is a stamp. */
function stampOf(source: Buffer): Buffer | undefined {
  const end = source.indexOf(10);
  return end > BUNDLE_STAMP.length && source.toString('latin1', 0, BUNDLE_STAMP.length) === BUNDLE_STAMP ? source.subarray(0, end) : undefined;
}

export interface CompiledBundle {
  script: Script;
  /** Whether V8 took the cache: there was one, made for this very bundle, this Node and these V8 flags. */
  cacheAccepted: boolean;
}

/**
 * Compiles a CommonJS bundle with the bytecode an earlier run compiled. V8 rejects a cache made by
 * another Node or under other V8 flags (the bundle then compiles as usual, only slower), but it does
 * not check that the source is the same: a stale cache for a bundle of the same length would run the
 * old code. So a cache starts with the stamp of the bundle it was made for, and a bundle without one
 * gets none. Reading the stamp costs nothing at start-up; hashing the bundle there would load
 * node:crypto, which costs more than the cache saves of it (bench/README.md, "Seventh round").
 */
export function compileBundle(file: string, kind: string): CompiledBundle {
  const source = readFileSync(file);
  const stamp = stampOf(source);
  const cacheFile = codeCacheFile(file, kind);
  const cache = stamp && readIfThere(cacheFile);
  const cachedData = cache && cache.length > stamp.length && cache.subarray(0, stamp.length).equals(stamp) ? cache.subarray(stamp.length) : undefined;
  // The wrapper gives what CommonJS code expects, plus the import() such a script cannot have (src/runtime/import-module.ts).
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __mlsdImport) {${source.toString('utf8')}\n})`, { filename: file, cachedData });
  if (stamp && process.env[WRITE_CODE_CACHE_ENV]) {
    // Written last, so it holds every function the run compiled; renamed in, as workers share it.
    process.on('exit', () => {
      const temp = `${cacheFile}.${process.pid}`;
      writeFileSync(temp, Buffer.concat([stamp, script.createCachedData()]));
      renameSync(temp, cacheFile);
    });
  }
  return { script, cacheAccepted: cachedData !== undefined && !script.cachedDataRejected };
}

/**
 * Loads a CommonJS bundle as require() would, from its code cache for this kind of run when it can.
 * Node 20 has no compile cache of its own, and compiling the lint path is a large part of a one-file
 * lint (bench/README.md, "Start-up and compilation").
 */
export function requireBundle(url: URL, kind: string): unknown {
  const file = fileURLToPath(url);
  const module = { exports: {} };
  const wrapper = compileBundle(file, kind).script.runInThisContext() as (...args: unknown[]) => void;
  // The import() src/runtime/import-module.ts is handed as __mlsdImport: this module's own works here.
  // eslint-disable-next-line no-restricted-syntax
  wrapper(module.exports, createRequire(file), module, file, dirname(file), (specifier: string) => import(specifier));
  return module.exports;
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
