import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaresDesignDoc } from '../src/cli/select-files.js';
import { tempDir } from './helpers.js';

describe('a doc declares itself a design doc', () => {
  it.each([
    ['front matter written by mlsd new', '---\ntitle: X\nproblem_type: generic\ntemplate: generic\ntemplate_version: 1\n---\n# X\n', true],
    ['a byte-order mark and CRLF line ends', '\uFEFF---\r\nproblem_type: fraud-detection\r\n---\r\n# X\r\n', true],
    ['front matter without the keys', '---\ntitle: Changelog\n---\n# Changes\n', false],
    ['the key in the body, not the front matter', '# Notes\n\nproblem_type: generic\n', false],
    ['a nested key of that name', '---\nmeta:\n  problem_type: generic\n---\n', false],
    ['front matter that never closes', '---\nproblem_type: generic\n# X\n', false],
  ])('%s', (_what, text, declared) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'doc.md'), text);
    expect(declaresDesignDoc(join(dir, 'doc.md'))).toBe(declared);
  });
});
