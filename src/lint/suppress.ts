import type { Outline } from './outline.js';
import { severityOf } from '../checklist/catalogue.js';
import type { Checklist } from '../checklist/types.js';
import type { Diagnostic } from './types.js';

/** The rule a directive without a reason is reported under (schemas/checklist/rules/suppression-reason.md). */
export const SUPPRESSION_REASON = 'suppression-reason';

/**
 * Inline suppressions, written as HTML comments so they never render:
 *
 *   <!-- mlsd-disable-next-line weak-section -- numbers come from the vendor SLA -->
 *   <!-- mlsd-disable leakage-checks -- no training: rules-only system -->
 *
 * Targets are rule ids or checklist item ids (comma or space separated; none means every rule).
 * `disable-next-line` covers findings on the next non-blank line; `disable` covers the innermost
 * section the comment sits in, or the whole file when it comes before the first heading.
 * A reason after ` -- ` is required: without one the directive suppresses nothing and is reported.
 * A dash standing alone (– or —) separates it too: editors' smart punctuation turns `--` into one.
 */
export interface Directive {
  kind: 'disable' | 'disable-next-line';
  /** Rule or item ids; empty means all. */
  targets: string[];
  reason: string;
  line: number;
  column: number;
  /** Lines the directive covers, inclusive. */
  from: number;
  to: number;
}

const DIRECTIVE = /^\s*mlsd-(disable-next-line|disable)(?=\s|$)([\s\S]*)$/;

/** What parts targets from the reason: `--`, or an en or em dash, standing alone. */
const SEPARATOR = /(?:^|\s)(?:--|\u2013|\u2014)(?=\s|$)/;

function parseBody(body: string): { kind: Directive['kind']; targets: string[]; reason: string } | undefined {
  const match = DIRECTIVE.exec(body);
  if (!match) return undefined;
  const rest = match[2]!;
  const separator = SEPARATOR.exec(rest);
  const targetText = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length).trim() : '';
  const targets = targetText.split(/[\s,]+/).filter(Boolean);
  return { kind: match[1] as Directive['kind'], targets, reason };
}

/** The directives in a document, each with the range of lines it covers. */
export function findDirectives(outline: Outline): Directive[] {
  const { text } = outline.lines;
  const lineTexts = text.split('\n');
  const directives: Directive[] = [];
  for (const comment of outline.comments) {
    const parsed = parseBody(comment.body);
    if (!parsed) continue;
    const { line, column } = comment.span.start;
    let from: number;
    let to: number;
    if (parsed.kind === 'disable-next-line') {
      let next = comment.span.end.line + 1;
      while (next <= lineTexts.length && lineTexts[next - 1]!.trim() === '') next += 1;
      from = to = next;
    } else {
      const first = outline.sections[0];
      if (!first || line < first.span.start.line) {
        from = 1;
        to = outline.lines.lineCount;
      } else {
        // The innermost section that encloses the comment: the last one opened before it that is still open.
        const enclosing = outline.sections.filter((s) => s.span.start.line <= line && s.endLine >= line).at(-1);
        from = enclosing?.span.start.line ?? line;
        to = enclosing?.endLine ?? outline.lines.lineCount;
      }
    }
    directives.push({ ...parsed, line, column, from, to });
  }
  return directives;
}

const covers = (directive: Directive, d: Diagnostic) =>
  d.line >= directive.from &&
  d.line <= directive.to &&
  (directive.targets.length === 0 || directive.targets.includes(d.ruleId) || (d.itemId !== undefined && directive.targets.includes(d.itemId)));

/**
 * Mark the findings that directives cover (they stay in the list) and report each directive that
 * lacks a reason. The first directive with a reason that covers a finding supplies its justification.
 */
export function applySuppressions(diagnostics: Diagnostic[], directives: Directive[], checklist: Checklist): Diagnostic[] {
  const withReason = directives.filter((d) => d.reason !== '');
  const marked = diagnostics.map((d) => {
    const directive = withReason.find((x) => covers(x, d));
    return directive ? { ...d, suppressed: { kind: 'inSource' as const, justification: directive.reason } } : d;
  });
  const missingReasons: Diagnostic[] = directives
    .filter((d) => d.reason === '')
    .map((d) => ({
      line: d.line,
      column: d.column,
      endLine: d.line,
      endColumn: d.column,
      severity: severityOf(checklist, SUPPRESSION_REASON),
      ruleId: SUPPRESSION_REASON,
      message: `mlsd-${d.kind}${d.targets.length > 0 ? ` ${d.targets.join(', ')}` : ''} has no reason, so it suppresses nothing: add " -- <why>" before "-->".`,
    }));
  return [...marked, ...missingReasons];
}
