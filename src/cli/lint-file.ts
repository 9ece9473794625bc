import { itemLevels, type Checklists, type FileSettings } from '../checklist/build.js';
import type { FileResult } from '../format/index.js';
import { lint } from '../lint/index.js';
import { applySeverities } from '../lint/severity.js';

/** Lint one document's text with its settings: the checklist its overrides give, severities applied. */
export function lintDocument(file: string, text: string, settings: FileSettings, checklists: Checklists): FileResult {
  const { model: _model, diagnostics, ...result } = lint(text, checklists.for(settings));
  return {
    file,
    diagnostics: applySeverities(diagnostics, { rules: settings.rules, items: itemLevels(settings.checklist) }),
    ...result,
  };
}
