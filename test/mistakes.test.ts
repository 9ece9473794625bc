import { describe, expect, it } from 'vitest';
import { closest, meant, nearest } from '../src/suggest.js';

describe('did you mean', () => {
  it('suggests a close name, or the one a prefix begins, and nothing far off', () => {
    expect(closest('weak-sectoin', ['weak-section', 'required-section'])).toBe('weak-section');
    expect(closest('drift', ['drift-monitoring', 'drift-action', 'metrics'])).toBe('drift-action');
    expect(closest('drift', ['drift-monitoring', 'metrics'])).toBe('drift-monitoring');
    expect(closest('privacy', ['drift-monitoring', 'metrics'])).toBeUndefined();
  });

  it('names every name equally close, and says so in one hint', () => {
    expect(nearest('serch', ['search', 'feed', 'starch', 'perch'])).toEqual(['search', 'perch']);
    expect(meant([])).toBe('');
    expect(meant('a')).toBe(' (did you mean "a"?)');
    expect(meant(['a', 'b', 'c'])).toBe(' (did you mean "a", "b" or "c"?)');
  });
});
