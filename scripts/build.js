// Build steps after tsc (see package.json "build"):
// 0. assemble the checklist's files (schemas/checklist/: checklist.yaml, items/, rules/) into the
//    published schemas/checklist.schema.json, which is generated, not committed;
//    Then record the built-in templates' text for lint's template-suggestion rule in each
//    templates/<type>/fingerprints.json, also generated (src/scaffold/built-in-fingerprints.ts);
// 1. compile the default checklist schema into a standalone ajv validator, so `mlsd lint` skips
//    ajv's compile at start-up (src/checklist/precompiled.ts uses it when the schema text matches);
// 2. bundle the CLI and the pool's lint process with esbuild into dist/bundle/, one CommonJS file each: one
//    module graph instead of hundreds of small files to resolve and compile. CommonJS, because only
//    a classic script can be handed V8's code cache (src/runtime/code-cache.ts). Inquirer and Handlebars
//    stay outside (src/runtime/import-module.ts), loaded from node_modules only by `mlsd new`; all a
//    lint needs is inside, and the Node modules it may not need load on first use (scripts/bundle-plugins.js);
//    beside them, the regular expressions of the default checklist's term lists in every language it
//    speaks, which the bundles read instead of building them (src/checklist/term-patterns-file.ts);
// 3. run the CLI on the examples and for --version, so each bundle gets the code cache of each kind
//    of run (see src/runtime/code-cache.ts).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { builtTermPatterns, bundledValidator, fdirPicomatch, lazyBuiltins } from './bundle-plugins.js';
import { createAjv, defaultChecklist, matchersOf } from '../dist/checklist/load.js';
import { termPatterns } from '../dist/checklist/terms.js';
import { TERM_PATTERNS_FILE } from '../dist/checklist/term-patterns-file.js';
import { assembleDefaultChecklist } from '../dist/checklist/sources.js';
import { recordBuiltInFingerprints } from '../dist/scaffold/built-in-fingerprints.js';
import { WRITE_CODE_CACHE_ENV, codeCacheFile } from '../dist/runtime/code-cache.js';
import { stampBundle } from '../dist/runtime/bundle-stamp.js';
import { PRECOMPILED_FILE } from '../dist/checklist/precompiled-file.js';

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

writeFileSync(root('schemas/checklist.schema.json'), `${JSON.stringify(assembleDefaultChecklist(), null, 2)}\n`);
await recordBuiltInFingerprints(undefined, (line) => console.log(`build: ${line}`));
const schemaText = readFileSync(root('schemas/checklist.schema.json'), 'utf8');
const ajv = createAjv({ source: true });
const validator = `${standaloneCode.default(ajv, ajv.compile(JSON.parse(schemaText)))}\nmodule.exports.schemaText = ${JSON.stringify(schemaText)};\n`;
writeFileSync(fileURLToPath(PRECOMPILED_FILE), validator);

rmSync(root('dist/bundle'), { recursive: true, force: true });
const entryPoints = { main: root('src/cli/main.ts'), 'lint-process': root('src/run/lint-process.ts') };
await build({
  plugins: [fdirPicomatch, bundledValidator(fileURLToPath(PRECOMPILED_FILE)), builtTermPatterns, lazyBuiltins(['child_process', 'crypto'])],
  entryPoints,
  outdir: root('dist/bundle'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // Paths next to the code (schemas, templates, the worker) are found from import.meta.url.
  define: { 'import.meta.url': '__mlsdModuleUrl' },
  banner: { js: "const __mlsdModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// Each bundle is stamped, so its code cache can tell it apart from any other (src/runtime/code-cache.ts).
for (const name of Object.keys(entryPoints)) {
  const bundle = root(`dist/bundle/${name}.cjs`);
  writeFileSync(bundle, stampBundle(readFileSync(bundle, 'utf8')));
}
// Every term list of the default checklist, in each language alone and read with another (as
// detectLanguage names a document's languages), with the patterns it is searched with.
const checklist = defaultChecklist();
const codes = Object.keys(JSON.parse(schemaText).mlsd?.languages ?? {});
const patterns = {};
for (const code of [...codes, ...codes.flatMap((a) => codes.filter((b) => b !== a).map((b) => `${a}+${b}`))]) {
  for (const { terms } of matchersOf(checklist.inLanguage(code))) patterns[JSON.stringify(terms)] ??= termPatterns(terms);
}
writeFileSync(root(`dist/bundle/${TERM_PATTERNS_FILE}`), JSON.stringify(patterns));

// The pool forks ./lint-process.js beside its own code: here, that loads the worker bundle.
writeFileSync(
  root('dist/bundle/lint-process.js'),
  "import { requireBundle } from '../runtime/code-cache.js';\n\nrequireBundle(new URL('./lint-process.cjs', import.meta.url), 'lint');\n",
);

// Each cache is made by the kind of run that will read it (see codeCacheFile): the CLI's lint cache
// by a one-process lint (what a pre-commit hook runs), after the run on two workers that makes the
// worker's; the CLI's start cache by --version.
const cli = (...args) =>
  spawnSync(process.execPath, [root('bin/mlsd.js'), ...args], { cwd: root('.'), env: { ...process.env, [WRITE_CODE_CACHE_ENV]: '1' }, stdio: 'ignore' });
cli('lint', root('examples'), '--threads', '2', '--no-config');
cli('lint', root('examples'), '--threads', '1', '--no-config');
cli('--version');
for (const [bundle, kind] of [['main.cjs', 'lint'], ['main.cjs', 'start'], ['lint-process.cjs', 'lint']]) {
  if (!existsSync(codeCacheFile(root(`dist/bundle/${bundle}`), kind))) console.warn(`build: no ${kind} code cache for ${bundle}; mlsd works, but starts slower`);
}
