import { readFileSync } from 'node:fs';
import { Ajv, type AnySchemaObject } from 'ajv';
import ajvErrors from 'ajv-errors';
import { normalizeHeading } from './headings.js';
import { compileTerms } from './terms.js';
import { ChecklistError, type Checklist, type ChecklistItem, type FactSpec } from './types.js';

const DEFAULT_SCHEMA_URL = new URL('../../schemas/checklist.schema.json', import.meta.url);

/** The shape of the `mlsd` keyword, checked by ajv when the checklist schema is compiled. */
const termList = { type: 'array', items: { type: 'string' } };
const mlsdKeywordSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { type: 'integer' },
    placeholders: termList,
    aliases: termList,
    mentions: termList,
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
    facts?: Record<string, RawFact>;
    skeleton?: string;
  };
}

interface RawFact {
  terms?: string[];
  quantity?: { units: Record<string, number>; near: string[]; unless?: string[]; percentiles?: string[] };
  choice?: Record<string, string[]>;
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

function compileFact(name: string, raw: RawFact, where: string): FactSpec {
  const at = `${where}.facts.${name}`;
  const evidence = raw.evidence ?? false;
  if (raw.quantity) {
    const q = raw.quantity;
    return {
      kind: 'quantity',
      name,
      evidence,
      units: q.units,
      near: terms(q.near, at),
      unless: q.unless && terms(q.unless, at),
      percentiles: q.percentiles && terms(q.percentiles, at),
    };
  }
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
    facts: Object.entries(meta.facts ?? {}).map(([name, raw]) => compileFact(name, raw, where)),
    ...(meta.skeleton !== undefined ? { skeleton: meta.skeleton } : {}),
  };
}

/** Compile a checklist schema: the ajv validator plus the matchers lint needs to build the model. */
export function compileChecklist(schema: AnySchemaObject): Checklist {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  (ajvErrors as unknown as (ajv: Ajv) => Ajv)(ajv); // CJS default export seen through NodeNext typings
  ajv.addKeyword({ keyword: 'mlsd', metaSchema: mlsdKeywordSchema });

  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new ChecklistError(`invalid checklist schema: ${(error as Error).message}`);
  }

  const itemsSchema = (schema.properties?.items ?? {}) as { properties?: Record<string, ItemSchema>; required?: string[] };
  const required = new Set(itemsSchema.required ?? []);
  const items = Object.entries(itemsSchema.properties ?? {}).map(([id, item]) => compileItem(id, item, required.has(id)));

  return {
    id: typeof schema.$id === 'string' ? schema.$id : 'inline',
    items,
    placeholders: terms((schema.mlsd as { placeholders?: string[] } | undefined)?.placeholders, 'checklist placeholders'),
    validate,
  };
}

let cached: Checklist | undefined;

/** The built-in checklist, compiled once per process. */
export function defaultChecklist(): Checklist {
  cached ??= compileChecklist(readDefaultSchema());
  return cached;
}
