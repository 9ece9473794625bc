import type { Checklists, FileSettings } from '../config/settings.js';
import type { FileResult } from './result.js';
import { lint, type LintOptions } from '../lint/index.js';
import { addFingerprints } from '../lint/fingerprint.js';
import { severityOf } from '../checklist/catalogue.js';
import { defaultChecklist } from '../checklist/load.js';
import { applySeverities } from '../lint/severity.js';
import type { Diagnostic } from '../lint/types.js';
import type { ReadDocument } from './read-document.js';
import { templateTextLookup } from './template-text.js';

/**
 * Lint one document's text with its settings: the checklist its overrides give, severities applied.
 * `parse` replaces the parser (an editor's incremental one: the same tree, faster after an edit).
 */
export function lintDocument(file: string, text: string, settings: FileSettings, checklists: Checklists, parse?: LintOptions['parse']): FileResult {
  const { model: _model, ...result } = lint(text, checklists.for(settings), { templateText: templateTextLookup(settings.templatesDir), ...(parse ? { parse } : {}) });
  return { file, ...result };
}

/** A file that was not linted (too large, not text, stopped by the time limit): one finding at its top. */
export function unlintedResult(file: string, ruleId: string, message: string, settings: FileSettings): FileResult {
  const diagnostic: Diagnostic = { line: 1, column: 1, endLine: 1, endColumn: 1, severity: severityOf(defaultChecklist(), ruleId), ruleId, message };
  return { file, diagnostics: applySeverities(addFingerprints([diagnostic], ''), { rules: settings.rules }), checklist: {}, items: {} };
}

/** Lint what was read: its text, or the reason it could not be read as text. */
export function lintRead(file: string, read: ReadDocument, settings: FileSettings, checklists: Checklists): FileResult {
  if ('unreadable' in read) return unlintedResult(file, read.unreadable.ruleId, read.unreadable.message, settings);
  return lintDocument(file, read.text, settings, checklists);
}
