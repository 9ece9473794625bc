import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultChecklist } from '../src/checklist/load.js';
import { checkRuleExample, ruleExamples, ruleExamplesIn } from '../src/rule-tester.js';
import { fixture, ROOT } from './helpers.js';

/** Every rule's test is its own file: schemas/checklist/rules/<rule-id>.md, its examples run here. */
const RULES_DIR = join(ROOT, 'schemas', 'checklist', 'rules');
const examples = ruleExamplesIn(RULES_DIR);
const catalogue = [...defaultChecklist().catalogue.values()];

describe('rule files', () => {
  it.each(examples.map((e) => [`${e.rule} ${e.kind} (${e.source.slice(ROOT.length + 1)})`, e] as const))('%s', (_name, example) => {
    expect(checkRuleExample(example, defaultChecklist())).toEqual([]);
  });

  it('every rule in the catalogue has its file, with a page; every best-practice rule a failing and a passing example', () => {
    const files = readdirSync(RULES_DIR).map((f) => f.replace(/\.md$/, ''));
    expect(files.sort()).toEqual(catalogue.map((r) => r.id).sort());
    const bestPractice = new Set([...defaultChecklist().rules.values()].map((r) => r.id));
    for (const rule of catalogue) {
      const page = readFileSync(join(ROOT, rule.docPath!), 'utf8');
      for (const heading of ['## What it checks', '## Why it matters', '## Failing example', '## Passing example']) expect(page, rule.id).toContain(`\n${heading}\n`);
      if (!bestPractice.has(rule.id)) continue;
      const kinds = examples.filter((e) => e.rule === rule.id).map((e) => e.kind);
      expect(kinds, rule.id).toContain('failing');
      expect(kinds, rule.id).toContain('passing');
    }
  });
});

describe('the rule tester', () => {
  const file = (failing: string, passing = 'Scoring: p99 ≤ 40 ms end-to-end.') =>
    `---\nid: latency-percentile\nseverity: warning\n---\n## Failing example\n\n\`\`\`markdown\n${failing}\n\`\`\`\n\n## Passing example\n\n\`\`\`markdown\n## Latency budget\n${passing}\n\`\`\`\n`;

  it('reads each example, strips its markers and knows where it starts', () => {
    const [failing, passing] = ruleExamples(file('## Latency budget\nScoring takes 40 ms. <!-- expect: latency-percentile -->'), 'x.md');
    expect(failing).toMatchObject({ rule: 'latency-percentile', kind: 'failing', text: '## Latency budget\nScoring takes 40 ms.\n', expected: [{ rule: 'latency-percentile', line: 2 }], source: 'x.md:7' });
    expect(passing).toMatchObject({ kind: 'passing', expected: [] });
    expect(checkRuleExample(failing!, defaultChecklist())).toEqual([]);
    expect(checkRuleExample(passing!, defaultChecklist())).toEqual([]);
  });

  it('fails an example whose marker is on the wrong line, or that is not marked at all', () => {
    const [wrongLine] = ruleExamples(file('## Latency budget <!-- expect: latency-percentile -->\nScoring takes 40 ms.'), 'x.md');
    expect(checkRuleExample(wrongLine!, defaultChecklist())).toEqual([
      'x.md:7: expected latency-percentile on line 1 of the example, found it on line 2',
      expect.stringMatching(/^x\.md:7: unexpected latency-percentile on line 2 of the example: Section "Latency budget" \(latency-budget\): latency "40 ms"/),
    ]);
    const [unmarked] = ruleExamples(file('## Latency budget\nScoring takes 40 ms.'), 'x.md');
    expect(checkRuleExample(unmarked!, defaultChecklist())).toContain('x.md:7: a failing example marks where latency-percentile reports (<!-- expect: latency-percentile --> at the end of the line)');
  });

  it('fails a passing example that the rule reports on', () => {
    const [, passing] = ruleExamples(file('x', 'Scoring takes 40 ms.'), 'x.md');
    expect(checkRuleExample(passing!, defaultChecklist())).toEqual([expect.stringMatching(/^x\.md:13: unexpected latency-percentile on line 2/)]);
  });
});

describe('the rule tester, on messages', () => {
  it('fails an example whose finding says "undefined": an errorMessage pointer that names nothing', () => {
    // A team rule whose errorMessage points one level too deep, as labels-delay's once did.
    const [failing] = ruleExamples(fixture('rules/delay-named.md'), 'x.md');
    expect(checkRuleExample(failing!)).toEqual([expect.stringMatching(/^x\.md:18: delay-named on line 1 of the example says "undefined", a \$\{…\} in its errorMessage that names no value/)]);
  });
});
