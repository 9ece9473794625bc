import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFor } from '../src/config/resolve.js';
import { selectFiles } from '../src/cli/select-files.js';
import { declaresDesignDoc } from '../src/run/design-docs.js';
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

describe('--design-docs-only: the files named are candidates, only the design docs among them are linted', () => {
  const DECLARED = '---\nproblem_type: generic\n---\n# Ranking\n';
  const files = {
    'README.md': '# Service\n',
    'docs/usage.md': '# Usage\n',
    'docs/design/plain.md': '# A design without front matter\n',
    'services/ranking/design.md': DECLARED,
  };
  const named = Object.keys(files);

  /** Select from a repository of `files` with these command-line paths; paths in the answer relative to it. */
  async function select(repo: Record<string, string>, paths: string[], designDocsOnly: boolean) {
    const dir = tempDir();
    for (const [path, text] of Object.entries(repo)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // The selection reads files relative to the working directory, as the CLI run there does.
    const before = process.cwd();
    process.chdir(dir);
    try {
      const selection = await selectFiles(paths, await configFor({}, dir), dir, { designDocsOnly });
      // Sorted by code point here: the order the report uses follows the locale, which is not the point.
      return { files: selection.files.map((f) => f.path).sort(), skipped: selection.skipped.map((s) => [s.path, s.why]).sort() };
    } finally {
      process.chdir(before);
    }
  }

  it('without a config: the drafts folder and docs whose front matter declares them; the rest skipped, with why', async () => {
    const { files: linted, skipped } = await select(files, named, true);
    expect(linted).toEqual(['docs/design/plain.md', 'services/ranking/design.md']);
    const why = 'not a design doc (outside docs/design/, no problem_type in its front matter)';
    expect(skipped).toEqual([['README.md', why], ['docs/usage.md', why]]);
  });

  it('without the flag, every named file is linted (naming a file is asking for it)', async () => {
    expect((await select(files, named, false)).files).toEqual(['README.md', 'docs/design/plain.md', 'docs/usage.md', 'services/ranking/design.md']);
  });

  it('a config that moves drafts and gives no paths: its drafts folder counts, docs/design no longer does', async () => {
    const repo = { ...files, '.mlsdrc.yaml': 'drafts: notes/designs\n', 'notes/designs/x.md': '# X\n' };
    const { files: linted } = await select(repo, [...named, 'notes/designs/x.md'], true);
    expect(linted).toEqual(['notes/designs/x.md', 'services/ranking/design.md']);
  });

  it('a config with paths: inside them only, front matter or not', async () => {
    const { files: linted, skipped } = await select({ ...files, '.mlsdrc.yaml': 'paths: [docs/design]\n' }, named, true);
    expect(linted).toEqual(['docs/design/plain.md']);
    expect(skipped.map(([path]) => path)).toEqual(['README.md', 'docs/usage.md', 'services/ranking/design.md']);
    expect(new Set(skipped.map(([, why]) => why))).toEqual(new Set(['outside the config\'s "paths"']));
  });

  it('files found in a named folder are candidates too', async () => {
    const { files: linted, skipped } = await select(files, ['docs'], true);
    expect(linted).toEqual(['docs/design/plain.md']);
    expect(skipped.map(([path]) => path)).toEqual(['docs/usage.md']);
  });

  it('the config\'s ignores still win over a design doc', async () => {
    const { files: linted, skipped } = await select({ ...files, '.mlsdrc.yaml': 'ignores: ["services/**"]\n' }, named, true);
    expect(linted).toEqual(['docs/design/plain.md']);
    expect(skipped).toContainEqual(['services/ranking/design.md', 'ignored by the config\'s "ignores"']);
  });
});
