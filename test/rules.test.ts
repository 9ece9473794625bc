import { describe, expect, it } from 'vitest';
import { edit, lintText } from './helpers.js';

/** A complete doc; each test breaks one thing and expects exactly that rule to speak. */
const DOC = `---
title: Ads click prediction
serving_mode: online
latency_budget: 100ms
---
# Ads click prediction

## Metrics
Offline: normalized entropy and calibration. Online: CTR and revenue lift.

## Labels
Positive when the user clicks within 30 s of the impression; conversions are attributed over a 30-day window.

## Leakage checks
- [x] Time-based split with a 1-day gap, so no feature sees future data.
- [x] Point-in-time joins against the feature store.

## Latency budget
p99 end-to-end latency ≤ 100 ms.

| Stage | p99 budget |
|---|---|
| Feature fetch | 25 ms |
| Ranking model | 40 ms |
| Auction | 20 ms |

## Serving mode
Online scoring per request inside the auction service.

## Drift monitoring
Daily PSI on the top 50 features; when PSI > 0.2 the on-call owner is paged and retraining is triggered.
`;

const rulesOf = (text: string) => lintText(text).diagnostics.map((d) => d.ruleId);

describe('best-practice rules', () => {
  it('a complete doc has no findings', () => {
    expect(lintText(DOC).diagnostics).toEqual([]);
  });

  it('metrics-offline-online: only one side named', () => {
    const result = lintText(DOC.replace('Offline: normalized entropy and calibration. ', ''));
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['metrics-offline-online']);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', itemId: 'metrics' });
    expect(result.checklist.metrics).toBe('present'); // a best-practice finding does not change the state
  });

  it('labels-delay: late outcomes without a window', () => {
    expect(rulesOf(DOC.replace(' are attributed over a 30-day window', ' are attributed to the click'))).toEqual(['labels-delay']);
  });

  it('labels-delay: a keyword in code is no late outcome', () => {
    const labels = (more: string) => DOC.replace('; conversions are attributed over a 30-day window.', `.\n\n${more}`);
    expect(rulesOf(labels('```python\ndef label(event):\n    return event.clicked\n```'))).toEqual([]);
    expect(rulesOf(labels('Refunds are labelled from returns.'))).toEqual(['labels-delay']);
  });

  it('leakage-unchecked-reason: an unchecked check needs a reason', () => {
    const result = lintText(DOC.replace('- [x] Point-in-time', '- [ ] Point-in-time'));
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['leakage-unchecked-reason']);
    expect(result.diagnostics[0]!.line).toBe(DOC.split('\n').findIndex((l) => l.includes('Point-in-time')) + 1);
    expect(rulesOf(edit(DOC, '- [x] Point-in-time joins against the feature store.', '- [ ] Point-in-time joins — not applicable because all features are static.'))).toEqual([]);
  });

  it('latency-percentile: a number with no percentile', () => {
    expect(rulesOf(DOC.replace('p99 end-to-end latency ≤ 100 ms.', 'Latency ≤ 100 ms.').replace('p99 budget', 'budget'))).toEqual(['latency-percentile']);
    expect(rulesOf(DOC.replace('p99 end-to-end latency ≤ 100 ms.', '99% of requests are answered in ≤ 100 ms.').replace('p99 budget', 'budget'))).toEqual([]);
  });

  it('latency-stage-sum: stages that do not fit show the arithmetic', () => {
    const result = lintText(DOC.replace('| Auction | 20 ms |', '| Auction | 50 ms |'));
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['latency-stage-sum']);
    expect(result.diagnostics[0]!.message).toContain('25 ms + 40 ms + 50 ms = 115 ms > 100 ms total');
  });

  it('latency-stage-sum: also reads stages written as a prose list', () => {
    const table = /\| Stage \| p99 budget \|[\s\S]*?\| Auction \| 20 ms \|\n/;
    expect(DOC).toMatch(table);
    const prose = (list: string) => DOC.replace(table, `${list}\n`);
    const over = lintText(prose('Feature fetch 60 ms, scoring (50 ms); auction 20 ms.'));
    expect(over.diagnostics.map((d) => d.ruleId)).toEqual(['latency-stage-sum']);
    expect(over.diagnostics[0]!.message).toContain('60 ms + 50 ms + 20 ms = 130 ms > 100 ms total');
    expect(rulesOf(prose('Split across stages: feature fetch 30 ms, scoring 50 ms, auction 20 ms.'))).toEqual([]);
    // Not a list of stages: one quantity per sentence, or numbers that do not close their clause.
    expect(rulesOf(prose('Feature fetch takes 60 ms. Scoring takes 50 ms.'))).toEqual([]);
    expect(rulesOf(prose('The stages sum to 95 ms, leaving 5 ms of headroom for retries.'))).toEqual([]);
  });

  it('serving-mode-conflict: front matter and body disagree', () => {
    const result = lintText(DOC.replace('serving_mode: online', 'serving_mode: batch'));
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['serving-mode-conflict']);
    expect(result.diagnostics[0]!.message).toContain('serving_mode: "batch"');
  });

  it('serving-batch-latency: batch only, with a per-request budget under a second', () => {
    const text = DOC.replace('serving_mode: online', 'serving_mode: batch').replace('Online scoring per request inside the auction service.', 'A nightly batch scoring job writes scores to the warehouse.');
    expect(rulesOf(text)).toEqual(['serving-batch-latency']);
  });

  it('drift-action: detection without an action', () => {
    expect(rulesOf(DOC.replace('the on-call owner is paged and retraining is triggered.', 'it is charted.'))).toEqual(['drift-action']);
  });

  it('drift-threshold: a statistic with no threshold', () => {
    expect(rulesOf(DOC.replace('; when PSI > 0.2 the on-call owner', '; the on-call owner'))).toEqual(['drift-threshold']);
  });

  it('placeholder: anywhere in the doc, at its position', () => {
    const result = lintText(DOC.replace('# Ads click prediction', '# Ads click prediction\n\nOwner: {{owner_team}}'));
    expect(result.diagnostics).toMatchObject([{ ruleId: 'placeholder', line: 8, column: 8, severity: 'warning' }]);
  });

  it('front-matter: values are checked against the schema', () => {
    const result = lintText(DOC.replace('serving_mode: online', 'serving_mode: realtime\nstatus: done'));
    expect(result.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([
      ['front-matter', 3],
      ['front-matter', 4],
    ]);
    expect(result.diagnostics[1]!.message).toContain('"status" must be one of draft, review, approved');
  });
});

describe('state edge cases', () => {
  it('service health alone is not drift monitoring', () => {
    const text = DOC.replace(/## Drift monitoring\n.*\n/, '## Operations\nWe monitor uptime and 5xx error rates in Grafana.\n');
    expect(lintText(text).checklist['drift-monitoring']).toBe('absent');
  });

  it('latency-frontmatter-conflict: front matter and body state different budgets, units converted', () => {
    expect(rulesOf(DOC.replace('latency_budget: 100ms', 'latency_budget: 80ms'))).toEqual(['latency-frontmatter-conflict']);
    expect(rulesOf(edit(DOC, 'latency_budget: 100ms', 'latency_budget: 0.1 s'))).toEqual([]);
  });
});
