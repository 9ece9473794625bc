import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

// Defects a new-user audit found, each pinned where the user sees it: the built CLI's output.

const lintStdin = (text: string, ...args: string[]) => runCli(['lint', '-', '--no-config', '--format', 'compact', ...args], { input: text });

describe('labels-delay', () => {
  it('quotes the late outcome it found, not "undefined"', () => {
    const run = lintStdin('---\ntitle: x\n---\n\n## Labels\n\nA label is positive when a chargeback arrives for the payment, as recorded by the bank.\n');
    const finding = run.stdout.split('\n').find((l) => l.includes('labels-delay'));
    expect(finding).toMatch(/arrive late \("chargeback"\) but no delay/);
  });
});
