import { ruleOf } from '../checklist/catalogue.js';
import type { Checklist } from '../checklist/types.js';
import { fnv1a, hex } from './fingerprint.js';
import type { FrontMatter } from './frontmatter.js';
import type { Outline } from './outline.js';
import type { Diagnostic } from './types.js';

export const TEMPLATE_SUGGESTION = 'template-suggestion';

/**
 * Template text: the sentences a template suggests, as fingerprints, so lint can tell a section
 * nobody wrote from one somebody did. Pure: the fingerprints are handed in (the CLI reads them
 * from the template's fingerprints.json; `mlsd templates --fingerprint` writes that file).
 */
export interface TemplateText {
  /** How the finding names the template: "fraud-detection template, version 2". */
  label: string;
  fingerprints: ReadonlySet<string>;
}

/** Finds a template's text by the id and version a draft's front matter names (version undefined: any). */
export type TemplateTextLookup = (template: string, version: number | undefined) => TemplateText | undefined;

/**
 * The sentences of a text, each normalized so that Markdown syntax, case, spacing, list markers,
 * link targets and final punctuation don't make two sentences differ. Sentences with no letter or
 * digit (a table's delimiter row) are dropped.
 */
export function sentencesOf(text: string): string[] {
  const plain = text
    .normalize('NFKC')
    .replace(/\]\([^)]*\)/g, ']') // a link's target: lint's outline blanks it too
    .replace(/https?:\/\/[^\s)>\]]+/g, ' ')
    .replace(/\\$/gm, '') // hard line breaks
    // A line break inside a paragraph is a space (editors rewrap); a blank line, a heading, a list item or a table row starts anew.
    .replace(/\n(?![ \t]*(?:\n|#|\||>|[-+*][ \t]|\d+[.)][ \t]))/g, ' ')
    .replace(/^\s*(?:>\s*)*(?:[-+*]\s+|\d+[.)]\s+)?/gm, '')
    .replace(/[*`[\]()|]+/g, ' ')
    .toLowerCase();
  return plain
    .split(/(?<=[.!?;:])\s+|\n/)
    .map((s) =>
      s
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[\s.,;:!?-]+$/, ''),
    )
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

export const sentenceFingerprint = (sentence: string) => hex(fnv1a(sentence, 0x811c9dc5)) + hex(fnv1a(sentence, 0x9747b28c));

/** The fingerprints of every sentence of a text. */
export const fingerprintsOf = (text: string): string[] => sentencesOf(text).map(sentenceFingerprint);

const ERROR_STATUSES = new Set(['review', 'approved']);

/**
 * One finding per section whose every sentence is the named template's text, unchanged: a warning
 * while the draft's status is draft, an error once it asks for review or is approved. A section
 * with a sentence of the author's own is left alone, as is any document that names no template.
 */
export function templateSuggestions(outline: Outline, frontMatter: FrontMatter, lookup: TemplateTextLookup, checklist: Checklist): Diagnostic[] {
  const { template, template_version: version, status } = frontMatter.data;
  if (typeof template !== 'string') return [];
  const text = lookup(template, typeof version === 'number' ? version : undefined);
  if (!text) return [];

  // Each block belongs to its innermost Markdown heading (bold lines standing as headings are prose here).
  const sentences = new Map<number, string[]>();
  for (const block of outline.blocks) {
    if (block.kind === 'heading' || block.kind === 'diagram') continue;
    const section = block.sections.findLast((i) => outline.sections[i]!.level <= 6);
    if (section === undefined) continue;
    const list = sentences.get(section) ?? [];
    list.push(...sentencesOf(block.text));
    sentences.set(section, list);
  }
  const rule = ruleOf(checklist, TEMPLATE_SUGGESTION);
  const severity = typeof status === 'string' && ERROR_STATUSES.has(status) ? 'error' : rule.severity;
  const found: Diagnostic[] = [];
  for (const [i, list] of sentences) {
    if (list.length === 0 || !list.every((s) => text.fingerprints.has(sentenceFingerprint(s)))) continue;
    const { title, span } = outline.sections[i]!;
    found.push({
      line: span.start.line,
      column: span.start.column,
      endLine: span.end.line,
      endColumn: span.end.column,
      severity,
      ruleId: TEMPLATE_SUGGESTION,
      message: `Section "${title}" still holds the text suggested by the ${text.label}, unchanged: replace it with what this design decides.`,
      hint: rule.help,
    });
  }
  return found;
}
