import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, tempTree } from './helpers.js';

/** The lint workers a process has running (Linux: read from /proc). */
function workersOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('lint-process');
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** CPU seconds a process has used (user + system). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const until = async (done: () => boolean, ms: number) => {
  for (const start = Date.now(); !done() && Date.now() - start < ms; ) await new Promise((resolve) => setTimeout(resolve, 50));
  return done();
};

describe.skipIf(process.platform !== 'linux')('a signal to the main process alone', () => {
  it('stops its workers with it, even one inside a long file, and the run dies of the signal', async () => {
    // A team pattern that backtracks for minutes on this text keeps its worker busy far past the test.
    const cwd = tempTree({
      '.mlsdrc.yaml': `checklist:\n  metrics:\n    mentions: ["${'\\\\w*'.repeat(10)}ly"]\n`,
      'slow.md': '## Problem\n\nThe internationalizationofeverythingwhatsoever matters.\n',
    });
    const run = spawn(process.execPath, [BIN, 'lint', 'slow.md', '--timeout', '600000'], { cwd, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => run.on('exit', (_code, signal) => resolve(signal)));
    let workers: number[] = [];
    try {
      expect(await until(() => (workers = workersOf(run.pid!)).length > 0, 20_000)).toBe(true);
      // Start-up and compiling the checklist take well under a CPU second: past 3, a worker is in the file.
      expect(await until(() => workers.some((pid) => cpuSeconds(pid) > 3), 60_000)).toBe(true);
      run.kill('SIGINT');
      expect(await exited).toBe('SIGINT');
      expect(await until(() => !workers.some(alive), 5000)).toBe(true);
    } finally {
      for (const pid of workers) if (alive(pid)) process.kill(pid, 'SIGKILL');
      run.kill('SIGKILL');
    }
  });
});
