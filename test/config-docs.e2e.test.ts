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

  it('aliases and heads: one written as a pattern, which would match no heading, is refused', () => {
    const config = 'checklist:\n  metrics:\n    heads: ["zielgr(?:oe|ö)ssen", "C++"]\n    aliases: { ru: ["метрик\\\\w+"], en: ["Metrics (offline)", "Why measure?"] }\n';
    const run = runCli(['lint', 'doc.md'], { cwd: tree({ '.mlsdrc.yaml': config }) });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'mlsd: .mlsdrc.yaml:4: checklist.metrics.aliases.ru[0] "метрик\\w+" is a regular expression, but aliases are plain heading text, not patterns: list each heading as it is written',
      'mlsd: .mlsdrc.yaml:3: checklist.metrics.heads[0] "zielgr(?:oe|ö)ssen" is a regular expression, but heads are plain heading text, not patterns: write a head word a heading starts a word with (a stem such as "zielgr" matches every ending)',
    ]);
    expect(CONFIG_DOC).toContain('One written as a pattern\n(`zielgr(?:oe|ö)ssen`, `metr\\w+`) would match no heading, so it is a config error.');
  });

  it('terms keyed by a language: one neither built in nor declared is refused, in any layer', () => {
    const config = 'checklist:\n  metrics:\n    heads: { xx: [foo] }\n    facts:\n      offline:\n        terms: { de: [Trefferquote] }\n';
    const run = runCli(['lint', 'doc.md'], { cwd: tree({ '.mlsdrc.yaml': config }) });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'mlsd: .mlsdrc.yaml:3: checklist.metrics.heads.xx names a language neither built in nor declared under "languages" (en, ru): declare "xx" there, with its name and stopwords, or key the list by one of those',
      'mlsd: .mlsdrc.yaml:6: checklist.metrics.facts.offline.terms.de names a language neither built in nor declared under "languages" (en, ru): declare "de" there, with its name and stopwords, or key the list by one of those',
    ]);
    // Declared by the organisation's config, the repository's may use it.
    const org = 'languages:\n  de:\n    name: Deutsch\n    stopwords: [der, die, das, und, ist]\n';
    const declared = tree({ 'org.yaml': org, '.mlsdrc.yaml': `extends: ./org.yaml\n${config}` });
    expect(runCli(['lint', 'doc.md'], { cwd: declared }).code).toBe(2); // xx still
    const fine = tree({ 'org.yaml': org, '.mlsdrc.yaml': 'extends: ./org.yaml\nchecklist:\n  metrics:\n    heads: { de: [erfolg], ru: [успех] }\n' });
    expect(runCli(['lint', 'doc.md'], { cwd: fine }).code).toBe(0);
  });

  it('required.when: a front-matter key or value no document can have is refused, with did you mean', () => {
    const config = 'checklist:\n  rollback-plan:\n    title: Rollback plan\n    required:\n      when:\n        statuss: [review]\n        status: [reveiw, approved]\n';
    const run = runCli(['lint', 'doc.md'], { cwd: tree({ '.mlsdrc.yaml': config }) });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'mlsd: .mlsdrc.yaml:6: checklist.rollback-plan.required.when.statuss is not a front matter key the checklist declares (did you mean "status"?); keys: title, owner, status, created, problem_type, template, template_version, serving_mode, latency_budget',
      'mlsd: .mlsdrc.yaml:7: checklist.rollback-plan.required.when.status[0] has "reveiw", a value front matter\'s status never has, so the item would never be required (did you mean "review"?); status is one of draft, review, approved',
    ]);
    expect(keyRow('required')).toContain('a condition no document can meet (`statuss`, `status: [reveiw]`) is a config error');
    // A key far from every declared one is the team's own front matter.
    const own = 'checklist:\n  rollback-plan:\n    title: Rollback plan\n    required:\n      when:\n        tier: [critical]\n';
    expect(runCli(['lint', 'doc.md'], { cwd: tree({ '.mlsdrc.yaml': own }) }).stderr).toBe('');
  });
});

const tree = (files: Record<string, string>) => tempTree({ 'doc.md': fixture('complete-search-ranking.md'), ...files }, 'mlsd-config-docs-');
