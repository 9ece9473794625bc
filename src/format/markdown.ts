import { countSeverities, isActive, notShown, plural } from './summary.js';
import type { FileResult, Formatter } from './types.js';

const MARK = { present: '✅', weak: '⚠️', absent: '❌', optional: '➖' } as const;

/**
 * Text that GFM would otherwise read as markup or as a table cell boundary, or GitHub as a mention:
 * a bot posting the scorecard as a comment would ping whoever a doc's heading names (`@owner`).
 */
const escape = (s: string) =>
  s
    .replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`)
    .replace(/@(?=[\w-])/g, '@&#8203;')
    .replace(/\s*\n\s*/g, ' ');
/** A file name in a code span; pipes still split table cells there, so they are escaped too. */
const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;

/** An item's cell: its state, an absent item no finding reports (not required of the doc) apart, or a dash where the doc's checklist has no such item. */
function mark(result: FileResult, id: string): string {
  const state = result.checklist[id];
  if (!state) return '–';
  return result.items[id]?.optional ? MARK.optional : MARK[state];
}

/** A document's problems: the warnings --quiet left out count, as in the totals, and are said to be not shown. */
function problems(errors: number, warnings: number, hidden: number): string {
  const counts = errors + warnings === 0 ? 'none' : [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
  return hidden > 0 ? `${counts} (${notShown(hidden)})` : counts;
}

/**
 * The scorecard: one row per document, one column per checklist item, for a PR comment or the
 * GitHub job summary. Findings follow in a collapsed list, errors first.
 */
export const markdown: Formatter = (results) => {
  const out: string[] = ['## mlsd design doc checklist', ''];
  if (results.length === 0) return `${out.join('\n')}No design docs were checked.\n`;

  const items = [...new Set(results.flatMap((r) => Object.keys(r.checklist)))];
  const { errors, warnings, suppressed } = countSeverities(results);
  const hiddenWarnings = results.reduce((n, r) => n + (r.hiddenWarnings ?? 0), 0);

  // A row of cells; with no item to show (every file unreadable), just the document and its problems.
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  out.push(row(['Document', ...items.map(escape), 'Problems']));
  out.push(row(['---', ...items.map(() => ':---:'), '---']));
  for (const r of results) {
    const active = r.diagnostics.filter(isActive);
    const e = active.filter((d) => d.severity === 'error').length;
    const hidden = r.hiddenWarnings ?? 0;
    out.push(row([code(r.file), ...items.map((id) => mark(r, id)), problems(e, active.length - e + hidden, hidden)]));
  }
  out.push('');
  // Warnings --quiet left out count in the totals, as in the exit code (--max-warnings): the line says they are not listed.
  const totals = [plural(results.length, 'document'), plural(errors, 'error'), plural(warnings + hiddenWarnings, 'warning')];
  if (suppressed > 0) totals.push(`${suppressed} suppressed`);
  const hidden = hiddenWarnings > 0 ? ` (${notShown(hiddenWarnings)})` : '';
  const optional = results.some((r) => Object.values(r.items).some((item) => item.optional)) ? ` · ${MARK.optional} absent, not required` : '';
  out.push(`${MARK.present} present · ${MARK.weak} weak · ${MARK.absent} absent${optional} — ${totals.join(', ')}${hidden}`);

  // Errors before warnings, each in document and line order: where the list is cut (GitHub's 1 MiB job
  // summary), the warnings go first.
  const active = results.flatMap((r) => r.diagnostics.filter(isActive).map((d) => ({ file: r.file, d })));
  const findings = [...active.filter(({ d }) => d.severity === 'error'), ...active.filter(({ d }) => d.severity !== 'error')];
  if (findings.length > 0) {
    out.push('', `<details><summary>${plural(findings.length, 'finding')}</summary>`, '');
    for (const { file, d } of findings) out.push(`- ${code(`${file}:${d.line}:${d.column}`)} **${d.severity}** ${code(d.ruleId)} ${escape(d.message)}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
};
