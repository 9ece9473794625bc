// Build step: compile the default checklist schema into a standalone ajv validator (CommonJS),
// so `mlsd lint` skips ajv's compile at start-up. See src/checklist/precompiled.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createAjv } from '../dist/checklist/load.js';
import { PRECOMPILED_FILE, schemaHash } from '../dist/checklist/precompiled.js';

const schemaText = readFileSync(new URL('../schemas/checklist.schema.json', import.meta.url), 'utf8');
const ajv = createAjv({ source: true });
const validate = ajv.compile(JSON.parse(schemaText));
const code = standaloneCode.default(ajv, validate);
writeFileSync(
  fileURLToPath(PRECOMPILED_FILE),
  `${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schemaText))};\n`,
);
