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

  it('aliases and heads: plain heading text, not patterns, and the config error says so', () => {
    const doc = fixture('complete-search-ranking.md').replace('## Metrics', '## Zielgroessen messen');
    const via = (heads: string) => {
      const root = tree({ 'doc.md': doc, '.mlsdrc.yaml': `checklist:\n  metrics:\n    heads: ${JSON.stringify([heads])}\n` });
      const run = runCli(['lint', 'doc.md', '--format', 'json'], { cwd: root });
      return (JSON.parse(run.stdout) as { files: { items: Record<string, { via?: string }> }[] }).files[0]!.items.metrics!.via;
    };
    expect(via('Zielgr')).toBe('heading'); // a stem, at a word start of the heading, case aside
    expect(via('zielgr(?:oe|ö)ssen')).not.toBe('heading'); // a pattern is not read as one
    for (const key of ['aliases', 'heads']) {
      expect(keyRow(key)).toMatch(new RegExp(`^\\| \`${key}\` \\| headings \\|`));
      expect(keyRow(key)).not.toMatch(/regular-expression/);
    }
    expect(CONFIG_DOC).toMatch(/\*Headings\* \(`aliases`, `heads`\) are plain text, not patterns/);
    const root = tree({ '.mlsdrc.yaml': 'checklist:\n  metrics:\n    heads: [5]\n' });
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mlsd: .mlsdrc.yaml:3: checklist.metrics.heads must be a list of headings (plain text, not patterns), or lists keyed by language code');
    expect(run.stderr).not.toMatch(/regular-expression/);
  });
});

const tree = (files: Record<string, string>) => tempTree({ 'doc.md': fixture('complete-search-ranking.md'), ...files }, 'mlsd-config-docs-');
