// esbuild plugins for the CLI bundles (scripts/build.js). Each keeps start-up work out of a lint: code
// the bundle would otherwise load from outside itself, where the code cache cannot hold it, or Node
// modules it would load before anything needs them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * fdir (tinyglobby's walker) loads picomatch through a require the bundler cannot see, so a lint
 * would read and compile a second, uncached copy from node_modules; tinyglobby's own bundled copy
 * serves as well.
 */
export const fdirPicomatch = {
  name: 'fdir-picomatch',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, ({ path }) => {
      const text = readFileSync(path, 'utf8');
      const hidden = /__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/;
      if (!hidden.test(text)) console.warn('build: fdir no longer loads picomatch as it did; the bundle may load it from node_modules');
      return { contents: text.replace(hidden, 'pm = require("picomatch");'), loader: 'js' };
    });
  },
};

/**
 * The default checklist's validator (src/checklist/precompiled-file.ts) goes inside the bundle,
 * so the code cache holds it too.
 */
export const bundledValidator = (validatorFile) => ({
  name: 'bundled-validator',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]src[\\/]checklist[\\/]precompiled-file\.ts$/ }, () => ({
      contents: `export const requirePrecompiled = () => require(${JSON.stringify(validatorFile)});`,
      loader: 'js',
    }));
  },
});

/**
 * The built-in checklist's term patterns (src/checklist/term-patterns-file.ts): the bundle reads the
 * file the same build wrote beside it, when a lint first uses a term list.
 */
export const builtTermPatterns = {
  name: 'built-term-patterns',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]src[\\/]checklist[\\/]term-patterns-file\.ts$/ }, () => ({
      contents: `import { readFileSync } from 'node:fs';
export const TERM_PATTERNS_FILE = 'term-patterns.json';
let patterns;
export const builtPatterns = () => {
  if (patterns === undefined) {
    try {
      patterns = JSON.parse(readFileSync(new URL(TERM_PATTERNS_FILE, import.meta.url), 'utf8'));
    } catch {
      patterns = null; // not built: every pattern is built when it is first used
    }
  }
  return patterns ?? undefined;
};
`,
      loader: 'js',
    }));
  },
};

/**
 * Node built-ins loaded on first use rather than when the bundle starts: commander requires
 * child_process for subcommands we do not have, and a lint needs neither it (workers, git) nor
 * crypto (atomic writes) unless it gets that far. Each import gets a stand-in whose properties load
 * the module; its keys are listed for the bundler's ESM interop, which copies them.
 */
export const lazyBuiltins = (names) => ({
  name: 'lazy-builtins',
  setup(bundle) {
    const filter = new RegExp(`^(?:node:)?(?:${names.join('|')})$`);
    bundle.onResolve({ filter }, ({ path, namespace }) =>
      namespace === 'lazy-builtin' ? { path, external: true } : { path: path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    bundle.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, ({ path }) => {
      const keys = Object.getOwnPropertyNames(createRequire(import.meta.url)(`node:${path}`));
      return {
        loader: 'js',
        contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(`node:${path}`)}));
const keys = ${JSON.stringify(keys)};
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => keys,
  getOwnPropertyDescriptor: (_, key) => (keys.includes(key) ? { configurable: true, enumerable: true, get: () => load()[key] } : undefined),
});
`,
      };
    });
  },
});
