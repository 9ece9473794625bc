import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=mlsd test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' }).trim();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A repository whose design doc changed after the commit the labels record; returns that commit. */
function repository(at: string, text: string) {
  mkdirSync(join(at, 'docs'), { recursive: true });
  git(at, 'init', '-q');
  writeFileSync(join(at, 'docs', 'design.md'), text);
  git(at, 'add', '.');
  git(at, 'commit', '-q', '-m', 'design');
  const commit = git(at, 'rev-parse', 'HEAD');
  writeFileSync(join(at, 'docs', 'design.md'), `${text}\nEdited later.\n`);
  git(at, 'commit', '-q', '-am', 'edit');
  return commit;
}

/**
 * A corpus of four uncommitted documents: one in a clone laid out as owner/name, one in a bare
 * repository inside an owner+name folder, one whose labelled bytes differ from its commit's, and
 * one whose repository is not there.
 */
function corpus() {
  const root = tempDir('mlsd-fill-cache-');
  const clones = join(root, 'clones');
  const ranking = '# Feed ranking\n\n## Labels\n\nA click within 30 s is a positive.\n';
  const fraud = '# Card fraud\n\n## Labels\n\nChargebacks, 45 days after the payment.\n';
  const rankingCommit = repository(join(clones, 'acme', 'ranking'), ranking);
  const fraudWork = join(root, 'work', 'fraud');
  const fraudCommit = repository(fraudWork, fraud);
  mkdirSync(join(clones, 'beta+fraud'), { recursive: true });
  git(root, 'clone', '-q', '--bare', fraudWork, join(clones, 'beta+fraud', 'repo'));
  const entry = (file: string, split: string, repo: string, commit: string, text: string) =>
    `  - file: ${file}\n    split: ${split}\n    repository: ${repo}\n    path: docs/design.md\n    commit: ${commit}\n    sha256: ${sha256(text)}\n    committed: false\n    labels:\n      labels: { verdict: present, evidence: test }\n`;
  const folder = join(root, 'corpus');
  mkdirSync(folder);
  writeFileSync(
    join(folder, 'labels.yaml'),
    'documents:\n' +
      entry('acme-ranking.md', 'tune', 'acme/ranking', rankingCommit, ranking) +
      entry('beta-fraud.md', 'sealed', 'beta/fraud', fraudCommit, fraud) +
      entry('beta-fraud-edited.md', 'sealed', 'beta/fraud', fraudCommit, `${fraud}\nEdited later.\n`) +
      entry('gamma-churn.md', 'dev', 'gamma/churn', rankingCommit, 'not here'),
  );
  return { folder, clones, cache: join(root, 'cache'), ranking, fraud, fraudCommit };
}

const fillCache = (args: string[], cache: string) => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'fill-cache.js'), ...args], { cwd: ROOT, encoding: 'utf8', input: '', env: { ...process.env, MLSD_VERDICTS_CACHE: cache } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('npm run fill-cache', () => {
  it('writes each document it finds at its recorded commit, if its bytes are the ones labelled, and says why the rest could not be had', () => {
    const { folder, clones, cache, ranking, fraud, fraudCommit } = corpus();
    const run = fillCache([folder, '--from', clones], cache);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      `2 written to ${cache}`,
      'tune 1 of 1, sealed 1 of 2, dev 0 of 1 documents readable',
      `1 repository is not under ${clones} (npm run fill-cache -- ${folder} --from ${clones} --missing lists them)`,
      `  beta-fraud-edited.md: its bytes at ${fraudCommit.slice(0, 12)} are not the ones labelled (SHA-256 differs)`,
    ]);
    // The text as it was at the commit, not as the repository holds it now.
    expect(readFileSync(join(cache, 'acme-ranking.md'), 'utf8')).toBe(ranking);
    expect(readFileSync(join(cache, 'beta-fraud.md'), 'utf8')).toBe(fraud);
    expect(readdirSync(cache).sort()).toEqual(['acme-ranking.md', 'beta-fraud.md']);

    // What is readable already is left alone.
    expect(fillCache([folder, '--from', clones], cache).stdout).toMatch(/^0 written to /);
  });

  it('lists the repositories still needed, one per line, and writes nothing', () => {
    const { folder, clones, cache } = corpus();
    expect(fillCache([folder, '--missing'], cache).stdout).toBe('acme/ranking\nbeta/fraud\ngamma/churn\n');
    const run = fillCache([folder, '--missing', '--from', clones], cache);
    expect(run.stdout).toBe('gamma/churn\n');
    expect(existsSync(cache)).toBe(false);
  });

  it('says in one line what is wrong with the call', () => {
    const { folder, cache } = corpus();
    const noFrom = fillCache([folder], cache);
    expect(noFrom.code).toBe(2);
    expect(noFrom.stderr).toBe('fill-cache: where are the repositories? give --from DIR (see npm run fill-cache -- --help)\n');
    expect(fillCache([folder, '--from', join(folder, 'nowhere')], cache).stderr).toBe(`fill-cache: no such folder: ${join(folder, 'nowhere')}\n`);
    expect(fillCache([join(folder, 'nowhere'), '--missing'], cache).stderr).toContain(`no labels.yaml in ${join(folder, 'nowhere')}`);
  });

  it('prints its help on stdout and exits 0', () => {
    const run = fillCache(['--help'], tempDir());
    expect(run.code).toBe(0);
    for (const part of ['Usage: npm run fill-cache -- <folder> --from <dir>', '--missing', 'SHA-256']) expect(run.stdout).toContain(part);
  });
});
