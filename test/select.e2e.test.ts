import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, example, ROOT, runCli, tempRepo, tempTree } from './helpers.js';

/** A repository with design docs and other Markdown. */
const repo = (files: Record<string, string>) => tempTree(files);

const DESIGN = example('feed-ranking.md'); // front matter with problem_type
const linted = (dir: string, args: string[] = []) => {
  const run = runCli(['lint', ...args, '--format', 'json'], { cwd: dir });
  return { ...run, files: run.stdout ? (JSON.parse(run.stdout) as { files: { file: string }[] }).files.map((f) => f.file) : [] };
};

describe('which files mlsd lint checks', () => {
  const files = {
    'README.md': '# Service\n\nHow to run it.\n',
    'CHANGELOG.md': '# Changes\n',
    'docs/design/plain.md': '# A design without front matter\n',
    'docs/usage.md': '# Usage\n',
    'services/ranking/design.md': DESIGN,
    'node_modules/pkg/design.md': DESIGN,
  };

  it('with no paths and no config: the design folder and docs whose front matter declares them, nothing else', () => {
    const run = linted(repo(files));
    expect(run.files).toEqual(['docs/design/plain.md', 'services/ranking/design.md']);
  });

  it('with no paths: a UTF-16 doc whose front matter declares it is found, as it is linted when named', () => {
    const dir = repo({ 'README.md': '# Service\n' });
    writeFileSync(join(dir, 'wide.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DESIGN, 'utf16le')]));
    expect(linted(dir).files).toEqual(['wide.md']);
  });

  it('with a config that moves drafts and gives no paths: the drafts folder instead of docs/design', () => {
    const run = linted(repo({ ...files, '.mlsdrc.yaml': 'drafts: notes/designs\n', 'notes/designs/plain.md': '# Another design\n' }));
    expect(run.files).toEqual(['notes/designs/plain.md', 'services/ranking/design.md']);
  });

  it('folders and globs on the command line replace that selection', () => {
    expect(linted(repo(files), ['docs']).files).toEqual(['docs/design/plain.md', 'docs/usage.md']);
  });

  it('a folder or glob reaches docs through symlinks, to a doc or into a folder, each doc once; broken links are passed over', () => {
    const dir = repo({ 'shared/ranking.md': DESIGN, 'elsewhere/fraud.md': DESIGN, 'docs/design/own.md': DESIGN });
    symlinkSync('../../shared/ranking.md', join(dir, 'docs/design/ranking.md'));
    symlinkSync('../../elsewhere', join(dir, 'docs/design/team'));
    symlinkSync('..', join(dir, 'docs/design/team-loop'));
    symlinkSync('nowhere.md', join(dir, 'docs/design/broken.md'));
    expect(linted(dir, ['docs/design']).files).toEqual(['docs/design/own.md', 'docs/design/ranking.md', 'docs/design/team/fraud.md']);
    expect(linted(dir, ['docs/design/*.md']).files).toEqual(['docs/design/own.md', 'docs/design/ranking.md']);
  });

  it('ignores and overrides name folders as .gitignore does: with or without a trailing or leading slash', () => {
    for (const folder of ['docs/archive', 'docs/archive/', '/docs/archive', './docs/archive/', 'archive', 'docs/archive/**']) {
      const dir = repo({ '.mlsdrc.yaml': `paths: [docs]\nignores: ["${folder}"]\n`, 'docs/new.md': DESIGN, 'docs/archive/old.md': DESIGN, 'docs/archive/2023/older.md': DESIGN });
      expect(linted(dir).files, folder).toEqual(['docs/new.md']);
      expect(runCli(['lint', 'docs/archive/old.md'], { cwd: dir }).stderr, folder).toContain('docs/archive/old.md skipped: ignored by the config\'s "ignores"');
      const overridden = repo({ '.mlsdrc.yaml': `overrides:\n  - files: ["${folder}"]\n    rules: { required-section: off }\n`, 'docs/archive/2023/older.md': '# Old design\n' });
      expect(runCli(['lint', 'docs/archive/2023/older.md'], { cwd: overridden }).stdout, folder).not.toContain('required-section');
    }
  });

  it('a file named on the command line is linted without a config (you asked for it)', () => {
    expect(linted(repo(files), ['README.md']).files).toEqual(['README.md']);
  });

  it('with the config\'s paths, named files outside them are skipped: listed with --verbose, silent without', () => {
    const dir = repo({ ...files, '.mlsdrc.yaml': 'paths: [docs/design]\n' });
    const quiet = linted(dir, ['README.md', 'docs/design/plain.md']);
    expect(quiet.files).toEqual(['docs/design/plain.md']);
    expect(quiet.stderr).toBe('');
    const verbose = linted(dir, ['README.md', 'CHANGELOG.md', 'docs/design/plain.md', '--verbose']);
    expect(verbose.stderr).toBe('mlsd: CHANGELOG.md skipped: outside the config\'s "paths"\nmlsd: README.md skipped: outside the config\'s "paths"\n');
  });

  it('only skipped files: exit 0, and it says why', () => {
    const dir = repo({ ...files, '.mlsdrc.yaml': 'paths: [docs/design]\n' });
    const run = runCli(['lint', 'README.md'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'mlsd: README.md skipped: outside the config\'s "paths"\n' });
  });

  it('no design docs yet: exit 0 with a note, not an error (a repository that just ran mlsd init)', () => {
    const run = runCli(['lint'], { cwd: repo({ 'README.md': '# x\n', '.mlsdrc.yaml': 'paths: [docs/design]\n' }) });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^mlsd: no design docs found in the config's "paths" \(docs\/design\)/);
    const bare = runCli(['lint'], { cwd: repo({ 'README.md': '# x\n' }) });
    expect(bare.code).toBe(0);
    expect(bare.stderr).toMatch(/^mlsd: no design docs found in docs\/design\/ or Markdown files with problem_type/);
  });

  it('run in a sub-folder of a repository without a config: the docs `mlsd new` writes from there, found from the repository root', () => {
    const dir = tempRepo({ 'sub/notes.md': '# Notes\n', 'services/ranking/design.md': DESIGN, 'docs/design/plain.md': '# A design without front matter\n' });
    const sub = join(dir, 'sub');
    const written = runCli(['new', 'feed-x', '--yes', '--set', 'owner=me'], { cwd: sub, env: { MLSD_NOW: '2025-01-15' } });
    expect(written.stderr).toContain('mlsd: wrote ../docs/design/feed-x.md');
    // As CI run from a sub-folder lints: what `new` wrote, and the repository's declared docs, named from here.
    expect(linted(sub).files).toEqual(['../docs/design/feed-x.md', '../docs/design/plain.md', '../services/ranking/design.md']);
    // The pre-commit hook's test agrees: the drafts folder is the repository's, wherever the hook runs.
    expect(linted(sub, ['--design-docs-only', '../docs/design/plain.md', 'notes.md']).files).toEqual(['../docs/design/plain.md']);
    const empty = tempRepo({ 'sub/notes.md': '# Notes\n' });
    const run = runCli(['lint'], { cwd: join(empty, 'sub') });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^mlsd: no design docs found in \.\.\/docs\/design\/ or Markdown files under \.\.\/ with problem_type/);
  });

  it('with --config in another folder: the note names the drafts folder searched, from the working directory', () => {
    const dir = repo({ 'shared/org.yaml': 'rules: {weak-section: warning}\n', 'docs/design/a.md': '---\ntitle: X\nproblem_type: generic\n---\n## Labels\nx\n' });
    const run = runCli(['lint', '--config', 'shared/org.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^mlsd: no design docs found in shared\/docs\/design\/ or Markdown files under shared\/ with problem_type/);
  });

  it('a pipe named on the command line (<(git show …)) is linted as standard input is, whatever the config\'s paths', () => {
    const dir = repo({ ...files, '.mlsdrc.yaml': 'paths: [docs/design]\n', 'weak.md': example('churn-prediction-draft.md') });
    /** What bash's process substitution hands over: /dev/fd/N, a pipe outside every folder. */
    const piped = (...args: string[]) => spawnSync('bash', ['-c', `"$0" "$1" lint <(cat weak.md) ${args.join(' ')}`, process.execPath, BIN], { cwd: dir, encoding: 'utf8' });
    const run = piped('--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual([expect.stringMatching(/^\/(dev|proc)\//)]);
    // A pipe has no front matter to peek at without consuming it: as a candidate it is linted, as standard input is.
    expect(piped('--design-docs-only').status).toBe(1);
    // Nor is it a file git knows: asked to lint only changed docs, it is refused rather than dropped without a word.
    const changed = piped('--changed-since', 'HEAD');
    expect(changed.status).toBe(2);
    expect(changed.stderr).toMatch(/^mlsd: --changed-since cannot be used with .*a pipe/);
  });

  it('a path named on the command line that matches nothing is still a usage error', () => {
    expect(runCli(['lint', 'nope/'], { cwd: repo(files) }).code).toBe(2);
  });

  describe('--design-docs-only, as the pre-commit hook runs it, in a repository without a config', () => {
    // The hook's own entry, so a change to .pre-commit-hooks.yaml is tested here too.
    const [hook] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { entry: string }[];
    const [command, ...hookArgs] = hook!.entry.split(' ');
    const WEAK = example('churn-prediction-draft.md');
    const hookRun = (dir: string, staged: string[], extra: string[] = []) => {
      expect(command).toBe('mlsd');
      return runCli([...hookArgs, ...extra, ...staged], { cwd: dir });
    };

    it('a commit that only edits README.md and docs pages passes: exit 0, no report', () => {
      const run = hookRun(repo(files), ['README.md', 'docs/usage.md']);
      expect(run).toMatchObject({ code: 0, stdout: '' });
    });

    it('a weak design doc in the drafts folder is linted and blocks; the README beside it is skipped, said with --verbose', () => {
      const dir = repo({ ...files, 'docs/design/churn.md': WEAK });
      const run = hookRun(dir, ['README.md', 'docs/design/churn.md'], ['--format', 'json', '--verbose']);
      expect(run.code).toBe(1);
      expect((JSON.parse(run.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(['docs/design/churn.md']);
      expect(run.stderr).toBe('mlsd: README.md skipped: not a design doc (outside docs/design/, no problem_type in its front matter)\n');
    });

    it('a doc elsewhere whose front matter declares it a design doc is linted', () => {
      const run = hookRun(repo(files), ['README.md', 'services/ranking/design.md'], ['--format', 'json']);
      expect((JSON.parse(run.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(['services/ranking/design.md']);
    });

    it('without the flag, a named README is still linted: a person naming a file asks for it', () => {
      expect(linted(repo(files), ['README.md']).files).toEqual(['README.md']);
    });
  });

  it('help says what no paths means', () => {
    const help = runCli(['lint', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('None: the config\'s "paths", or without them its "drafts" folder (default docs/design/) and the Markdown files whose front matter has problem_type');
    expect(help).not.toContain('(default: [])');
    expect(help).toContain('--design-docs-only treat the files on the command line as candidates');
  });
});
