import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Ajv, AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import { newAjv } from '../checklist/ajv.js';
import safeRegex from 'safe-regex2';
import { ConfigError, discoverConfig, displayPath, readConfigFile, type ConfigProblem, type ConfigSource } from './file.js';
import type { LanguageSource } from '../checklist/assemble.js';
import { createAjv, readDefaultSchema, type LangTerms } from '../checklist/load.js';
import { parseSize } from './size.js';
import { IMPLIED, impliedRequired } from './checklist-schema.js';
import { headingPatternProblems, languageProblems, whenProblems } from './typos.js';
import { termCase, validateTerms } from '../checklist/terms.js';
import { overlappingAlternatives } from '../checklist/overlap.js';
import { importModule } from '../runtime/import-module.js';
import { didYouMean } from '../suggest.js';
import { firstLine } from '../errors.js';

import type { Level } from '../checklist/types.js';

export type { Level };
export type Scalar = string | number | boolean;
export type Requirement = boolean | { when: Record<string, Scalar | Scalar[]> };

export interface FactConfig {
  terms?: LangTerms;
  near?: LangTerms;
  /** For terms and choices: phrases a match can stand inside that state no fact. */
  unless?: LangTerms;
  evidence?: boolean;
  /** With `evidence`: matches count outside the item's own sections even when it has some. */
  everywhere?: boolean;
  /** Matches in code blocks state nothing. */
  prose?: boolean;
  choice?: Record<string, LangTerms>;
  /** A new quantity fact needs `units` and `near`; one the item has takes more of either. */
  quantity?: { units?: Record<string, number>; near?: LangTerms; unless?: LangTerms; percentiles?: LangTerms };
  /** Matches needed for the item to count as addressed (default 1). */
  min?: number;
}

/** One checklist item as a config states it: a new item, or changes to an existing one. */
export interface ItemConfig {
  title?: string;
  /** Term lists may be one list, or one per language code (`{ en: [...], de: [...] }`). */
  aliases?: LangTerms;
  heads?: LangTerms;
  hint?: string;
  mentions?: LangTerms;
  /** Words with which a heading of the item's own section names what the item is about (the leakage item's "Leakage", "Утечки"). */
  headingTerms?: LangTerms;
  required?: Requirement;
  severity?: Level;
  minWords?: number;
  heading?: boolean;
  facts?: Record<string, FactConfig>;
  schema?: Record<string, unknown>;
  message?: string;
  skeleton?: string;
}

export interface OverrideConfig {
  files: string[];
  checklist?: Record<string, ItemConfig>;
  rules?: Record<string, Level>;
}

/** A default answer in the config: a value, or a list of them (a Markdown list). */
type Answer = string | number | boolean | (string | number | boolean)[];

/** A config file's content, as the config schema allows it. */
export interface MlsdConfig {
  $schema?: string;
  extends?: string | string[];
  checklist?: Record<string, ItemConfig>;
  rules?: Record<string, Level>;
  overrides?: OverrideConfig[];
  ignores?: string[];
  gitignore?: boolean;
  paths?: string[];
  /** Team templates folder for `mlsd new` and `--fix`, relative to the config root. */
  templates?: string;
  /** Default answers for `mlsd new`, by question key: a list is a Markdown list. */
  answers?: Record<string, Answer>;
  /** Where `mlsd new` writes drafts, relative to the config root (default docs/design). */
  drafts?: string;
  /** The reviewer sections `mlsd new` drafts carry, in order. */
  sections?: string[];
  /** Files larger than this are reported (file-too-large), not read: bytes, or "5MB", "512KB". */
  maxFileSize?: number | string;
  /** Languages the team's docs are written in, besides the built-in ones, keyed by language code. */
  languages?: Record<string, LanguageSource>;
}

/** Every layer merged: what a run uses. `extends` is gone, flattened into `layers`. */
export interface MergedConfig {
  checklist: Record<string, ItemConfig>;
  rules: Record<string, Level>;
  overrides: OverrideConfig[];
  ignores: string[];
  gitignore: boolean;
  paths?: string[];
  templates?: string;
  answers: Record<string, Answer>;
  drafts?: string;
  sections?: string[];
  /** In bytes. */
  maxFileSize?: number;
  languages: Record<string, LanguageSource>;
}

export interface ResolvedConfig {
  /** Directory that `ignores`, `overrides` and `paths` globs are relative to. */
  root: string;
  /** The config file found or given, as named in messages; undefined with no config. */
  file?: string;
  /** Where each layer came from, in the order applied: presets, extended files, the file itself. */
  layers: string[];
  config: MergedConfig;
  /** Dotted key → the layer (file or preset) that set it last. */
  sources: Map<string, string>;
  /**
   * Where the value at a key path was set last: that layer's file and the line there (none for a
   * preset or a JavaScript config), for a problem found later (`mlsd new` checks `answers` against
   * its templates) to be reported as the config's own are.
   */
  placeOf(path: readonly (string | number)[]): Omit<ConfigProblem, 'message'>;
}

export interface LoadOptions {
  cwd: string;
  /** --config: use this file, no discovery. */
  configFile?: string;
  /** --no-config: the built-in checklist only. */
  noConfig?: boolean;
  /** Rule ids lint defines; a config naming another is an error. */
  knownRules: readonly string[];
  /** Hears each config file's contents as soon as it is read, before it is validated (lint starts work it will need from it). */
  onRead?: (data: unknown) => void;
}

export const PRESETS = ['mlsd:recommended', 'mlsd:strict'] as const;

const CONFIG_SCHEMA_URL = new URL('../../schemas/config.schema.json', import.meta.url);
let validator: ValidateFunction | undefined;

function configValidator(): ValidateFunction {
  if (!validator) {
    const ajv = newAjv({ allErrors: true, strict: false, allowUnionTypes: true });
    validator = ajv.compile(JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8')) as object);
  }
  return validator;
}

const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');
const pathOf = (pointer: string): (string | number)[] =>
  pointer === '' ? [] : pointer.split('/').slice(1).map(unescape).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
const dotted = (path: readonly (string | number)[]) =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');

/**
 * Turn ajv's errors into one problem per key, naming the key and its line. A value that fails a
 * schema with an authored message (errorMessage) is reported once per such schema, inner ones first,
 * and with raw errors the message did not absorb: the last authored message speaks for the key.
 */
function problemsFrom(errors: ErrorObject[], source: ConfigSource): ConfigProblem[] {
  const found: { key: string; path: (string | number)[]; text: string }[] = [];
  const authored = new Map<string, string>();
  for (const error of errors) {
    const original = error.keyword === 'errorMessage' ? ((error.params.errors as ErrorObject[] | undefined)?.[0] ?? error) : error;
    const path = pathOf(error.instancePath);
    let message = error.message ?? error.keyword;
    if (original.keyword === 'additionalProperties') {
      path.push(String(original.params.additionalProperty));
      message = 'is not a known key';
    } else if ((original as ErrorObject & { propertyName?: string }).propertyName !== undefined) {
      // An id that breaks propertyNames: ajv reports it twice (the pattern, then propertyNames); keep the authored one.
      if (error.keyword === 'propertyNames') continue;
      path.push(String((original as ErrorObject & { propertyName?: string }).propertyName));
      message = `is not a valid id: ${error.message ?? 'bad name'}`;
    } else if (error.keyword === 'propertyNames' || error.keyword === 'if') {
      continue;
    } else if (original.keyword === 'required' && error.keyword !== 'errorMessage') {
      message = `needs "${String(original.params.missingProperty)}"`;
    }
    const key = dotted(path) || 'config';
    const text = `${key} ${message}`;
    found.push({ key, path, text });
    if (error.keyword === 'errorMessage') authored.set(key, text);
  }
  const said = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const { key, path, text } of found) {
    if ((authored.get(key) ?? text) !== text || said.has(text)) continue;
    said.add(text);
    problems.push({ file: source.label, line: source.lineOf(path), message: text });
  }
  return problems;
}

/** Rule ids a config's item schemas declare (`mlsd.rule`, as the built-in checklist's rule files do), with where. */
export function declaredRules(config: MlsdConfig): { id: string; at: (string | number)[] }[] {
  const found: { id: string; at: (string | number)[] }[] = [];
  const walk = (node: unknown, at: (string | number)[]) => {
    if (node === null || typeof node !== 'object') return;
    const rule = (node as { mlsd?: { rule?: unknown } }).mlsd?.rule;
    if (typeof rule === 'string') found.push({ id: rule, at: [...at, 'mlsd', 'rule'] });
    for (const [key, child] of Object.entries(node)) if (key !== 'mlsd') walk(child, [...at, Array.isArray(node) ? Number(key) : key]);
  };
  const items = (checklist: Record<string, ItemConfig> | undefined, at: (string | number)[]) => {
    for (const [id, item] of Object.entries(checklist ?? {})) walk(item.schema, [...at, id, 'schema']);
  };
  items(config.checklist, ['checklist']);
  config.overrides?.forEach((o, i) => items(o.checklist, ['overrides', i, 'checklist']));
  return found;
}

/** Rule ids in `rules` must name a rule: lint's, the built-in checklist's, or one a config layer declares. */
function checkRuleNames(source: ConfigSource, config: MlsdConfig, knownRules: readonly string[]): void {
  const problems: ConfigProblem[] = [];
  const checkRules = (rules: Record<string, Level> | undefined, at: (string | number)[]) => {
    for (const id of Object.keys(rules ?? {})) {
      if (!knownRules.includes(id)) {
        problems.push({ file: source.label, line: source.lineOf([...at, id]), message: `${dotted([...at, id])} is not a rule mlsd knows${didYouMean(id, knownRules)} (rules: ${knownRules.join(', ')})` });
      }
    }
  };
  checkRules(config.rules, ['rules']);
  config.overrides?.forEach((o, i) => checkRules(o.rules, ['overrides', i, 'rules']));
  if (problems.length > 0) throw new ConfigError(problems);
}

function validate(source: ConfigSource, builtInRules: readonly string[]): MlsdConfig {
  const check = configValidator();
  if (!check(source.data)) throw new ConfigError(problemsFrom(check.errors ?? [], source));
  const config = source.data as MlsdConfig;
  const problems: ConfigProblem[] = [];
  // A team rule is a rule of its own: reusing a built-in id would report under another rule's page.
  const declared = declaredRules(config);
  for (const { id, at } of declared) {
    if (builtInRules.includes(id)) problems.push({ file: source.label, line: source.lineOf(at), message: `${dotted(at)} "${id}" is a built-in rule; a team rule needs an id of its own` });
  }
  // Rules and items share one namespace: `mlsd explain <id>` and `mlsd-disable <id>` take either.
  const itemIds = [config.checklist, ...(config.overrides ?? []).map((o) => o.checklist)].flatMap((items) => Object.keys(items ?? {}));
  const checkNamespace = (items: Record<string, ItemConfig> | undefined, at: (string | number)[]) => {
    for (const id of Object.keys(items ?? {})) {
      if (builtInRules.includes(id)) problems.push({ file: source.label, line: source.lineOf([...at, id]), message: `${dotted([...at, id])} is the id of a rule; an item needs an id of its own, since mlsd explain and mlsd-disable take either` });
    }
  };
  checkNamespace(config.checklist, ['checklist']);
  config.overrides?.forEach((o, i) => checkNamespace(o.checklist, ['overrides', i, 'checklist']));
  for (const { id, at } of declared) {
    if (!builtInRules.includes(id) && (itemIds.includes(id) || id in builtIn().properties.items.properties)) {
      problems.push({ file: source.label, line: source.lineOf(at), message: `${dotted(at)} "${id}" is the id of a checklist item; a team rule needs an id of its own, since mlsd explain and mlsd-disable take either` });
    }
  }
  const checkItems = (items: Record<string, ItemConfig> | undefined, at: (string | number)[]) => {
    for (const [id, item] of Object.entries(items ?? {})) {
      for (const [path, message] of itemProblems(id, item)) {
        const where = [...at, id, ...path];
        problems.push({ file: source.label, line: source.lineOf(where), message: `${dotted(where)} ${message}` });
      }
    }
  };
  checkItems(config.checklist, ['checklist']);
  config.overrides?.forEach((o, i) => checkItems(o.checklist, ['overrides', i, 'checklist']));
  for (const [code, language] of Object.entries(config.languages ?? {})) {
    for (const [path, message] of languagePatternProblems(language)) {
      const where = ['languages', code, ...path];
      problems.push({ file: source.label, line: source.lineOf(where), message: `${dotted(where)} ${message}` });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

let schemaChecker: Ajv | undefined;

interface BuiltInSchema {
  mlsd: { languages?: Record<string, unknown> };
  properties: {
    frontMatter: { properties: Record<string, AnySchemaObject> };
    items: { properties: Record<string, { mlsd?: { facts?: Record<string, object> } }> };
  };
}
let builtInSchema: BuiltInSchema | undefined;
/**
 * The built-in checklist, read once per loadConfig: what a config's items, facts, languages and
 * conditions are checked against. Released when the config is loaded: kept, its object graph
 * slows the lint's garbage collection (a one-file lint took 6 ms longer).
 */
const builtIn = () => (builtInSchema ??= readDefaultSchema() as BuiltInSchema);

/** The built-in facts of an item, by name: a config's fact of the same name extends one (buildChecklistSchema). */
const builtInFacts = (id: string): Record<string, object> => builtIn().properties.items.properties[id]?.mlsd?.facts ?? {};

const frontMatterCheckers = new Map<string, ValidateFunction>();
/** Whether the front matter schema takes a value for a key: what a `required.when` value must be to ever match. */
function frontMatterAccepts(key: string, value: Scalar): boolean {
  let check = frontMatterCheckers.get(key);
  if (!check) {
    schemaChecker ??= createAjv();
    check = schemaChecker.compile(builtIn().properties.frontMatter.properties[key] ?? {});
    frontMatterCheckers.set(key, check);
  }
  return check(value);
}

/** The kind of a fact, by the key that makes it one, as the checklist compiles it (the first that is there). */
const FACT_KINDS = ['quantity', 'stages', 'tasks', 'choice', 'terms'] as const;
const factKind = (fact: object) => FACT_KINDS.find((kind) => kind in fact) ?? 'terms';

/** What a config may add to a built-in fact of each kind: its own kind's lists, and the settings every fact has. */
const EXTENDS_WITH: Record<(typeof FACT_KINDS)[number], string[]> = {
  quantity: ['quantity (units, near, unless, percentiles)', 'evidence', 'everywhere', 'prose', 'min'],
  stages: ['evidence', 'everywhere', 'prose', 'min'],
  tasks: ['evidence', 'everywhere', 'prose', 'min'],
  choice: ['choice', 'near', 'unless', 'evidence', 'everywhere', 'prose', 'min'],
  terms: ['terms', 'near', 'unless', 'evidence', 'everywhere', 'prose', 'min'],
};

/** A config's fact against the item's built-in one: it must extend it in kind; a new quantity fact needs its units and near words. */
function factProblems(name: string, fact: FactConfig, own: object | undefined): [(string | number)[], string][] {
  const at = ['facts', name];
  if (!own) {
    return (['units', 'near'] as const).flatMap((key) => (fact.quantity && fact.quantity[key] === undefined ? [[[...at, 'quantity'], `needs "${key}"`]] : [])) as [(string | number)[], string][];
  }
  const kind = factKind(own);
  const allowed = EXTENDS_WITH[kind];
  return Object.keys(fact)
    .filter((key) => !allowed.some((entry) => entry === key || entry.startsWith(`${key} `)))
    .map((key) => [[...at, key], `does not apply: the built-in fact "${name}" is a ${kind} fact, which a config extends with ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)!}`]);
}

/**
 * A term list that is not a valid set of regular expressions, or holds one that can backtrack
 * catastrophically: a term is matched against every block of every doc, and one with nested
 * quantifiers can take exponential time on a hostile doc and hang CI, so it is refused.
 */
function termProblems(lists: LangTerms | undefined, path: (string | number)[]): [(string | number)[], string][] {
  if (!lists) return [];
  if (!Array.isArray(lists)) return Object.entries(lists).flatMap(([lang, list]) => termProblems(list, [...path, lang]));
  try {
    validateTerms(lists);
  } catch (error) {
    return [[path, `has an invalid pattern (${(error as Error).message})`]];
  }
  return lists.flatMap((term, i): [(string | number)[], string][] => {
    const { pattern } = termCase(term);
    if (!safeRegex(pattern)) return [[[...path, i], `"${term}" can backtrack catastrophically (nested quantifiers such as (a+)+ or (\\w+\\s?)*); rewrite it without a quantifier inside a repeated group`]];
    const overlap = overlappingAlternatives(pattern);
    if (!overlap) return [];
    const [a, b] = overlap.alternatives;
    return [[[...path, i], `"${term}" can backtrack catastrophically: alternatives "${a}" and "${b}" of a repeated group can both start with "${overlap.char.toLowerCase()}", so a long word may split between them in exponentially many ways; rewrite it so that no two alternatives of a repeated group start with the same character (one character class for both, or one of them)`]];
  });
}

/** A language's pattern lists (hedges, deferrals, …, and the headings of deferred sections), checked as an item's terms are. */
function languagePatternProblems(language: LanguageSource): [(string | number)[], string][] {
  const lists = Object.entries(language.notSubstance ?? {}).flatMap(([name, list]) => termProblems(list, ['notSubstance', name]));
  return [...lists, ...termProblems(language.deferredSections, ['deferredSections'])];
}

/** What the config schema cannot see: term lists that are not valid regular expressions, facts that do not fit the item's own, and an item `schema` ajv cannot compile. */
function itemProblems(id: string, item: ItemConfig): [(string | number)[], string][] {
  const problems: [(string | number)[], string][] = [];
  for (const [name, fact] of Object.entries(item.facts ?? {})) problems.push(...factProblems(name, fact, builtInFacts(id)[name]));
  problems.push(...headingPatternProblems(item), ...whenProblems(item, builtIn().properties.frontMatter.properties, frontMatterAccepts));
  const terms = (lists: LangTerms | undefined, path: (string | number)[]) => problems.push(...termProblems(lists, path));
  terms(item.mentions, ['mentions']);
  terms(item.headingTerms, ['headingTerms']);
  for (const [name, fact] of Object.entries(item.facts ?? {})) {
    const at = ['facts', name];
    terms(fact.terms, [...at, 'terms']);
    terms(fact.near, [...at, 'near']);
    terms(fact.unless, [...at, 'unless']);
    terms(fact.quantity?.near, [...at, 'quantity', 'near']);
    terms(fact.quantity?.unless, [...at, 'quantity', 'unless']);
    terms(fact.quantity?.percentiles, [...at, 'quantity', 'percentiles']);
    for (const [value, list] of Object.entries(fact.choice ?? {})) terms(list, [...at, 'choice', value]);
  }
  if (item.schema) {
    // The checklist's own ajv set-up, so an item schema may declare rules (`mlsd.rule`) as the built-in items do.
    schemaChecker ??= createAjv();
    try {
      schemaChecker.compile(item.schema);
    } catch (error) {
      problems.push([['schema'], `is not a valid JSON Schema (${(error as Error).message})`]);
    }
  }
  return problems;
}

interface Layer {
  label: string;
  config: MlsdConfig;
  /** Where a key stands in the layer's file, for messages (presets have none). */
  lineOf?: ConfigSource['lineOf'];
  /** The folder of the layer's file (presets have none). */
  dir?: string;
}

/** The built-in presets, as config layers over the built-in checklist. */
function presetLayer(name: string, knownRules: readonly string[]): Layer {
  const schema = readDefaultSchema() as { properties: { items: { properties: Record<string, { title?: string }>; required?: string[] } } };
  const items = schema.properties.items;
  const ids = Object.keys(items.properties);
  if (name === 'mlsd:recommended') {
    const checklist = Object.fromEntries(ids.map((id) => [id, { title: items.properties[id]?.title ?? id, required: (items.required ?? []).includes(id) }]));
    return { label: name, config: { checklist } };
  }
  // Strict: every built-in item required, in a section of its own (a mention in passing is weak), every rule an error.
  const checklist = Object.fromEntries(ids.map((id) => [id, { required: true, heading: true, severity: 'error' as const }]));
  return { label: name, config: { checklist, rules: Object.fromEntries(knownRules.map((id) => [id, 'error' as const])) } };
}

const isFileReference = (entry: string) => entry.startsWith('./') || entry.startsWith('../') || isAbsolute(entry) || entry === '.' || entry === '..';

const isModule = (file: string) => /\.(?:c|m)?js$/.test(file);

/**
 * A JavaScript config, whose default export is the config object. It is imported and run: team
 * config is trusted code with the user's permissions, as an ESLint config is (SECURITY.md).
 */
async function importConfig(file: string, label: string): Promise<ConfigSource> {
  const mod = await importModule<Record<string, unknown>>(pathToFileURL(file).href);
  // Named exports only (CommonJS's module.exports always arrives as the default): they are not config keys.
  if (mod.default === undefined) {
    const named = Object.keys(mod);
    throw new ConfigError([{ file: label, message: `has no default export${named.length > 0 ? ` (it exports ${named.join(', ')})` : ''}: write \`export default { … }\`` }]);
  }
  return { path: file, label, data: mod.default, lineOf: () => undefined };
}

/** A config `extends` names by path: JavaScript is imported, as a package's is; anything else is YAML or JSON. */
async function loadFileConfig(file: string, cwd: string): Promise<ConfigSource | undefined> {
  if (!isModule(file)) return readConfigFile(file, cwd);
  if (!statSync(file, { throwIfNoEntry: false })) throw new ConfigError([{ file: displayPath(file, cwd), message: 'no such config file' }]);
  return importConfig(file, displayPath(file, cwd));
}

async function loadPackageConfig(entry: string, from: ConfigSource, cwd: string): Promise<ConfigSource> {
  const file = createRequire(from.path).resolve(entry);
  if (isModule(file)) return importConfig(file, `${entry} (${displayPath(file, cwd)})`);
  const source = readConfigFile(file, cwd);
  if (!source) throw new Error(`${file} has no "mlsd" key`);
  return { ...source, label: `${entry} (${source.label})` };
}

/** The layers a config stands for, its `extends` first (depth first, in order), then itself. */
async function layersOf(source: ConfigSource, options: LoadOptions, stack: string[]): Promise<Layer[]> {
  options.onRead?.(source.data);
  const config = validate(source, options.knownRules);
  const entries = config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
  const layers: Layer[] = [];
  for (const [i, entry] of entries.entries()) {
    const at = Array.isArray(config.extends) ? ['extends', i] : ['extends'];
    const problem = (message: string) => new ConfigError([{ file: source.label, line: source.lineOf(at), message: `${dotted(at)}: ${message}` }]);
    if (entry.startsWith('mlsd:')) {
      if (!(PRESETS as readonly string[]).includes(entry)) throw problem(`unknown preset "${entry}" (presets: ${PRESETS.join(', ')})`);
      layers.push(presetLayer(entry, options.knownRules));
      continue;
    }
    const isFile = isFileReference(entry);
    let next: ConfigSource | undefined;
    try {
      next = isFile ? await loadFileConfig(resolve(dirname(source.path), entry), options.cwd) : await loadPackageConfig(entry, source, options.cwd);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw problem(`cannot load ${isFile ? '' : 'package '}"${entry}" (${firstLine(error)})`);
      if (error.problems[0]?.message === 'no such config file') throw problem(`cannot find "${entry}"`);
      throw error;
    }
    if (!next) throw problem(`"${entry}" has no "mlsd" key`);
    if (stack.includes(next.path)) {
      const chain = [...stack.slice(stack.indexOf(next.path)), next.path].map((p) => displayPath(p, options.cwd));
      throw problem(`extends cycle: ${chain.join(' → ')}`);
    }
    layers.push(...(await layersOf(next, options, [...stack, next.path])));
  }
  layers.push({ label: source.label, config, lineOf: source.lineOf, dir: dirname(source.path) });
  // Rules this file or a layer it extends declares are known to its `rules`, as built-in ones are.
  const declared = layers.flatMap((layer) => declaredRules(layer.config).map((rule) => rule.id));
  checkRuleNames(source, config, [...options.knownRules, ...new Set(declared)]);
  return layers;
}

/** Apply one layer on top of the merged config, recording which layer set each key. */
function mergeLayer(merged: MergedConfig, sources: Map<string, string>, { config, label }: Layer): void {
  const set = (key: string) => sources.set(key, label);
  // An item merges key by key, so a layer can change one of its settings.
  for (const [id, item] of Object.entries(config.checklist ?? {})) {
    const target = (merged.checklist[id] ??= {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(item)) {
      target[key] = structuredClone(value);
      set(`checklist.${id}.${key}`);
    }
  }
  // Maps merge by key; lists grow at the end; any other value replaces the one before.
  for (const name of ['rules', 'answers', 'languages'] as const) {
    for (const [key, value] of Object.entries(config[name] ?? {})) {
      (merged[name] as Record<string, unknown>)[key] = structuredClone(value);
      set(`${name}.${key}`);
    }
  }
  for (const name of ['overrides', 'ignores'] as const) {
    for (const entry of config[name] ?? []) {
      set(`${name}[${merged[name].length}]`);
      (merged[name] as unknown[]).push(structuredClone(entry));
    }
  }
  for (const name of ['gitignore', 'paths', 'templates', 'drafts', 'sections'] as const) {
    if (config[name] === undefined) continue;
    (merged as unknown as Record<string, unknown>)[name] = structuredClone(config[name]);
    set(name);
  }
  if (config.maxFileSize !== undefined) {
    merged.maxFileSize = parseSize(config.maxFileSize); // the schema has checked it parses
    set('maxFileSize');
  }
}

/** Merge layers in order over an empty config; the built-in checklist (mlsd:recommended) is always the first. */
export function mergeLayers(layers: readonly Layer[], knownRules: readonly string[]) {
  const merged: MergedConfig = { checklist: {}, rules: {}, overrides: [], ignores: [], gitignore: true, answers: {}, languages: {} };
  const sources = new Map<string, string>();
  const all = [presetLayer('mlsd:recommended', knownRules), ...layers.filter((l) => l.label !== 'mlsd:recommended')];
  for (const layer of all) mergeLayer(merged, sources, layer);
  impliedRequired(merged.checklist, (id) => sources.set(`checklist.${id}.required`, IMPLIED));
  return { merged, sources, labels: all.map((l) => l.label) };
}

/** A layer's checklists: its own and each override's, with where they stand in it. */
const layerChecklists = (layer: Layer): { at: (string | number)[]; items: Record<string, ItemConfig> }[] => [
  { at: ['checklist'], items: layer.config.checklist ?? {} },
  ...(layer.config.overrides ?? []).map((o, i) => ({ at: ['overrides', i, 'checklist'], items: o.checklist ?? {} })),
];

/** The ids of the checklist's items: the built-in ones and those a layer gives a title to. */
function definedItems(layers: readonly Layer[]): Set<string> {
  const defined = new Set(Object.keys(builtIn().properties.items.properties));
  for (const layer of layers) for (const { items } of layerChecklists(layer)) for (const [id, item] of Object.entries(items)) if (item.title !== undefined) defined.add(id);
  return defined;
}

/**
 * A language's skeleton keyed by no item (`metric:` for `metrics:`) would never be inserted: the
 * item it was meant for would get another section without a word.
 */
function checkSkeletonIds(layers: readonly Layer[]): void {
  const defined = definedItems(layers);
  const problems: ConfigProblem[] = [];
  for (const layer of layers) {
    for (const [code, language] of Object.entries(layer.config.languages ?? {})) {
      for (const id of Object.keys(language.skeletons ?? {})) {
        if (defined.has(id)) continue;
        const where = ['languages', code, 'skeletons', id];
        problems.push({ file: layer.label, line: layer.lineOf?.(where), message: `${dotted(where)} is not a checklist item${didYouMean(id, defined)}` });
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * A checklist key that names no built-in item and no item a layer gives a title to is a typo
 * (`drift:` for `drift-monitoring:`), not a new item: it would silently add an item nobody meant.
 * A new item says so with its `title`.
 */
function checkItemIds(layers: readonly Layer[]): void {
  const defined = definedItems(layers);
  const problems: ConfigProblem[] = [];
  for (const layer of layers) {
    for (const { at, items } of layerChecklists(layer)) {
      for (const id of Object.keys(items)) {
        if (defined.has(id)) continue;
        const where = [...at, id];
        problems.push({
          file: layer.label,
          line: layer.lineOf?.(where),
          message: `${dotted(where)} is not a checklist item${didYouMean(id, defined)}; a new item needs a "title"`,
        });
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Schema keywords whose subschemas constrain the same model as the schema holding them. */
const SAME_MODEL = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'] as const;

/** The fact names an item schema constrains (`properties.facts.properties.<name>`, `properties.facts.required`), with where. */
function schemaFactNames(schema: unknown, at: (string | number)[]): { name: string; at: (string | number)[] }[] {
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown> & { properties?: { facts?: { properties?: object; required?: unknown } } };
  const facts = node.properties?.facts;
  const here = [...at, 'properties', 'facts'];
  const named = [
    ...Object.keys(facts?.properties ?? {}).map((name) => ({ name, at: [...here, 'properties', name] })),
    ...(Array.isArray(facts?.required) ? facts.required : []).map((name, i) => ({ name: String(name), at: [...here, 'required', i] })),
  ];
  for (const key of SAME_MODEL) {
    const sub = node[key];
    if (Array.isArray(sub)) sub.forEach((s, i) => named.push(...schemaFactNames(s, [...at, key, i])));
    else named.push(...schemaFactNames(sub, [...at, key]));
  }
  return named;
}

/**
 * An item schema that constrains a fact the item does not have (`durationz` for `durations`) never
 * fails: the model has no such list, so the team's rule would silently never fire.
 */
function checkSchemaFacts(layers: readonly Layer[]): void {
  const factsOf = new Map<string, Set<string>>();
  const known = (id: string) => {
    let names = factsOf.get(id);
    if (!names) factsOf.set(id, (names = new Set(Object.keys(builtInFacts(id)))));
    return names;
  };
  for (const layer of layers) for (const { items } of layerChecklists(layer)) for (const [id, item] of Object.entries(items)) for (const name of Object.keys(item.facts ?? {})) known(id).add(name);
  const problems: ConfigProblem[] = [];
  for (const layer of layers) {
    for (const { at, items } of layerChecklists(layer)) {
      for (const [id, item] of Object.entries(items)) {
        for (const fact of schemaFactNames(item.schema, [...at, id, 'schema'])) {
          const names = known(id);
          if (names.has(fact.name)) continue;
          const list = names.size === 0 ? 'the item has no facts' : `its facts: ${[...names].join(', ')}`;
          problems.push({ file: layer.label, line: layer.lineOf?.(fact.at), message: `${dotted(fact.at)} names no fact of ${id}, so it could never fail${didYouMean(fact.name, [...names])}; ${list}` });
        }
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * Term lists keyed by a language no document can be in: neither built in nor declared under
 * `languages` by any layer (an organisation's config may declare what a repository's uses).
 */
function checkLanguages(layers: readonly Layer[], declared: Record<string, LanguageSource>): void {
  const known = [...new Set([...Object.keys(builtIn().mlsd.languages ?? {}), ...Object.keys(declared)])];
  const problems: ConfigProblem[] = [];
  for (const layer of layers) {
    for (const { at, items } of layerChecklists(layer)) {
      for (const [id, item] of Object.entries(items)) {
        for (const [path, message] of languageProblems(item, known)) {
          const where = [...at, id, ...path];
          problems.push({ file: layer.label, line: layer.lineOf?.(where), message: `${dotted(where)} ${message}` });
        }
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * The team templates folder must be there: new, --fix and lint's template-suggestion read it, and a
 * misspelt path would otherwise leave them on the built-in templates without a word.
 */
function checkTemplates(templates: string | undefined, base: string, setBy: Layer | undefined): void {
  if (templates === undefined) return;
  const found = statSync(resolve(base, templates), { throwIfNoEntry: false });
  if (found?.isDirectory()) return;
  const message = found ? `templates: "${templates}" is not a folder` : `templates: cannot find the folder "${templates}"`;
  throw new ConfigError([{ file: setBy?.label ?? 'config', line: setBy?.lineOf?.(['templates']), message }]);
}

/**
 * Find (or take from --config), validate and flatten the config for a run. Every problem is a
 * ConfigError naming the file, line and key; the CLI turns it into exit code 2.
 */
export async function loadConfig(options: LoadOptions): Promise<ResolvedConfig> {
  try {
    return await loadConfigOnce(options);
  } finally {
    builtInSchema = undefined;
  }
}

async function loadConfigOnce(options: LoadOptions): Promise<ResolvedConfig> {
  let source: ConfigSource | undefined;
  if (options.configFile !== undefined) {
    const file = resolve(options.cwd, options.configFile);
    source = readConfigFile(file, options.cwd);
    if (!source) throw new ConfigError([{ file: displayPath(file, options.cwd), message: 'has no "mlsd" key' }]);
  } else if (!options.noConfig) {
    source = discoverConfig(options.cwd);
  }
  const layers = source ? await layersOf(source, options, [source.path]) : [];
  checkItemIds(layers);
  checkSkeletonIds(layers);
  checkSchemaFacts(layers);
  const { merged, sources, labels } = mergeLayers(layers, options.knownRules);
  checkLanguages(layers, merged.languages);
  const root = source ? dirname(source.path) : resolve(options.cwd);
  // Templates ship with the config that names them (an organisation's package holds its own), so
  // the folder is found from that file's folder, then stated from the root as every path is.
  const templatesLayer = layers.find((l) => l.label === sources.get('templates'));
  const templatesBase = templatesLayer?.dir ?? root;
  checkTemplates(merged.templates, templatesBase, templatesLayer);
  if (merged.templates !== undefined) merged.templates = relative(root, resolve(templatesBase, merged.templates)) || '.';
  const byLabel = new Map(layers.map((layer) => [layer.label, layer]));
  return {
    root,
    file: source?.label,
    layers: labels,
    config: merged,
    sources,
    placeOf: (path) => {
      const label = sources.get(dotted(path));
      return { file: label ?? source?.label ?? 'config', line: label === undefined ? undefined : byLabel.get(label)?.lineOf?.(path) };
    },
  };
}
