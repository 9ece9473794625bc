import { buildChecklistSchema, requirementText } from '../config/checklist-schema.js';
import { Checklists, settingsPerOverride, type FileSettings } from '../config/settings.js';
import { catalogue, explainItem, listAll, pageOf, type Json, type LevelOf } from '../checklist/explain.js';
import type { Checklist, ChecklistItem } from '../checklist/types.js';
import { normalizeHeading } from '../checklist/headings.js';
import { isOwnHeading } from '../lint/model.js';
import type { Section } from '../lint/outline.js';
import { closest, didYouMean } from '../suggest.js';
import { configFor, type ConfigFlags } from '../config/resolve.js';
import { UserError } from '../errors.js';

/**
 * `mlsd explain`: every rule and checklist item (the team's included, from the config); with a
 * rule id its page (what, why, failing and passing examples); with an item id what makes it
 * present, weak or absent.
 */
export async function runExplain(id: string | undefined, flags: ConfigFlags, cwd: string, stdout: NodeJS.WritableStream): Promise<number> {
  const { config } = await configFor(flags, cwd);
  // A team's rule or item may live in the config or in any override.
  const layers = settingsPerOverride(config);
  const compiled = new Checklists();
  const checklists = layers.map((settings) => compiled.for(settings));
  const rules = catalogue(checklists);
  // Levels as the config sets them for its files (an override's apply to its own files only).
  const configured = checklists[0]?.severities?.rules ?? {};
  const levelOf: LevelOf = (rule) => configured[rule.id] ?? rule.severity;
  const itemLevels = checklists[0]?.severities?.items ?? {};
  // Each item as the first layer that has it defines it.
  const items = new Map<string, { item: ChecklistItem; settings: FileSettings }>();
  checklists.forEach((checklist, i) => {
    for (const item of checklist.items) if (!items.has(item.id)) items.set(item.id, { item, settings: layers[i]! });
  });

  if (id === undefined) {
    const sorted = [...rules.values()].map((r) => r.rule).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const conditional = new Set([...items.values()].filter(({ item, settings }) => typeof settings.checklist[item.id]?.required === 'object').map(({ item }) => item.id));
    stdout.write(listAll(sorted, [...items.values()].map((i) => i.item), levelOf, conditional, itemLevels));
    return 0;
  }
  const rule = rules.get(id);
  if (rule) {
    stdout.write(await pageOf(rule, levelOf));
    return 0;
  }
  // What makes an item present, weak or absent, from the checklist schema of the layer that has it.
  const explainOne = (item: ChecklistItem, settings: FileSettings) => {
    const requirement = settings.checklist[item.id]?.required;
    const requiredWhen = typeof requirement === 'object' ? requirementText(requirement) : undefined;
    return explainItem(item, schemaOf(settings).properties.items.properties[item.id] ?? {}, [...rules.values()].map((r) => r.rule), levelOf, requiredWhen, itemLevels[item.id]);
  };
  const found = items.get(id);
  if (found) {
    stdout.write(explainOne(found.item, found.settings));
    return 0;
  }
  // A heading of the team's doc ("2.3. Утечки данных") names the item lint finds under it.
  // A misspelt id is that, not a heading ("drift-monitorin" holds the head word "drift").
  const known = [...rules.keys(), ...items.keys()];
  const named = closest(id, known) === undefined && checklists[0] && layers[0] ? itemsNamedBy(id, checklists[0], layers[0]) : [];
  if (named.length === 1) {
    const { item, settings } = items.get(named[0]!)!;
    stdout.write(`The heading "${id}" names ${item.id}.\n\n${explainOne(item, settings)}`);
    return 0;
  }
  if (named.length > 1) throw new UserError(`the heading "${id}" names ${named.join(' and ')}: \`mlsd explain <item-id>\` explains one`);
  const suggestion = didYouMean(id, known);
  // Words with spaces are a heading, not a mistyped id: no item is named by it, though lint may still find one under it by what its section says.
  if (suggestion === '' && /\s/.test(id.trim())) {
    throw new UserError(`no rule or item is named by the heading "${id}"; lint may still find one under it from what the section says: \`mlsd lint <doc> --verbose\` shows each item's section, \`mlsd explain\` lists them all`);
  }
  throw new UserError(`unknown rule or item "${id}"${suggestion}; \`mlsd explain\` lists them all`);
}

type ChecklistSchema = { mlsd?: { languages?: Record<string, unknown> }; properties: { items: { properties: Record<string, Json> } } };
const schemaOf = (settings: FileSettings) => buildChecklistSchema(settings.checklist, undefined, settings.languages) as ChecklistSchema;

/** The items a heading would be the section of, in a document in any language the checklist has. */
function itemsNamedBy(heading: string, checklist: Checklist, settings: FileSettings): string[] {
  const normalized = normalizeHeading(heading);
  if (normalized === '') return [];
  const languages = Object.keys(schemaOf(settings).mlsd?.languages ?? {});
  const section = { title: heading, normalized, level: 2 } as Section;
  return checklist.inLanguage(languages.join('+')).items.filter((item) => isOwnHeading(item, section)).map((item) => item.id);
}
