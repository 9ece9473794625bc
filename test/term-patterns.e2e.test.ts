import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultChecklist, matchersOf } from '../src/checklist/load.js';
import { TERM_PATTERNS_FILE } from '../src/checklist/term-patterns-file.js';
import { termPatterns } from '../src/checklist/terms.js';
import { ROOT, runCli } from './helpers.js';

const built = () => JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', TERM_PATTERNS_FILE), 'utf8')) as Record<string, unknown>;

describe("the build's term patterns", () => {
  it('are the patterns these sources build, for every term list of the built-in checklist in every language view', () => {
    const patterns = built();
    for (const [terms, made] of Object.entries(patterns)) expect(made).toEqual(termPatterns(JSON.parse(terms) as string[]));
    for (const code of ['en', 'ru', 'en+ru', 'ru+en']) {
      for (const { terms } of matchersOf(defaultChecklist().inLanguage(code))) expect(Object.keys(patterns)).toContain(JSON.stringify(terms));
    }
  });

  it('leave a lint unchanged when the file is missing: the bundle builds the patterns itself', () => {
    const file = join(ROOT, 'examples', 'churn-prediction-draft.md');
    const withFile = runCli(['lint', file, '--format', 'json', '--no-config']);
    expect(withFile.code).toBe(1);
    const env = { NODE_OPTIONS: '--require=' + join(ROOT, 'test', 'fixtures', 'preload', 'no-term-patterns.cjs') };
    const without = runCli(['lint', file, '--format', 'json', '--no-config'], { env });
    expect(without).toEqual(withFile);
  });
});
