import type { Root } from 'mdast';
import { severityOf } from '../checklist/catalogue.js';
import { nextDocument } from '../checklist/text-memo.js';
import type { Checklist } from '../checklist/types.js';
import { FRONT_MATTER_YAML, parseFrontMatter } from './frontmatter.js';
import { MAX_NESTING, NESTING_TOO_DEEP, tooDeep } from './depth.js';
import { withLineFeeds } from './line-breaks.js';
import { addFingerprints } from './fingerprint.js';
import { buildModel, type DocumentModel } from './model.js';
import { buildOutline } from './outline.js';
import { parseLong } from './incremental-parse.js';
import { applySeverities } from './severity.js';
import { applySuppressions, findDirectives } from './suppress.js';
import { unknownTargets } from './suppression-targets.js';
import type { Diagnostic, ItemReport, LintResult } from './types.js';
import { validateModel } from './validate.js';
import { templateSuggestions, type TemplateTextLookup } from './template-text.js';

export type { Diagnostic, Evidence, ItemReport, ItemState, LintResult, Suppression } from './types.js';
export type { DocumentModel } from './model.js';
export type { TemplateText, TemplateTextLookup } from './template-text.js';

export interface LintOptions {
  /** Finds the text of the template a draft names, for the template-suggestion rule; without it the rule is skipped. */
  templateText?: TemplateTextLookup;
  /** Parses the text; an editor passes an IncrementalParser's, which gives the same tree faster after an edit. */
  parse?: (text: string) => Root;
}

const kindOf = (value: unknown) => (value === null ? 'null' : value instanceof Uint8Array ? 'bytes (decode them to a string first)' : typeof value);

const QUOTE_LENGTH = 160;

/** Words kept before the evidence when a long line is quoted from the middle. */
const QUOTE_BEFORE = 40;

/**
 * A line as a reader would quote it: Markdown markers, bold and surrounding space dropped. A long line is
 * cut to QUOTE_LENGTH around `column` (the evidence's, 1-based), so the quote holds what it cites,
 * and never inside a character that takes two UTF-16 units (an emoji).
 */
function quoteLine(line: string, column: number): string {
  const rest = line.slice(/^\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|>\s*|\|)?/.exec(line)![0].length);
  // Strong emphasis and a hard break's backslash are markup; the quote is the words.
  const text = rest.replace(/\*\*(?=\S)|(?<=\S)\*\*/g, '').replace(/\s*\\?\s*\|?\s*$/, '').trim();
  if (text.length <= QUOTE_LENGTH) return text;
  const at = column - 1 - (line.length - rest.trimStart().length); // the evidence, in `text`
  if (at < QUOTE_LENGTH - QUOTE_BEFORE) return `${text.slice(0, whole(text, QUOTE_LENGTH - 1))}…`;
  const from = Math.min(at, text.indexOf(' ', Math.max(0, at - QUOTE_BEFORE)) + 1 || at); // at a word's start
  const to = whole(text, from + QUOTE_LENGTH - 2);
  return `…${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

/** `end`, or one less where it would split a surrogate pair. */
const whole = (text: string, end: number) => (end < text.length && /[\ud800-\udbff]/.test(text[end - 1] ?? '') ? end - 1 : end);

// Code-unit order for rule ids: localeCompare would load ICU's collator, a cost a one-file lint
// notices (bench/README.md, "Measurements behind the code").
const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/**
 * The text without a leading byte-order mark, as the CLI's decoder reads a file. The parser skips
 * the mark while the outline slices the text by the parser's offsets, so left in, it would shift
 * every heading and block by one character ("Metric" for "Metrics").
 */
const withoutByteOrderMark = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Findings at the levels the checklist's config gives (its `rules` and items' `severity`). */
const atLevels = (diagnostics: Diagnostic[], checklist: Checklist) => (checklist.severities ? applySeverities(diagnostics, checklist.severities) : diagnostics);

/**
 * Lint one Markdown design doc against a checklist. Pure: text in, result out, no I/O.
 * Parse → outline (sections and prose blocks) → document model + source map → ajv → diagnostics,
 * then inline suppressions mark what they waive, every finding gets a fingerprint, and the
 * checklist's severities (from a config: see loadChecklist) set each finding's level or drop it.
 */
export function lint(source: string, base: Checklist, options: LintOptions = {}): LintResult & { model: DocumentModel } {
  // From JavaScript anything can arrive: say what was wrong rather than fail deep inside.
  if (typeof source !== 'string') throw new TypeError(`lint(text, checklist): text must be a string, not ${kindOf(source)}`);
  if (typeof base?.detectLanguage !== 'function') throw new TypeError('lint(text, checklist): checklist must be one that defaultChecklist(), loadChecklist() or compileChecklist() gives');
  const text = withLineFeeds(withoutByteOrderMark(source)); // an old Mac file's lines are lines to every reader
  nextDocument(); // memoised answers about this document's texts replace the one before last's
  // Refused before parsing: nesting this deep costs the parser time per line and stack per level.
  const deep = tooDeep(text);
  if (deep) {
    const message = `Lists or blockquotes nest at least ${deep.depth} levels deep here, more than the ${MAX_NESTING} mlsd reads; the file was not linted.`;
    const span = { line: deep.line, column: 1, endLine: deep.line, endColumn: 1 };
    return {
      diagnostics: atLevels(addFingerprints([{ ...span, severity: severityOf(base, NESTING_TOO_DEEP), ruleId: NESTING_TOO_DEEP, message }], text), base),
      checklist: {},
      items: {},
      language: base.language,
      model: { frontMatter: {}, items: {}, placeholders: [], declared: {} },
    };
  }
  const outline = buildOutline((options.parse ?? parseLong)(text), text);
  const checklist = base.inLanguage(base.detectLanguage(text));
  const frontMatter = parseFrontMatter(outline);
  const built = buildModel(outline, frontMatter, checklist);
  const validated = validateModel(checklist, built);

  const yamlErrors: Diagnostic[] = frontMatter.errors.map(({ message, span }) => ({
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    severity: severityOf(checklist, FRONT_MATTER_YAML),
    ruleId: FRONT_MATTER_YAML,
    message,
  }));

  const suggested = options.templateText ? templateSuggestions(outline, frontMatter, options.templateText, checklist) : [];

  const items: Record<string, ItemReport> = {};
  for (const [id, state] of Object.entries(validated.checklist)) {
    const found = built.model.items[id];
    const span = built.sourceMap.get(`/items/${id}`);
    if (!found || !span) {
      items[id] = state === 'absent' && !validated.missing.has(id) ? { state, optional: true } : { state };
      continue;
    }
    const where = state === 'present' ? (built.evidence.get(id) ?? []) : [span.start];
    const lacks = validated.lacks.get(id);
    items[id] = {
      state,
      via: found.via,
      line: span.start.line,
      sections: found.sections,
      evidence: where.map((at) => ({ line: at.line, column: at.column, quote: quoteLine(outline.lines.lineText(at.line), at.column) })),
      ...(lacks ? { lacks } : {}),
    };
  }

  const directives = findDirectives(outline);
  return {
    diagnostics: atLevels(addFingerprints([...applySuppressions([...yamlErrors, ...validated.diagnostics, ...suggested], directives, checklist), ...unknownTargets(directives, checklist)].sort(byPosition), text), base),
    checklist: validated.checklist,
    items,
    language: checklist.language,
    model: built.model,
  };
}
