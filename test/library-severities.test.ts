import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRuleExample, defaultChecklist, lint, loadChecklist, ruleExamplesIn, type Checklist, type DocumentModel, type Evidence, type LintOptions } from '../src/index.js';
import { ROOT, tempDir } from './helpers.js';

const DOC = '# Notes\n\nNothing here yet.\n';
const levels = (diagnostics: readonly { ruleId: string; itemId?: string; severity: string }[]) => diagnostics.map((d) => `${d.ruleId} ${d.itemId} ${d.severity}`);

describe('the library applies the config\'s severities as the CLI does', () => {
  it('a rule set to warning and an item turned off, from the config loadChecklist finds', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'rules:\n  required-section: warning\nchecklist:\n  metrics:\n    severity: "off"\n');
    const configured = levels(lint(DOC, await loadChecklist({ cwd: dir })).diagnostics);
    const builtIn = levels(lint(DOC, defaultChecklist()).diagnostics);
    // Without the config: errors, metrics among them; the config's levels change exactly that.
    expect(builtIn).toContain('required-section metrics error');
    expect(builtIn).toContain('required-section labels error');
    expect(configured).toEqual(builtIn.filter((d) => !d.includes(' metrics ')).map((d) => d.replace(/^required-section (\S+) error$/, 'required-section $1 warning')));
    expect(configured).toContain('required-section labels warning');
  });
});

describe('the library\'s types', () => {
  // Checked by `tsc -p test` (npm test's lint step): a type a signature uses must be importable.
  it('exports what lint takes and returns: its options, the document model, evidence', () => {
    const options: LintOptions = { templateText: () => undefined };
    const result = lint('# Doc\n\n## Metrics\n\nWe track AUC offline and CTR online.\n', defaultChecklist(), options);
    const model: DocumentModel = result.model;
    const evidence: Evidence[] = result.items['metrics']!.evidence ?? [];
    expect(Object.keys(model.items)).toContain('metrics');
    expect(evidence[0]!.quote).toBe('We track AUC offline and CTR online.');
  });
});

describe('the library refuses what it cannot lint, saying what was wrong', () => {
  it('text that is not a string, or a checklist that is not one, is a TypeError naming the argument', () => {
    expect(() => lint(Buffer.from(DOC) as unknown as string, defaultChecklist())).toThrow('lint(text, checklist): text must be a string, not bytes (decode them to a string first)');
    expect(() => lint(undefined as unknown as string, defaultChecklist())).toThrow('text must be a string, not undefined');
    expect(() => lint(DOC, {} as Checklist)).toThrow('checklist must be one that defaultChecklist(), loadChecklist() or compileChecklist() gives');
    expect(() => (lint as (text: string) => unknown)(DOC)).toThrow('checklist must be one that');
  });

  it('checkRuleExample lints with the built-in checklist when given none', () => {
    const examples = ruleExamplesIn(join(ROOT, 'schemas', 'checklist', 'rules'));
    expect(examples.length).toBeGreaterThan(30);
    expect(examples.flatMap((example) => checkRuleExample(example))).toEqual([]);
  });
});
