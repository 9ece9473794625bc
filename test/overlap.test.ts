import { describe, expect, it } from 'vitest';
import { readDefaultSchema } from '../src/checklist/load.js';
import { overlappingAlternatives } from '../src/checklist/overlap.js';

/** Every string in the built-in checklist's `mlsd` blocks and languages: its terms, placeholders, headings. */
function builtInStrings(node: unknown, inMlsd = false, found: string[] = []): string[] {
  if (typeof node === 'string') {
    if (inMlsd) found.push(node);
  } else if (Array.isArray(node)) {
    for (const child of node) builtInStrings(child, inMlsd, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) builtInStrings(child, inMlsd || key === 'mlsd', found);
  }
  return found;
}

describe('overlappingAlternatives', () => {
  it('finds alternatives of a repeated group that can start with the same character', () => {
    expect(overlappingAlternatives('(?:\\w|[a-z])+ly')).toMatchObject({ alternatives: ['\\w', '[a-z]'] });
    expect(overlappingAlternatives('(a|aa)+')).toMatchObject({ alternatives: ['a', 'aa'] });
    expect(overlappingAlternatives('x(?:y|(?:z|Y)){2,}')).toMatchObject({ alternatives: ['y', '(?:z|Y)'] });
  });

  it('passes alternatives that start apart, and alternatives that are not repeated', () => {
    for (const term of ['roll(?:back|out)s?', '(?:\\w|-)+', '(?:[a-z]|[0-9])+', '(?:a|a){2,3}', '(?=a)(?:b|c)+', '\\w*\\w*ly']) {
      expect(overlappingAlternatives(term), term).toBeUndefined();
    }
  });

  it('passes every pattern of the built-in checklist', () => {
    const strings = builtInStrings(readDefaultSchema());
    expect(strings.length).toBeGreaterThan(1000);
    expect(strings.filter((s) => overlappingAlternatives(s) !== undefined)).toEqual([]);
  });
});
