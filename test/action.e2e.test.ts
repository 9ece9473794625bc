import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { example, ROOT, tempDir, writeTree } from './helpers.js';

type Json = any;

const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Json;

/**
 * Just enough of GitHub's expression language for action.yml: context paths, string literals,
 * == and !=. Anything else throws, so a new expression in action.yml needs a look here.
 */
function evaluate(expression: string, context: Json): string {
  const operand = (text: string): string => {
    const t = text.trim();
    const literal = /^'(.*)'$/.exec(t);
    if (literal) return literal[1]!;
    if (!/^[a-z_][\w.-]*$/i.test(t)) throw new Error(`expression not supported by this test: ${t}`);
    const value = t.split('.').reduce<Json>((v, key) => (v === undefined ? undefined : v[key]), context);
    return value === undefined ? '' : String(value);
  };
  const comparison = /^(.*?)(==|!=)(.*)$/.exec(expression);
  if (!comparison) return operand(expression);
  const equal = operand(comparison[1]!) === operand(comparison[3]!);
  return String(comparison[2] === '==' ? equal : !equal);
}
const expand = (text: string, context: Json) => text.replace(/\$\{\{(.*?)\}\}/g, (_m, e: string) => evaluate(e, context));

interface StepRun {
  name: string;
  code?: number;
  stdout?: string;
  stderr?: string;
  with?: Record<string, string>;
}

/**
 * Run the action's steps as the runner does: inputs with their defaults, GitHub's environment
 * variables, each bash step from a file with `bash --noprofile --norc -eo pipefail`, step outputs
 * from GITHUB_OUTPUT, `if:` and `continue-on-error`; after a step fails (and does not continue on
 * error), the steps after it are skipped. A `uses:` step is recorded, not run: it succeeds, or fails
 * when `usesFail` says so (an upload refused for want of permission).
 */
function runAction(workspace: string, given: Record<string, string>, env: Record<string, string> = {}, { usesFail = false } = {}): { steps: StepRun[]; passed: boolean; summary: string; temp: string } {
  const temp = tempDir('mlsd-runner-');
  const summary = join(temp, 'step-summary.md');
  writeFileSync(summary, '');
  const inputs = Object.fromEntries(Object.entries(ACTION.inputs as Record<string, Json>).map(([k, v]) => [k, given[k] ?? String(v.default ?? '')]));
  const context: Json = { inputs, runner: { temp }, github: { action_path: ROOT, workspace }, steps: {} };
  const steps: StepRun[] = [];
  let passed = true;
  ACTION.runs.steps.forEach((step: Json, i: number) => {
    if (!passed) return; // no step of action.yml asks for always() or failure()
    if (step.if !== undefined && evaluate(step.if, context) !== 'true') return;
    if (step.uses) {
      steps.push({ name: step.name, code: usesFail ? 1 : 0, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), context)])) });
      if (usesFail && !step['continue-on-error']) passed = false;
      return;
    }
    const output = join(temp, `output-${i}`);
    writeFileSync(output, '');
    const script = join(temp, `step-${i}.sh`);
    writeFileSync(script, step.run);
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), context)]));
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: join(workspace, expand(step['working-directory'] ?? '.', context)),
      encoding: 'utf8',
      env: {
        ...process.env,
        NO_COLOR: '',
        FORCE_COLOR: undefined,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        GITHUB_EVENT_NAME: 'pull_request',
        RUNNER_TEMP: temp,
        ...env,
        ...stepEnv,
      },
      timeout: 120_000,
    });
    steps.push({ name: step.name, code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr });
    if (step.id) {
      const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      context.steps[step.id] = { outputs };
    }
    if (run.status !== 0 && !step['continue-on-error']) passed = false;
  });
  return { steps, passed, summary: readFileSync(summary, 'utf8'), temp };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=mlsd test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });

/** A team repository after `mlsd init`: a passing design doc on main, then a pull request branch. */
function teamRepo(change: Record<string, string>): string {
  const dir = tempDir();
  const write = (files: Record<string, string>) => writeTree(dir, files);
  write({ '.mlsdrc.yaml': 'extends: mlsd:recommended\npaths:\n  - docs/design\n', 'README.md': '# Service\n', 'docs/design/feed-ranking.md': example('feed-ranking.md') });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  write(change);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'pull request');
  return dir;
}

describe('the action, run as the runner would', () => {
  it('annotates a weak design doc, writes the scorecard, hands SARIF to the upload step, and fails the job', () => {
    const dir = teamRepo({ 'docs/design/churn.md': example('churn-prediction-draft.md'), 'README.md': '# Service\n\nEdited.\n' });
    const { steps, passed, summary } = runAction(dir, { 'changed-since': 'main', sarif: 'true' }, { GITHUB_BASE_REF: 'main' });
    expect(steps.map((s) => s.name)).toEqual(['Set up mlsd', 'Lint design docs (SARIF)', 'Upload SARIF to code scanning', 'Lint design docs']);
    expect(steps[0]!.code).toBe(0);
    expect(steps[1]!.code).toBe(1); // findings; continue-on-error lets the upload run
    const upload = steps[2]!.with!;
    expect(upload.category).toBe('mlsd');
    const sarif = JSON.parse(readFileSync(upload.sarif_file!, 'utf8')) as Json;
    const uris = new Set(sarif.runs[0].results.map((r: Json) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['docs/design/churn.md']);
    const last = steps[3]!;
    expect(last.code).toBe(1);
    expect(last.stdout).toMatch(/^::error file=docs\/design\/churn\.md,line=\d+/m);
    expect(last.stdout).not.toContain('README.md');
    expect(summary).toContain('churn.md');
    expect(summary).not.toContain('feed-ranking.md');
    expect(passed).toBe(false);
  });

  it('still annotates, writes the scorecard and decides the job when the SARIF upload is refused (a fork\'s read-only token)', () => {
    const dir = teamRepo({ 'docs/design/churn.md': example('churn-prediction-draft.md') });
    const { steps, passed, summary } = runAction(dir, { 'changed-since': 'main', sarif: 'true' }, { GITHUB_BASE_REF: 'main' }, { usesFail: true });
    expect(steps.map((s) => [s.name, s.code])).toEqual([['Set up mlsd', 0], ['Lint design docs (SARIF)', 1], ['Upload SARIF to code scanning', 1], ['Lint design docs', 1]]);
    expect(steps[3]!.stdout).toMatch(/^::error file=docs\/design\/churn\.md,line=\d+/m);
    expect(summary).toContain('churn.md');
    expect(passed).toBe(false); // for the findings
    const clean = runAction(teamRepo({ 'README.md': '# Service\n\nEdited.\n' }), { 'changed-since': 'main', sarif: 'true' }, { GITHUB_BASE_REF: 'main' }, { usesFail: true });
    expect(clean.steps.at(-1)).toMatchObject({ name: 'Lint design docs', code: 0 });
    expect(clean.passed).toBe(true);
  });

  it('passes a pull request that only edits the README, and skips SARIF unless asked', () => {
    const dir = teamRepo({ 'README.md': '# Service\n\nEdited.\n' });
    const { steps, passed } = runAction(dir, { 'changed-since': 'main' });
    expect(steps.map((s) => s.name)).toEqual(['Set up mlsd', 'Lint design docs']);
    expect(steps[1]!.code).toBe(0);
    expect(steps[1]!.stdout).not.toContain('::error');
    expect(passed).toBe(true);
  });

  it('takes paths (globs unexpanded by the shell), a config and another format', () => {
    const dir = teamRepo({ 'notes/a b.md': example('churn-prediction-draft.md') });
    writeFileSync(join(dir, 'other.yaml'), 'rules:\n  weak-section: warning\n  required-section: warning\n  placeholder: off\n');
    const { steps } = runAction(dir, { paths: 'notes/*.md\ndocs/design', config: 'other.yaml', format: 'compact' });
    const last = steps.at(-1)!;
    expect(last.code, last.stderr).toBe(0); // only warnings under that config
    expect(last.stdout).toMatch(/^notes\/a b\.md:\d+:\d+: warning /m);
    expect(last.stdout).not.toContain('feed-ranking');
  });

  it('takes one path per line, spaces inside a path kept, as a YAML block scalar gives them', () => {
    const dir = teamRepo({ 'design docs/churn.md': example('churn-prediction-draft.md'), 'notes/x.md': example('churn-prediction-draft.md') });
    const { steps } = runAction(dir, { paths: '  design docs\n', format: 'compact' });
    const last = steps.at(-1)!;
    expect(last.stderr).toBe('');
    expect(last.stdout).toMatch(/^design docs\/churn\.md:\d+:\d+: error /m);
    expect(last.stdout).not.toContain('notes/x.md');
    // On one line, spaces still separate paths.
    expect(runAction(dir, { paths: 'notes/x.md design', format: 'compact' }).steps.at(-1)!.stderr).toContain('no such file or directory: design');
  });

  it('fails on warnings past max-warnings, as mlsd lint --max-warnings does', () => {
    const dir = teamRepo({ 'docs/design/churn.md': example('churn-prediction-draft.md') });
    writeFileSync(join(dir, 'other.yaml'), 'rules:\n  weak-section: warning\n  required-section: warning\n  placeholder: off\n');
    const { steps, passed } = runAction(dir, { 'changed-since': 'main', config: 'other.yaml', 'max-warnings': '0' });
    const last = steps.at(-1)!;
    expect(last.stdout).toMatch(/^::warning file=docs\/design\/churn\.md/m);
    // Said as an error annotation, or the pull request would show only warnings on a failed check.
    expect(last.stdout).toMatch(/^::error title=mlsd::\d+ warnings? found, more than --max-warnings 0 allows$/m);
    expect(last.code).toBe(1);
    expect(passed).toBe(false);
    expect(runAction(dir, { 'changed-since': 'main', config: 'other.yaml', 'max-warnings': '100' }).passed).toBe(true);
  });
});
