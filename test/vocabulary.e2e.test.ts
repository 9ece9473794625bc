import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultChecklist } from '../src/checklist/load.js';
import { lint } from '../src/lint/index.js';
import { runCli, tempDir } from './helpers.js';

// What `mlsd new` writes from the command line, lint reads without a front-matter finding.
const FRONT_MATTER_RULES = new Set(['front-matter', 'front-matter-yaml']);
const frontMatterFindings = (text: string) => lint(text, defaultChecklist()).diagnostics.filter((d) => FRONT_MATTER_RULES.has(d.ruleId));

describe('serving modes', () => {
  it('a synonym is written as the value lint knows (on-device → edge), from the command line too', () => {
    const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'serving_mode=on-device', '--dry-run'], { cwd: tempDir() });
    expect(run.code).toBe(0);
    const frontMatter = parse(run.stdout.split('---')[1]!) as Record<string, unknown>;
    expect(frontMatter.serving_mode).toBe('edge');
    expect(frontMatterFindings(run.stdout)).toEqual([]);
  });
});

describe('latency budgets', () => {
  it('mlsd new takes --set latency_budget with any unit lint accepts', () => {
    for (const given of ['2 seconds', '1h']) {
      const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', `latency_budget=${given}`, '--dry-run'], { cwd: tempDir() });
      expect(run.code, run.stderr).toBe(0);
      expect(frontMatterFindings(run.stdout)).toEqual([]);
    }
  });
});
