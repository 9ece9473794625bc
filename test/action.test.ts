import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

type Json = any;

const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Json;
// SchemaStore's schema for action.yml (Apache-2.0; source and licence in the fixture folder).
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/github-action/github-action.schema.json'), 'utf8')) as object;

describe('action.yml', () => {
  it('is valid action metadata', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(SCHEMA);
    expect(validate(ACTION), JSON.stringify(validate.errors)).toBe(true);
    // The schema can fail: a composite step needs a shell.
    const broken = structuredClone(ACTION);
    delete broken.runs.steps[0].shell;
    expect(validate(broken)).toBe(false);
  });

  it('has the inputs the docs promise, and no input pasted into shell code', () => {
    const inputs = Object.keys(ACTION.inputs);
    for (const doc of ['README.md', 'docs/ci.md']) {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      for (const input of inputs) expect(text, `${doc} names the input ${input}`).toContain(`\`${input}\``);
    }
    for (const step of ACTION.runs.steps as Json[]) if (step.run) expect(step.run).not.toContain('${{');
  });

  it('ships in the package', () => {
    const files = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(files).toEqual(expect.arrayContaining(['action.yml', 'action']));
  });
});
