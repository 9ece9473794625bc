import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultChecklist } from '../src/checklist/load.js';
import { lint } from '../src/lint/index.js';
import { acceptDefaults, loadTemplates, resolveAnswers } from '../src/scaffold/index.js';
import { BIN, tempDir } from './helpers.js';

/** The interactive prompts, driven in a real terminal: tmux sends keys and reads the screen back. */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A server per test: a new session on a server still shutting down from the last test fails at random.
let sessions = 0;
const socket = () => `mlsd-test-${process.pid}-${sessions}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket(), ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'mlsd');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'mlsd', ...k);
const type = (text: string) => tmux('send-keys', '-t', 'mlsd', '-l', text);

/** Poll the screen until it shows `pattern`; bounded, so a hung prompt fails the test instead of hanging it. */
async function waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = screen();
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${pattern} on screen:\n${last}`);
}

function start(cwd: string, args: string) {
  sessions += 1;
  const command = `cd ${cwd} && MLSD_NOW=2025-01-15 NO_COLOR=1 ${process.execPath} ${BIN} ${args}; echo "EXIT=$?"; sleep 60`;
  tmux('new-session', '-d', '-s', 'mlsd', '-x', '160', '-y', '50', command);
}

afterEach(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket(), 'kill-server']);
});

describe('mlsd new in a real terminal', { timeout: 120_000 }, () => {
  it.skipIf(!hasTmux)('asks the remaining questions, validates answers, follows dependencies and writes the doc', async () => {
    const cwd = tempDir();
    // Answer most questions from a file so the terminal session drives the interesting ones.
    const feed = loadTemplates().get('feed-ranking')!;
    const { answers } = acceptDefaults(feed.questions, resolveAnswers({ questions: feed.questions }));
    for (const k of ['title', 'serving_mode', 'batch_schedule', 'latency_percentile', 'latency_budget', 'latency_breakdown']) delete answers[k];
    writeFileSync(join(cwd, 'answers.json'), JSON.stringify({ ...answers, owner: 'feed-ml' }));

    start(cwd, 'new my-feed-ranking --answers answers.json');
    await waitFor(/Problem type[\s\S]*❯ Feed ranking \(feed-ranking\)/); // inferred from the name, to confirm
    keys('Enter');
    await waitFor(/Title of the design doc \(My feed ranking\)/);
    type('Ranking the home feed');
    keys('Enter');
    await waitFor(/\? Serving mode[\s\S]*❯ online/);
    keys('Up'); // the choices are the checklist's serving modes, in its order: batch comes before online
    await waitFor(/❯ batch/);
    keys('Enter');
    // Asked only because the serving mode is batch.
    await waitFor(/Batch schedule/);
    type('Nightly at 02:00 into the feature store.');
    keys('Enter');
    await waitFor(/Latency budget \(a number with a unit, e\.g\. 150 ms\)/);
    expect(screen()).not.toContain('Latency percentile'); // not asked for batch
    type('fast');
    keys('Enter');
    await waitFor(/is not a latency: give a number with a unit/);
    keys('BSpace', 'BSpace', 'BSpace', 'BSpace');
    type('250ms');
    keys('Enter');
    await waitFor(/Latency breakdown across stages/);
    keys('Enter'); // accept the suggested breakdown
    await waitFor(/EXIT=0/);

    const text = readFileSync(join(cwd, 'docs/design/my-feed-ranking.md'), 'utf8');
    expect(text).toContain('title: Ranking the home feed');
    expect(text).toContain('serving_mode: batch');
    expect(text).toContain('latency_budget: 250 ms');
    expect(text).toContain('**Batch schedule.** Nightly at 02:00 into the feature store.');
    expect(text).toContain('**Target:** end-to-end latency ≤ 250 ms per scoring request.');
    expect(lint(text, defaultChecklist()).diagnostics).toEqual([]);
  });

  it.skipIf(!hasTmux)('keeps prompts out of stdout, so a --dry-run can be redirected', async () => {
    const cwd = tempDir();
    const generic = loadTemplates().get('generic')!;
    const { answers } = acceptDefaults(generic.questions, resolveAnswers({ questions: generic.questions }));
    writeFileSync(join(cwd, 'answers.json'), JSON.stringify({ ...answers, owner: 'me' }));
    start(cwd, 'new churn --type generic --answers answers.json --dry-run > out.md');
    await waitFor(/Title of the design doc \(Churn\)/);
    keys('Enter');
    await waitFor(/EXIT=0/);
    const out = readFileSync(join(cwd, 'out.md'), 'utf8');
    expect(out).toMatch(/^---\ntitle: Churn\n/);
    expect(out).not.toContain('Title of the design doc');
    expect(existsSync(join(cwd, 'docs'))).toBe(false);
  });

  it.skipIf(!hasTmux)('exits 130 on Ctrl-C and writes nothing', async () => {
    const cwd = tempDir();
    start(cwd, 'new my-feed-ranking');
    await waitFor(/Problem type/);
    keys('Enter');
    await waitFor(/Title of the design doc/);
    keys('C-c');
    await waitFor(/EXIT=130/);
    expect(screen()).toContain('interrupted; nothing was written');
    expect(existsSync(join(cwd, 'docs'))).toBe(false);
  });
});
