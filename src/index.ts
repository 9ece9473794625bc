/**
 * mlsd as a library (`import … from 'mlsd'`): lint a design doc's text against a checklist, load the
 * checklist a config gives, and test a checklist's rules by their examples (the rule tester).
 */
import { resolve } from 'node:path';
import { Checklists, settingsFor, type FileSettings } from './config/settings.js';
import { configFor, relativeToRoot } from './config/resolve.js';
import type { Checklist } from './checklist/types.js';
import { lint, type LintResult } from './lint/index.js';
import { templateTextLookup } from './run/template-text.js';

export { lint } from './lint/index.js';
export type { Diagnostic, DocumentModel, Evidence, ItemReport, ItemState, LintOptions, LintResult, Suppression, TemplateText, TemplateTextLookup } from './lint/index.js';
export { compileChecklist, defaultChecklist } from './checklist/load.js';
export { buildChecklistSchema } from './config/checklist-schema.js';
export type { Checklist, ChecklistItem, RuleMeta, Severity } from './checklist/types.js';
export { checkRuleExample, ruleExamples, ruleExamplesIn, type RuleExample } from './rule-tester.js';

export interface LoadChecklistOptions {
  /** Where the config search starts (default: the working directory). */
  cwd?: string;
  /** A config file to use instead of searching; `false`: the built-in checklist only. */
  config?: string | false;
  /** The file the checklist is for, so the config's `overrides` that match it apply. */
  file?: string;
}

/**
 * The checklist `mlsd lint` judges a file by, from the config it finds (or is given) as the CLI does,
 * with the config's levels (`rules`, items' `severity`): `lint(text, checklist)` reports what the CLI reports.
 */
export async function loadChecklist(options: LoadChecklistOptions = {}): Promise<Checklist> {
  return new Checklists().for(await loadSettings(options));
}

/**
 * Lint a document's text as `mlsd lint` lints the file: by the checklist `loadChecklist` gives, and
 * for a draft of `mlsd new`, against its template's text (the template-suggestion rule, which
 * `lint(text, checklist)` alone skips: it has no templates to read).
 */
export async function lintDocument(text: string, options: LoadChecklistOptions = {}): Promise<LintResult> {
  const settings = await loadSettings(options);
  return lint(text, new Checklists().for(settings), { templateText: templateTextLookup(settings.templatesDir) });
}

async function loadSettings(options: LoadChecklistOptions): Promise<FileSettings> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const resolved = await configFor({ config: options.config }, cwd);
  return settingsFor(resolved.config, options.file === undefined ? undefined : relativeToRoot(resolved, options.file, cwd));
}
