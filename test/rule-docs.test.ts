import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultChecklist } from '../src/checklist/load.js';
import { lintText, ROOT, runCli } from './helpers.js';

const DOCS = join(ROOT, 'docs', 'rules');
const schemaRules = [...defaultChecklist().rules.values()].map((r) => r.id);

const examples = (page: string) => {
  const block = (heading: string) => page.split(`## ${heading}`)[1]?.match(/```markdown\n([\s\S]*?)```/)?.[1] ?? '';
  return { failing: block('Failing example'), passing: block('Passing example') };
};

describe('rule docs', () => {
  it('every rule the schema declares has a doc page', () => {
    const pages = readdirSync(DOCS).map((f) => f.replace(/\.md$/, ''));
    for (const id of schemaRules) expect(pages, id).toContain(id);
  });

  it.each(schemaRules)('%s: the failing example fails with the rule, the passing one does not', (id) => {
    const { failing, passing } = examples(readFileSync(join(DOCS, `${id}.md`), 'utf8'));
    expect(lintText(failing).diagnostics.map((d) => d.ruleId)).toContain(id);
    expect(lintText(passing).diagnostics.map((d) => d.ruleId)).not.toContain(id);
  });

  it('mlsd explain prints a rule page, and exits 2 for an unknown rule', () => {
    const run = runCli(['explain', 'latency-stage-sum']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('## Failing example');
    const unknown = runCli(['explain', '../../package']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^mlsd: unknown rule/);
  });
});
