import type { AnySchemaObject } from 'ajv';
import type { LanguageSource } from '../checklist/assemble.js';
import { leadingHeading } from '../checklist/headings.js';
import { mergeTerms, readDefaultSchema, type LangTerms } from '../checklist/load.js';
import type { FactConfig, ItemConfig, Requirement } from './load.js';

// A config's checklist items written into the checklist schema: what "teams extend the checklist
// as data" means in JSON Schema. Pure; the checklist layer compiles the result.

/** Fewest words of prose a new item needs when its config says nothing (one short real sentence). */
export const DEFAULT_MIN_WORDS = 5;

interface ItemSchema {
  [keyword: string]: unknown;
  title?: string;
  description?: string;
  mlsd?: { aliases?: LangTerms; heads?: LangTerms; mentions?: LangTerms; headingTerms?: LangTerms; facts?: Record<string, FactSpec>; skeleton?: string; message?: string };
  allOf?: AnySchemaObject[];
}

/** A fact as the checklist schema's `mlsd.facts` holds it: a config's, without `min`. */
type FactSpec = Omit<FactConfig, 'min'>;

const addTerms = (own: LangTerms | undefined, more: LangTerms | undefined) => (more === undefined ? own : mergeTerms(own, more));

/**
 * A team's fact over the item's own fact of the same name. Term lists (terms, near, unless, each choice's,
 * the quantity's near, unless and percentiles) and units add to the item's own, so a team adds a
 * language or a unit without restating the built-in ones; `evidence`, `everywhere` and `prose`, settings, replace.
 */
export function mergeFact(own: FactSpec | undefined, team: FactSpec): FactSpec {
  if (!own) return structuredClone(team);
  const merged = structuredClone(own);
  if (team.terms) merged.terms = addTerms(own.terms, team.terms);
  if (team.near) merged.near = addTerms(own.near, team.near);
  if (team.unless) merged.unless = addTerms(own.unless, team.unless);
  if (team.evidence !== undefined) merged.evidence = team.evidence;
  if (team.everywhere !== undefined) merged.everywhere = team.everywhere;
  if (team.prose !== undefined) merged.prose = team.prose;
  if (team.choice) {
    merged.choice = { ...own.choice };
    for (const [value, list] of Object.entries(team.choice)) merged.choice[value] = addTerms(own.choice?.[value], list)!;
  }
  if (team.quantity) {
    const q = own.quantity ?? {};
    const more = team.quantity;
    merged.quantity = {
      units: { ...q.units, ...more.units },
      near: addTerms(q.near, more.near),
      ...(q.unless || more.unless ? { unless: addTerms(q.unless, more.unless) } : {}),
      ...(q.percentiles || more.percentiles ? { percentiles: addTerms(q.percentiles, more.percentiles) } : {}),
    };
  }
  return merged;
}

const titleFromId = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

/** Where a value no layer states comes from, in `mlsd config`. */
export const IMPLIED = 'default for a new item';

/**
 * A new item is required unless it says otherwise (buildChecklistSchema below): written out, so `mlsd
 * config` shows what applies rather than nothing. Built-in items all have `required` from the
 * recommended preset; `said` hears each id given the default.
 */
export function impliedRequired(checklist: Record<string, ItemConfig>, said: (id: string) => void): void {
  for (const [id, item] of Object.entries(checklist)) {
    if (item.required !== undefined) continue;
    item.required = true;
    said(id);
  }
}

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

/**
 * The item's own constraints from its config. A fact the item already has keeps the item's own
 * requirement unless the config states `min`; a new fact needs one match by default.
 */
function itemConstraints(item: ItemConfig, isNew: boolean, ownFacts: Record<string, unknown>): AnySchemaObject[] {
  const extra: AnySchemaObject[] = [];
  const needed = (name: string, f: FactConfig) => f.min ?? (name in ownFacts ? 0 : 1);
  const facts = Object.entries(item.facts ?? {}).filter(([name, f]) => needed(name, f) > 0);
  if (facts.length > 0) {
    const properties = Object.fromEntries(
      facts.map(([name, f]) => [name, { minItems: needed(name, f), errorMessage: `says nothing about ${name.replace(/-/g, ' ')}` }]),
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

const added = (a: readonly string[] | undefined, b: readonly string[] | undefined) => [...new Set([...(a ?? []), ...(b ?? [])])];

/**
 * A team's declaration of a language the checklist already has (`ru`, `en`): its lists add to the
 * built-in ones, as an item's `aliases` and `mentions` do, so a team adding one Russian deferral
 * keeps every built-in Russian hedge, deferral and negation. Its `name` replaces, and so does each
 * of its skeletons, item by item: the other items keep the built-in sections.
 */
function addToLanguage(builtIn: LanguageSource, team: Partial<LanguageSource>): LanguageSource {
  const notSubstance: Record<string, string[]> = { ...builtIn.notSubstance };
  for (const [list, terms] of Object.entries(team.notSubstance ?? {})) notSubstance[list] = added(notSubstance[list], terms);
  const skeletons = { ...builtIn.skeletons, ...team.skeletons };
  return {
    ...builtIn,
    name: team.name ?? builtIn.name,
    stopwords: added(builtIn.stopwords, team.stopwords),
    notSubstance,
    deferredSections: added(builtIn.deferredSections, team.deferredSections),
    ...(Object.keys(skeletons).length > 0 ? { skeletons } : {}),
  };
}

/**
 * The heading of each section a team's language gives `--fix` names the item in documents in that
 * language, as the heading of an item's own `skeleton` does: the section inserted is found the next
 * time, so a second run inserts nothing.
 */
function skeletonHeadingsAsAliases(properties: Record<string, ItemSchema>, languages: Record<string, LanguageSource>): void {
  for (const [code, language] of Object.entries(languages)) {
    for (const [id, skeleton] of Object.entries(language.skeletons ?? {})) {
      const heading = leadingHeading(skeleton);
      const mlsd = properties[id]?.mlsd;
      if (heading !== undefined && mlsd) mlsd.aliases = mergeTerms(mlsd.aliases, { [code]: [heading] });
    }
  }
}

/**
 * One checklist schema from the built-in one and the configured items: new items added, existing
 * ones changed, `required` and `required: { when }` written as JSON Schema.
 */
export function buildChecklistSchema(items: Record<string, ItemConfig>, base: AnySchemaObject = readDefaultSchema(), languages: Record<string, LanguageSource> = {}): AnySchemaObject {
  const schema = structuredClone(base);
  if (Object.keys(languages).length > 0) {
    const mlsd = (schema.mlsd ??= {}) as { languages?: Record<string, LanguageSource> };
    mlsd.languages = { ...mlsd.languages };
    for (const [code, language] of Object.entries(structuredClone(languages))) {
      const builtIn = mlsd.languages[code];
      mlsd.languages[code] = builtIn === undefined ? language : addToLanguage(builtIn, language);
    }
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
    for (const key of ['aliases', 'heads', 'mentions', 'headingTerms'] as const) {
      const more = item[key];
      if (more) mlsd[key] = mergeTerms(isNew ? undefined : mlsd[key], more);
    }
    const ownFacts = { ...mlsd.facts };
    if (item.facts) {
      // A fact the item already has is extended, not replaced (mergeFact); a new one is added.
      const facts = (mlsd.facts ??= {});
      for (const [name, { min: _min, ...spec }] of Object.entries(item.facts)) facts[name] = mergeFact(ownFacts[name], spec);
    }
    if (item.skeleton !== undefined) mlsd.skeleton = item.skeleton;
    if (item.message !== undefined) mlsd.message = item.message;
    const extra = itemConstraints(item, isNew, ownFacts);
    if (extra.length > 0) target.allOf = [...(target.allOf ?? []), ...extra];
    properties[id] = target;

    const requirement = item.required ?? (isNew ? true : undefined);
    if (requirement === true) required.add(id);
    else if (requirement !== undefined) required.delete(id);
    if (typeof requirement === 'object') conditions.push(conditionSchema(id, requirement));
  }

  skeletonHeadingsAsAliases(properties, languages);
  itemsSchema.required = [...required];
  if (conditions.length > 0) schema.allOf = [...((schema.allOf as AnySchemaObject[] | undefined) ?? []), ...conditions];
  return schema;
}

