import { writeFileSync } from 'node:fs';
import { assembleDefaultChecklist } from '../../src/checklist/sources.js';

/**
 * Unit tests run from source, without a build: assemble schemas/checklist/ into the
 * schemas/checklist.schema.json the code reads, as the first step of `npm run build` does.
 */
export default function setup(): void {
  writeFileSync(new URL('../../schemas/checklist.schema.json', import.meta.url), `${JSON.stringify(assembleDefaultChecklist(), null, 2)}\n`);
}
