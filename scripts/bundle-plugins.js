// esbuild plugins for the CLI bundles (scripts/build.js). Each keeps start-up work out of a lint: code
// the bundle would otherwise load from outside itself, where the code cache cannot hold it.
import { readFileSync } from 'node:fs';

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
