import { writeFileSync } from 'node:fs';
import { assembleDefaultChecklist } from '../../src/checklist/sources.js';
import { recordBuiltInFingerprints } from '../../src/scaffold/built-in-fingerprints.js';

/**
 * Unit tests run from source, without a build: generate what the first step of `npm run build`
 * does, from the same code: schemas/checklist/ assembled into the schemas/checklist.schema.json the
 * code reads, then the built-in templates' fingerprints.json.
 */
export default async function setup(): Promise<void> {
  writeFileSync(new URL('../../schemas/checklist.schema.json', import.meta.url), `${JSON.stringify(assembleDefaultChecklist(), null, 2)}\n`);
  await recordBuiltInFingerprints();
}
