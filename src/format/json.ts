import { countSeverities } from './summary.js';
import type { Formatter } from './types.js';

/** Bump when a field is removed or changes meaning; adding fields keeps the version. */
export const JSON_FORMAT_VERSION = 1;

/** Machine output: a stable, versioned object with every diagnostic and each file's checklist states. */
export const json: Formatter = (results, { toolVersion, checklistId }) => {
  const { errors, warnings, suppressed } = countSeverities(results);
  const report = {
    version: JSON_FORMAT_VERSION,
    tool: { name: 'mlsd', version: toolVersion },
    checklist: checklistId,
    summary: { files: results.length, errors, warnings, suppressed },
    files: results.map((r) => ({
      file: r.file,
      checklist: r.checklist,
      items: r.items,
      diagnostics: r.diagnostics.map((d) => ({
        file: r.file,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        severity: d.severity,
        ruleId: d.ruleId,
        itemId: d.itemId ?? null,
        message: d.message,
        hint: d.hint ?? null,
        suppressed: d.suppressed ?? null,
        fingerprint: d.fingerprint ?? null,
      })),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
};
