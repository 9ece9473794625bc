import { fixture } from './helpers.js';
import { describe, expect, it } from 'vitest';
import { buildChecklistSchema } from '../src/config/checklist-schema.js';
import { matcher, settingsFor } from '../src/config/settings.js';
import { mergeLayers, type MlsdConfig } from '../src/config/load.js';
import { compileChecklist } from '../src/checklist/load.js';
import { lint } from '../src/lint/index.js';
import { applySeverities } from '../src/lint/severity.js';
import type { Diagnostic } from '../src/lint/types.js';

const RULE_IDS = ['required-section', 'weak-section', 'front-matter-yaml', 'front-matter'];
const layer = (label: string, config: MlsdConfig) => ({ label, config });

/** A complete design doc: every checklist item present (test/fixtures). */
const DOC = fixture('complete-search-ranking.md');
const ROLLBACK = '\n## Rollback plan\nA feature flag sends traffic back to the previous model within five minutes.\n';

const lintWith = (text: string, config: MlsdConfig) => {
  const { merged } = mergeLayers([layer('test', config)], RULE_IDS);
  return lint(text, compileChecklist(buildChecklistSchema(merged.checklist)));
};

describe('mergeLayers', () => {
  it('starts from the built-in checklist and records which layer set each key', () => {
    const { merged, sources, labels } = mergeLayers(
      [layer('org.yaml', { checklist: { 'rollback-plan': { title: 'Rollback' } }, rules: { 'weak-section': 'warning' } }), layer('.mlsdrc.yaml', { checklist: { 'rollback-plan': { title: 'Rollback plan' } } })],
      RULE_IDS,
    );
    expect(labels).toEqual(['mlsd:recommended', 'org.yaml', '.mlsdrc.yaml']);
    expect(merged.checklist.metrics).toEqual({ title: 'Metrics', required: true });
    expect(merged.checklist['rollback-plan']?.title).toBe('Rollback plan');
    expect(sources.get('checklist.rollback-plan.title')).toBe('.mlsdrc.yaml');
    expect(sources.get('rules.weak-section')).toBe('org.yaml');
    expect(sources.get('checklist.metrics.required')).toBe('mlsd:recommended');
  });

  it('appends ignores and overrides from every layer, and a later layer replaces paths', () => {
    const { merged } = mergeLayers(
      [layer('a', { ignores: ['a/**'], paths: ['docs'], overrides: [{ files: ['x/**'] }] }), layer('b', { ignores: ['b/**'], paths: ['design'] })],
      RULE_IDS,
    );
    expect(merged.ignores).toEqual(['a/**', 'b/**']);
    expect(merged.paths).toEqual(['design']);
    expect(merged.overrides).toHaveLength(1);
  });
});

describe('buildChecklistSchema', () => {
  it('adds a new item, required by default, keeping the built-in ones', () => {
    const schema = buildChecklistSchema({ 'rollback-plan': { title: 'Rollback plan', aliases: ['Rollback'] } });
    const items = schema.properties.items;
    expect(items.required).toContain('rollback-plan');
    expect(items.required).toContain('metrics');
    expect(items.properties['rollback-plan'].mlsd.aliases).toEqual(['Rollback']);
  });

  it('adds aliases to a built-in item instead of replacing them', () => {
    const schema = buildChecklistSchema({ metrics: { aliases: ['Scorecard'] } });
    const aliases = schema.properties.items.properties.metrics.mlsd.aliases as string[];
    expect(aliases).toContain('Scorecard');
    expect(aliases).toContain('Success metrics');
  });

  it('writes a front-matter condition as if/then, leaving the item out of the plain required list', () => {
    const schema = buildChecklistSchema({ 'rollback-plan': { required: { when: { status: ['review', 'approved'] } } } });
    expect(schema.properties.items.required).not.toContain('rollback-plan');
    const condition = schema.allOf.find((entry: { mlsd?: unknown }) => !entry.mlsd); // the built-in rules carry mlsd
    expect(condition.if.properties.frontMatter.properties.status.enum).toEqual(['review', 'approved']);
    expect(condition.then.properties.items.required).toEqual(['rollback-plan']);
  });

  it('keeps the skeleton for new and --fix', () => {
    const checklist = compileChecklist(buildChecklistSchema({ 'rollback-plan': { skeleton: '## Rollback plan\n\n<describe>\n' } }));
    expect(checklist.items.find((i) => i.id === 'rollback-plan')?.skeleton).toContain('## Rollback plan');
  });
});

describe('team items through lint', () => {
  const rollback = { 'rollback-plan': { title: 'Rollback plan', aliases: ['Rollback'], hint: 'How a bad model leaves production.' } };

  it('is present with a section of real prose', () => {
    const result = lintWith(DOC + ROLLBACK, { checklist: rollback });
    expect(result.checklist['rollback-plan']).toBe('present');
    expect(result.model.items['rollback-plan']?.words).toBeGreaterThanOrEqual(5);
    expect(result.diagnostics).toEqual([]);
  });

  it('is absent without one, with the hint', () => {
    const result = lintWith(DOC, { checklist: rollback });
    expect(result.checklist['rollback-plan']).toBe('absent');
    expect(result.diagnostics).toMatchObject([{ ruleId: 'required-section', itemId: 'rollback-plan', hint: 'How a bad model leaves production.' }]);
  });

  it('is weak when its section holds only a placeholder or too few words', () => {
    for (const body of ['TODO', 'Flags.']) {
      const result = lintWith(`${DOC}\n## Rollback plan\n${body}\n`, { checklist: rollback });
      expect(result.checklist['rollback-plan']).toBe('weak');
      expect(result.diagnostics[0]).toMatchObject({ ruleId: 'weak-section', itemId: 'rollback-plan' });
    }
  });

  it('needs its facts when it declares some', () => {
    const config = { checklist: { 'rollback-plan': { ...rollback['rollback-plan'], facts: { speed: { terms: ['\\d+ (?:minutes?|seconds?)'] } } } } };
    expect(lintWith(DOC + ROLLBACK.replace('within five minutes', 'quickly, by hand'), config).checklist['rollback-plan']).toBe('weak');
    expect(lintWith(DOC + ROLLBACK.replace('five minutes', '5 minutes'), config).checklist['rollback-plan']).toBe('present');
  });

  it('reads an evidence fact outside its own section too when the fact says everywhere', () => {
    const thin = '\n## Rollback plan\nWe send traffic back to the previous model by hand when needed.\n## Operations\nA feature flag flips traffic back in one step.\n';
    const withFlag = (fact: object) => ({ checklist: { 'rollback-plan': { ...rollback['rollback-plan'], facts: { flag: { terms: ['feature flag'], evidence: true, ...fact } } } } });
    expect(lintWith(DOC + thin, withFlag({})).checklist['rollback-plan']).toBe('weak');
    expect(lintWith(DOC + thin, withFlag({ everywhere: true })).checklist['rollback-plan']).toBe('present');
  });

  it('reads a fact that says prose from prose only, never from a code block', () => {
    const inCode = '\n## Rollback plan\nWe send traffic back to the previous model.\n\n```sh\nrollback --within 5 minutes\n```\n';
    const speed = (fact: object) => ({ checklist: { 'rollback-plan': { ...rollback['rollback-plan'], facts: { speed: { terms: ['\\d+ minutes'], ...fact } } } } });
    expect(lintWith(DOC + inCode, speed({})).checklist['rollback-plan']).toBe('present');
    expect(lintWith(DOC + inCode, speed({ prose: true })).checklist['rollback-plan']).toBe('weak');
  });

  it('drops a match that stands inside one of the fact\'s unless phrases, built-in or added by the team', () => {
    const doc = (line: string) => `# Ranking\n\n## Serving\n\n${line}\n`;
    expect(lintWith(doc('Real-time prediction latency monitoring runs on every host.'), {}).checklist['serving-mode']).toBe('weak');
    const reports = doc('Real-time prediction quality reports reach the team each morning.');
    expect(lintWith(reports, {}).checklist['serving-mode']).toBe('present');
    const added = { checklist: { 'serving-mode': { facts: { modes: { unless: ['real[- ]?time ~2 reports'] }, architecture: { unless: ['real[- ]?time ~2 reports'] } } } } };
    expect(lintWith(reports, added).checklist['serving-mode']).toBe('weak');
  });

  it('is required only when the front matter matches its condition', () => {
    const config = { checklist: { 'rollback-plan': { ...rollback['rollback-plan'], required: { when: { status: ['review', 'approved'] } } } } };
    expect(lintWith(DOC, config).diagnostics).toEqual([]);
    const approved = lintWith(DOC.replace('status: draft', 'status: approved'), config);
    expect(approved.diagnostics).toMatchObject([{ ruleId: 'required-section', itemId: 'rollback-plan' }]);
  });

  it('makes a built-in item optional', () => {
    const result = lintWith(DOC.replace(/## Labels\n.*\n/, ''), { checklist: { labels: { required: false } } });
    expect(result.diagnostics).toEqual([]);
  });

  it('under heading: true, a mention in passing is weak', () => {
    const text = DOC.replace(/## Latency budget\n.*\n/, '').replace('per request.', 'per request; p99 latency is 120 ms.');
    expect(lintWith(text, {}).checklist['latency-budget']).toBe('present');
    expect(lintWith(text, { checklist: { 'latency-budget': { heading: true } } }).checklist['latency-budget']).toBe('weak');
  });
});

describe('settingsFor and matcher', () => {
  const { merged } = mergeLayers(
    [layer('c', { overrides: [{ files: ['docs/rfc/**'], checklist: { labels: { required: false } }, rules: { 'weak-section': 'off' } }] })],
    RULE_IDS,
  );

  it('applies overrides whose globs match the file', () => {
    const rfc = settingsFor(merged, 'docs/rfc/a.md');
    expect(rfc.checklist.labels?.required).toBe(false);
    expect(rfc.rules['weak-section']).toBe('off');
    expect(rfc.key).toBe('0');
    const other = settingsFor(merged, 'docs/a.md');
    expect(other.checklist.labels?.required).toBe(true);
    expect(other.key).toBe('');
  });

  it('matches a slash-free glob against the name in any folder, never outside the root', () => {
    const m = matcher(['*.draft.md']);
    expect(m('a/b/x.draft.md')).toBe(true);
    expect(m('x.md')).toBe(false);
    expect(matcher(['**/*.md'])('../x.md')).toBe(false);
  });
});

describe('applySeverities', () => {
  const d = (ruleId: string, itemId?: string): Diagnostic => ({ line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', ruleId, message: 'm', ...(itemId ? { itemId } : {}) });

  it('lets an item level win over its rule, and off drop the finding', () => {
    const out = applySeverities([d('weak-section', 'metrics'), d('weak-section', 'labels'), d('front-matter')], {
      rules: { 'weak-section': 'warning', 'front-matter': 'off' },
      items: { metrics: 'error' },
    });
    expect(out.map((x) => [x.itemId, x.severity])).toEqual([
      ['metrics', 'error'],
      ['labels', 'warning'],
    ]);
  });

  it('grades a best-practice rule about an item by the rule, whatever level the item state has; an item turned off silences it too', () => {
    const findings = [d('weak-section', 'latency-budget'), d('latency-percentile', 'latency-budget'), d('drift-action', 'drift-monitoring')];
    // As under mlsd:strict: every item at error, and the team lowers or drops two rules.
    const strict = applySeverities(findings, { rules: { 'latency-percentile': 'off', 'drift-action': 'warning' }, items: { 'latency-budget': 'error', 'drift-monitoring': 'error' } });
    expect(strict.map((x) => `${x.ruleId} ${x.severity}`)).toEqual(['weak-section error', 'drift-action warning']);
    const raised = applySeverities(findings, { rules: { 'latency-percentile': 'error' }, items: { 'latency-budget': 'warning' } });
    expect(raised.map((x) => `${x.ruleId} ${x.severity}`)).toEqual(['weak-section warning', 'latency-percentile error', 'drift-action error']);
    const off = applySeverities(findings, { items: { 'latency-budget': 'off' } });
    expect(off.map((x) => x.ruleId)).toEqual(['drift-action']);
  });
});
