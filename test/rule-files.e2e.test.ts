import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultChecklist } from '../src/checklist/load.js';
import { assembleDefaultChecklist } from '../src/checklist/sources.js';
import { checkRuleExample, ruleExamples, ruleExamplesIn } from '../src/rule-tester.js';
import { ROOT, runCli } from './helpers.js';

/** Every rule's test is its own file: schemas/checklist/rules/<rule-id>.md, its examples run here. */
const RULES_DIR = join(ROOT, 'schemas', 'checklist', 'rules');
const examples = ruleExamplesIn(RULES_DIR);
const catalogue = [...defaultChecklist().catalogue.values()];

describe('mlsd explain', () => {
  it('prints a rule page from its rule file, without the test markers, and exits 2 for an unknown rule', () => {
    const run = runCli(['explain', 'latency-stage-sum', '--no-config']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# latency-stage-sum\n\nDefault severity: \*\*warning\*\*\. A best-practice rule/);
    expect(run.stdout).toContain('## Failing example');
    expect(run.stdout).not.toContain('expect:');
    expect(run.stdout).not.toContain('constraint:');
    const unknown = runCli(['explain', '../../package']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^mlsd: unknown rule/);
  });
});
