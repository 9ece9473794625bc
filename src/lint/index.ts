import { severityOf } from '../checklist/catalogue.js';
import type { Checklist } from '../checklist/types.js';
import { FRONT_MATTER_YAML, parseFrontMatter } from './frontmatter.js';
import { MAX_NESTING, NESTING_TOO_DEEP, tooDeep } from './depth.js';
import { addFingerprints } from './fingerprint.js';
import { buildModel, type DocumentModel } from './model.js';
import { buildOutline } from './outline.js';
import { parseMarkdown } from './parse.js';
import { applySuppressions, findDirectives } from './suppress.js';
import type { Diagnostic, ItemReport, LintResult } from './types.js';
import { validateModel } from './validate.js';
import { templateSuggestions, type TemplateTextLookup } from './template-text.js';

export type { Diagnostic, ItemReport, ItemState, LintResult, Suppression } from './types.js';
export type { DocumentModel } from './model.js';
export type { TemplateText, TemplateTextLookup } from './template-text.js';

export interface LintOptions {
  /** Finds the text of the template a draft names, for the template-suggestion rule; without it the rule is skipped. */
  templateText?: TemplateTextLookup;
}

// Code-unit order for rule ids: localeCompare would load ICU's collator (~6 ms of a one-file lint).
const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/**
 * Lint one Markdown design doc against a checklist. Pure: text in, result out, no I/O.
 * Parse → outline (sections and prose blocks) → document model + source map → ajv → diagnostics,
 * then inline suppressions mark what they waive and every finding gets a fingerprint.
 */
export function lint(text: string, checklist: Checklist, options: LintOptions = {}): LintResult & { model: DocumentModel } {
  // Refused before parsing: nesting this deep costs the parser time per line and stack per level.
  const deep = tooDeep(text);
  if (deep) {
    const message = `Lists or blockquotes nest at least ${deep.depth} levels deep here, more than the ${MAX_NESTING} mlsd reads; the file was not linted.`;
    const span = { line: deep.line, column: 1, endLine: deep.line, endColumn: 1 };
    return {
      diagnostics: addFingerprints([{ ...span, severity: severityOf(checklist, NESTING_TOO_DEEP), ruleId: NESTING_TOO_DEEP, message }], text),
      checklist: {},
      items: {},
      model: { frontMatter: {}, items: {}, placeholders: [], declared: {} },
    };
  }
  const outline = buildOutline(parseMarkdown(text), text);
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
    items[id] = found ? { state, via: found.via, line: span?.start.line, sections: found.sections } : { state };
  }

  return {
    diagnostics: addFingerprints(applySuppressions([...yamlErrors, ...validated.diagnostics, ...suggested], findDirectives(outline), checklist).sort(byPosition), text),
    checklist: validated.checklist,
    items,
    model: built.model,
  };
}
