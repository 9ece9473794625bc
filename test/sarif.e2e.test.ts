import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';
import { sarifValidator } from './sarif-schema.js';

type Json = any;

describe('sarif from the built CLI', () => {
  const validate = sarifValidator();

  it('the built CLI writes a valid log for real documents, suppressions included', () => {
    const run = runCli(['lint', 'examples', '--format', 'sarif']);
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout);
    expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
    expect(output.runs[0].results.length).toBeGreaterThan(0);
    expect(output.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^examples\//);
    // Every result names a rule the run describes, the checklist's best-practice rules included.
    const rules = output.runs[0].tool.driver.rules;
    for (const result of output.runs[0].results) {
      expect(rules[result.ruleIndex]?.id, result.ruleId).toBe(result.ruleId);
      expect(rules[result.ruleIndex].help.text.length).toBeGreaterThan(0);
    }
    expect(output.runs[0].results.map((r: Json) => r.ruleId)).toContain('placeholder');
  });
});
