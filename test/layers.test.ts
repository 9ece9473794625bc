import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** The layer findings ESLint, with the project's config, gives a module at `path` holding `code`. */
async function layerFindings(path: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: `${ROOT}/${path}` });
  return result!.messages.filter((m) => m.ruleId === 'mlsd/layers').map((m) => m.message);
}

describe('layers (eslint.config.js, mlsd/layers)', () => {
  // The imports that went up a layer before the rule existed.
  it.each([
    ['src/lsp/hover.ts', "import { explainRule } from '../cli/explain-command.js';"],
    ['src/lsp/server.ts', "import type { Io } from '../cli/io.js';"],
    ['src/run/fix.ts', "import { writeAtomic } from '../cli/write.js';"],
    ['src/run/fix.ts', "export { writeAtomic } from '../cli/write.js';"],
    ['src/lint/index.ts', "const { loadConfig } = await import('../config/load.js');"],
    ['src/checklist/load.ts', "type Lint = typeof import('../lint/index.js');"],
    ['src/errors.ts', "import { EXIT } from './cli/main.js';"],
  ])('%s: refuses %s', async (path, code) => {
    expect(await layerFindings(path, code)).toEqual([expect.stringMatching(/a layer above it/)]);
  });

  it.each([
    ['src/cli/lint-command.ts', "import { lintFiles } from '../run/lint-files.js';"],
    ['src/run/fix.ts', "const scaffold = await import('../scaffold/index.js');"],
    ['src/lsp/hover.ts', "import { explainRule } from '../checklist/explain.js';"],
    ['src/config/load.ts', "import { UserError } from '../errors.js';"],
    ['src/index.ts', "import { lint } from './lint/index.js';"],
  ])('%s: allows %s', async (path, code) => {
    expect(await layerFindings(path, code)).toEqual([]);
  });

  it('names a folder of src/ that is in no layer', async () => {
    expect(await layerFindings('src/extra/thing.ts', 'export const x = 1;')).toEqual([expect.stringMatching(/src\/extra is in no layer/)]);
  });
});
