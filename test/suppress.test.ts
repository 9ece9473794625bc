import { describe, expect, it } from 'vitest';
import { fixture, lintText } from './helpers.js';

/** A complete design doc: every checklist item present (test/fixtures). */
const DOC = fixture('complete-search-ranking.md').replace('p99 end-to-end latency ≤ 120 ms.', 'Latency: TBD');

const latency = (text: string) => lintText(text).diagnostics.find((d) => d.itemId === 'latency-budget');

describe('inline suppressions', () => {
  it('reports the weak section when nothing suppresses it', () => {
    expect(latency(DOC)).toMatchObject({ ruleId: 'weak-section' });
    expect(latency(DOC)!.suppressed).toBeUndefined();
  });

  it('disable-next-line marks the finding on the next non-blank line, keeping it in the result', () => {
    const text = DOC.replace('## Latency budget', '<!-- mlsd-disable-next-line weak-section -- budget set by the platform team in Q3 -->\n\n## Latency budget');
    const d = latency(text);
    expect(d).toBeDefined();
    expect(d!.suppressed).toEqual({ kind: 'inSource', justification: 'budget set by the platform team in Q3' });
  });

  it('takes a dash standing alone for " -- ", as smart punctuation writes it, but not a hyphen inside a word', () => {
    for (const dash of ['—', '–']) {
      const text = DOC.replace('## Latency budget', `<!-- mlsd-disable-next-line weak-section ${dash} owned by the platform team -->\n## Latency budget`);
      expect(latency(text)!.suppressed?.justification).toBe('owned by the platform team');
      expect(lintText(text).diagnostics.filter((d) => d.ruleId.startsWith('suppression-'))).toEqual([]);
    }
    const glued = DOC.replace('## Latency budget', '<!-- mlsd-disable-next-line weak-section—owned by infra -->\n## Latency budget');
    expect(latency(glued)!.suppressed).toBeUndefined();
  });

  it('disable-next-line does not reach past the next line', () => {
    const text = DOC.replace('## Serving mode', '<!-- mlsd-disable-next-line weak-section -- wrong place -->\n## Serving mode');
    expect(latency(text)!.suppressed).toBeUndefined();
  });

  it('disable inside a section waives that item for the section only', () => {
    const text = DOC.replace('Latency: TBD', 'Latency: TBD\n\n<!-- mlsd-disable latency-budget -- measured after the load test -->');
    expect(latency(text)!.suppressed?.justification).toBe('measured after the load test');
    const elsewhere = DOC.replace('Online ranking behind', '<!-- mlsd-disable latency-budget -- misplaced -->\n\nOnline ranking behind');
    expect(latency(elsewhere)!.suppressed).toBeUndefined();
  });

  it('disable before the first heading waives for the whole file, by rule or by item id', () => {
    const byRule = DOC.replace('# Search ranking', '<!-- mlsd-disable weak-section -- early draft -->\n\n# Search ranking');
    expect(latency(byRule)!.suppressed?.justification).toBe('early draft');
    const other = DOC.replace('# Search ranking', '<!-- mlsd-disable metrics -- early draft -->\n\n# Search ranking');
    expect(latency(other)!.suppressed).toBeUndefined();
  });

  it('a directive without a reason suppresses nothing and is itself reported', () => {
    const text = DOC.replace('## Latency budget', '<!-- mlsd-disable-next-line weak-section -->\n## Latency budget');
    const { diagnostics } = lintText(text);
    expect(diagnostics.find((d) => d.itemId === 'latency-budget')!.suppressed).toBeUndefined();
    const line = text.split('\n').findIndex((l) => l.startsWith('<!-- mlsd')) + 1;
    expect(diagnostics.find((d) => d.ruleId === 'suppression-reason')).toMatchObject({ line, severity: 'warning' });
  });

  it('ignores ordinary comments and directives inside code blocks', () => {
    const text = DOC.replace('## Latency budget', '<!-- a note for editors -->\n```md\n<!-- mlsd-disable-next-line weak-section -- in a code sample -->\n```\n## Latency budget');
    const { diagnostics } = lintText(text);
    expect(diagnostics.find((d) => d.itemId === 'latency-budget')!.suppressed).toBeUndefined();
    expect(diagnostics.some((d) => d.ruleId === 'suppression-reason')).toBe(false);
  });
});

describe('fingerprints', () => {
  it('stay the same when unrelated lines are inserted above, while line numbers move', () => {
    const before = lintText(DOC).diagnostics;
    const edited = DOC.replace('## Metrics\n', '## Metrics\nA new sentence.\n\nAnd another paragraph about the goals.\n');
    const after = lintText(edited).diagnostics;
    expect(after.map((d) => d.fingerprint)).toEqual(before.map((d) => d.fingerprint));
    expect(after[0]!.line).toBe(before[0]!.line + 3);
    expect(before[0]!.fingerprint).toMatch(/^[0-9a-f]{16}:1$/);
  });

  it('change when the finding itself changes, and count identical findings apart', () => {
    const before = latency(DOC)!.fingerprint;
    expect(latency(DOC.replace('## Latency budget', '## Latency budget (serving)'))!.fingerprint).not.toBe(before);
    const twice = lintText('# A\n\n<!-- mlsd-disable-next-line x -->\n\n<!-- mlsd-disable-next-line x -->\n').diagnostics.filter((d) => d.ruleId === 'suppression-reason');
    expect(twice.map((d) => d.fingerprint!.split(':')[1])).toEqual(['1', '2']);
  });
});

describe('directive parsing never crashes', () => {
  const PIECES = ['<!--', '-->', ' mlsd-disable', ' mlsd-disable-next-line', ' weak-section', ' labels,metrics', ' -- ', 'why', '\n', '\n\n', '## Labels\n', '# T\n', '- ', '> ', '```\n', 'TBD'];
  // A small deterministic generator, so a failure reproduces.
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  it('on 300 random mixes of comment fragments, and every finding stays inside the document', () => {
    for (let i = 0; i < 300; i += 1) {
      const text = Array.from({ length: 1 + Math.floor(next() * 25) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
      const lines = text.split('\n').length;
      const { diagnostics } = lintText(text);
      for (const d of diagnostics) {
        expect(d.line, JSON.stringify(text)).toBeGreaterThanOrEqual(1);
        expect(d.line, JSON.stringify(text)).toBeLessThanOrEqual(lines);
        if (d.suppressed) expect(d.suppressed.justification.length).toBeGreaterThan(0);
      }
    }
  });
});
