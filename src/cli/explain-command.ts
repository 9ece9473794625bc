import { readdir, readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';

const RULE_DOCS = new URL('../../docs/rules/', import.meta.url);

export async function listRuleDocs(): Promise<string[]> {
  const files = await readdir(RULE_DOCS).catch(() => []);
  return files.filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
}

/** Print a rule's doc page: what it checks, why, a failing and a passing example. */
export async function runExplain(ruleId: string, stdout: NodeJS.WritableStream): Promise<number> {
  const known = await listRuleDocs();
  if (!known.includes(ruleId)) {
    throw new UsageError(`unknown rule "${ruleId}" (known rules: ${known.join(', ')})`);
  }
  stdout.write(await readFile(new URL(`${ruleId}.md`, RULE_DOCS), 'utf8'));
  return 0;
}
