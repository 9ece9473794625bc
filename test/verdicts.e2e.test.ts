import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';

// Design docs written for these tests in the styles real teams use; none is copied from a corpus.
const STYLES = join('test', 'fixtures', 'styles');
const docs = readdirSync(join(ROOT, STYLES)).filter((f) => f.endsWith('.md'));
const complete = docs.filter((f) => !f.startsWith('vague'));
const vague = docs.filter((f) => f.startsWith('vague'));

const lintJson = (file: string, ...args: string[]) => {
  const run = runCli(['lint', join(STYLES, file), '--no-config', '--format', 'json', ...args]);
  return { code: run.code, file: JSON.parse(run.stdout).files[0] };
};

describe('verdicts on complete docs written in other styles', () => {
  it('covers headings as questions, tables, bold pseudo-headings, prose without headings and Russian', () => {
    expect(complete.sort()).toEqual(['bold.md', 'prose.md', 'questions.md', 'russian.md', 'tables.md']);
  });

  it.each(complete)('%s lints clean, every item present with its evidence quoted', (file) => {
    const { code, file: result } = lintJson(file);
    expect(result.diagnostics).toEqual([]);
    expect(code).toBe(0);
    for (const [id, item] of Object.entries<{ state: string; evidence: { line: number; quote: string }[] }>(result.items)) {
      expect(item.state, id).toBe('present');
      expect(item.evidence[0]!.quote.length, id).toBeGreaterThan(10);
    }
  });

  it('detects the language of each document', () => {
    expect(lintJson('russian.md').file.language).toBe('ru');
    expect(lintJson('questions.md').file.language).toBe('en');
  });
});

describe('verdicts on vague docs', () => {
  it.each(vague)('%s: every item is weak, and each message names the section and what it lacks', (file) => {
    const { code, file: result } = lintJson(file);
    expect(code).toBe(1);
    expect(Object.values(result.checklist)).toEqual(Array(6).fill('weak'));
    for (const d of result.diagnostics) {
      expect(d.ruleId).toBe('weak-section');
      expect(d.message).toMatch(/^Section ".+" \([a-z-]+\) lacks substance: /);
    }
    for (const item of Object.values<{ lacks: string[] }>(result.items)) expect(item.lacks.length).toBeGreaterThan(0);
  });
});

describe('lint --verbose', () => {
  it('prints a scorecard per file: item, state, line and the quoted evidence', () => {
    const run = runCli(['lint', join(STYLES, 'tables.md'), join(STYLES, 'vague.md'), '--no-config', '--verbose']);
    expect(run.stdout).toMatch(/^ +latency-budget +present +8 +"Latency budget \| p99 under 80 ms per request\."$/m);
    expect(run.stdout).toMatch(/^ +latency-budget +weak +15 +"Latency budget": gives no latency number it commits to/m);
    expect(runCli(['lint', join(STYLES, 'tables.md'), '--no-config']).stdout).not.toContain('present');
  });
});

describe('a team adds a language and its own synonyms in config', () => {
  it('detects the team language and reads the items by its terms', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, '.mlsdrc.yaml'),
      [
        'languages:',
        '  de:',
        '    name: Deutsch',
        '    stopwords: [der, die, das, und, ist, nicht, mit, für, auf, wir, ein, eine, den, zu]',
        '    notSubstance: { deferral: ["später"] }',
        'checklist:',
        '  metrics: { heads: { de: [erfolg] }, facts: { offline: { terms: { de: [Trefferquote] } } } }',
        '  latency-budget: { heads: { de: [antwortzeit] } }',
        '',
      ].join('\n'),
    );
    const doc = (latency: string) =>
      `# Empfehlungen\n\n## Wie wir Erfolg messen\n\nWir messen die Trefferquote auf den letzten zwei Wochen.\n\n## Antwortzeit\n\n${latency}\n`;
    writeFileSync(join(dir, 'done.md'), doc('Die Antwort kommt in höchstens 120 ms für das p99.'));
    writeFileSync(join(dir, 'later.md'), doc('Die Antwort kommt in 120 ms, das legen wir später fest.'));
    const run = runCli(['lint', 'done.md', 'later.md', '--format', 'json'], { cwd: dir });
    const [done, later] = JSON.parse(run.stdout).files;
    expect(done.language).toBe('de');
    expect(done.checklist).toMatchObject({ metrics: 'present', 'latency-budget': 'present' });
    expect(later.checklist['latency-budget']).toBe('weak');
  });

  it('adds a declared built-in language\'s lists to its own: a Russian deferral keeps every built-in Russian hedge', () => {
    const dir = tempDir();
    // No name or stop words: Russian is built in, and the team only adds a deferral of its own.
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'languages:\n  ru:\n    notSubstance:\n      deferral: ["после пилота"]\n');
    const doc = (latency: string) => `# Отток\n\n## Требования к задержке\n\nЭто пакетный прогон для всех абонентов, и ${latency}\n`;
    writeFileSync(join(dir, 'hedged.md'), doc('он занимает примерно 90 минут.'));
    writeFileSync(join(dir, 'deferred.md'), doc('его длительность в 90 минут зафиксируем после пилота.'));
    writeFileSync(join(dir, 'stated.md'), doc('он занимает не более 90 минут.'));
    const run = runCli(['lint', 'hedged.md', 'deferred.md', 'stated.md', '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    const [hedged, deferred, stated] = JSON.parse(run.stdout).files;
    expect(hedged.language).toBe('ru');
    expect(hedged.checklist['latency-budget']).toBe('weak');
    expect(deferred.checklist['latency-budget']).toBe('weak');
    expect(stated.checklist['latency-budget']).toBe('present');
  });

  it('refuses a language without stop words, naming the file and key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'languages:\n  de:\n    name: Deutsch\n');
    writeFileSync(join(dir, 'a.md'), '# A\n');
    const run = runCli(['lint', 'a.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.mlsdrc\.yaml.*languages/);
  });
});
