import { isMap, isPair, isScalar, parseDocument, visit } from 'yaml';
import { firstLine } from '../errors.js';
import type { Outline } from './outline.js';
import type { Span } from './position.js';

/** The rule a YAML error in the front matter is reported under (schemas/checklist/rules/front-matter-yaml.md). */
export const FRONT_MATTER_YAML = 'front-matter-yaml';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** Where each top-level key stands, for the source map. */
  keys: Map<string, Span>;
  errors: { message: string; span: Span }[];
  /** Every string value, as written (quotes included), with its offset in the document: where placeholders are looked for. */
  strings: { text: string; offset: number }[];
}

/**
 * A line as most front matter is written: a plain key, then a plain string on one line (no quotes,
 * no indicator first, no control characters). Such lines are read without the YAML parser, which
 * costs a lint more than the rest of its front matter work (bench/README.md, "Tenth round").
 */
const PLAIN_LINE = /^([A-Za-z_][\w-]*): +(?![-?:,[\]{}#&*!|>'"%@`\s])([^\p{Cc}\p{Cs}\u2028\u2029\ufeff\ufffe\uffff]+)$/u;
/** What YAML 1.2's core schema reads as null, a boolean or a number rather than a string. */
const NOT_A_STRING = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** Where a plain string would end or take a comment: YAML would read more into the line. */
const NOT_PLAIN = /: |:$| #| $/;

/** Front matter whose every line is a plain key and string, read as the YAML parser reads it; otherwise undefined. */
function readPlainLines(value: string, valueOffset: number, outline: Outline): FrontMatter | undefined {
  const result: FrontMatter = { data: {}, keys: new Map(), errors: [], strings: [] };
  let lineStart = valueOffset;
  for (const line of value.split('\n')) {
    const m = PLAIN_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    const text = m[2]!;
    if (NOT_PLAIN.test(text) || NOT_A_STRING.test(text) || NOT_A_STRING.test(key) || key === '__proto__' || result.keys.has(key)) return undefined;
    result.data[key] = text;
    result.keys.set(key, outline.lines.span(lineStart, lineStart + key.length));
    result.strings.push({ text, offset: lineStart + line.length - text.length });
    lineStart += line.length + 1;
  }
  return result;
}

/** Parse the YAML front matter; a YAML error becomes an error at its line, never an exception. */
export function parseFrontMatter(outline: Outline): FrontMatter {
  const result: FrontMatter = { data: {}, keys: new Map(), errors: [], strings: [] };
  const fm = outline.frontMatter;
  if (!fm) return result;

  const source = outline.lines.text;
  const valueOffset = source.indexOf(fm.value, fm.offset);
  const plain = readPlainLines(fm.value, valueOffset, outline);
  if (plain) return plain;
  const spanOf = (range: readonly number[] | undefined) =>
    outline.lines.span(valueOffset + (range?.[0] ?? 0), valueOffset + (range?.[1] ?? range?.[0] ?? 0));

  const doc = parseDocument(fm.value, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  for (const error of doc.errors) {
    result.errors.push({ message: `Front matter is not valid YAML: ${firstLine(error)}`, span: spanOf(error.pos) });
  }
  if (doc.errors.length > 0) return result;

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    result.errors.push({ message: `Front matter cannot be read: ${(error as Error).message}`, span: fm.span });
    return result;
  }
  if (value === null || value === undefined) return result;
  if (typeof value !== 'object' || Array.isArray(value)) {
    result.errors.push({ message: 'Front matter must be a mapping of keys to values.', span: fm.span });
    return result;
  }
  result.data = value as Record<string, unknown>;
  visit(doc, {
    Scalar(key, node, path) {
      const parent = path.at(-1);
      if (key === 'key' && isPair(parent)) return; // a key names a value; it is not one
      if (typeof node.value !== 'string' || !node.range) return;
      result.strings.push({ text: source.slice(valueOffset + node.range[0], valueOffset + node.range[1]), offset: valueOffset + node.range[0] });
    },
  });
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key)) result.keys.set(String(pair.key.value), spanOf(pair.key.range ?? undefined));
    }
  }
  return result;
}
