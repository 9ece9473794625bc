import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

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
