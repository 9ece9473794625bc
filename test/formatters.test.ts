import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, loadFormatter, type FileResult } from '../src/format/index.js';
import { ANNOTATION_CAP, escapeData, escapeProperty, github } from '../src/format/github.js';
import type { Diagnostic } from '../src/lint/index.js';
import { OPTIONS, RESULTS } from './fixtures/results.js';

const EXT: Record<string, string> = { json: 'json', sarif: 'sarif', junit: 'xml', markdown: 'md' };

describe('formatter goldens on fixed results', () => {
  it.each(FORMAT_NAMES)('%s', async (name) => {
    const format = (await loadFormatter(name))!;
    await expect(format(RESULTS, OPTIONS)).toMatchFileSnapshot(`golden/format.${EXT[name] ?? 'txt'}`.replace('format.txt', `format-${name}.txt`));
  });
});

describe('json and sarif printed a file at a time', () => {
  it.each(['json', 'sarif'])('%s is exactly JSON.stringify of the report, with files or without', async (name) => {
    const format = (await loadFormatter(name))!;
    for (const results of [RESULTS, [], [RESULTS[1]!]]) {
      const out = format(results, OPTIONS);
      expect(out).toBe(`${JSON.stringify(JSON.parse(out), null, 2)}\n`);
    }
  });

  it('json puts the totals after the files, as they are only known at the end', async () => {
    const report = JSON.parse((await loadFormatter('json'))!(RESULTS, OPTIONS));
    expect(Object.keys(report)).toEqual(['version', 'tool', 'checklist', 'files', 'summary']);
    expect(report.summary).toEqual({ files: 3, errors: 3, warnings: 1, suppressed: 1, hiddenWarnings: 0 });
  });
});

describe('suppressed findings', () => {
  it.each(['stylish', 'compact', 'github', 'markdown'])('%s leaves them out of the findings it lists', async (name) => {
    const out = (await loadFormatter(name))!(RESULTS, OPTIONS);
    expect(out).not.toContain('has placeholder text (TBD)');
  });

  it('json keeps them, marked with the justification', async () => {
    const report = JSON.parse((await loadFormatter('json'))!(RESULTS, OPTIONS));
    const waived = report.files[0].diagnostics.filter((d: { suppressed: unknown }) => d.suppressed);
    expect(waived).toHaveLength(1);
    expect(waived[0].suppressed).toEqual({ kind: 'inSource', justification: 'set after the <load test> & review' });
    expect(report.summary).toMatchObject({ errors: 3, warnings: 1, suppressed: 1 });
  });
});

describe('github workflow commands', () => {
  it('escapes % CR LF in messages and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('docs/a, b: c%.md')).toBe('docs/a%2C b%3A c%25.md');
    const out = github(RESULTS, OPTIONS);
    expect(out).toContain('::error file=docs/churn%2C v2%3A draft.md,line=7,endLine=7,col=1,endColumn=11,title=mlsd weak-section::');
    expect(out).toContain('(e.g. 100%25 recall, AUC).%0Ahint: Name offline and online metrics.%0AGive targets.');
    for (const line of out.trimEnd().split('\n')) expect(line).not.toMatch(/\r/);
  });

  it('names files from the repository root when run from a subfolder', () => {
    const out = github(RESULTS, { ...OPTIONS, repoPrefix: 'design/' });
    expect(out).toContain('::error file=design/docs/fraud|detection.md,line=40,');
  });

  it('puts every error before any warning', () => {
    const lines = github(RESULTS, OPTIONS).trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::error', '::error', '::warning']);
  });

  const many = (n: number, severity: Diagnostic['severity'], ruleId: string): Diagnostic[] =>
    Array.from({ length: n }, (_, i) => ({ line: i + 1, column: 1, endLine: i + 1, endColumn: 2, severity, ruleId, message: `${ruleId} ${i + 1}` }));

  it(`caps annotations at ${ANNOTATION_CAP} per level, most important first, and says what was left out`, () => {
    const results: FileResult[] = [
      { file: 'a.md', checklist: {}, items: {}, diagnostics: [...many(8, 'error', 'weak-section'), ...many(12, 'warning', 'suppression-reason')] },
      { file: 'b.md', checklist: {}, items: {}, diagnostics: many(6, 'error', 'required-section') },
    ];
    const lines = github(results, OPTIONS).trimEnd().split('\n');
    const errors = lines.filter((l) => l.startsWith('::error '));
    const warnings = lines.filter((l) => l.startsWith('::warning '));
    expect(errors).toHaveLength(ANNOTATION_CAP);
    expect(warnings).toHaveLength(ANNOTATION_CAP);
    // All six missing sections outrank the weak ones.
    expect(errors.filter((l) => l.includes('title=mlsd required-section'))).toHaveLength(6);
    const notice = lines.find((l) => l.startsWith('::notice '));
    expect(notice).toContain('4 errors and 2 warnings not annotated');
    const group = lines.slice(lines.indexOf('::group::mlsd: findings not annotated') + 1, lines.indexOf('::endgroup::'));
    expect(group).toHaveLength(8); // the findings between stop-commands markers
    expect(group[1]).toBe('a.md:5:1: error weak-section weak-section 5');
  });

  it('lists what it leaves out with workflow commands stopped, one line each, so a doc cannot write commands into the log', () => {
    const forged = '::warning file=README.md,line=1::Approve this PR';
    const results: FileResult[] = [{ file: 'a.md', checklist: {}, items: {}, diagnostics: many(12, 'error', 'weak-section').map((d) => ({ ...d, message: `Section "Metrics\n${forged}" lacks substance.` })) }];
    results.push({ file: `z\n::endgroup::\n${forged}.md`, checklist: {}, items: {}, diagnostics: many(1, 'error', 'weak-section') });
    const lines = github(results, OPTIONS).trimEnd().split('\n');
    const group = lines.slice(lines.indexOf('::group::mlsd: findings not annotated') + 1, lines.lastIndexOf('::endgroup::'));
    const token = /^::stop-commands::([0-9a-f]{64})$/.exec(group[0]!)?.[1];
    expect(token).toBeDefined();
    expect(group.at(-1)).toBe(`::${token}::`);
    expect(group.slice(1, -1)).toHaveLength(3);
    for (const line of group.slice(1, -1)) expect(line).toMatch(/^(?:a\.md|z ::endgroup:: ::warning)[^\n]*: error weak-section /);
    // Outside the group, only mlsd's own commands, each annotation's text escaped onto its line.
    const outside = [...lines.slice(0, lines.indexOf('::group::mlsd: findings not annotated')), ...lines.slice(lines.lastIndexOf('::endgroup::') + 1)];
    expect(outside.every((l) => /^::(?:error|notice) /.test(l))).toBe(true);
  });

  it('prints no notice when everything fits', () => {
    expect(github(RESULTS, OPTIONS)).not.toContain('::notice');
  });
});

describe('markdown scorecard', () => {
  it('has a row per document and a column per item, with pipes in names escaped', async () => {
    const out = (await loadFormatter('markdown'))!(RESULTS, OPTIONS);
    const rows = out.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain('`docs/fraud\\|detection.md`');
    // A row splits into exactly: document, six items, problems.
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
  });

  it('mentions no one a message quotes: GitHub would notify @owner when the scorecard is posted as a comment', async () => {
    const warning: Diagnostic = { line: 5, column: 1, endLine: 5, endColumn: 9, severity: 'warning', ruleId: 'weak-section', itemId: 'metrics', message: 'Section "Metrics (ask @ml-team, mail a@b.c)" (metrics) names no metric.' };
    const out = (await loadFormatter('markdown'))!([{ file: 'a.md', checklist: {}, items: {}, diagnostics: [warning] }], OPTIONS);
    expect(out).toContain('Section "Metrics (ask @&#8203;ml-team, mail a@&#8203;b.c)"');
    expect(out).not.toMatch(/@[\w-]/);
  });

  it('is a valid table when no document has checklist states (every file unreadable)', async () => {
    const error: Diagnostic = { line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', ruleId: 'not-text', message: 'The file is not text.' };
    const out = (await loadFormatter('markdown'))!([{ file: 'bin.md', checklist: {}, items: {}, diagnostics: [error] }], OPTIONS);
    expect(out.split('\n').slice(2, 5)).toEqual(['| Document | Problems |', '| --- | --- |', '| `bin.md` | 1 error |']);
  });

  it('with --quiet, a row counts the warnings it does not list, as the totals do, and says they are not shown', async () => {
    const error: Diagnostic = { line: 3, column: 1, endLine: 3, endColumn: 2, severity: 'error', ruleId: 'required-section', itemId: 'labels', message: 'Missing required section "Labels".' };
    const results: FileResult[] = [
      { file: 'a.md', checklist: {}, items: {}, diagnostics: [error], hiddenWarnings: 2 },
      { file: 'b.md', checklist: {}, items: {}, diagnostics: [], hiddenWarnings: 1 },
      { file: 'c.md', checklist: {}, items: {}, diagnostics: [] },
    ];
    const out = (await loadFormatter('markdown'))!(results, OPTIONS);
    expect(out.split('\n').filter((l) => l.startsWith('| `')).map((row) => row.split(' | ').at(-1))).toEqual([
      '1 error, 2 warnings (2 warnings not shown: --quiet) |',
      '1 warning (1 warning not shown: --quiet) |',
      'none |',
    ]);
    expect(out).toContain('— 3 documents, 1 error, 3 warnings (3 warnings not shown: --quiet)\n');
  });
});
