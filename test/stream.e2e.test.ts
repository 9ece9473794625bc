import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultChecklist } from '../src/checklist/load.js';
import { loadFormatter, type FileResult, type FormatOptions } from '../src/format/index.js';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';
import { REPOSITORY_URL, sourceUrlBase } from '../src/runtime/package-info.js';

const STREAMED = ['stylish', 'json', 'sarif', 'compact'];

/** Generated docs with findings of every kind, a clean doc, a draft, and one the main thread hands to a worker. */
function corpus(count: number, seed: string): string {
  const dir = tempDir('mlsd-stream-');
  spawnSync(process.execPath, [join(ROOT, 'bench', 'generate.js'), String(count), dir, '--seed', seed], { encoding: 'utf8' });
  copyFileSync(join(ROOT, 'examples', 'feed-ranking.md'), join(dir, 'clean.md'));
  copyFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), join(dir, 'draft.md'));
  // More than 5,000 Markdown delimiters: even a one-process run lints this file on a worker (lint-guard.ts).
  writeFileSync(join(dir, 'guarded.md'), `${readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8')}\n\n${'a|'.repeat(6000)}\n`);
  return dir;
}

type JsonDiagnostic = Record<string, unknown> & { file: string };

/** The results a JSON report holds, as the formatters take them (nulls back to absent fields). */
function resultsOf(report: { files: { file: string; language: string | null; checklist: FileResult['checklist']; items: FileResult['items']; diagnostics: JsonDiagnostic[] }[] }): FileResult[] {
  return report.files.map((f) => ({
    file: f.file,
    ...(f.language !== null ? { language: f.language } : {}),
    checklist: f.checklist,
    items: f.items,
    diagnostics: f.diagnostics.map(({ file: _file, ...d }) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null))) as unknown as FileResult['diagnostics'],
  }));
}

describe('the report is printed as files are linted', () => {
  const dir = corpus(40, '5');
  const runs = Object.fromEntries(
    STREAMED.flatMap((format) => ['1', '2'].map((threads) => [`${format} ${threads}`, runCli(['lint', '.', '--format', format, '--threads', threads], { cwd: dir })])),
  );

  it('in the same bytes from workers (--threads 2) as from one process (--threads 1)', () => {
    for (const format of STREAMED) {
      const [one, two] = [runs[`${format} 1`]!, runs[`${format} 2`]!];
      expect(one.code, format).toBe(1);
      expect(two.code, format).toBe(1);
      expect(two.stderr, format).toBe('');
      expect(two.stdout, format).toBe(one.stdout);
    }
  });

  it('in the same bytes as the formatter prints from every result held in memory', async () => {
    const report = JSON.parse(runs['json 1']!.stdout);
    const results = resultsOf(report);
    expect(results.map((r) => r.file)).toEqual(expect.arrayContaining(['clean.md', 'draft.md', 'guarded.md']));
    expect(results.find((r) => r.file === 'clean.md')!.diagnostics).toEqual([]);
    expect(results.find((r) => r.file === 'draft.md')!.diagnostics.length).toBeGreaterThan(0);
    const options: FormatOptions = { color: false, toolVersion: report.tool.version, informationUri: REPOSITORY_URL, docsBase: sourceUrlBase(), checklistId: report.checklist, repoPrefix: '', rules: [...defaultChecklist().catalogue.values()] };
    for (const format of STREAMED) expect(runs[`${format} 2`]!.stdout, format).toBe((await loadFormatter(format))!(results, options));
  });

  it('with --quiet and --max-warnings counting as in one process', () => {
    const args = ['lint', '.', '--quiet', '--max-warnings', '0'];
    const [one, two] = ['1', '2'].map((threads) => runCli([...args, '--threads', threads], { cwd: dir }));
    expect(two).toEqual(one);
    expect(one!.stdout).not.toMatch(/ warning /);
    // The footer counts the warnings it does not list, as --max-warnings does.
    const { errors, warnings } = (JSON.parse(runs['json 1']!.stdout) as { summary: { errors: number; warnings: number } }).summary;
    expect(warnings).toBeGreaterThan(0);
    expect(one!.stdout).toContain(`problems (${errors} errors, ${warnings} warnings) in `);
    expect(one!.stdout).toMatch(new RegExp(`\\(${warnings} warnings not shown: --quiet\\)\n$`));
  });

  it('ends quietly when the reader closes the pipe early (| head -c 100)', () => {
    for (const threads of ['1', '2']) {
      const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lint . --format json --threads ${threads} | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr, threads).toBe('');
      // The findings still decide the exit status, whether or not the report fit in the pipe.
      expect(run.status, threads).toBe(1);
    }
  });
});

describe('--output while streaming', () => {
  it('a run that fails after some files were printed leaves the previous report as it was, and no temp file', async () => {
    const dir = tempDir('mlsd-stream-out-');
    copyFileSync(join(ROOT, 'examples', 'feed-ranking.md'), join(dir, 'a.md'));
    copyFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), join(dir, 'b.md'));
    writeFileSync(join(dir, 'report.json'), 'previous\n');
    // A socket named like a doc: found, then refused when it is opened, after a.md and b.md are reported.
    const socket = createServer();
    await new Promise<void>((resolve) => socket.listen(join(dir, 'zz.md'), resolve));
    try {
      for (const threads of ['1', '2']) {
        const run = runCli(['lint', 'a.md', 'b.md', 'zz.md', '--format', 'json', '--output', 'report.json', '--threads', threads], { cwd: dir });
        expect(run.code, threads).toBe(2);
        expect(run.stderr, threads).toMatch(/^mlsd: cannot read zz\.md/);
        expect(readFileSync(join(dir, 'report.json'), 'utf8'), threads).toBe('previous\n');
        expect(readdirSync(dir).filter((name) => name.endsWith('.tmp')), threads).toEqual([]);
      }
    } finally {
      socket.close();
    }
  });
});
