import { readFile } from 'node:fs/promises';
import { buildChecklistSchema, Checklists, settingsFor } from '../checklist/build.js';
import { defaultChecklist } from '../checklist/load.js';
import type { ChecklistItem } from '../checklist/types.js';
import { ruleCatalog, type RuleMeta } from '../lint/rules.js';
import { didYouMean } from '../suggest.js';
import { configFor, type ConfigFlags } from './config-loader.js';
import { UsageError } from './errors.js';

/** The package root, where each rule's docPath starts. */
const PACKAGE_ROOT = new URL('../../', import.meta.url);

type Json = Record<string, unknown>;

/**
 * The messages an item's schema gives when it is weak, and the rules declared inside it: what the
 * checklist (built-in and team config alike) says makes the item present.
 */
function weakWhen(schema: Json): { messages: string[]; rules: string[] } {
  const messages: string[] = [];
  const rules: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const object = node as Json;
    const rule = (object.mlsd as { rule?: string } | undefined)?.rule;
    if (rule !== undefined) return void rules.push(rule); // a rule's messages are the rule's, not the item's state
    if (typeof object.errorMessage === 'string') messages.push(object.errorMessage);
    for (const [key, value] of Object.entries(object)) if (key !== 'mlsd' && key !== 'errorMessage') walk(value);
  };
  walk(schema);
  return { messages: [...new Set(messages)], rules };
}

function explainItem(item: ChecklistItem, schema: Json, catalog: readonly RuleMeta[]): string {
  const { messages, rules } = weakWhen(schema);
  const authored = (schema.mlsd as { aliases?: string[] } | undefined)?.aliases ?? item.aliases;
  const aliases = authored.slice(0, 6).map((a) => `"${a}"`).join(', ');
  const lines = [
    `${item.id}: ${item.title} (${item.required ? 'required' : 'optional'})`,
    '',
    item.hint,
    '',
    `present  addressed with substance, under a heading such as ${aliases}${authored.length > 6 ? ` (${authored.length} in all)` : ''}`,
    '         (any level; numbering and emoji ignored), or by concrete evidence inside another section.',
    'weak     the heading or a mention is there, but the text is a placeholder (TODO, TBD, XX, <fill in>),',
    `         too short${messages.length > 0 ? ', or:' : '.'}`,
    ...messages.map((m) => `           - ${m}`),
    '         Reported as weak-section.',
    `absent   no heading and no mention anywhere${item.required ? ': reported as required-section.' : '; the item is optional, so nothing is reported.'}`,
  ];
  const itemRules = catalog.filter((r) => rules.includes(r.id));
  if (itemRules.length > 0) {
    lines.push('', 'Rules on this item once it is present:');
    for (const rule of itemRules) lines.push(`  ${rule.id} (${rule.severity}): ${rule.description}`);
  }
  lines.push('', `Suppress with a reason: <!-- mlsd-disable ${item.id} -- why -->`);
  return `${lines.join('\n')}\n`;
}

function list(catalog: readonly RuleMeta[], items: readonly ChecklistItem[]): string {
  const width = Math.max(...catalog.map((r) => r.id.length), ...items.map((i) => i.id.length)) + 2;
  return [
    'Rules (`mlsd explain <rule-id>` prints the rule\'s page):',
    ...catalog.map((r) => `  ${r.id.padEnd(width)}${r.severity.padEnd(9)}${r.description}`),
    '',
    'Checklist items (`mlsd explain <item-id>` says what makes one present, weak or absent):',
    ...items.map((i) => `  ${i.id.padEnd(width)}${(i.required ? 'required' : 'optional').padEnd(9)}${i.title}`),
    '',
  ].join('\n');
}

/** A rule's page (what, why, failing and passing examples), read from its docPath; undefined for an unknown rule. */
export async function rulePage(ruleId: string, catalog: readonly RuleMeta[] = ruleCatalog(defaultChecklist().rules.values())): Promise<string | undefined> {
  const rule = catalog.find((r) => r.id === ruleId);
  if (!rule) return undefined;
  const page = await readFile(new URL(rule.docPath, PACKAGE_ROOT), 'utf8').catch(() => undefined);
  return page ?? `${rule.id} (${rule.severity}): ${rule.fullDescription}\n\nHow to fix: ${rule.help}\n`;
}

/**
 * `mlsd explain`: every rule and checklist item (the team's included, from the config); with a
 * rule id its page (what, why, failing and passing examples); with an item id what makes it
 * present, weak or absent.
 */
export async function runExplain(id: string | undefined, flags: ConfigFlags, cwd: string, stdout: NodeJS.WritableStream): Promise<number> {
  const resolved = await configFor(flags, cwd);
  const settings = settingsFor(resolved.config, undefined);
  const checklist = new Checklists().for(settings);
  const catalog = ruleCatalog(checklist.rules.values());
  if (id === undefined) {
    stdout.write(list(catalog, checklist.items));
    return 0;
  }
  const page = await rulePage(id, catalog);
  if (page !== undefined) {
    stdout.write(page);
    return 0;
  }
  const item = checklist.items.find((i) => i.id === id);
  if (item) {
    const schema = buildChecklistSchema(settings.checklist) as { properties: { items: { properties: Record<string, Json> } } };
    stdout.write(explainItem(item, schema.properties.items.properties[id] ?? {}, catalog));
    return 0;
  }
  const known = [...catalog.map((r) => r.id), ...checklist.items.map((i) => i.id)];
  throw new UsageError(`unknown rule or item "${id}"${didYouMean(id, known)}; \`mlsd explain\` lists them all`);
}
