import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli, tempDir } from './helpers.js';

describe('mlsd (built CLI)', () => {
  it('explains itself with --help, lint --help and --version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('lint [options] [paths...]');
    const lintHelp = runCli(['lint', '--help']);
    expect(lintHelp.code).toBe(0);
    expect(lintHelp.stdout).toMatch(/--format <name>/);
    expect(lintHelp.stdout).toMatch(/Exit codes:/);
    const helpLint = runCli(['help', 'lint']);
    expect(helpLint.code).toBe(0);
    expect(helpLint.stdout).toBe(lintHelp.stdout);
    expect(runCli(['help']).stdout).toBe(help.stdout);
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(runCli(['-v']).stdout).toBe(version.stdout);
  });

  it('refuses arguments a command does not take, with exit 2, and still takes any number of lint paths', () => {
    for (const args of [['--version', 'extra'], ['extra', '--version'], ['lint', '--version']]) {
      const run = runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^mlsd: --version takes no arguments, but got "(extra|lint)"\n$/);
    }
    const dir = tempDir();
    for (const args of [['init', 'extra'], ['lsp', 'extra'], ['explain', 'a', 'b'], ['config', 'a', 'b'], ['templates', 'a', 'b'], ['new', 'a', 'b'], ['help', 'lint', 'new']]) {
      const run = runCli(args, { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^mlsd: too many arguments for '\w+'/);
    }
    expect(runCli(['lint', 'examples/feed-ranking.md', 'examples/fraud-detection.md', 'examples/rag-support-assistant.md']).code).toBe(0);
  });

  it('lints the bundled examples: three clean, the draft fails with exit 1', () => {
    const run = runCli(['lint', 'examples/']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('examples/churn-prediction-draft.md');
    expect(run.stdout).not.toContain('examples/feed-ranking.md');
    expect(run.stdout).toMatch(/required-section/);
    expect(run.stdout).toMatch(/weak-section/);
    expect(run.stdout).toMatch(/hint: /);
    expect(run.stdout).toMatch(/✖ 8 problems \(5 errors, 3 warnings\) in 1 of 4 files/);
  });

  it('exits 0 on a clean file', () => {
    const run = runCli(['lint', 'examples/feed-ranking.md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no problems');
  });

  it('walks folders recursively, skipping node_modules and .git, and takes globs', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'docs', 'deep'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'deep', 'a.md'), example('feed-ranking.md'));
    writeFileSync(join(dir, 'docs', 'b.markdown'), example('fraud-detection.md'));
    writeFileSync(join(dir, 'node_modules', 'pkg', 'README.md'), '# nothing');
    writeFileSync(join(dir, '.git', 'x.md'), '# nothing');
    const folder = runCli(['lint', 'docs', '--format', 'json'], { cwd: dir });
    expect(folder.code).toBe(0);
    expect(JSON.parse(folder.stdout).files.map((f: { file: string }) => f.file)).toEqual(['docs/b.markdown', 'docs/deep/a.md']);
    const everything = runCli(['lint', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(everything.stdout).files).toHaveLength(2);
    const globbed = runCli(['lint', 'docs/**/*.md', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(globbed.stdout).files.map((f: { file: string }) => f.file)).toEqual(['docs/deep/a.md']);
  });

  it('walks the folders a glob matches, as the shell\'s expansion of it would be walked', () => {
    const dir = tempDir();
    for (const path of ['teams/a/x.md', 'teams/b/deep/y.md', 'teams/b/notes.txt', 'teams/.hidden/z.md', 'empty/sub/.keep']) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), example('feed-ranking.md'));
    }
    const files = (glob: string) => (JSON.parse(runCli(['lint', glob, '--format', 'json'], { cwd: dir }).stdout) as { files: { file: string }[] }).files.map((f) => f.file);
    expect(files('teams/*')).toEqual(['teams/a/x.md', 'teams/b/deep/y.md']);
    expect(files('teams/.*')).toEqual(['teams/.hidden/z.md']);
    expect(files('teams/**')).toEqual(['teams/.hidden/z.md', 'teams/a/x.md', 'teams/b/deep/y.md', 'teams/b/notes.txt']);
    const empty = runCli(['lint', 'empty/*'], { cwd: dir });
    expect([empty.code, empty.stderr.trim()]).toEqual([2, 'mlsd: no Markdown files found in empty/*']);
  });

  it('finds dot files as the config\'s globs match them, and enters a hidden folder only when named or globbed', () => {
    const dir = tempDir();
    for (const path of ['docs/a.md', 'docs/.b.md', 'docs/.hidden/c.md', '.venv/lib/d.md']) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), example('feed-ranking.md'));
    }
    const files = (args: string[]) => (JSON.parse(runCli(['lint', ...args, '--format', 'json'], { cwd: dir }).stdout) as { files: { file: string }[] }).files.map((f) => f.file);
    expect(files(['docs'])).toEqual(['docs/.b.md', 'docs/a.md']);
    expect(files(['.'])).toEqual(['docs/.b.md', 'docs/a.md']);
    expect(files(['docs/.hidden'])).toEqual(['docs/.hidden/c.md']);
    // CI lints the config's paths; the pre-commit hook names each changed file: both see the same docs.
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'paths: ["docs/**/*.md"]\n');
    expect(files([])).toEqual(['docs/.b.md', 'docs/.hidden/c.md', 'docs/a.md']);
    expect(files(['--design-docs-only', 'docs/.b.md', 'docs/.hidden/c.md', '.venv/lib/d.md'])).toEqual(['docs/.b.md', 'docs/.hidden/c.md']);
  });

  it('lints a file once however often and however it is named: ./x, x, its absolute path, its folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.md'), '');
    const once = JSON.parse(runCli(['lint', 'empty.md', '--format', 'json'], { cwd: dir }).stdout);
    const run = runCli(['lint', 'empty.md', './empty.md', join(dir, 'empty.md'), '.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['empty.md']);
    expect(report.summary).toEqual(once.summary);
  });

  it('reads standard input with -', () => {
    const run = runCli(['lint', '-', '--format', 'json'], { input: example('churn-prediction-draft.md') });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.files[0].file).toBe('<stdin>');
    expect(report.files[0].checklist.labels).toBe('absent');
  });

  it('writes a stable, versioned JSON report', () => {
    const run = runCli(['lint', 'examples/churn-prediction-draft.md', '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ version: 1, tool: { name: 'mlsd' }, summary: { files: 1, errors: 5, warnings: 3 } });
    const [file] = report.files;
    expect(file.checklist).toEqual({
      metrics: 'weak',
      labels: 'absent',
      'leakage-checks': 'weak',
      'latency-budget': 'weak',
      'serving-mode': 'present',
      'drift-monitoring': 'absent',
    });
    for (const d of file.diagnostics) {
      expect(Object.keys(d).sort()).toEqual(['column', 'endColumn', 'endLine', 'file', 'fingerprint', 'hint', 'itemId', 'line', 'message', 'ruleId', 'severity', 'suppressed'].sort());
      expect(d.file).toBe('examples/churn-prediction-draft.md');
    }
  });

  it.each([
    [['lint', 'missing.md'], /^mlsd: no such file or directory: missing\.md\n$/],
    [['lint', 'nothing/**/*.md'], /^mlsd: no files match "nothing\/\*\*\/\*\.md"\n$/],
    [['lint', '--format', 'xml', 'examples'], /^mlsd: option .*argument 'xml' is invalid/],
    [['lint', '--bogus'], /^mlsd: unknown option '--bogus'/],
    [['lint', '--fxi'], /^mlsd: unknown option '--fxi' \(did you mean "--fix"\?\)\n$/],
    [['explian'], /^mlsd: unknown command 'explian' \(did you mean "explain"\?\)\n$/],
    [['help', 'explian'], /^mlsd: unknown command 'explian' \(did you mean "explain"\?\)\n$/],
  ])('exits 2 with one line for %j', (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.skipIf(process.getuid?.() === 0)('exits 2 on an unreadable file', () => {
    const dir = tempDir();
    const file = join(dir, 'secret.md');
    writeFileSync(file, '# x');
    chmodSync(file, 0o000);
    const run = runCli(['lint', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read .*permission denied/);
  });

  it('colours only when asked: never in a pipe, never with NO_COLOR or --no-color', () => {
    const plain = runCli(['lint', 'examples/churn-prediction-draft.md']);
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    const forced = runCli(['lint', 'examples/churn-prediction-draft.md'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[/);
    const noColor = runCli(['lint', 'examples/churn-prediction-draft.md'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\x1b\[/);
    const flag = runCli(['lint', '--no-color', 'examples/churn-prediction-draft.md'], { env: { FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toMatch(/\x1b\[/);
  });
});

describe('output formats (golden)', () => {
  it('stylish output for the failing example', async () => {
    await expect(runCli(['lint', 'examples/churn-prediction-draft.md']).stdout).toMatchFileSnapshot('golden/lint/churn-draft.stylish.txt');
  });
  it('json output for the failing example', async () => {
    const report = runCli(['lint', 'examples/churn-prediction-draft.md', '--format', 'json']).stdout.replace(/"version": "[^"]+"/, '"version": "<version>"');
    await expect(report).toMatchFileSnapshot('golden/lint/churn-draft.json');
  });
});
