// Build steps after tsc (see package.json "build"):
// 1. compile the default checklist schema into a standalone ajv validator, so `mlsd lint` skips
//    ajv's compile at start-up (src/checklist/precompiled.ts uses it when the schema hash matches);
// 2. bundle the CLI with esbuild into dist/bundle/: one module graph instead of hundreds of small
//    files to resolve and compile, which is most of a one-file lint's start-up. Commands, formatters
//    and the lint worker stay separate chunks, loaded only when used.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { createAjv } from '../dist/checklist/load.js';
import { PRECOMPILED_FILE, schemaHash } from '../dist/checklist/precompiled.js';

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const schemaText = readFileSync(root('schemas/checklist.schema.json'), 'utf8');
const ajv = createAjv({ source: true });
const validator = `${standaloneCode.default(ajv, ajv.compile(JSON.parse(schemaText)))}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schemaText))};\n`;
writeFileSync(fileURLToPath(PRECOMPILED_FILE), validator);

rmSync(root('dist/bundle'), { recursive: true, force: true });
await build({
  entryPoints: [root('src/cli/main.ts'), root('src/cli/lint-worker.ts')],
  outdir: root('dist/bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // Bundled CommonJS dependencies (ajv, yaml's helpers) call require().
  banner: { js: "import { createRequire as __mlsdCreateRequire } from 'node:module'; const require = __mlsdCreateRequire(import.meta.url);" },
});
// The bundle finds the validator beside itself, as dist/checklist/ code does.
copyFileSync(fileURLToPath(PRECOMPILED_FILE), root('dist/bundle/default-validator.cjs'));
