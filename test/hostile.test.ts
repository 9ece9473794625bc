import { describe, expect, it } from 'vitest';
import { lintText } from './helpers.js';

/**
 * Hostile inputs, one case each, with the behaviour each must get: a finding, or exit 2 with one
 * line on stderr. Never a stack trace, never a hang. SECURITY.md lists these cases.
 */
const DOC = '---\ntitle: T\n---\n# Doc\n\n## Metrics\n\nWe track AUC offline and CTR online.\n\n## Latency budget\n\np99 latency 80 ms end to end.\n';

describe('hostile documents (lint core)', () => {
  it('YAML alias bomb in front matter: a front-matter-yaml finding, quickly', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const started = Date.now();
    const result = lintText(`---\n${bomb}\n---\n# Doc\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.diagnostics.map((d) => d.ruleId)).toContain('front-matter-yaml');
  });

  it('deeply nested YAML (10,000 levels of flow sequences): a finding or a result, never a throw', () => {
    const deep = `---\na: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n# Doc\n`;
    expect(() => lintText(deep)).not.toThrow();
  });

  it('10,000-deep nested lists: nesting-too-deep at once, not a stack overflow', () => {
    const result = lintText(`# Doc\n\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i * 2)}- a`).slice(0, 300).join('\n')}\n${'- '.repeat(10_000)}a\n`);
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['nesting-too-deep']);
    expect(result.diagnostics[0]!.line).toBe(103); // the list item 101 levels deep, after the two heading lines
  });

  it('10,000-deep nested blockquotes: nesting-too-deep', () => {
    const result = lintText(`# Doc\n\n${'>'.repeat(10_000)} a\n`);
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['nesting-too-deep']);
    expect(result.diagnostics[0]!.line).toBe(3);
  });

  it('a normal nested list and a long "- - -" rule are not flagged as too deep', () => {
    expect(lintText(`# Doc\n\n- a\n  - b\n    - c\n\n${'- '.repeat(200)}\n`).diagnostics.map((d) => d.ruleId)).not.toContain('nesting-too-deep');
  });

  it('__proto__ and constructor keys in front matter: read as plain keys, no prototype polluted', () => {
    const result = lintText('---\n__proto__: { polluted: yes }\nconstructor: { prototype: { polluted: yes } }\ntitle: x\n---\n# Doc\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.diagnostics.map((d) => d.ruleId)).not.toContain('front-matter-yaml');
  });

  it('CRLF and CR (old Mac) line endings: the same lines and columns as LF', () => {
    const lf = lintText(DOC);
    const crlf = lintText(DOC.replace(/\n/g, '\r\n'));
    const cr = lintText(DOC.replace(/\n/g, '\r'));
    const mixed = lintText(DOC.split('\n').map((l, i) => (i % 2 ? `${l}\r` : l)).join('\n'));
    const place = (r: typeof lf) => r.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.endLine, d.endColumn]);
    expect(place(crlf)).toEqual(place(lf));
    expect(place(cr)).toEqual(place(lf));
    expect(place(mixed)).toEqual(place(lf));
  });
});
