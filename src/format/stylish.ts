import { Chalk } from 'chalk';
import { collected } from './streaming.js';
import { isActive, notShown, plural } from './summary.js';
import type { FileResult, StreamingFormatter } from './types.js';

/** Human output, grouped by file: position, severity, message, rule id, then the hint. */
export const stylishReport: StreamingFormatter = ({ color, verbose }) => {
  const c = new Chalk({ level: color ? 1 : 0 });
  const STATE = { present: c.green('present'), weak: c.yellow('weak   '), absent: c.red('absent '), optional: c.dim('absent ') };
  /** Each item's state, where it stands and why: the evidence quoted, or what it lacks. */
  const scorecard = (result: FileResult) => {
    const rows = Object.entries(result.items);
    const width = Math.max(0, ...rows.map(([id]) => id.length));
    return rows.map(([id, item]) => {
      const quoted = item.state === 'present' ? item.evidence?.[0] : undefined;
      const why = quoted ? `"${quoted.quote}"` : item.state === 'weak' ? `"${item.sections?.[0] ?? ''}": ${item.lacks?.join('; ') ?? ''}` : item.optional ? 'not required' : '';
      // The line shown is the quote's own, so a reader who goes there finds it.
      return `  ${id.padEnd(width)}  ${STATE[item.optional ? 'optional' : item.state]}  ${String(quoted?.line ?? item.line ?? '-').padStart(5)}  ${c.dim(why)}`.trimEnd();
    });
  };
  return {
    header: () => '',
    file: (result) => {
      const shown = result.diagnostics.filter(isActive);
      const card = verbose && Object.keys(result.items).length > 0 ? scorecard(result) : [];
      if (shown.length === 0 && card.length === 0) return '';
      const out = [c.underline(result.file), ...card];
      if (shown.length === 0) return `${out.join('\n')}\n\n`;
      const width = Math.max(...shown.map((d) => `${d.line}:${d.column}`.length));
      for (const d of shown) {
        const severity = d.severity === 'error' ? c.red('error  ') : c.yellow('warning');
        out.push(`  ${c.dim(`${d.line}:${d.column}`.padEnd(width))}  ${severity}  ${d.message}  ${c.dim(d.ruleId)}`);
        const indent = `  ${' '.repeat(width)}  `;
        if (d.hint) out.push(indent + c.dim(`hint: ${d.hint}`.replace(/\n/g, `\n${indent}      `)));
      }
      return `${out.join('\n')}\n\n`;
    },
    footer: ({ files: count, errors, warnings, suppressed, filesWithProblems, hidden }) => {
      const files = plural(count, 'file');
      const notes = [suppressed > 0 && `${suppressed} suppressed`, hidden > 0 && notShown(hidden)].filter(Boolean);
      const waived = notes.length > 0 ? c.dim(` (${notes.join('; ')})`) : '';
      // Warnings --quiet hides count here as they do in the exit code (--max-warnings): a run they fail never reads as clean.
      if (errors + warnings === 0) return `${c.green(`✔ ${files} checked, no problems`)}${waived}\n`;
      const mark = errors > 0 ? c.red.bold('✖') : c.yellow.bold('⚠');
      return `${mark} ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${filesWithProblems} of ${files}${waived}\n`;
    },
  };
};

export const stylish = collected(stylishReport);
