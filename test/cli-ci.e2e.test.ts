import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, example, runCli, runCliWithFileLimit, tempDir, tempTree } from './helpers.js';

const COMPLETE = example('feed-ranking.md');
const DRAFT = example('churn-prediction-draft.md');
/** A complete doc whose only finding is a warning: a suppression without a reason. */
const ONE_WARNING = COMPLETE.replace(/\n## /, '\n<!-- mlsd-disable-next-line weak-section -->\n\n## ');

const project = (files: Record<string, string>) => tempTree(files);

describe('mlsd lint for CI', () => {
  it('--output writes the report to a new nested folder, prints nothing, and keeps the exit code', () => {
    const dir = project({ 'draft.md': DRAFT });
    const run = runCli(['lint', 'draft.md', '--format', 'json', '--output', 'reports/lint/mlsd.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'reports/lint/mlsd.json'), 'utf8'));
    expect(report.summary.errors).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'reports/lint/mlsd.json'), 'utf8')).not.toContain('\u001b[');
  });

  it('--output naming a doc being linted, by its name or through a link, is refused and the doc kept', () => {
    const dir = project({ 'docs/draft.md': DRAFT });
    symlinkSync(join('docs', 'draft.md'), join(dir, 'link.md'));
    const refusals = [
      [['lint', 'docs/draft.md', '-o', 'docs/draft.md'], 'mlsd: --output docs/draft.md is a file being linted: the report would replace it; write the report to another file'],
      [['lint', 'docs', '-f', 'json', '-o', './docs/draft.md'], 'mlsd: --output ./docs/draft.md is a file being linted: the report would replace it; write the report to another file'],
      [['lint', 'docs', '-o', 'link.md'], 'mlsd: --output link.md is a file being linted (docs/draft.md): the report would replace it; write the report to another file'],
    ] as const;
    for (const [args, message] of refusals) {
      const run = runCli([...args], { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toBe(`${message}\n`);
      expect(readFileSync(join(dir, 'docs', 'draft.md'), 'utf8')).toBe(DRAFT);
    }
  });

  it('--output to a path that cannot be a file is a one-line usage error', () => {
    const dir = project({ 'a.md': COMPLETE, 'taken/x': '' });
    const run = runCli(['lint', 'a.md', '--output', 'taken/x/report.txt'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('cannot write');
  });

  it('--output through a symlink replaces the file it points to, keeping its mode; a failed write leaves that file as it was', () => {
    const dir = project({ 'a.md': COMPLETE, 'draft.md': DRAFT, 'reports/real.txt': 'previous\n' });
    const real = join(dir, 'reports', 'real.txt');
    chmodSync(real, 0o600);
    symlinkSync(join('reports', 'real.txt'), join(dir, 'link.txt'));
    const run = runCli(['lint', 'a.md', '--output', 'link.txt'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('no problems');
    expect(statSync(real).mode & 0o777).toBe(0o600);

    const before = readFileSync(real, 'utf8');
    const failed = runCliWithFileLimit(['lint', 'draft.md', '--output', 'link.txt'], { cwd: dir, maxFileBlocks: 0 });
    expect(failed.code).toBe(2);
    expect(failed.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mlsd: cannot write .*link\.txt: .*nothing was changed$/)]);
    expect(readFileSync(real, 'utf8')).toBe(before);
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['real.txt']); // no temp file left
  });

  it('--output to a FIFO writes through to its reader and leaves the FIFO in place', async () => {
    const dir = project({ 'a.md': COMPLETE });
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
    try {
      const run = runCli(['lint', 'a.md', '--output', 'report.fifo'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      await once(reader, 'close');
      expect(received).toContain('no problems');
    } finally {
      reader.kill();
    }
  });

  it('--output /dev/stdout appends to the file the shell opened (>>), never replacing it', () => {
    const dir = project({ 'a.md': COMPLETE, 'log.txt': 'earlier line\n' });
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" lint a.md --output /dev/stdout >> log.txt`], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    const log = readFileSync(join(dir, 'log.txt'), 'utf8');
    expect(log.startsWith('earlier line\n')).toBe(true);
    expect(log).toContain('no problems');
  });

  it('--max-warnings fails only when warnings exceed it', () => {
    const dir = project({ 'a.md': ONE_WARNING });
    expect(runCli(['lint', 'a.md', '-f', 'compact'], { cwd: dir })).toMatchObject({ code: 0 });
    expect(runCli(['lint', 'a.md', '--max-warnings', '1'], { cwd: dir }).code).toBe(0);
    const over = runCli(['lint', 'a.md', '--max-warnings', '0'], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('1 warning found, more than --max-warnings 0 allows');
    expect(runCli(['lint', 'a.md', '--max-warnings', '-1'], { cwd: dir }).code).toBe(2);
  });

  it('--quiet reports errors only', () => {
    const dir = project({ 'draft.md': DRAFT.replace(/\n## /, '\n<!-- mlsd-disable-next-line weak-section -->\n\n## ') });
    const loud = runCli(['lint', 'draft.md', '-f', 'compact'], { cwd: dir });
    expect(loud.stdout).toContain(': warning suppression-reason');
    const quiet = runCli(['lint', 'draft.md', '-f', 'compact', '--quiet'], { cwd: dir });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).not.toContain(': warning ');
    expect(quiet.stdout).toContain(': error ');
  });

  it('--quiet hides warnings but still counts them in the footer, as --max-warnings and the JSON summary do: a run they fail never reads as clean', () => {
    const dir = project({ 'a.md': ONE_WARNING, 'b.md': COMPLETE });
    const footer = '⚠ 1 problem (0 errors, 1 warning) in 1 of 2 files (1 warning not shown: --quiet)\n';
    const failed = runCli(['lint', 'a.md', 'b.md', '--quiet', '--max-warnings', '0'], { cwd: dir });
    expect(failed).toEqual({ code: 1, stdout: footer, stderr: 'mlsd: 1 warning found, more than --max-warnings 0 allows\n' });
    // The same footer whether or not --max-warnings fails the run: it reports the findings, the exit code the gate.
    expect(runCli(['lint', 'a.md', 'b.md', '--quiet'], { cwd: dir })).toEqual({ code: 0, stdout: footer, stderr: '' });
    const loud = runCli(['lint', 'a.md', 'b.md', '--max-warnings', '0'], { cwd: dir });
    expect(loud.stdout.split('\n').at(-2)).toBe('⚠ 1 problem (0 errors, 1 warning) in 1 of 2 files');
    const json = JSON.parse(runCli(['lint', 'a.md', 'b.md', '--quiet', '-f', 'json'], { cwd: dir }).stdout) as { summary: Record<string, number> };
    expect(json.summary).toMatchObject({ errors: 0, warnings: 1, hiddenWarnings: 1 });
  });

  it('--quiet with --format markdown counts the hidden warnings in its totals and in the document\'s row too', () => {
    const dir = project({ 'a.md': ONE_WARNING });
    const run = runCli(['lint', 'a.md', '--quiet', '--max-warnings', '0', '-f', 'markdown'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(' | 1 warning (1 warning not shown: --quiet) |\n');
    expect(run.stdout).toContain('— 1 document, 0 errors, 1 warning (1 warning not shown: --quiet)\n');
    expect(run.stdout).not.toContain('suppression-reason');
  });

  it('an inline suppression with a reason turns a failing doc into a passing one, and JSON shows it', () => {
    const text = COMPLETE.replace(/\n## Latency budget[^]*?(?=\n## )/, '').replace('\n# ', '\n<!-- mlsd-disable latency-budget -- budget set by the platform team -->\n\n# ');
    expect(runCli(['lint', '-'], { input: COMPLETE.replace(/\n## Latency budget[^]*?(?=\n## )/, '') }).code).toBe(1);
    const dir = project({ 'a.md': text });
    const json = runCli(['lint', 'a.md', '-f', 'json'], { cwd: dir });
    expect(json.code).toBe(0);
    const d = JSON.parse(json.stdout).files[0].diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ itemId: 'latency-budget', suppressed: { kind: 'inSource', justification: 'budget set by the platform team' } });
    expect(runCli(['lint', 'a.md'], { cwd: dir }).stdout).toContain('(1 suppressed)');
  });

  it('--format github appends the scorecard to GITHUB_STEP_SUMMARY, keeping what was there', () => {
    const dir = project({ 'docs/a.md': COMPLETE, 'docs/draft.md': DRAFT, 'summary.md': '# Earlier step\n' });
    const run = runCli(['lint', 'docs', '-f', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=docs\/draft\.md,line=\d+/);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary.startsWith('# Earlier step\n## mlsd design doc checklist')).toBe(true);
    expect(summary).toContain('| `docs/a.md` | ✅ | ✅ | ✅ | ✅ | ✅ | ✅ | none |');
  });

  it('names files in the job summary as the annotations do, from the repository root, run from a subfolder', () => {
    const dir = project({ 'docs/a.md': COMPLETE, 'docs/draft.md': DRAFT });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const run = runCli(['lint', '.', '-f', 'github'], { cwd: join(dir, 'docs'), env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
    expect(run.stdout).toMatch(/^::error file=docs\/draft\.md,/m);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('| `docs/a.md` |');
    expect(summary).toMatch(/^- `docs\/draft\.md:\d+:\d+`/m);
  });

  it('keeps the step\'s summary under GitHub\'s 1 MiB, counting what an earlier run in the step wrote', () => {
    const dir = project({ 'docs/draft.md': DRAFT, 'summary.md': `${'x'.repeat(100)}\n`.repeat(10_372) }); // 1,047,572 bytes: room for 1,004 more
    runCli(['lint', 'docs', '-f', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(summary).toContain('_mlsd: summary cut here;');
  });

  it('keeps the errors of a long doc in a cut job summary and drops its warnings first, though the errors come later in the doc', () => {
    // Five suppressions without a reason near the top (warnings); drift monitoring only mentioned, far below (an error).
    const doc = COMPLETE.replace(/\n## Drift monitoring[^]*?(?=\n## )/, '').replace('\n## Overview\n', `\n## Overview\n\n${'<!-- mlsd-disable-next-line weak-section -->\nSome text.\n\n'.repeat(5)}`);
    const filled = `${'x'.repeat(100)}\n`.repeat(10_371); // 1,047,471 bytes: room for 1,105 more: the scorecard and some of its findings
    const dir = project({ 'docs/long.md': doc, 'summary.md': filled });
    const run = runCli(['lint', 'docs', '-f', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
    expect(run.stdout).toMatch(/^::error file=docs\/long\.md,line=\d+.*weak-section/m);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8').slice(filled.length);
    expect(summary).toContain('1 error, 5 warnings');
    expect(summary).toContain('_mlsd: summary cut here;');
    const listed = summary.split('\n').filter((line) => line.startsWith('- `docs/long.md:'));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(6);
    expect(listed[0]).toMatch(/\*\*error\*\* `weak-section` Drift monitoring/);
  });
});

describe('--changed-since', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=mlsd test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });

  function repo() {
    const dir = project({ 'docs/old.md': DRAFT, 'docs/edited.md': DRAFT, 'docs/gone.md': DRAFT, 'notes.txt': 'x' });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(dir, 'docs/edited.md'), `${DRAFT}\nMore text.\n`);
    git(dir, 'rm', '-q', 'docs/gone.md');
    writeFileSync(join(dir, 'docs/committed.md'), COMPLETE);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'feature work');
    writeFileSync(join(dir, 'docs/untracked.md'), DRAFT);
    writeFileSync(join(dir, 'docs/old.md'), `${DRAFT}\nAn uncommitted edit.\n`);
    return dir;
  }

  const linted = (stdout: string) => [...new Set(stdout.trim().split('\n').filter(Boolean).map((l) => l.split(':')[0]))].sort();

  it('lints only docs added, modified or renamed since the ref, plus uncommitted and untracked ones', () => {
    const dir = repo();
    const run = runCli(['lint', '.', '-f', 'compact', '--changed-since', 'main'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(linted(run.stdout)).toEqual(['docs/edited.md', 'docs/old.md', 'docs/untracked.md']);
    const json = JSON.parse(runCli(['lint', '.', '-f', 'json', '--changed-since', 'main'], { cwd: dir }).stdout);
    expect(json.files.map((f: { file: string }) => f.file).sort()).toEqual(['docs/committed.md', 'docs/edited.md', 'docs/old.md', 'docs/untracked.md']);
  });

  it('intersects with the paths given, from a subfolder too', () => {
    const dir = repo();
    const run = runCli(['lint', 'edited.md', 'committed.md', '-f', 'json', '--changed-since', 'main'], { cwd: join(dir, 'docs') });
    expect(JSON.parse(run.stdout).files.map((f: { file: string }) => f.file)).toEqual(['committed.md', 'edited.md']);
  });

  it('annotations and SARIF from a subfolder name files from the repository root', () => {
    const dir = repo();
    const annotations = runCli(['lint', 'edited.md', '-f', 'github', '--changed-since', 'main'], { cwd: join(dir, 'docs') });
    expect(annotations.stdout).toMatch(/^::error file=docs\/edited\.md,/);
    runCli(['lint', 'edited.md', '-f', 'sarif', '-o', 'out.sarif', '--changed-since', 'main'], { cwd: join(dir, 'docs') });
    const log = JSON.parse(readFileSync(join(dir, 'docs', 'out.sarif'), 'utf8'));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('docs/edited.md');
  });

  it('annotations and SARIF name a file from the repository root when it is given as ../path or absolute', () => {
    const dir = repo();
    const docs = join(dir, 'docs');
    mkdirSync(join(dir, 'notes'));
    for (const file of ['../docs/edited.md', join(docs, 'edited.md')]) {
      expect(runCli(['lint', file, '-f', 'github'], { cwd: join(dir, 'notes') }).stdout, file).toMatch(/^::error file=docs\/edited\.md,/);
      runCli(['lint', file, '-f', 'sarif', '-o', 'out.sarif'], { cwd: join(dir, 'notes') });
      const log = JSON.parse(readFileSync(join(dir, 'notes', 'out.sarif'), 'utf8'));
      expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, file).toBe('docs/edited.md');
    }
  });

  it('with nothing changed, checks nothing and passes, still writing a valid report', () => {
    const dir = repo();
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'all in');
    const run = runCli(['lint', '.', '-f', 'sarif', '-o', 'mlsd.sarif', '--changed-since', 'HEAD'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'mlsd.sarif'), 'utf8')).runs[0].results).toEqual([]);
    expect(run.stderr).toBe('mlsd: none of the 4 design docs selected changed since HEAD; nothing to lint\n');
    expect(runCli(['lint', 'docs/old.md', '--changed-since', 'HEAD'], { cwd: dir }).stderr).toBe('mlsd: docs/old.md did not change since HEAD; nothing to lint\n');
  });

  it('an unknown ref is a one-line usage error', () => {
    const run = runCli(['lint', '.', '--changed-since', 'no-such-branch'], { cwd: repo() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: --changed-since: unknown git ref "no-such-branch".*\n$/);
  });

  it('a shallow clone (a checkout without fetch-depth: 0) is a one-line usage error that says so', () => {
    const origin = repo();
    const clone = join(tempDir(), 'clone');
    git(dirname(clone), 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, clone);
    git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
    const run = runCli(['lint', '.', '--changed-since', 'origin/main'], { cwd: clone });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: --changed-since: origin\/main and HEAD share no history in this clone, which is shallow: .*fetch-depth: 0.*\n$/);
  });

  it('outside a git repository is a one-line usage error, in every format, with or without docs to lint', () => {
    const dir = project({ 'a.md': COMPLETE });
    const run = runCli(['lint', '.', '--changed-since', 'main'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: dirname(dir) } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: --changed-since needs a git repository, and the current directory is not in one\n');
    expect(existsSync(join(dir, '.git'))).toBe(false);
    const empty = tempDir();
    for (const format of ['stylish', 'json']) {
      const none = runCli(['lint', '--changed-since', 'main', '-f', format], { cwd: empty, env: { GIT_CEILING_DIRECTORIES: dirname(empty) } });
      expect([none.code, none.stderr.split('\n').at(-2)], format).toEqual([2, 'mlsd: --changed-since needs a git repository, and the current directory is not in one']);
    }
  });
});
