import { readFile } from 'node:fs/promises';
import { BASE_LANGUAGE, defaultChecklist, type LangTerms } from './load.js';
import { leadingHeading } from './headings.js';
import type { Checklist, ChecklistItem, Level, RuleMeta } from './types.js';
import { didYouMean } from '../suggest.js';
import { UserError } from '../errors.js';

/*
 * What `mlsd explain` prints and the editor shows on hover: a rule's page, what makes an item
 * present, weak or absent, and the list of both, from compiled checklists.
 */

/** Rule files ship in the package; a rule's docPath is relative to the package root. */
const PACKAGE_ROOT = new URL('../../', import.meta.url);

export type Json = Record<string, unknown>;

/** A rule's level where it is explained: the config's, else the rule's default. */
export type LevelOf = (rule: RuleMeta) => Level;
const byDefault: LevelOf = (rule) => rule.severity;

/** The expected-finding markers in a rule file's examples are for its tests, not for the reader. */
export const stripExpectMarkers = (page: string) => page.replace(/[ \t]*<!-- expect: [^>]*-->/g, '');

/** A rule's page as `mlsd explain` prints it: its severity and kind, then its file's page. */
export function rulePage(rule: RuleMeta, body: string | undefined, bestPractice: boolean, level: Level = rule.severity): string {
  const kind = bestPractice
    ? ` A best-practice rule: it reports on an item that is present and does\nnot change the item's state. A team can raise or lower it in its config.`
    : '';
  const page =
    body ??
    `## What it checks\n\n${rule.description}${rule.item ? ` (checklist item "${rule.item}")` : ''}\n\n## How to fix\n\n${rule.help}\n`;
  const configured = level === rule.severity ? '' : ` Here the config sets it to **${level}**.`;
  return `# ${rule.id}\n\nDefault severity: **${rule.severity}**.${configured}${kind}\n\n${stripExpectMarkers(page)}`;
}

export type Catalogue = Map<string, { rule: RuleMeta; bestPractice: boolean }>;

/** Every rule the configured checklists can report: the built-in catalogue, the config's rules, each override's. */
export function catalogue(checklists: Checklist[]): Catalogue {
  const all: Catalogue = new Map();
  for (const checklist of checklists) {
    const declared = new Set([...checklist.rules.values()].map((rule) => rule.id));
    for (const rule of checklist.catalogue.values()) if (!all.has(rule.id)) all.set(rule.id, { rule, bestPractice: declared.has(rule.id) });
  }
  return all;
}

export async function pageOf({ rule, bestPractice }: { rule: RuleMeta; bestPractice: boolean }, levelOf: LevelOf = byDefault): Promise<string> {
  const body = rule.docPath ? stripFrontMatter(await readFile(new URL(rule.docPath, PACKAGE_ROOT), 'utf8')) : undefined;
  return rulePage(rule, body, bestPractice, levelOf(rule));
}

/**
 * A rule's page, as `mlsd explain` prints it, from the catalogues of the given checklists (by
 * default the built-in one). A rule none of them knows is a usage error naming the closest.
 */
export async function explainRule(ruleId: string, checklists: Checklist[] = [defaultChecklist()]): Promise<string> {
  const known = catalogue(checklists);
  const found = known.get(ruleId);
  if (!found) throw new UserError(`unknown rule "${ruleId}"${didYouMean(ruleId, known.keys())}; \`mlsd explain\` lists them all`);
  return pageOf(found);
}

/**
 * The messages of one `errorMessage`: a string, or (ajv-errors) one per keyword, property or item,
 * as `{ anyOf: "…" }` or `{ properties: { facts: "…" } }` write them.
 */
function authoredMessages(errorMessage: unknown): string[] {
  if (typeof errorMessage === 'string') return [errorMessage];
  if (typeof errorMessage !== 'object' || errorMessage === null) return [];
  return Object.values(errorMessage).flatMap(authoredMessages);
}

/**
 * The messages an item's schema gives when it is weak, and the rules declared inside it: what the
 * checklist (built-in and team config alike) says makes the item present. A subschema's messages
 * come after those inside it, in the order ajv reports them and lint lists its reasons.
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
    for (const [key, value] of Object.entries(object)) if (key !== 'mlsd' && key !== 'errorMessage') walk(value);
    messages.push(...authoredMessages(object.errorMessage));
  };
  walk(schema);
  return { messages: [...new Set(messages)], rules };
}

/** Up to six headings, quoted, and how many there are when that is more. */
const quoted = (headings: readonly string[]) =>
  `${headings.slice(0, 6).map((h) => `"${h}"`).join(', ')}${headings.length > 6 ? ` (${headings.length} in all)` : ''}`;

/**
 * The headings that name an item, as its checklist states them: first those for a document in
 * any language (the title, a plain list, the base language's, a skeleton's heading), then each
 * other language's. An
 * alias list may be one list or one per language code (a team's config writes either).
 */
function headingsByLanguage(item: ChecklistItem, schema: Json): { lang?: string; headings: string[] }[] {
  const authored = (schema.mlsd as { aliases?: LangTerms } | undefined)?.aliases ?? [];
  const keyed = Array.isArray(authored) ? { [BASE_LANGUAGE]: authored } : authored;
  const supplied = item.skeleton === undefined ? undefined : leadingHeading(item.skeleton);
  const every = [...new Set([item.title, ...(keyed[BASE_LANGUAGE] ?? []), ...(supplied ? [supplied] : [])])];
  // A language's heading that is the title already (a Russian title, and the same Russian alias) is said once.
  const others = Object.entries(keyed)
    .filter(([lang]) => lang !== BASE_LANGUAGE)
    .map(([lang, headings]) => [lang, headings.filter((h) => !every.includes(h))] as const)
    .filter(([, headings]) => headings.length > 0);
  return [{ headings: every }, ...others.map(([lang, headings]) => ({ lang, headings }))];
}

/**
 * The head words that name an item whatever the rest of a heading says, as `headingsByLanguage`
 * lists aliases: those for every document (a plain list, the base language's), then each other
 * language's. A Russian team's headings ("2.3. Утечки данных") are mostly found this way.
 */
function headWordsByLanguage(schema: Json): { lang?: string; heads: string[] }[] {
  const authored = (schema.mlsd as { heads?: LangTerms } | undefined)?.heads ?? [];
  const keyed = Array.isArray(authored) ? { [BASE_LANGUAGE]: authored } : authored;
  const every = keyed[BASE_LANGUAGE] ?? [];
  const others = Object.entries(keyed).filter(([lang, heads]) => lang !== BASE_LANGUAGE && heads.length > 0);
  return [...(every.length > 0 ? [{ heads: every }] : []), ...others.map(([lang, heads]) => ({ lang, heads }))];
}

/** What the config's `severity` for an item does, in words (none when it leaves the item as it is). */
const itemLevelText = (level: Level | undefined) =>
  level === undefined ? '' : level === 'off' ? '; the config turns it off: nothing is reported for it' : `; the config reports its findings as ${level}s`;

/**
 * What makes an item present, weak or absent. `requiredWhen`: the front matter that makes an
 * optional item required, in words, when the config says so; `level`: the config's severity for it.
 */
export function explainItem(item: ChecklistItem, schema: Json, rules: readonly RuleMeta[], levelOf: LevelOf = byDefault, requiredWhen?: string, level?: Level): string {
  const { messages, rules: declared } = weakWhen(schema);
  const [every, ...others] = headingsByLanguage(item, schema);
  const lines = [
    `${item.id}: ${item.title} (${item.required ? 'required' : requiredWhen ? `required when front matter has ${requiredWhen}` : 'optional'}${itemLevelText(level)})`,
    '',
    // A team's item may give no hint: no empty paragraph in its place.
    ...(item.hint ? [item.hint, ''] : []),
    `present  addressed with substance, under a heading such as ${quoted(every!.headings)}`,
    ...others.map(({ lang, headings }) => `         in a document in ${lang}, also ${quoted(headings)}`),
    ...headWordsByLanguage(schema).map(({ lang, heads }) =>
      lang === undefined
        ? `         or a heading with a word that starts with ${quoted(heads)}`
        : `         in a document in ${lang}, also a heading with a word that starts with ${quoted(heads)}`,
    ),
    '         (any level; numbering and emoji ignored), or by concrete evidence inside another section.',
    'weak     the heading or a mention is there, but the text is a placeholder (TODO, TBD, XX, <fill in>),',
    `         too short${messages.length > 0 ? ', or:' : '.'}`,
    ...messages.map((m) => `           - ${m}`),
    `         Reported as weak-section${item.message !== undefined ? `, saying: ${item.message}` : '.'}`,
    `absent   no heading and no mention anywhere${item.required ? ': reported as required-section.' : requiredWhen ? `: reported as required-section when front matter has ${requiredWhen}, else nothing is.` : '; the item is optional, so nothing is reported.'}`,
  ];
  const itemRules = rules.filter((r) => declared.includes(r.id));
  if (itemRules.length > 0) {
    lines.push('', 'Rules on this item once it is present:');
    for (const rule of itemRules) lines.push(`  ${rule.id} (${levelOf(rule)}): ${rule.description}`);
  }
  lines.push('', `Suppress with a reason: <!-- mlsd-disable ${item.id} -- why -->`);
  return `${lines.join('\n')}\n`;
}

/** `conditional`: the ids of items required only when the front matter says so (`required.when`); `itemLevels`: the config's severities by item. */
export function listAll(rules: readonly RuleMeta[], items: readonly ChecklistItem[], levelOf: LevelOf = byDefault, conditional: ReadonlySet<string> = new Set(), itemLevels: Readonly<Record<string, Level>> = {}): string {
  const width = Math.max(...rules.map((r) => r.id.length), ...items.map((i) => i.id.length)) + 2;
  const requirement = (i: ChecklistItem) => (itemLevels[i.id] === 'off' ? 'off' : i.required ? 'required' : conditional.has(i.id) ? 'required*' : 'optional');
  return [
    'Rules (`mlsd explain <rule-id>` prints the rule\'s page):',
    ...rules.map((r) => `  ${r.id.padEnd(width)}${levelOf(r).padEnd(10)}${r.description}`),
    '',
    'Checklist items (`mlsd explain <item-id>` says what makes one present, weak or absent):',
    ...items.map((i) => `  ${i.id.padEnd(width)}${requirement(i).padEnd(10)}${i.title}`),
    ...(items.some((i) => !i.required && conditional.has(i.id)) ? ['', '* required when the front matter says so: `mlsd explain <item-id>` says when'] : []),
    '',
  ].join('\n');
}

const stripFrontMatter = (text: string) => text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
