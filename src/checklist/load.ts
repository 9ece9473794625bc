import { readFileSync } from 'node:fs';
import type { Ajv, AnySchemaObject, ValidateFunction } from 'ajv';
import { loadPrecompiled } from './precompiled.js';
import { newAjv } from './ajv.js';
import { normalizeHeading } from './headings.js';
import { compileTerms } from './terms.js';
import type { Vocabulary } from './vocabulary.js';
import { ChecklistError, type Checklist, type ChecklistItem, type FactSpec, type QuantitySpec, type RuleMeta, type SchemaRule } from './types.js';

const DEFAULT_SCHEMA_URL = new URL('../../schemas/checklist.schema.json', import.meta.url);

/** The shape of the `mlsd` keyword, checked by ajv when the checklist schema is compiled. */
const termList = { type: 'array', items: { type: 'string' } };
/** What the catalogue says of a rule (see RuleMeta); on a subschema, `rule` names it. */
const ruleFields = {
  severity: { enum: ['error', 'warning'] },
  description: { type: 'string' },
  rationale: { type: 'string' },
  help: { type: 'string' },
  item: { type: 'string' },
  docPath: { type: 'string' },
  priority: { type: 'number' },
};
const RULE_ID = '^[a-z][a-z0-9-]*$';
const mlsdKeywordSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { type: 'integer' },
    rule: { type: 'string', pattern: RULE_ID },
    ...ruleFields,
    /** Lint's own rules (their logic is code), as the built-in checklist's rule files describe them. */
    rules: {
      type: 'array',
      items: { type: 'object', required: ['id', 'severity', 'description'], additionalProperties: false, properties: { id: { type: 'string', pattern: RULE_ID }, ...ruleFields } },
    },
    placeholders: termList,
    /** The words docs and `mlsd new` share (./vocabulary.ts). */
    vocabulary: { type: 'object', additionalProperties: { type: 'object' } },
    aliases: termList,
    mentions: termList,
    mentionsExcept: termList,
    declared: {
      type: 'object',
      additionalProperties: { type: 'object', required: ['item', 'fact'], additionalProperties: false, properties: { item: { type: 'string' }, fact: { type: 'string' } } },
    },
    skeleton: { type: 'string' },
    facts: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          terms: termList,
          quantity: {
            type: 'object',
            required: ['units', 'near'],
            additionalProperties: false,
            properties: {
              units: { type: 'object', additionalProperties: { type: 'number' } },
              near: termList,
              unless: termList,
              percentiles: termList,
            },
          },
          choice: { type: 'object', additionalProperties: termList },
          stages: {
            type: 'object',
            required: ['quantity', 'total'],
            additionalProperties: false,
            properties: { quantity: { type: 'string' }, total: termList },
          },
          tasks: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: termList } },
          near: termList,
          evidence: { type: 'boolean' },
        },
      },
    },
  },
};

interface ItemSchema {
  title?: string;
  description?: string;
  mlsd?: {
    aliases?: string[];
    mentions?: string[];
    mentionsExcept?: string[];
    facts?: Record<string, RawFact>;
    skeleton?: string;
  };
}

interface RawFact {
  terms?: string[];
  quantity?: { units: Record<string, number>; near: string[]; unless?: string[]; percentiles?: string[] };
  choice?: Record<string, string[]>;
  stages?: { quantity: string; total: string[] };
  tasks?: { reason: string[] };
  near?: string[];
  evidence?: boolean;
}

export function readDefaultSchema(): AnySchemaObject {
  return JSON.parse(readFileSync(DEFAULT_SCHEMA_URL, 'utf8')) as AnySchemaObject;
}

function terms(list: string[] | undefined, where: string) {
  try {
    return compileTerms(list ?? []);
  } catch (error) {
    throw new ChecklistError(`${where}: invalid pattern (${(error as Error).message})`);
  }
}

function compileQuantity(name: string, q: NonNullable<RawFact['quantity']>, at: string): QuantitySpec {
  return {
    kind: 'quantity',
    name,
    units: q.units,
    near: terms(q.near, at),
    unless: q.unless && terms(q.unless, at),
    percentiles: q.percentiles && terms(q.percentiles, at),
  };
}

function compileFact(name: string, raw: RawFact, siblings: Record<string, RawFact>, where: string): FactSpec {
  const at = `${where}.facts.${name}`;
  const evidence = raw.evidence ?? false;
  if (raw.quantity) return { ...compileQuantity(name, raw.quantity, at), evidence };
  if (raw.stages) {
    const quantity = siblings[raw.stages.quantity]?.quantity;
    if (!quantity) throw new ChecklistError(`${at}: stages.quantity must name a quantity fact of the same item`);
    return { kind: 'stages', name, evidence, quantity: compileQuantity(raw.stages.quantity, quantity, at), total: terms(raw.stages.total, at) };
  }
  if (raw.tasks) return { kind: 'tasks', name, evidence, reason: terms(raw.tasks.reason, at) };
  if (raw.choice) {
    return {
      kind: 'choice',
      name,
      evidence,
      options: Object.entries(raw.choice).map(([value, list]) => ({ value, terms: terms(list, `${at}.${value}`) })),
      near: raw.near && terms(raw.near, at),
    };
  }
  return { kind: 'terms', name, evidence, terms: terms(raw.terms, at), near: raw.near && terms(raw.near, at) };
}

function compileItem(id: string, schema: ItemSchema, required: boolean): ChecklistItem {
  const meta = schema.mlsd ?? {};
  const where = `checklist item "${id}"`;
  const aliases = [schema.title ?? id, ...(meta.aliases ?? [])].map(normalizeHeading).filter(Boolean);
  return {
    id,
    title: schema.title ?? id,
    hint: schema.description ?? '',
    required,
    aliases: [...new Set(aliases)].sort((a, b) => b.length - a.length),
    mentions: terms(meta.mentions, where),
    mentionsExcept: meta.mentionsExcept && terms(meta.mentionsExcept, where),
    facts: Object.entries(meta.facts ?? {}).map(([name, raw]) => compileFact(name, raw, meta.facts ?? {}, where)),
    ...(meta.skeleton !== undefined ? { skeleton: meta.skeleton } : {}),
  };
}

/** Compile a checklist schema: the ajv validator plus the matchers lint needs to build the model. */
/** The one ajv set-up every checklist is compiled with (at run time, or ahead of time by the build). */
export function createAjv(options: { source?: boolean } = {}): Ajv {
  // $data lets a constraint compare two facts (the stages' sum against the total budget).
  const ajv = newAjv({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    allowMatchingProperties: true, // patternProperties applies a rule to every item, named ones included
    $data: true,
    ...(options.source ? { code: { source: true, esm: false } } : {}),
  });
  ajv.addKeyword({ keyword: 'mlsd', metaSchema: mlsdKeywordSchema });
  return ajv;
}

/**
 * Compile a checklist schema: the ajv validator plus the matchers lint needs to build the model.
 * A validator compiled ahead of time for this very schema may be passed in to skip ajv's compile.
 */
export function compileChecklist(schema: AnySchemaObject, precompiled?: ValidateFunction): Checklist {
  let validate = precompiled;
  try {
    validate ??= createAjv().compile(schema);
  } catch (error) {
    throw new ChecklistError(`invalid checklist schema: ${(error as Error).message}`);
  }

  const itemsSchema = (schema.properties?.items ?? {}) as { properties?: Record<string, ItemSchema>; required?: string[] };
  const required = new Set(itemsSchema.required ?? []);
  const items = Object.entries(itemsSchema.properties ?? {}).map(([id, item]) => compileItem(id, item, required.has(id)));

  const rules = collectRules(schema);
  return {
    id: typeof schema.$id === 'string' ? schema.$id : 'inline',
    items,
    rules,
    catalogue: ruleCatalogue(schema, rules),
    declared: declaredFacts(schema, items),
    placeholders: terms((schema.mlsd as { placeholders?: string[] } | undefined)?.placeholders, 'checklist placeholders'),
    vocabulary: vocabularyOf(schema) ?? vocabularyOf(readDefaultSchema()) ?? {},
    validate,
  };
}

/** Front matter keys that state a fact the body states too (`mlsd.declared`), with the fact's spec to read them. */
function declaredFacts(schema: AnySchemaObject, items: ChecklistItem[]): Checklist['declared'] {
  const declared = (schema.mlsd as { declared?: Record<string, { item: string; fact: string }> } | undefined)?.declared ?? {};
  return Object.entries(declared).flatMap(([key, { item, fact }]) => {
    const spec = items.find((i) => i.id === item)?.facts.find((f) => f.name === fact);
    if (!spec) throw new ChecklistError(`checklist declared.${key}: item "${item}" has no fact "${fact}"`);
    return [{ key, spec }];
  });
}

type RuleFields = Partial<Omit<RuleMeta, 'id'>>;

/** A rule's catalogue entry from what its checklist says of it; a team rule may say little. */
function describeRule(id: string, meta: RuleFields): RuleMeta {
  const description = meta.description ?? '';
  return {
    id,
    severity: meta.severity ?? 'warning',
    description,
    rationale: meta.rationale ?? description,
    help: meta.help ?? `${description} Run \`mlsd explain ${id}\` for why it matters.`,
    ...(meta.item ? { item: meta.item } : {}),
    ...(meta.docPath ? { docPath: meta.docPath } : {}),
    ...(meta.priority !== undefined ? { priority: meta.priority } : {}),
  };
}

/** Every subschema with `mlsd.rule`, keyed by its JSON pointer (as ajv's schemaPath spells it). */
function collectRules(schema: unknown): Map<string, SchemaRule> {
  const rules = new Map<string, SchemaRule>();
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    const meta = (node as { mlsd?: RuleFields & { rule?: string } }).mlsd;
    if (meta?.rule) rules.set(path, describeRule(meta.rule, meta));
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'mlsd') walk(child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  walk(schema, '#');
  return rules;
}

const vocabularyOf = (schema: AnySchemaObject) => (schema.mlsd as { vocabulary?: Vocabulary } | undefined)?.vocabulary;

/** The built-in checklist's vocabulary (checklist.yaml), without compiling the checklist: what `mlsd new` offers and checks. */
export function defaultVocabulary(): Vocabulary {
  vocabulary ??= cached?.vocabulary ?? vocabularyOf(readDefaultSchema()) ?? {};
  return vocabulary;
}
let vocabulary: Vocabulary | undefined;

/** Lint's own rules as a checklist describes them; a schema that does not (an inline one) gets the built-in checklist's. */
function coreRules(schema: AnySchemaObject): RuleMeta[] {
  const declared = (checklist: AnySchemaObject) => (checklist.mlsd as { rules?: (RuleFields & { id: string })[] } | undefined)?.rules;
  return (declared(schema) ?? declared(readDefaultSchema()) ?? []).map((rule) => describeRule(rule.id, rule));
}

/** Every rule a checklist can report, by id: lint's own, then those its schema declares (first declaration wins). */
function ruleCatalogue(schema: AnySchemaObject, rules: Map<string, SchemaRule>): Map<string, RuleMeta> {
  const catalogue = new Map(coreRules(schema).map((rule) => [rule.id, rule]));
  for (const rule of rules.values()) if (!catalogue.has(rule.id)) catalogue.set(rule.id, rule);
  return catalogue;
}

let cached: Checklist | undefined;

/** The built-in checklist, compiled once per process; ajv's work done at build time when it can be. */
export function defaultChecklist(): Checklist {
  if (!cached) {
    const text = readFileSync(DEFAULT_SCHEMA_URL, 'utf8');
    cached = compileChecklist(JSON.parse(text) as AnySchemaObject, loadPrecompiled(text));
  }
  return cached;
}
