import { Chalk } from 'chalk';
import { countSeverities, isActive, plural } from './summary.js';
import type { Formatter } from './types.js';

/** Human output, grouped by file: position, severity, message, rule id, then the hint. */
export const stylish: Formatter = (results, { color }) => {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];

  for (const result of results) {
    const shown = result.diagnostics.filter(isActive);
    if (shown.length === 0) continue;
    out.push(c.underline(result.file));
    const width = Math.max(...shown.map((d) => `${d.line}:${d.column}`.length));
    for (const d of shown) {
      const severity = d.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      out.push(`  ${c.dim(`${d.line}:${d.column}`.padEnd(width))}  ${severity}  ${d.message}  ${c.dim(d.ruleId)}`);
      const indent = `  ${' '.repeat(width)}  `;
      if (d.hint) out.push(indent + c.dim(`hint: ${d.hint}`.replace(/\n/g, `\n${indent}      `)));
    }
    out.push('');
  }

  const { errors, warnings, suppressed, filesWithProblems } = countSeverities(results);
  const files = plural(results.length, 'file');
  const waived = suppressed > 0 ? c.dim(` (${suppressed} suppressed)`) : '';
  if (errors + warnings === 0) {
    out.push(c.green(`✔ ${files} checked, no problems`) + waived);
  } else {
    const mark = errors > 0 ? c.red.bold('✖') : c.yellow.bold('⚠');
    out.push(`${mark} ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${filesWithProblems} of ${files}${waived}`);
  }
  return out.join('\n') + '\n';
};
