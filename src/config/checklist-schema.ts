import type { AnySchemaObject } from 'ajv';
import type { LanguageSource } from '../checklist/assemble.js';
import { mergeTerms, readDefaultSchema, type LangTerms } from '../checklist/load.js';
import type { ItemConfig, Requirement } from './load.js';

// A config's checklist items written into the checklist schema: what "teams extend the checklist
// as data" means in JSON Schema. Pure; the checklist layer compiles the result.

/** Fewest words of prose a new item needs when its config says nothing (one short real sentence). */
export const DEFAULT_MIN_WORDS = 5;

interface ItemSchema {
  [keyword: string]: unknown;
  title?: string;
  description?: string;
  mlsd?: { aliases?: LangTerms; heads?: LangTerms; mentions?: LangTerms; facts?: Record<string, unknown>; skeleton?: string; message?: string };
  allOf?: AnySchemaObject[];
}

const titleFromId = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

/** What front matter makes an item required, in words: `status: ["review","approved"]`. */
export const requirementText = (requirement: Exclude<Requirement, boolean>) =>
  Object.entries(requirement.when).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(' and ');

/** JSON Schema for "required when front matter says so": ajv decides it, so lint stays pure. */
export function conditionSchema(id: string, requirement: Exclude<Requirement, boolean>): AnySchemaObject {
  const keys = Object.keys(requirement.when);
  const properties = Object.fromEntries(
    Object.entries(requirement.when).map(([key, value]) => [key, { enum: Array.isArray(value) ? value : [value] }]),
  );
  return {
    $comment: `"${id}" is required when front matter has ${requirementText(requirement)}`,
    if: { required: ['frontMatter'], properties: { frontMatter: { type: 'object', required: keys, properties } } },
    then: { properties: { items: { properties: { [id]: true }, required: [id] } } },
  };
}

function itemConstraints(item: ItemConfig, isNew: boolean): AnySchemaObject[] {
  const extra: AnySchemaObject[] = [];
  const facts = Object.entries(item.facts ?? {}).filter(([, f]) => (f.min ?? 1) > 0);
  if (facts.length > 0) {
    const properties = Object.fromEntries(
      facts.map(([name, f]) => [name, { minItems: f.min ?? 1, errorMessage: `says nothing about ${name.replace(/-/g, ' ')}` }]),
    );
    extra.push({ properties: { facts: { type: 'object', required: facts.map(([n]) => n), properties } } });
  }
  const minWords = item.minWords ?? (isNew ? DEFAULT_MIN_WORDS : 0);
  if (minWords > 0) {
    extra.push({ properties: { words: { minimum: minWords, errorMessage: `has too little prose (fewer than ${minWords} words that are not placeholders)` } } });
  }
  if (item.heading) {
    extra.push({ required: ['via'], properties: { via: { const: 'heading', errorMessage: 'needs a section of its own' } } });
  }
  if (item.schema) extra.push(structuredClone(item.schema) as AnySchemaObject);
  return extra;
}

/**
 * One checklist schema from the built-in one and the configured items: new items added, existing
 * ones changed, `required` and `required: { when }` written as JSON Schema.
 */
export function buildChecklistSchema(items: Record<string, ItemConfig>, base: AnySchemaObject = readDefaultSchema(), languages: Record<string, LanguageSource> = {}): AnySchemaObject {
  const schema = structuredClone(base);
  if (Object.keys(languages).length > 0) {
    const mlsd = (schema.mlsd ??= {}) as { languages?: Record<string, LanguageSource> };
    mlsd.languages = { ...mlsd.languages, ...structuredClone(languages) };
  }
  const itemsSchema = (schema.properties.items ??= { type: 'object' }) as { properties?: Record<string, ItemSchema>; required?: string[] };
  const properties = (itemsSchema.properties ??= {});
  const required = new Set(itemsSchema.required ?? []);
  const conditions: AnySchemaObject[] = [];

  for (const [id, item] of Object.entries(items)) {
    const isNew = !(id in properties);
    const target: ItemSchema = isNew ? { title: titleFromId(id), type: 'object' } : properties[id]!;
    const mlsd = (target.mlsd ??= {});
    if (item.title !== undefined) target.title = item.title;
    if (item.hint !== undefined) target.description = item.hint;
    // A team's terms add to the item's own, language by language.
    for (const key of ['aliases', 'heads', 'mentions'] as const) {
      const more = item[key];
      if (more) mlsd[key] = mergeTerms(isNew ? undefined : mlsd[key], more);
    }
    if (item.facts) {
      const specs = Object.fromEntries(Object.entries(item.facts).map(([name, { min: _min, ...spec }]) => [name, spec]));
      mlsd.facts = { ...(mlsd.facts ?? {}), ...specs };
    }
    if (item.skeleton !== undefined) mlsd.skeleton = item.skeleton;
    if (item.message !== undefined) mlsd.message = item.message;
    const extra = itemConstraints(item, isNew);
    if (extra.length > 0) target.allOf = [...(target.allOf ?? []), ...extra];
    properties[id] = target;

    const requirement = item.required ?? (isNew ? true : undefined);
    if (requirement === true) required.add(id);
    else if (requirement !== undefined) required.delete(id);
    if (typeof requirement === 'object') conditions.push(conditionSchema(id, requirement));
  }

  itemsSchema.required = [...required];
  if (conditions.length > 0) schema.allOf = [...((schema.allOf as AnySchemaObject[] | undefined) ?? []), ...conditions];
  return schema;
}

