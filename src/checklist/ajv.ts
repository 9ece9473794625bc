import { createRequire } from 'node:module';
import type { Ajv, Options } from 'ajv';

// ajv is required on first use rather than imported: most runs validate with the checklist validator
// compiled at build time and never compile a schema, and loading ajv's compiler is a noticeable
// part of a one-file lint (bench/README.md, "Measurements behind the code").
const requireCjs = createRequire(import.meta.url);

/** A new ajv with ajv-errors, so schemas can carry their own messages. */
export function newAjv(options: Options): Ajv {
  const { Ajv: AjvClass } = requireCjs('ajv') as typeof import('ajv');
  const ajvErrors = requireCjs('ajv-errors') as (ajv: Ajv) => Ajv;
  return ajvErrors(new AjvClass(options));
}
