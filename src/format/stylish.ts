import { Chalk } from 'chalk';
import { collected } from './streaming.js';
import { isActive, plural } from './summary.js';
import type { StreamingFormatter } from './types.js';

/** Human output, grouped by file: position, severity, message, rule id, then the hint. */
export const stylishReport: StreamingFormatter = ({ color }) => {
  const c = new Chalk({ level: color ? 1 : 0 });
  return {
    header: () => '',
    file: (result) => {
      const shown = result.diagnostics.filter(isActive);
      if (shown.length === 0) return '';
      const out = [c.underline(result.file)];
      const width = Math.max(...shown.map((d) => `${d.line}:${d.column}`.length));
      for (const d of shown) {
        const severity = d.severity === 'error' ? c.red('error  ') : c.yellow('warning');
        out.push(`  ${c.dim(`${d.line}:${d.column}`.padEnd(width))}  ${severity}  ${d.message}  ${c.dim(d.ruleId)}`);
        const indent = `  ${' '.repeat(width)}  `;
        if (d.hint) out.push(indent + c.dim(`hint: ${d.hint}`.replace(/\n/g, `\n${indent}      `)));
      }
      return `${out.join('\n')}\n\n`;
    },
    footer: ({ files: count, errors, warnings, suppressed, filesWithProblems }) => {
      const files = plural(count, 'file');
      const waived = suppressed > 0 ? c.dim(` (${suppressed} suppressed)`) : '';
      if (errors + warnings === 0) return `${c.green(`✔ ${files} checked, no problems`)}${waived}\n`;
      const mark = errors > 0 ? c.red.bold('✖') : c.yellow.bold('⚠');
      return `${mark} ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${filesWithProblems} of ${files}${waived}\n`;
    },
  };
};

export const stylish = collected(stylishReport);
