import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli, tempTree } from './helpers.js';

const CONFIG_DOC = readFileSync(join(ROOT, 'docs', 'config.md'), 'utf8');

/** What docs/config.md's table of checklist keys says of `key`. */
function keyRow(key: string): string {
  const row = CONFIG_DOC.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
  if (!row) throw new Error(`docs/config.md has no row for "${key}"`);
  return row;
}

describe('docs/config.md says what mlsd does', () => {
  it('title: a new item needs one, and one without is refused as a typo', () => {
    const root = tree({ '.mlsdrc.yaml': 'checklist:\n  rollback-plan:\n    hint: How a bad model leaves production.\n' });
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: .mlsdrc.yaml:2: checklist.rollback-plan is not a checklist item; a new item needs a "title"\n');
    expect(keyRow('title')).toContain('A new item needs one');
    expect(keyRow('title')).not.toMatch(/titled from its id/);
  });
});

const tree = (files: Record<string, string>) => tempTree({ 'doc.md': fixture('complete-search-ranking.md'), ...files }, 'mlsd-config-docs-');
