import { describe, expect, it } from 'vitest';
import { closest } from '../src/suggest.js';

describe('did you mean', () => {
  it('suggests a close name, or the one a prefix begins, and nothing far off', () => {
    expect(closest('weak-sectoin', ['weak-section', 'required-section'])).toBe('weak-section');
    expect(closest('drift', ['drift-monitoring', 'drift-action', 'metrics'])).toBe('drift-action');
    expect(closest('drift', ['drift-monitoring', 'metrics'])).toBe('drift-monitoring');
    expect(closest('privacy', ['drift-monitoring', 'metrics'])).toBeUndefined();
  });
});
