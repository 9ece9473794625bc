import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LOCAL_ACTION, remoteAction, workflow } from '../src/cli/init-files.js';
import { REPOSITORY_URL, VERSION } from '../src/runtime/package-info.js';
import { ROOT, runCli, runCliWithFileLimit, tempDir, tempRepo } from './helpers.js';

type Json = any;

const CI_DOC = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
const yamlBlocks = [...CI_DOC.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

/** The checks a GitHub workflow must pass to run the mlsd action on changed docs, upload SARIF and annotate. */
function checkWorkflow(workflow: Json, action = LOCAL_ACTION, install = 'npm ci') {
  expect(Object.keys(workflow.on)).toContain('pull_request');
  expect(workflow.permissions['security-events']).toBe('write');
  const jobs = Object.values(workflow.jobs) as Json[];
  expect(jobs).toHaveLength(1);
  const steps = jobs[0].steps as Json[];
  const uses = (name: string) => steps.find((s) => typeof s.uses === 'string' && s.uses.startsWith(name));
  expect(uses('actions/checkout@')?.with['fetch-depth']).toBe(0);
  expect(uses('actions/setup-node@')?.with['node-version']).toBeGreaterThanOrEqual(20);
  const mlsd = steps.find((s) => s.uses === action);
  expect(mlsd.with).toEqual({ 'changed-since': 'origin/${{ github.base_ref }}', sarif: true });
  // Never a registry name: the installed, pinned copy after npm ci, or the action at a tag.
  const runs = steps.filter((s) => typeof s.run === 'string').map((s) => s.run as string);
  expect(runs.join('\n')).not.toMatch(/npx (--yes )?mlsd/);
  if (action === LOCAL_ACTION) {
    const installs = steps.findIndex((s) => typeof s.run === 'string' && s.run.startsWith(install));
    expect(installs).toBeGreaterThanOrEqual(0);
    expect(installs).toBeLessThan(steps.indexOf(mlsd));
  } else expect(action).toMatch(/@v\d+\.\d+\.\d+$/);
}

describe('docs/ci.md snippets', () => {
  it('has the GitHub, GitLab and two pre-commit blocks, each valid YAML', () => {
    expect(yamlBlocks).toHaveLength(4);
    for (const block of yamlBlocks) expect(() => parse(block, { strict: true, uniqueKeys: true })).not.toThrow();
  });

  it('shows the workflow mlsd init writes, and it has the right shape', () => {
    const workflows = yamlBlocks.map((b) => parse(b)).filter((y: Json) => y && y.jobs);
    expect(workflows).toHaveLength(1);
    expect(workflows[0]).toEqual(parse(workflow(LOCAL_ACTION)));
    // The other form, for repositories without a package.json: this repository at this release.
    expect(CI_DOC).toContain(`uses: ${remoteAction(REPOSITORY_URL!, VERSION)}`);
    checkWorkflow(workflows[0]);
  });

  it('has a GitLab job that reports JUnit and fails on errors', () => {
    const gitlab = yamlBlocks.map((b) => parse(b)).find((y: Json) => y?.mlsd?.script) as Json;
    expect(gitlab).toBeDefined();
    const script = gitlab.mlsd.script as string[];
    const junitRun = script.find((l) => l.includes('--format junit'))!;
    expect(junitRun).toContain('--changed-since "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"');
    expect(gitlab.mlsd.artifacts.reports.junit).toBe(/--output (\S+)/.exec(junitRun)![1]);
    expect(gitlab.mlsd.artifacts.when).toBe('always');
    expect(script[0]).toMatch(/^npm ci\b/);
    expect(script.at(-1)).toMatch(/^npx --no-install mlsd lint --changed-since \S+$/);
  });

  it('pre-commit snippets use the hook id this repository ships', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Json[];
    const configs = yamlBlocks.map((b) => parse(b)).filter((y: Json) => Array.isArray(y?.repos)) as Json[];
    expect(configs).toHaveLength(2);
    for (const config of configs) expect(config.repos[0].hooks[0].id).toBe(hooks[0].id);
    expect(configs.find((c) => c.repos[0].repo !== 'local').repos[0].rev).toBe(`v${VERSION}`);
    const local = configs.find((c) => c.repos[0].repo === 'local').repos[0].hooks[0];
    expect(new RegExp(local.files).test('docs/design.md')).toBe(true);
    // The local hook runs mlsd as the remote one does: the files pre-commit passes are candidates.
    expect(local.entry).toBe(`npx --no-install ${hooks[0].entry}`);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares mlsd-lint as a node hook on Markdown files', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Json[];
    expect(hooks).toEqual([expect.objectContaining({ id: 'mlsd-lint', entry: 'mlsd lint --design-docs-only', language: 'node', files: '\\.(md|markdown)$' })]);
    const files = new RegExp(hooks[0].files);
    expect(['a.md', 'docs/b.markdown'].every((f) => files.test(f))).toBe(true);
    expect(['a.mdx', 'md.txt', 'README.md.bak'].some((f) => files.test(f))).toBe(false);
  });
});

describe('mlsd init', () => {
  it('writes the starter config and workflow, says how to add the pre-commit hook, and the workflow is valid', () => {
    const dir = tempDir();
    const run = runCli(['init'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote  .mlsdrc.yaml');
    expect(run.stdout).toContain('wrote  .github/workflows/mlsd.yml');
    expect(run.stdout).toContain('- id: mlsd-lint');
    expect(run.stdout).toContain(`repo: ${REPOSITORY_URL}`);
    const config = parse(readFileSync(join(dir, '.mlsdrc.yaml'), 'utf8'));
    expect(config).toEqual({ extends: 'mlsd:recommended', drafts: 'docs/design', paths: ['docs/design'] });
    // No package.json pinning mlsd: the action from the mlsd repository at this release.
    checkWorkflow(parse(readFileSync(join(dir, '.github/workflows/mlsd.yml'), 'utf8')), remoteAction(REPOSITORY_URL!, VERSION));
  });

  it('runs the pinned, installed copy when package.json lists mlsd', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ devDependencies: { mlsd: 'file:vendor/mlsd-0.1.0.tgz' } }));
    writeFileSync(join(dir, 'package-lock.json'), '{}\n');
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    checkWorkflow(parse(readFileSync(join(dir, '.github/workflows/mlsd.yml'), 'utf8')));
  });

  it('writes paths that match where mlsd new writes, so lint with no paths finds the new doc and not the README', () => {
    const dir = tempDir();
    runCli(['init'], { cwd: dir });
    writeFileSync(join(dir, 'README.md'), '# Our service\n');
    expect(runCli(['new', 'churn', '--yes'], { cwd: dir }).code).toBe(0);
    const run = runCli(['lint', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(run.stdout).files.map((f: Json) => f.file)).toEqual(['docs/design/churn.md']);
    // What a pre-commit hook does: name every changed Markdown file. README.md is skipped.
    const hook = runCli(['lint', 'README.md', 'docs/design/churn.md', '--format', 'json', '--verbose'], { cwd: dir });
    expect(JSON.parse(hook.stdout).files.map((f: Json) => f.file)).toEqual(['docs/design/churn.md']);
    expect(hook.stderr).toBe('mlsd: README.md skipped: outside the config\'s "paths"\n');
    const readmeOnly = runCli(['lint', 'README.md'], { cwd: dir });
    expect(readmeOnly.code).toBe(0);
  });

  it('never overwrites the workflow without --force, nor a config even with it', () => {
    const dir = tempDir();
    runCli(['init'], { cwd: dir });
    const config = join(dir, '.mlsdrc.yaml');
    const mine = 'extends: mlsd:recommended\n# my team settings\n';
    writeFileSync(config, mine);
    const workflowFile = join(dir, '.github/workflows/mlsd.yml');
    writeFileSync(workflowFile, 'name: mine\n');
    const again = runCli(['init'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('kept   .mlsdrc.yaml (the config mlsd uses here; --force does not replace a config)');
    expect(again.stdout).toContain('kept   .github/workflows/mlsd.yml (it exists; --force overwrites it)');
    const forced = runCli(['init', '--force'], { cwd: dir });
    expect(forced.stdout).toContain('kept   .mlsdrc.yaml (the config mlsd uses here; --force does not replace a config)');
    expect(forced.stdout).toContain('overwrote .github/workflows/mlsd.yml');
    expect(readFileSync(config, 'utf8')).toBe(mine);
    expect(readFileSync(workflowFile, 'utf8')).not.toBe('name: mine\n');
  });

  it('says the pre-commit hook is already set up instead of printing it again, from the remote or a local hook, run from a subfolder too', () => {
    const remote = `repos:\n  - repo: ${REPOSITORY_URL}\n    rev: v${VERSION}\n    hooks:\n      - id: mlsd-lint\n`;
    const local = 'repos:\n  - repo: local\n    hooks:\n      - id: mlsd-lint\n        name: mlsd lint\n        entry: npx --no-install mlsd lint --design-docs-only\n        language: system\n';
    for (const config of [remote, local]) {
      const dir = tempRepo({ '.pre-commit-config.yaml': config, 'docs/sub/.keep': '' });
      const run = runCli(['init'], { cwd: join(dir, 'docs/sub') });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('The pre-commit hook is already set up: ../../.pre-commit-config.yaml runs mlsd-lint.');
      expect(run.stdout).not.toContain('- id: mlsd-lint');
      expect(run.stdout).not.toContain('add to .pre-commit-config.yaml');
      expect(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8')).toBe(config);
    }
    // Another hook only, or a config that does not parse: the snippet, as before.
    for (const config of ['repos:\n  - repo: local\n    hooks:\n      - id: eslint\n', 'repos: [\n']) {
      const run = runCli(['init'], { cwd: tempRepo({ '.pre-commit-config.yaml': config }) });
      expect(run.stdout).toContain('add to .pre-commit-config.yaml:');
      expect(run.stdout).toContain('- id: mlsd-lint');
      expect(run.stdout).not.toContain('already set up');
    }
  });

  // Every name and place the config loader searches: a .mlsdrc.yaml written beside or below one would take its place.
  it.each([
    ['.mlsdrc.yml', 'extends: mlsd:recommended\n'],
    ['.mlsdrc.json', '{ "extends": "mlsd:recommended" }\n'],
    ['mlsd.config.yaml', 'extends: mlsd:recommended\n'],
    ['package.json', '{ "name": "app", "mlsd": { "extends": "mlsd:recommended" } }\n'],
    ['.mlsdrc.json', '{ "extends": \n'], // one that does not parse is still the team's
  ])('keeps an existing %s and writes no .mlsdrc.yaml over it, --force or not', (name, text) => {
    const dir = tempRepo({ [name]: text });
    for (const args of [['init'], ['init', '--force']]) {
      const run = runCli(args, { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`kept   ${name} (the config mlsd uses here; a .mlsdrc.yaml would take its place, so none was written)`);
      expect(existsSync(join(dir, '.mlsdrc.yaml'))).toBe(false);
      expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
      // The rest is set up as before.
      expect(run.stdout).toMatch(/^(wrote |overwrote) \.github\/workflows\/mlsd\.yml/m);
      expect(run.stdout).toContain('- id: mlsd-lint');
    }
  });

  it('keeps a config in a parent folder, which applies here', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mlsdrc.yml'), 'extends: mlsd:recommended\n');
    const sub = join(dir, 'project');
    mkdirSync(sub);
    const run = runCli(['init'], { cwd: sub });
    expect(run.stdout).toContain('kept   ../.mlsdrc.yml (the config mlsd uses here');
    expect(existsSync(join(sub, '.mlsdrc.yaml'))).toBe(false);
    // A git repository's CI sees only the repository: a config above it is not the repository's.
    writeFileSync(join(sub, '.mlsdrc.yml'), 'extends: mlsd:recommended\n');
    const repo = join(sub, 'repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q'], { cwd: repo });
    expect(runCli(['init'], { cwd: repo }).stdout).toContain('wrote  .mlsdrc.yaml  starter config');
  });

  it('installs the pinned copy the way the repository\'s lockfile asks', () => {
    const pinned = JSON.stringify({ devDependencies: { mlsd: '^0.1.0' } });
    for (const [lockfile, install] of [['package-lock.json', 'npm ci'], ['yarn.lock', 'corepack enable && yarn install --frozen-lockfile'], ['pnpm-lock.yaml', 'corepack enable && pnpm install --frozen-lockfile']]) {
      const repo = tempRepo({ 'package.json': pinned, [lockfile!]: '' });
      expect(runCli(['init'], { cwd: repo }).code).toBe(0);
      checkWorkflow(parse(readFileSync(join(repo, '.github/workflows/mlsd.yml'), 'utf8')), LOCAL_ACTION, install);
    }
  });

  it('writes its config when package.json has no mlsd key', () => {
    const dir = tempRepo({ 'package.json': '{ "name": "app" }\n' });
    expect(runCli(['init'], { cwd: dir }).stdout).toContain('wrote  .mlsdrc.yaml');
  });

  it('in a sub-folder of a git repository, writes at the repository root, where GitHub runs workflows', () => {
    const repo = tempRepo({ 'package.json': JSON.stringify({ devDependencies: { mlsd: 'file:vendor/mlsd-0.1.0.tgz' } }), 'docs/sub/.keep': '' });
    const sub = join(repo, 'docs/sub');
    const run = runCli(['init'], { cwd: sub });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('wrote  ../../.mlsdrc.yaml  starter config');
    expect(run.stdout).toContain('wrote  ../../.github/workflows/mlsd.yml  GitHub Actions workflow');
    expect(existsSync(join(sub, '.mlsdrc.yaml'))).toBe(false);
    expect(existsSync(join(sub, '.github'))).toBe(false);
    // The root's package.json pins mlsd: the workflow runs that copy, installed without a lockfile (npm ci needs one).
    checkWorkflow(parse(readFileSync(join(repo, '.github/workflows/mlsd.yml'), 'utf8')), LOCAL_ACTION, 'npm install');
    expect(runCli(['init'], { cwd: sub }).stdout).toContain('kept   ../../.mlsdrc.yaml (the config mlsd uses here; --force does not replace a config)');
  });

  it('outside a git repository, writes in the working directory', () => {
    const dir = join(tempDir(), 'project');
    mkdirSync(dir);
    expect(runCli(['init'], { cwd: dir }).stdout).toContain('wrote  .mlsdrc.yaml');
    expect(existsSync(join(dir, '.github/workflows/mlsd.yml'))).toBe(true);
  });

  it('checks every file can be written before writing any: a failure changes nothing, as it says', () => {
    const repo = tempRepo({ '.github': '' }); // a file where the workflows folder must go
    const run = runCli(['init'], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: cannot write .github/workflows/mlsd.yml: a parent of the path is a file (.github is not a directory); nothing was changed\n');
    expect(run.stdout).toBe('');
    expect(existsSync(join(repo, '.mlsdrc.yaml'))).toBe(false);

    const mine = 'extends: mlsd:recommended\n# my team settings\n';
    const folder = tempRepo({ '.mlsdrc.yaml': mine, '.github/workflows/mlsd.yml/notes.txt': '' }); // --force cannot replace a folder
    const forced = runCli(['init', '--force'], { cwd: folder });
    expect(forced.code).toBe(2);
    expect(forced.stderr).toBe('mlsd: cannot write .github/workflows/mlsd.yml: it is a directory; nothing was changed\n');
    expect(readFileSync(join(folder, '.mlsdrc.yaml'), 'utf8')).toBe(mine);
  });

  it('says each file as it writes it, and a write that fails later names what was written before it', () => {
    // A dangling symlink where the workflow goes passes the check, but the write will not replace it without --force.
    const repo = tempRepo({ '.github/workflows/.keep': '' });
    symlinkSync('../../shared/mlsd.yml', join(repo, '.github/workflows/mlsd.yml'));
    const run = runCli(['init'], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('wrote  .mlsdrc.yaml  starter config\n');
    expect(run.stderr).toBe('mlsd: .github/workflows/mlsd.yml already exists; use --force to overwrite it\nmlsd: init wrote .mlsdrc.yaml before that\n');
    expect(existsSync(join(repo, '.mlsdrc.yaml'))).toBe(true);
  });

  it('names files relative to the working directory when a write fails, like its other messages', () => {
    const repo = tempRepo({ 'docs/sub/.keep': '' });
    // No file may grow past 512 bytes: the starter config's write fails, as on a full disk.
    const run = runCliWithFileLimit(['init'], { cwd: join(repo, 'docs/sub'), maxFileBlocks: 1 });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: cannot write ../../.mlsdrc.yaml: file too large (a file size limit); nothing was changed\n');
    expect(existsSync(join(repo, '.mlsdrc.yaml'))).toBe(false);
  });
});
