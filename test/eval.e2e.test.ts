import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
    return `  - file: ${file}\n    split: tune\n    round: 1\n    sha256: ${sha256}\n    labels:\n${labels}\n`;
  };
  const allPresent = Object.fromEntries(ITEMS.map((id) => [id, 'present']));
  // The reader calls the vague document's metrics present: lint (weak) disagrees there only.
  const vague = { ...Object.fromEntries(ITEMS.map((id) => [id, 'weak'])), metrics: 'present' };
  writeFileSync(join(folder, 'labels.yaml'), `documents:\n${entry('bold.md', allPresent)}${entry('vague.md', vague)}`);
  return folder;
}

// An empty cache unless a test gives one: never the user's.
const evaluate = (args: string[], env: NodeJS.ProcessEnv = { ...process.env, MLSD_VERDICTS_CACHE: tempDir('mlsd-eval-cache-') }) => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'eval.js'), ...args], { cwd: ROOT, encoding: 'utf8', input: '', env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

/** A mistake in the call or the corpus: exit 2 and one line that says `what`, no stack trace. */
function expectMistake(run: ReturnType<typeof evaluate>, what: string) {
  expect(run.code).toBe(2);
  expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(what)]);
}

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

  it('reads options before the folder as after it, and names a misspelt one', () => {
    const folder = corpus();
    const run = evaluate(['--split', 'tune', '--round', '1', folder]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(evaluate([folder]).stdout);
    expectMistake(evaluate([folder, '--splt', 'tune']), "eval: Unknown option '--splt' (see npm run eval -- --help)");
    expectMistake(evaluate([]), 'give the one holding labels.yaml');
    expectMistake(evaluate([folder, folder]), 'one folder only');
  });

  it('prints its help on stdout and exits 0', () => {
    const run = evaluate(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const flag of ['--split NAME', '--round N', '--quiet', '--save FILE', '--against FILE', 'MLSD_VERDICTS_CACHE', 'Examples:']) expect(run.stdout).toContain(flag);
  });

  it('says so in one line when the folder holds no labels.yaml, or one it cannot use', () => {
    const folder = tempDir();
    expectMistake(evaluate([folder]), `eval: no labels.yaml in ${folder}`);
    writeFileSync(join(folder, 'labels.yaml'), 'documents: [');
    expectMistake(evaluate([folder]), `${join(folder, 'labels.yaml')}: `);
    writeFileSync(join(folder, 'labels.yaml'), 'verdict_scale: present | weak | absent\n');
    expectMistake(evaluate([folder]), 'no list of documents');
    // A misspelt verdict or item would not fail, only be counted wrong.
    const misspelt = (from: string, to: string) => {
      const labels = join(corpus(), 'labels.yaml');
      writeFileSync(labels, readFileSync(labels, 'utf8').replace(from, to));
      return evaluate([dirname(labels)]);
    };
    expectMistake(misspelt('verdict: present', 'verdict: presnt'), 'bold.md metrics: verdict presnt is not present, weak, absent');
    expectMistake(misspelt('metrics:', 'metric:'), 'bold.md: no checklist item metric');
  });

  it('refuses a split or round with no documents, naming those there are', () => {
    const folder = corpus();
    expectMistake(evaluate([folder, '--split', 'bogus']), `no split 'bogus' in ${join(folder, 'labels.yaml')} (its splits: tune)`);
    expectMistake(evaluate([folder, '--round', '99']), 'no documents in round 99 (its rounds: 1)');
  });

  it('needs a file for --save and --against, and says in one line what is wrong with it', () => {
    const folder = corpus();
    expectMistake(evaluate([folder, '--save']), "'--save <value>' argument missing");
    expectMistake(evaluate([folder, '--save', '--quiet']), "forget to specify the option argument for '--save'");
    const notJson = join(folder, 'states.json');
    writeFileSync(notJson, '{"bold.md metrics": present}');
    expectMistake(evaluate([folder, '--against', notJson]), `eval: ${notJson}: `);
    expectMistake(evaluate([folder, '--against', join(folder, 'labels.yaml')]), 'labels.yaml: ');
    writeFileSync(notJson, '["present"]');
    expectMistake(evaluate([folder, '--against', notJson]), `${notJson} holds no states written by --save`);
    const run = evaluate([folder, '--quiet', '--save', join(folder, 'none', 'states.json')]);
    expectMistake(run, `cannot write ${join(folder, 'none', 'states.json')} (ENOENT)`);
    expect(run.stdout).toContain('overall'); // the report is not lost
  });
});
