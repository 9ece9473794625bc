/**
 * mlsd as a library (`import … from 'mlsd'`): lint a design doc's text against a checklist, load the
 * checklist a config gives, and test a checklist's rules by their examples (the rule tester).
 */
import { resolve } from 'node:path';
import { Checklists, settingsFor } from './config/settings.js';
import { configFor, relativeToRoot } from './config/resolve.js';
import type { Checklist } from './checklist/types.js';

export { lint } from './lint/index.js';
export type { Diagnostic, ItemReport, ItemState, LintResult, Suppression } from './lint/index.js';
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
  const cwd = resolve(options.cwd ?? process.cwd());
  const resolved = await configFor({ config: options.config }, cwd);
  return new Checklists().for(settingsFor(resolved.config, options.file === undefined ? undefined : relativeToRoot(resolved, options.file, cwd)));
}
