import { collected, jsonArrayWriter } from './streaming.js';
import { emptySummary } from './summary.js';
import type { FileResult, RunSummary, StreamingFormatter } from './types.js';

/** Bump when a field is removed or changes meaning; adding fields keeps the version. */
export const JSON_FORMAT_VERSION = 1;

const fileEntry = (r: FileResult) => ({
  file: r.file,
  language: r.language ?? null,
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
});

/**
 * Machine output: a stable, versioned object with every diagnostic and each file's checklist states.
 * `summary` comes after `files` so each file can be printed as soon as it is linted, and the totals
 * once they are known (key order carries no meaning in JSON).
 */
export const jsonReport: StreamingFormatter = ({ toolVersion, checklistId }) => {
  let summary: RunSummary = emptySummary();
  const files = jsonArrayWriter<ReturnType<typeof fileEntry>>((array) => ({
    version: JSON_FORMAT_VERSION,
    tool: { name: 'mlsd', version: toolVersion },
    checklist: checklistId,
    files: array,
    // Warnings --quiet leaves out of `files` still count (--max-warnings counts them): `hiddenWarnings` says how many are not listed.
    summary: { files: summary.files, errors: summary.errors, warnings: summary.warnings, suppressed: summary.suppressed, hiddenWarnings: summary.hidden },
  }));
  return {
    header: () => files.start(),
    file: (result) => files.item(fileEntry(result)),
    footer: (totals) => {
      summary = totals;
      return `${files.end()}\n`;
    },
  };
};

export const json = collected(jsonReport);
