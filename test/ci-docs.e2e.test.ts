import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WORKFLOW } from '../src/cli/init-files.js';
import { ROOT, runCli, tempDir } from './helpers.js';

type Json = any;

const CI_DOC = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
const yamlBlocks = [...CI_DOC.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

/** The checks a GitHub workflow must pass to lint changed docs, upload SARIF and annotate. */
function checkWorkflow(workflow: Json) {
  expect(Object.keys(workflow.on)).toContain('pull_request');
  expect(workflow.permissions['security-events']).toBe('write');
  const jobs = Object.values(workflow.jobs) as Json[];
  expect(jobs).toHaveLength(1);
  const steps = jobs[0].steps as Json[];
  const uses = (name: string) => steps.find((s) => typeof s.uses === 'string' && s.uses.startsWith(name));
  expect(uses('actions/checkout@')?.with['fetch-depth']).toBe(0);
  expect(uses('actions/setup-node@')?.with['node-version']).toBeGreaterThanOrEqual(20);
  const runs = steps.filter((s) => typeof s.run === 'string').map((s) => s.run as string);
  const sarifRun = runs.find((r) => r.includes('--format sarif'))!;
  expect(sarifRun).toMatch(/^npx (--yes )?mlsd lint --changed-since origin\/\$\{\{ github\.base_ref \}\} /);
  const output = /--output (\S+)/.exec(sarifRun)?.[1];
  expect(uses('github/codeql-action/upload-sarif@')?.with.sarif_file).toBe(output);
  expect(runs.some((r) => r.includes('--changed-since') && r.includes('--format github'))).toBe(true);
  // The SARIF step must not stop the upload; the last step decides pass or fail.
  expect(steps.indexOf(uses('github/codeql-action/upload-sarif@'))).toBeLessThan(steps.length - 1);
  expect(steps.find((s) => s.run === sarifRun)['continue-on-error']).toBe(true);
}

describe('docs/ci.md snippets', () => {
  it('has the GitHub, GitLab and two pre-commit blocks, each valid YAML', () => {
    expect(yamlBlocks).toHaveLength(4);
    for (const block of yamlBlocks) expect(() => parse(block, { strict: true, uniqueKeys: true })).not.toThrow();
  });

  it('shows the workflow mlsd init writes, and it has the right shape', () => {
    const workflows = yamlBlocks.map((b) => parse(b)).filter((y: Json) => y && y.jobs);
    expect(workflows).toHaveLength(1);
    expect(workflows[0]).toEqual(parse(WORKFLOW));
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
    expect(script.at(-1)).toMatch(/^npx --yes mlsd lint --changed-since \S+$/);
  });

  it('pre-commit snippets use the hook id this repository ships', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Json[];
    const configs = yamlBlocks.map((b) => parse(b)).filter((y: Json) => Array.isArray(y?.repos)) as Json[];
    expect(configs).toHaveLength(2);
    for (const config of configs) expect(config.repos[0].hooks[0].id).toBe(hooks[0].id);
    const local = configs.find((c) => c.repos[0].repo === 'local').repos[0].hooks[0];
    expect(new RegExp(local.files).test('docs/design.md')).toBe(true);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares mlsd-lint as a node hook on Markdown files', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Json[];
    expect(hooks).toEqual([expect.objectContaining({ id: 'mlsd-lint', entry: 'mlsd lint', language: 'node', files: '\\.(md|markdown)$' })]);
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
    const config = parse(readFileSync(join(dir, '.mlsdrc.yaml'), 'utf8'));
    expect(config).toEqual({ extends: 'mlsd:recommended', drafts: 'docs/design' });
    checkWorkflow(parse(readFileSync(join(dir, '.github/workflows/mlsd.yml'), 'utf8')));
  });

  it('never overwrites an existing file without --force', () => {
    const dir = tempDir();
    runCli(['init'], { cwd: dir });
    const config = join(dir, '.mlsdrc.yaml');
    const mine = 'extends: mlsd:recommended\n# my team settings\n';
    writeFileSync(config, mine);
    const again = runCli(['init'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('kept   .mlsdrc.yaml');
    expect(readFileSync(config, 'utf8')).toBe(mine);
    const forced = runCli(['init', '--force'], { cwd: dir });
    expect(forced.stdout).toContain('overwrote .mlsdrc.yaml');
    expect(readFileSync(config, 'utf8')).not.toBe(mine);
    expect(existsSync(join(dir, '.github/workflows/mlsd.yml'))).toBe(true);
  });
});


