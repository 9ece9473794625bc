import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, example, runCli, tempTree } from './helpers.js';

// The guard worker a team's patterns send files to (src/run/team-patterns.ts) starts as soon as the
// config file read shows them, so that its start-up overlaps validating the config and compiling the
// checklist (bench/README.md, "The guard worker, started early"). A config the first file extends,
// a JavaScript module, is read after that file is validated and before the checklist is compiled:
// it reports how many lint workers this process has running then.
const PROBE = `import { readdirSync, readFileSync } from 'node:fs';
const workers = readdirSync('/proc').filter((pid) => {
  try {
    const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid === process.pid && readFileSync('/proc/' + pid + '/cmdline', 'utf8').includes('lint-process');
  } catch {
    return false;
  }
});
process.stderr.write('probe: ' + workers.length + ' lint worker(s) running\\n');
export default {};
`;

const PATTERNS = 'checklist:\n  metrics:\n    mentions: ["north star metric"]\n';

describe.skipIf(process.platform !== 'linux')('the guard worker of a config with team patterns', () => {
  it('is running while the config is still being read, before the checklist is compiled, and lints the file', () => {
    const cwd = tempTree({ '.mlsdrc.yaml': `extends: ./probe.mjs\n${PATTERNS}`, 'probe.mjs': PROBE, 'docs/design/feed.md': example('feed-ranking.md') });
    const run = runCli(['lint', 'docs/design/feed.md', '--format', 'json'], { cwd });
    expect(run.stderr).toBe('probe: 1 lint worker(s) running\n');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(['docs/design/feed.md']);
  });

  it('is not started for a config without patterns', () => {
    const cwd = tempTree({ '.mlsdrc.yaml': 'extends: ./probe.mjs\nchecklist:\n  metrics:\n    aliases: ["North star"]\n', 'probe.mjs': PROBE, 'docs/design/feed.md': example('feed-ranking.md') });
    const run = runCli(['lint', 'docs/design/feed.md'], { cwd });
    expect(run.stderr).toBe('probe: 0 lint worker(s) running\n');
    expect(run.code).toBe(0);
  });

  it('becomes the first of the workers of a run that has several, with the same report as one process', () => {
    const docs = Object.fromEntries(['feed-ranking.md', 'fraud-detection.md', 'churn-prediction-draft.md', 'rag-support-assistant.md'].map((name) => [`docs/design/${name}`, example(name)]));
    const cwd = tempTree({ '.mlsdrc.yaml': PATTERNS, ...docs });
    const workers = runCli(['lint', 'docs/design', '--threads', '2', '--format', 'json'], { cwd });
    const oneProcess = runCli(['lint', 'docs/design', '--threads', '1', '--format', 'json'], { cwd });
    expect(workers.stderr).toBe('');
    expect(workers.code).toBe(1); // the draft fails
    expect(workers.stdout).toBe(oneProcess.stdout);
  });

  it('is stopped when the config turns out invalid: exit 2, one line', () => {
    const cwd = tempTree({ '.mlsdrc.yaml': 'checklist:\n  metrics:\n    mentions: ["north (star"]\n', 'doc.md': example('feed-ranking.md') });
    const run = runCli(['lint', 'doc.md'], { cwd, timeoutMs: 20_000 });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/mentions has an invalid pattern/);
  });

  it('also lints the file --fix changed: one worker for the run, not a second for the fix', async () => {
    const cwd = tempTree({ '.mlsdrc.yaml': PATTERNS, 'doc.md': '# Doc\n\n## Metrics\n\nWe track PR-AUC offline and CTR online.\n' });
    const child = spawn(process.execPath, [BIN, 'lint', 'doc.md', '--fix', '--format', 'json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The lint workers this run starts, seen by polling its children while it runs.
    const seen = new Set<string>();
    const poll = setInterval(() => {
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          if (ppid === child.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('lint-process')) seen.add(pid);
        } catch {
          // gone between listing and reading
        }
      }
    }, 2);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(poll);
    expect(stderr).toMatch(/mlsd: fixed doc\.md: inserted "Labels"/);
    expect(code).toBe(1); // the inserted skeletons are still to be filled in
    expect(seen.size).toBe(1);
  });
});
