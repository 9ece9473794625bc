import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildChecklistSchema } from '../src/checklist/build.js';
import type { ItemConfig } from '../src/checklist/config.js';
import { compileChecklist, defaultChecklist } from '../src/checklist/load.js';
import { lint } from '../src/lint/index.js';
import { ROOT, runCli } from './helpers.js';

const DOCS = join(ROOT, 'docs', 'rules');
const schemaRules = [...defaultChecklist().rules.values()].map((r) => r.id);

const examples = (page: string) => {
  const block = (heading: string, lang: string) => page.split(`## ${heading}`)[1]?.match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'))?.[1];
  return { failing: block('Failing example', 'markdown') ?? '', passing: block('Passing example', 'markdown') ?? '', config: block('Example config', 'yaml') };
};

/** The checklist a page's examples are judged by: the built-in one, or with the page's example config. */
const checklistFor = (config: string | undefined) =>
  config ? compileChecklist(buildChecklistSchema((parse(config) as { checklist: Record<string, ItemConfig> }).checklist)) : defaultChecklist();

describe('rule docs', () => {
  it('every rule the schema declares has a doc page', () => {
    const pages = readdirSync(DOCS).map((f) => f.replace(/\.md$/, ''));
    for (const id of schemaRules) expect(pages, id).toContain(id);
  });

  it.each(schemaRules)('%s: the failing example fails with the rule, the passing one does not', (id) => {
    const { failing, passing, config } = examples(readFileSync(join(DOCS, `${id}.md`), 'utf8'));
    const checklist = checklistFor(config);
    expect(lint(failing, checklist).diagnostics.map((d) => d.ruleId)).toContain(id);
    expect(lint(passing, checklist).diagnostics.map((d) => d.ruleId)).not.toContain(id);
  });

  it('mlsd explain prints a rule page, and exits 2 for an unknown rule', () => {
    const run = runCli(['explain', 'latency-stage-sum']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('## Failing example');
    const unknown = runCli(['explain', '../../package']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^mlsd: unknown rule/);
  });
});
