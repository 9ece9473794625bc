import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRuleExample, loadChecklist, ruleExamplesIn } from '../src/index.js';
import { fixture, runCli, tempTree } from './helpers.js';

/** A team declares a best-practice rule in its config, as the built-in checklist's rule files do. */

const tree = (files: Record<string, string>) => tempTree(files, 'mlsd-team-rules-');

const TEAM = `checklist:
  rollback-plan:
    title: Rollback plan
    facts:
      durations: { terms: ["\\\\d+ ?(?:min|minutes|hours?)"], min: 0 }
    schema:
      allOf:
        - mlsd:
            rule: rollback-time
            severity: warning
            description: The rollback plan gives no time to roll back.
            help: Say how long a rollback takes, e.g. "within 15 minutes".
          properties:
            facts:
              properties:
                durations:
                  minItems: 1
                  errorMessage: The rollback plan says nothing about how long a rollback takes
`;

const DOC = fixture('complete-search-ranking.md');
const SLOW = `${DOC}\n## Rollback plan\n\nA feature flag sends traffic back to the previous model.\n`;
const FAST = `${DOC}\n## Rollback plan\n\nA feature flag sends traffic back to the previous model within 5 minutes.\n`;

const json = (stdout: string) => (JSON.parse(stdout) as { files: { diagnostics: { ruleId: string; severity: string; itemId?: string; suppressed?: unknown }[] }[] }).files[0]!.diagnostics;

describe('a rule declared in a team config', () => {
  it('is reported on its item at its severity, and not when the item satisfies it', () => {
    const root = tree({ '.mlsdrc.yaml': TEAM, 'slow.md': SLOW, 'fast.md': FAST });
    const slow = runCli(['lint', 'slow.md', '--format', 'json'], { cwd: root });
    expect(json(slow.stdout)).toEqual([expect.objectContaining({ ruleId: 'rollback-time', severity: 'warning', itemId: 'rollback-plan' })]);
    expect(slow.code).toBe(0);
    expect(json(runCli(['lint', 'fast.md', '--format', 'json'], { cwd: root }).stdout)).toEqual([]);
  });

  it('takes a severity from `rules`, in its own config and in one that extends it', () => {
    const root = tree({ 'org.yaml': TEAM, '.mlsdrc.yaml': 'extends: ./org.yaml\nrules:\n  rollback-time: error\n', 'slow.md': SLOW });
    const run = runCli(['lint', 'slow.md', '--format', 'json'], { cwd: root });
    expect(json(run.stdout).map((d) => [d.ruleId, d.severity])).toEqual([['rollback-time', 'error']]);
    expect(run.code).toBe(1);
  });

  it('is suppressed by an inline directive like any rule', () => {
    const root = tree({ '.mlsdrc.yaml': TEAM, 'slow.md': SLOW.replace('A feature flag', '<!-- mlsd-disable rollback-time -- owned by the platform team -->\nA feature flag') });
    const [finding] = json(runCli(['lint', 'slow.md', '--format', 'json'], { cwd: root }).stdout);
    expect(finding).toMatchObject({ ruleId: 'rollback-time', suppressed: { justification: 'owned by the platform team' } });
    // A known target: the directive is not reported as naming an unknown rule (suppression-unknown).
    expect(json(runCli(['lint', 'slow.md', '--format', 'json'], { cwd: root }).stdout).map((d) => d.ruleId)).toEqual(['rollback-time']);
  });

  it('is listed by `mlsd explain` with the built-in rules, and its item with the built-in items', () => {
    const root = tree({ '.mlsdrc.yaml': TEAM });
    const run = runCli(['explain'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}rollback-time +warning +The rollback plan gives no time to roll back\.$/m);
    expect(run.stdout).toMatch(/^ {2}rollback-plan +required +Rollback plan$/m);
    expect(runCli(['explain', 'rollback-plan'], { cwd: root }).stdout).toMatch(/^ {2}rollback-time \(warning\): /m);
  });

  it('is listed and explained at the level the config sets, beside its default', () => {
    const root = tree({ '.mlsdrc.yaml': `${TEAM}rules:\n  rollback-time: error\n  drift-action: error\n` });
    expect(runCli(['explain'], { cwd: root }).stdout).toMatch(/^ {2}drift-action +error +/m);
    expect(runCli(['explain', 'rollback-plan'], { cwd: root }).stdout).toMatch(/^ {2}rollback-time \(error\): /m);
    const page = runCli(['explain', 'drift-action'], { cwd: root }).stdout;
    expect(page).toContain('Default severity: **warning**. Here the config sets it to **error**.');
    expect(runCli(['explain', 'drift-action'], { cwd: tree({}) }).stdout).not.toContain('Here the config sets it');
  });

  it('is explained and described in SARIF from its description and help', () => {
    const root = tree({ '.mlsdrc.yaml': TEAM, 'slow.md': SLOW });
    const explain = runCli(['explain', 'rollback-time'], { cwd: root });
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('The rollback plan gives no time to roll back.');
    expect(explain.stdout).toContain('Say how long a rollback takes');
    const sarif = JSON.parse(runCli(['lint', 'slow.md', '--format', 'sarif'], { cwd: root }).stdout) as { runs: { tool: { driver: { rules: { id: string; help: { text: string }; helpUri?: string }[] } } }[] };
    const rule = sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'rollback-time');
    expect(rule?.help.text).toContain('How to fix: Say how long a rollback takes');
    expect(rule?.helpUri).toBeUndefined(); // no page ships for a team's rule
    expect(runCli(['explain', 'rollback-time', '--no-config'], { cwd: root }).code).toBe(2);
  });

  it('is validated: a bad mlsd block, or the id of a built-in rule, stops the run naming the line', () => {
    const bad = tree({ '.mlsdrc.yaml': TEAM.replace('severity: warning', 'severity: fatal'), 'slow.md': SLOW });
    const run = runCli(['lint', 'slow.md'], { cwd: bad });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: \.mlsdrc\.yaml:6: checklist\.rollback-plan\.schema is not a valid JSON Schema \(.*severity/);
    const taken = tree({ '.mlsdrc.yaml': TEAM.replace('rule: rollback-time', 'rule: latency-percentile'), 'slow.md': SLOW });
    const clash = runCli(['lint', 'slow.md'], { cwd: taken });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('.mlsdrc.yaml:9: checklist.rollback-plan.schema.allOf[0].mlsd.rule "latency-percentile" is a built-in rule');
  });

  it('is refused when it constrains a fact its item does not have, since it could never fail', () => {
    const typo = tree({ '.mlsdrc.yaml': TEAM.replace('                durations:\n', '                duration:\n'), 'slow.md': SLOW });
    const run = runCli(['lint', 'slow.md'], { cwd: typo });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: .mlsdrc.yaml:16: checklist.rollback-plan.schema.allOf[0].properties.facts.properties.duration names no fact of rollback-plan, so it could never fail (did you mean "durations"?); its facts: durations\n');
    // A fact declared by the config it extends, or built in, is known; so is one named by `required`.
    const extended = tree({ 'org.yaml': TEAM, '.mlsdrc.yaml': `extends: ./org.yaml\nchecklist:\n  rollback-plan:\n    schema: { properties: { facts: { required: [durations] } } }\n  latency-budget:\n    schema: { properties: { facts: { properties: { latencies: { minItems: 2 } }, required: [latency] } } }\n`, 'slow.md': SLOW });
    const built = runCli(['lint', 'slow.md'], { cwd: extended });
    expect(built.code).toBe(2);
    expect(built.stderr).toBe('mlsd: .mlsdrc.yaml:6: checklist.latency-budget.schema.properties.facts.required[0] names no fact of latency-budget, so it could never fail; its facts: latencies, figures, stages\n');
  });

  it('is tested with the rule tester, from the library, against the config that declares it', async () => {
    const root = tree({
      '.mlsdrc.yaml': TEAM,
      'checklist-tests/rollback-time.md': `---\nid: rollback-time\n---\n## Failing example\n\n\`\`\`markdown\n## Rollback plan <!-- expect: rollback-time -->\nWe flip the feature flag back to the previous model.\n\`\`\`\n\n## Passing example\n\n\`\`\`markdown\n## Rollback plan\nWe flip the feature flag back within 15 minutes.\n\`\`\`\n`,
    });
    const checklist = await loadChecklist({ cwd: root });
    const examples = ruleExamplesIn(join(root, 'checklist-tests'));
    expect(examples.map((e) => e.kind)).toEqual(['failing', 'passing']);
    for (const example of examples) expect(checkRuleExample(example, checklist)).toEqual([]);
    // Without the team's config the rule does not exist, so its failing example fails.
    const builtIn = await loadChecklist({ cwd: root, config: false });
    expect(checkRuleExample(examples[0]!, builtIn)).toEqual([expect.stringContaining('expected rollback-time on line 1 of the example, found none')]);
  });
});
