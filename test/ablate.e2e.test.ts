import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

// `npm run ablate` on labels sections whose only label source is one word: the reader calls the
// tune one present and the dev one weak, so that word helps tune and hurts dev; a third, sealed,
// must never be read.
function corpus() {
  const folder = tempDir('mlsd-ablate-');
  mkdirSync(join(folder, 'docs'));
  const docs = [
    { file: 'refunds.md', split: 'tune', verdict: 'present', text: '# Refund risk\n\n## Labels\n\nEach order is scored once, and we learn from chargebacks.\n' },
    { file: 'payouts.md', split: 'dev', verdict: 'weak', text: '# Payout risk\n\n## Labels\n\nWe learn from chargebacks.\n' },
    { file: 'sealed.md', split: 'sealed', verdict: 'absent', text: '# Never read\n\n## Labels\n\nWe learn from chargebacks.\n' },
  ];
  const entries = docs.map(({ file, split, verdict, text }) => {
    writeFileSync(join(folder, 'docs', file), text);
    const sha256 = createHash('sha256').update(text).digest('hex');
    return `  - file: ${file}\n    split: ${split}\n    sha256: ${sha256}\n    labels:\n      labels: { verdict: ${verdict}, evidence: test }\n`;
  });
  writeFileSync(join(folder, 'labels.yaml'), `documents:\n${entries.join('')}`);
  return folder;
}

const ablate = (args: string[]) => {
  const env = { ...process.env, MLSD_VERDICTS_CACHE: tempDir('mlsd-ablate-cache-') };
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ablate.js'), ...args], { cwd: ROOT, encoding: 'utf8', input: '', env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('npm run ablate', () => {
  it('lists the terms whose removal moves a verdict, per split, and counts the rest', () => {
    const run = ablate([corpus(), 'labels']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    // The sealed document is neither linted nor counted.
    expect(run.stdout).toMatch(/^labels: \d+ terms; tune 1 docs \(1 agree\), dev 1 docs \(0 agree\)$/m);
    expect(run.stdout).toMatch(/^ +tune +dev {2}list and term$/m);
    expect(run.stdout).toMatch(/^ +-1 +\+1 {2}facts\.sources\.terms\[\d+\] {2}chargebacks\?$/m);
    const [, unmoved, total] = /^(\d+) of (\d+) terms moved no verdict/m.exec(run.stdout) ?? [];
    expect(Number(total) - Number(unmoved)).toBe(1);
  });

  it('reads one split when asked, and never the sealed one', () => {
    const folder = corpus();
    expect(ablate([folder, 'labels', '--split', 'dev']).stdout).toMatch(/^ +\+1 {2}facts\.sources\.terms\[\d+\] {2}chargebacks\?$/m);
    const sealed = ablate([folder, 'labels', '--split', 'sealed']);
    expect(sealed.code).toBe(2);
    expect(sealed.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('sealed documents are only measured, by npm run eval')]);
  });

  it('says in one line what is wrong with the call', () => {
    const unknown = ablate([corpus(), 'label']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^ablate: no checklist item label \(items: metrics, labels, .*\)/);
    expect(ablate([corpus()]).stderr).toContain('give the folder holding labels.yaml and one checklist item');
    const empty = tempDir('mlsd-ablate-');
    expect(ablate([empty, 'labels']).stderr).toContain(`no labels.yaml in ${empty}`);
  });

  it('prints its help on stdout and exits 0', () => {
    const run = ablate(['--help']);
    expect(run.code).toBe(0);
    for (const part of ['Usage: npm run ablate -- <folder> <item>', '--split NAME', 'Sealed documents are never read']) expect(run.stdout).toContain(part);
  });
});
