import type { Diagnostic as LspDiagnostic, Position, Range } from 'vscode-languageserver/node';
import type { Diagnostic } from '../lint/types.js';

// Pure translations between lint's findings and the protocol's shapes. Only types come from the
// LSP library here: its values load at run time, with the server (see server.ts).

/** What each published diagnostic carries back to code actions and hover. */
export interface FindingData {
  fingerprint?: string;
  itemId?: string;
}

/** LSP's DiagnosticSeverity: 1 error, 2 warning. */
const SEVERITY = { error: 1, warning: 2 } as const;

/** A finding's span: lint counts lines and columns from 1 in UTF-16 code units, end exclusive; LSP from 0. */
export function findingRange(d: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>): Range {
  return {
    start: { line: d.line - 1, character: d.column - 1 },
    end: { line: d.endLine - 1, character: d.endColumn - 1 },
  };
}

/**
 * Findings placed in the editor's text. Lint reads a text without its byte-order mark, as the CLI's
 * decoder does; an editor that sends the mark counts it as the first character of the first line.
 */
export function inEditorText<T extends Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>>(diagnostics: readonly T[], text: string): T[] {
  if (text.charCodeAt(0) !== 0xfeff) return [...diagnostics];
  return diagnostics.map((d) => ({ ...d, column: d.line === 1 ? d.column + 1 : d.column, endColumn: d.endLine === 1 ? d.endColumn + 1 : d.endColumn }));
}

/**
 * The findings an editor shows: suppressed ones are left out (they are waived, and the suppression
 * comment is in plain sight). The item's hint follows the message, as the stylish report prints it.
 */
export function toLspDiagnostics(diagnostics: readonly Diagnostic[]): LspDiagnostic[] {
  return diagnostics
    .filter((d) => d.suppressed === undefined)
    .map((d) => ({
      range: findingRange(d),
      severity: SEVERITY[d.severity],
      code: d.ruleId,
      source: 'mlsd',
      message: d.hint ? `${d.message}\n${d.hint}` : d.message,
      data: { fingerprint: d.fingerprint, itemId: d.itemId } satisfies FindingData,
    }));
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Whether a finding's span touches a range or position the editor asks about (ends included). */
export function touches(span: Range, range: Range): boolean {
  return !before(span.end, range.start) && !before(range.end, span.start);
}

/**
 * The one insertion that turns `original` into `changed`, when `changed` only adds text at one
 * point (as a section insertion does): an edit the editor applies without replacing the document.
 */
export function insertionBetween(original: string, changed: string): { offset: number; text: string } | undefined {
  if (changed.length < original.length) return undefined;
  let start = 0;
  const limit = original.length;
  while (start < limit && original.charCodeAt(start) === changed.charCodeAt(start)) start++;
  const added = changed.length - original.length;
  if (original.slice(start) !== changed.slice(start + added)) return undefined;
  return { offset: start, text: changed.slice(start, start + added) };
}
