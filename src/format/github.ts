import { createHash } from 'node:crypto';
import type { Diagnostic } from '../lint/index.js';
import { repoPath } from './repo-path.js';
import { isActive, plural } from './summary.js';
import type { Formatter } from './types.js';

/** GitHub shows at most this many annotations of each level per step and drops the rest silently. */
export const ANNOTATION_CAP = 10;

const UNRANKED = Number.MAX_SAFE_INTEGER;

/** Message escaping for workflow commands (as @actions/core does it). */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values additionally escape the characters that separate properties. */
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');


interface Finding {
  file: string;
  d: Diagnostic;
}

function command(level: 'error' | 'warning', { file, d }: Finding, prefix: string): string {
  const props = [
    `file=${escapeProperty(file === '<stdin>' ? file : repoPath(file, prefix))}`,
    `line=${d.line}`,
    `endLine=${d.endLine}`,
    `col=${d.column}`,
    `endColumn=${d.endColumn}`,
    `title=${escapeProperty(`mlsd ${d.ruleId}`)}`,
  ];
  const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}

/**
 * Lines of a document's text for the log, one line each, between stop-commands markers: the runner
 * reads any log line that starts with "::" as a command, and a heading or a file name is the pull
 * request author's to write. The token that turns commands on again is a hash of the lines
 * themselves, which no line can contain.
 */
function untrusted(lines: string[]): string[] {
  const single = lines.map((line) => line.replace(/\r\n|\r|\n/g, ' '));
  const token = createHash('sha256').update(single.join('\n')).digest('hex');
  return [`::stop-commands::${token}`, ...single, `::${token}::`];
}

/**
 * GitHub Actions workflow commands: one annotation per finding, errors before warnings, the most
 * important first, at most 10 of each level (GitHub's per-step cap), then a notice that says how
 * many were left out and lists them in a collapsed log group so nothing is lost.
 */
export const github: Formatter = (results, { repoPrefix = '', rules }) => {
  // Which findings a reader needs most when only some can be annotated: each rule file's priority
  // (broken files, then gaps, then weak spots), unranked rules after them.
  const ranks = new Map(rules.map((rule) => [rule.id, rule.priority ?? UNRANKED]));
  const priority = (ruleId: string) => ranks.get(ruleId) ?? UNRANKED;
  const findings: Finding[] = results.flatMap((r) => r.diagnostics.filter(isActive).map((d) => ({ file: r.file, d })));
  const ordered = (level: Diagnostic['severity']) =>
    findings.filter((f) => f.d.severity === level).sort((a, b) => priority(a.d.ruleId) - priority(b.d.ruleId));
  const errors = ordered('error');
  const warnings = ordered('warning');

  // GitHub resolves annotation paths from the repository root, not the working directory.
  const annotate = (level: 'error' | 'warning') => (f: Finding) => command(level, f, repoPrefix);
  const out = [...errors.slice(0, ANNOTATION_CAP).map(annotate('error')), ...warnings.slice(0, ANNOTATION_CAP).map(annotate('warning'))];

  const leftOut = [...errors.slice(ANNOTATION_CAP), ...warnings.slice(ANNOTATION_CAP)];
  if (leftOut.length > 0) {
    const parts = [];
    if (errors.length > ANNOTATION_CAP) parts.push(plural(errors.length - ANNOTATION_CAP, 'error'));
    if (warnings.length > ANNOTATION_CAP) parts.push(plural(warnings.length - ANNOTATION_CAP, 'warning'));
    out.push(
      `::notice title=${escapeProperty('mlsd: more findings')}::${escapeData(
        `${parts.join(' and ')} not annotated: GitHub shows at most ${ANNOTATION_CAP} errors and ${ANNOTATION_CAP} warnings per step. They are listed in the log group "mlsd: findings not annotated" and in the job summary.`,
      )}`,
    );
    out.push('::group::mlsd: findings not annotated', ...untrusted(leftOut.map(({ file, d }) => `${repoPath(file, repoPrefix)}:${d.line}:${d.column}: ${d.severity} ${d.ruleId} ${d.message}`)), '::endgroup::');
  }
  return out.map((line) => `${line}\n`).join('');
};
