import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT } from './errors.js';
import { CONFIG_PATH, preCommitSnippet, STARTER_CONFIG, WORKFLOW, WORKFLOW_PATH } from './init-files.js';
import type { Io } from './io.js';
import { VERSION } from './package-info.js';
import { writeAtomic } from './write.js';

export interface InitOptions {
  force?: boolean;
}

const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

/**
 * Set a repository up for mlsd: a starter config and a GitHub Actions workflow for pull requests.
 * Existing files are kept unless --force; the output says what was written and what was kept.
 */
export async function runInit(options: InitOptions, io: Io): Promise<number> {
  const files: [string, string, string][] = [
    [CONFIG_PATH, STARTER_CONFIG, 'starter config'],
    [WORKFLOW_PATH, WORKFLOW, 'GitHub Actions workflow: lints changed docs on pull requests, uploads SARIF, annotates'],
  ];
  const out: string[] = [];
  let kept = 0;
  for (const [path, text, what] of files) {
    const target = resolve(io.cwd, path);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (exists && !options.force) {
      kept += 1;
      out.push(`kept   ${path} (it exists; --force overwrites it)`);
      continue;
    }
    await writeAtomic(target, text);
    out.push(`${exists ? 'overwrote' : 'wrote '} ${path}  ${what}`);
  }
  out.push(
    '',
    'To lint design docs before each commit with pre-commit (https://pre-commit.com), add to .pre-commit-config.yaml:',
    '',
    indent(preCommitSnippet(VERSION), '  ').trimEnd(),
    '',
    'More CI setups (GitLab, pre-commit without a remote): docs/ci.md in the mlsd package.',
  );
  if (kept > 0) out.push('', `${kept === 1 ? 'One file was' : `${kept} files were`} left as they were.`);
  io.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}
