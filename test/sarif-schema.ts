import AjvDraft04 from 'ajv-draft-04';
import { fixture } from './helpers.js';

/** A validator for the official SARIF 2.1.0 schema (test/fixtures/sarif). */
// ajv-draft-04 is CommonJS: its class is the default export's `default`, as NodeNext types it.
export function sarifValidator() {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  // The schema uses three formats; check them rather than ignore them.
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:\S*$/i.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(JSON.parse(fixture('sarif/sarif-schema-2.1.0.json')) as object);
}
