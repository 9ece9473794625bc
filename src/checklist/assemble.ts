import type { AnySchemaObject } from 'ajv';
import { parse } from 'yaml';
import type { RuleMeta, Severity } from './types.js';
import { vocabularySchema, type Vocabulary } from './vocabulary.js';

/**
 * The checklist's sources (schemas/checklist/): one top-level file, one file per item, one per rule.
 * `assembleChecklist` turns them into the one JSON Schema lint validates against and `npm run build`
 * publishes as schemas/checklist.schema.json. Pure: the files are read by ./sources.ts.
 */

/** checklist.yaml: what every checklist shares, and the order of its items. */
export interface ChecklistSource {
  $schema: string;
  $id: string;
  title: string;
  description: string;
  version: number;
  placeholders: string[];
  declared: Record<string, { item: string; fact: string }>;
  /** The words docs and `mlsd new` share: enums with synonyms, units. */
  vocabulary: Vocabulary;
  /** The front matter's JSON Schema; a key's `vocabulary: <name>` stands for that vocabulary's constraint. */
  frontMatter: AnySchemaObject;
  /** Applies to every item, built-in or a team's. */
  everyItem: AnySchemaObject;
  /** The schema of the document model's other properties (placeholders, declared). */
  model: Record<string, AnySchemaObject>;
  /** Item ids in the order a design doc presents them. */
  items: string[];
}

/** items/<id>.yaml */
export interface ItemSource {
  id: string;
  title: string;
  description: string;
  required: boolean;
  skeleton?: string;
  /** How lint finds the item and which facts it reads (aliases, mentions, mentionsExcept, facts). */
  mlsd: Record<string, unknown>;
  /** When the item is addressed with substance: JSON Schema over the item's model. */
  schema: AnySchemaObject;
}

/** languages/<code>.yaml: a language documents are written in, and what is no substance in it. */
export interface LanguageSource {
  name: string;
  /** Frequent short words that tell the language apart (its stop words). */
  stopwords: string[];
  /** Named lists (hedge, deferral, negation, guidance): a sentence holding one states nothing. */
  notSubstance?: Record<string, string[]>;
  /** Headings of sections whose content is deferred or set aside (future work, non-goals). */
  deferredSections?: string[];
  /** By item id: the section, heading first, `--fix` inserts for a missing item in a document in this language. */
  skeletons?: Record<string, string>;
}

/** The front matter of rules/<id>.md. */
export interface RuleFrontMatter {
  id: string;
  severity: Severity;
  description: string;
  help: string;
  /** The item the finding is about. */
  item?: string;
  /** What the constraint applies to: the item's model (the default) or the whole document model. */
  scope?: 'item' | 'document';
  /** A best-practice rule: its constraint. A core rule (logic in lint's code) has none. */
  constraint?: AnySchemaObject;
  /** Rank when only some findings can be shown (GitHub annotations): lower first. */
  priority?: number;
  /** A config (`checklist:` …) the examples are linted with, when the built-in checklist cannot show the rule. */
  exampleConfig?: Record<string, unknown>;
}

export interface RuleSource {
  meta: RuleFrontMatter;
  /** The rule's page: rationale, then failing and passing examples. */
  body: string;
  /** The file, relative to the package root: where its page is read and linked from. */
  docPath: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Split a rule file into its front matter (parsed) and its page. */
export function parseRuleFile(text: string, docPath: string): RuleSource {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error(`${docPath}: a rule file starts with YAML front matter between --- lines`);
  const meta = parse(match[1]!) as RuleFrontMatter;
  return { meta, body: text.slice(match[0].length), docPath };
}

/** The text of a `## heading` section of a page, as one paragraph. */
export function pageSection(body: string, heading: string): string | undefined {
  const start = body.indexOf(`\n## ${heading}\n`);
  const from = start === -1 ? (body.startsWith(`## ${heading}\n`) ? 0 : -1) : start + 1;
  if (from === -1) return undefined;
  const rest = body.slice(from).split('\n').slice(1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  const text = (end === -1 ? rest : rest.slice(0, end)).join('\n').trim();
  return text.replace(/\s*\n\s*/g, ' ') || undefined;
}

/** What the catalogue says of a rule, from its file. */
export function ruleMeta(rule: RuleSource): RuleMeta {
  const { id, severity, description, help, item, priority } = rule.meta;
  const rationale = pageSection(rule.body, 'Why it matters') ?? description;
  return { id, severity, description, rationale, help, docPath: rule.docPath, ...(item ? { item } : {}), ...(priority !== undefined ? { priority } : {}) };
}

/** The `mlsd` keyword a schema rule carries on its subschema. */
const ruleKeyword = (meta: RuleMeta) => {
  const { id, ...rest } = meta;
  return { rule: id, ...rest };
};

/** One JSON Schema from the checklist's files: items in the declared order, each rule's constraint where it applies. */
export function assembleChecklist(checklist: ChecklistSource, items: ItemSource[], rules: RuleSource[], languages: Record<string, LanguageSource> = {}): AnySchemaObject {
  const byId = new Map(items.map((item) => [item.id, item]));
  for (const id of checklist.items) if (!byId.has(id)) throw new Error(`checklist.yaml lists item "${id}", but there is no items/${id}.yaml`);
  for (const item of items) if (!checklist.items.includes(item.id)) throw new Error(`items/${item.id}.yaml: the item is not listed under "items" in checklist.yaml`);

  const sorted = [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
  const core: RuleMeta[] = [];
  const documentRules: AnySchemaObject[] = [];
  const itemRules = new Map<string, AnySchemaObject[]>();
  for (const rule of sorted) {
    const meta = ruleMeta(rule);
    if (rule.meta.item !== undefined && !byId.has(rule.meta.item)) throw new Error(`${rule.docPath}: item "${rule.meta.item}" is not a checklist item`);
    if (!rule.meta.constraint) {
      core.push(meta);
    } else if (rule.meta.scope === 'document') {
      documentRules.push({ mlsd: ruleKeyword(meta), ...rule.meta.constraint });
    } else {
      if (rule.meta.item === undefined) throw new Error(`${rule.docPath}: a rule on an item's content names its "item" (or says scope: document)`);
      itemRules.set(rule.meta.item, [...(itemRules.get(rule.meta.item) ?? []), { mlsd: ruleKeyword(meta), ...rule.meta.constraint }]);
    }
  }

  const frontMatter = withVocabulary(checklist.frontMatter, checklist.vocabulary);
  const properties = Object.fromEntries(
    checklist.items.map((id) => {
      const item = byId.get(id)!;
      const allOf = [...((item.schema.allOf as AnySchemaObject[] | undefined) ?? []), ...(itemRules.get(id) ?? [])];
      const mlsd = { ...item.mlsd, ...(item.skeleton !== undefined ? { skeleton: item.skeleton } : {}) };
      return [id, { title: item.title, description: item.description, mlsd, ...item.schema, ...(allOf.length > 0 ? { allOf } : {}) }];
    }),
  );

  return {
    $schema: checklist.$schema,
    $id: checklist.$id,
    title: checklist.title,
    description: checklist.description,
    type: 'object',
    mlsd: { version: checklist.version, placeholders: checklist.placeholders, languages, declared: checklist.declared, vocabulary: checklist.vocabulary, rules: core },
    properties: {
      frontMatter,
      items: {
        type: 'object',
        required: checklist.items.filter((id) => byId.get(id)!.required),
        patternProperties: { '': checklist.everyItem },
        properties,
      },
      ...checklist.model,
    },
    ...(documentRules.length > 0 ? { allOf: documentRules } : {}),
  };
}

/** The front matter schema with each `vocabulary: <name>` replaced by the constraint the vocabulary gives. */
function withVocabulary(frontMatter: AnySchemaObject, vocabulary: Vocabulary): AnySchemaObject {
  const keys = (frontMatter.properties ?? {}) as Record<string, AnySchemaObject>;
  const properties = Object.fromEntries(
    Object.entries(keys).map(([key, schema]) => {
      const { vocabulary: name, ...rest } = schema as AnySchemaObject & { vocabulary?: string };
      if (name === undefined) return [key, schema];
      const words = vocabulary[name];
      if (!words) throw new Error(`checklist.yaml: front matter "${key}" names vocabulary "${name}", which is not defined`);
      return [key, { ...rest, ...vocabularySchema(words) }];
    }),
  );
  return { ...frontMatter, properties };
}
