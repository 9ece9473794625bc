import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

// `npm run eval` on a two-document corpus made from the style fixtures: one complete, one vague.
const ITEMS = ['metrics', 'labels', 'leakage-checks', 'latency-budget', 'serving-mode', 'drift-monitoring'];

function corpus() {
  const folder = tempDir('mlsd-eval-');
  mkdirSync(join(folder, 'docs'));
  const entry = (file: string, verdicts: Record<string, string>) => {
    copyFileSync(join(ROOT, 'test', 'fixtures', 'styles', file), join(folder, 'docs', file));
    const sha256 = createHash('sha256').update(readFileSync(join(folder, 'docs', file))).digest('hex');
    const labels = ITEMS.map((id) => `      ${id}: { verdict: ${verdicts[id]}, evidence: test }`).join('\n');
    return `  - file: ${file}\n    split: tune\n    sha256: ${sha256}\n    labels:\n${labels}\n`;
  };
  const allPresent = Object.fromEntries(ITEMS.map((id) => [id, 'present']));
  // The reader calls the vague document's metrics present: lint (weak) disagrees there only.
  const vague = { ...Object.fromEntries(ITEMS.map((id) => [id, 'weak'])), metrics: 'present' };
  writeFileSync(join(folder, 'labels.yaml'), `documents:\n${entry('bold.md', allPresent)}${entry('vague.md', vague)}`);
  return folder;
}

const evaluate = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'eval.js'), ...args], { cwd: ROOT, encoding: 'utf8', input: '', env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('npm run eval', () => {
  it('prints agreement, its interval over documents, and the disagreements of the tune split', () => {
    const folder = corpus();
    const run = evaluate([folder]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^overall\s+12\s+91\.7%\s+91\.7%\s+14\.3%\s+0\.0%$/m);
    expect(run.stdout).toMatch(/^95% interval, documents resampled: 3-state [\d.]+–100\.0%, present-vs-not [\d.]+–100\.0%$/m);
    expect(run.stdout).toContain('- vague.md  metrics: reader present, mlsd weak');
  });

  it('compares two builds item by item: --save, then --against', () => {
    const folder = corpus();
    const saved = join(folder, 'states.json');
    expect(evaluate([folder, '--save', saved]).code).toBe(0);
    const states = JSON.parse(readFileSync(saved, 'utf8')) as Record<string, string>;
    expect(states['bold.md metrics']).toBe('present');
    // Pretend the build before read bold.md's latency as weak: the current one fixed it.
    writeFileSync(saved, JSON.stringify({ ...states, 'bold.md latency-budget': 'weak' }));
    const run = evaluate([folder, '--quiet', '--against', saved]);
    expect(run.stdout).toContain('tune    latency-budget reader=present: weak → present  1 (bold.md)');
    expect(run.stdout).toContain('tune    net: +1 items agreeing with the reader');
  });

  it('names a few documents it cannot read and says where it looked, without listing them all', () => {
    const folder = corpus();
    const absent = [1, 2, 3, 4, 5].map((n) => `gone-${n}.md`).map((file) => `  - file: ${file}\n    split: tune\n    labels:\n      metrics: { verdict: weak, evidence: test }\n`);
    writeFileSync(join(folder, 'labels.yaml'), readFileSync(join(folder, 'labels.yaml'), 'utf8') + absent.join(''));
    const cache = tempDir('mlsd-eval-cache-');
    const run = evaluate([folder], { ...process.env, MLSD_VERDICTS_CACHE: cache });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`== tune split: 2 documents, 5 not found or changed (gone-1.md, gone-2.md, gone-3.md and 2 more; read from ${folder} and the cache ${cache}`);
    expect(run.stdout).not.toContain('gone-4.md');
  });

  it('says so when the file to compare against is missing', () => {
    const run = evaluate([corpus(), '--against', join(tempDir(), 'none.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file');
  });
});
