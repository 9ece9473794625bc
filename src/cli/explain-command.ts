import { readFile } from 'node:fs/promises';
import { Checklists } from '../checklist/build.js';
import { defaultChecklist } from '../checklist/load.js';
import type { Checklist, RuleMeta } from '../checklist/types.js';
import { configFor, type ConfigFlags } from './config-loader.js';
import { UsageError } from './errors.js';

/** Rule files ship in the package; a rule's docPath is relative to the package root. */
const PACKAGE_ROOT = new URL('../../', import.meta.url);

/** The expected-finding markers in a rule file's examples are for its tests, not for the reader. */
export const stripExpectMarkers = (page: string) => page.replace(/[ \t]*<!-- expect: [^>]*-->/g, '');

/** A rule's page as `mlsd explain` prints it: its severity and kind, then its file's page. */
export function rulePage(rule: RuleMeta, body: string | undefined, bestPractice: boolean): string {
  const kind = bestPractice
    ? ` A best-practice rule: it reports on an item that is present and does\nnot change the item's state. A team can raise or lower it in its config.`
    : '';
  const page =
    body ??
    `## What it checks\n\n${rule.description}${rule.item ? ` (checklist item "${rule.item}")` : ''}\n\n## How to fix\n\n${rule.help}\n`;
  return `# ${rule.id}\n\nDefault severity: **${rule.severity}**.${kind}\n\n${stripExpectMarkers(page)}`;
}

/** Every rule the configured checklists can report: the built-in catalogue, the config's rules, each override's. */
function catalogue(checklists: Checklist[]): Map<string, { rule: RuleMeta; bestPractice: boolean }> {
  const all = new Map<string, { rule: RuleMeta; bestPractice: boolean }>();
  for (const checklist of checklists) {
    const declared = new Set([...checklist.rules.values()].map((rule) => rule.id));
    for (const rule of checklist.catalogue.values()) if (!all.has(rule.id)) all.set(rule.id, { rule, bestPractice: declared.has(rule.id) });
  }
  return all;
}

/**
 * A rule's page, as `mlsd explain` prints it, from the catalogues of the given checklists (by
 * default the built-in one). A rule none of them knows is a usage error naming the known rules.
 */
export async function explainRule(ruleId: string, checklists: Checklist[] = [defaultChecklist()]): Promise<string> {
  const known = catalogue(checklists);
  const found = known.get(ruleId);
  if (!found) throw new UsageError(`unknown rule "${ruleId}" (known rules: ${[...known.keys()].sort().join(', ')})`);
  const { rule, bestPractice } = found;
  const body = rule.docPath ? stripFrontMatter(await readFile(new URL(rule.docPath, PACKAGE_ROOT), 'utf8')) : undefined;
  return rulePage(rule, body, bestPractice);
}

/** Print a rule's page: what it checks, why, a failing and a passing example; the config's own rules too. */
export async function runExplain(ruleId: string, flags: ConfigFlags, cwd: string, stdout: NodeJS.WritableStream): Promise<number> {
  const { config } = await configFor(flags, cwd);
  // The config's checklist, and the same with each override applied: a team rule may live in either.
  const layers = [{}, ...config.overrides.map((o) => o.checklist ?? {})].map((override, i) => {
    const checklist = structuredClone(config.checklist);
    for (const [id, item] of Object.entries(override)) checklist[id] = { ...(checklist[id] ?? {}), ...item };
    return { checklist, rules: config.rules, key: String(i) };
  });
  const checklists = new Checklists();
  stdout.write(await explainRule(ruleId, layers.map((settings) => checklists.for(settings))));
  return 0;
}

const stripFrontMatter = (text: string) => text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
