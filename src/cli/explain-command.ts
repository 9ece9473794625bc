import { buildChecklistSchema, requirementText } from '../config/checklist-schema.js';
import { Checklists, settingsPerOverride, type FileSettings } from '../config/settings.js';
import { catalogue, explainItem, listAll, pageOf, type Json, type LevelOf } from '../checklist/explain.js';
import type { ChecklistItem } from '../checklist/types.js';
import { didYouMean } from '../suggest.js';
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
  // Each item as the first layer that has it defines it.
  const items = new Map<string, { item: ChecklistItem; settings: FileSettings }>();
  checklists.forEach((checklist, i) => {
    for (const item of checklist.items) if (!items.has(item.id)) items.set(item.id, { item, settings: layers[i]! });
  });

  if (id === undefined) {
    const sorted = [...rules.values()].map((r) => r.rule).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    stdout.write(listAll(sorted, [...items.values()].map((i) => i.item), levelOf));
    return 0;
  }
  const rule = rules.get(id);
  if (rule) {
    stdout.write(await pageOf(rule, levelOf));
    return 0;
  }
  const found = items.get(id);
  if (found) {
    const schema = buildChecklistSchema(found.settings.checklist, undefined, found.settings.languages) as { properties: { items: { properties: Record<string, Json> } } };
    const requirement = found.settings.checklist[id]?.required;
    const requiredWhen = typeof requirement === 'object' ? requirementText(requirement) : undefined;
    stdout.write(explainItem(found.item, schema.properties.items.properties[id] ?? {}, [...rules.values()].map((r) => r.rule), levelOf, requiredWhen));
    return 0;
  }
  throw new UserError(`unknown rule or item "${id}"${didYouMean(id, [...rules.keys(), ...items.keys()])}; \`mlsd explain\` lists them all`);
}
