import { describe, expect, it } from 'vitest';
import { sarif } from '../src/format/sarif.js';
import { defaultChecklist } from '../src/checklist/load.js';
import { sarifValidator } from './sarif-schema.js';
import { OPTIONS, RESULTS } from './fixtures/results.js';

type Json = any;
const log = (): Json => JSON.parse(sarif(RESULTS, OPTIONS));

describe('sarif formatter', () => {
  const validate = sarifValidator();

  it('validates against the official SARIF 2.1.0 schema', () => {
    const ok = validate(log());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is real: a log missing required fields fails it', () => {
    const broken = log();
    delete broken.runs[0].tool.driver.name;
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('describes every rule with what GitHub code scanning requires', () => {
    const rules = log().runs[0].tool.driver.rules as Json[];
    expect(rules.map((r) => r.id)).toEqual([...defaultChecklist().catalogue.keys()]);
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help.text).toContain('How to fix');
      expect(rule.help.markdown).toContain(`schemas/checklist/rules/${rule.id}.md`);
      expect(rule.helpUri).toMatch(new RegExp(`^https://.*/schemas/checklist/rules/${rule.id}\\.md$`));
    }
  });

  it('gives every result a full region, a repo-relative URI, a fingerprint and a matching ruleIndex', () => {
    const run = log().runs[0];
    expect(run.results).toHaveLength(5);
    for (const r of run.results as Json[]) {
      const { region, artifactLocation } = r.locations[0].physicalLocation;
      expect(Object.keys(region).sort()).toEqual(['endColumn', 'endLine', 'startColumn', 'startLine']);
      expect(artifactLocation.uri).not.toMatch(/^(\/|[a-z]+:)/i);
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('docs/churn%2C%20v2%3A%20draft.md');
  });

  it('prefixes URIs with the working directory inside the repository', () => {
    const nested = JSON.parse(sarif(RESULTS, { ...OPTIONS, repoPrefix: 'design/' }));
    expect(nested.runs[0].results[4].locations[0].physicalLocation.artifactLocation.uri).toBe('design/docs/fraud%7Cdetection.md');
  });

  it('reports suppressed findings with an inSource suppression and their justification', () => {
    const results = log().runs[0].results as Json[];
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'set after the <load test> & review' }]);
  });

  it('matches the golden file', async () => {
    await expect(sarif(RESULTS, OPTIONS)).toMatchFileSnapshot('golden/format.sarif');
  });
});
