import { describe, expect, it } from 'vitest';
import { compileTerms } from '../src/checklist/terms.js';

describe('compileTerms', () => {
  it('matches acronyms case-sensitively and words case-insensitively', () => {
    const m = compileTerms(['MAP', 'log[- ]?loss']);
    expect(m.find('we report MAP and Log loss').map((x) => x.text)).toEqual(['MAP', 'Log loss']);
    expect(m.test('draw a map')).toBe(false);
  });
  it('respects word boundaries', () => {
    const m = compileTerms(['AUC']);
    expect(m.test('PR-AUC of 0.8')).toBe(true);
    expect(m.test('AUCTION')).toBe(false);
  });
  it('prefers the longest term at one place', () => {
    const m = compileTerms(['real[- ]time', 'near[- ]real[- ]time']);
    expect(m.find('near-real-time scoring').map((x) => x.text)).toEqual(['near-real-time']);
  });
  it('rejects an invalid pattern when compiled', () => {
    expect(() => compileTerms(['(unclosed'])).toThrow();
  });
});
