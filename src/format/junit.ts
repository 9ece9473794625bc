import type { Diagnostic } from '../lint/index.js';
import type { FileResult, Formatter } from './types.js';

/** XML 1.0 text: the five entities escaped, characters XML cannot carry dropped. */
const xml = (s: string) =>
  s
    // XML 1.0 allows only tab, LF and CR below 0x20.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const describe = (file: string, d: Diagnostic) =>
  `${file}:${d.line}:${d.column}: ${d.severity} ${d.ruleId} ${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}`;

interface Case {
  name: string;
  diagnostics: Diagnostic[];
}

/** One test case per checklist item, plus one per rule for findings not about an item (front matter). */
function cases(result: FileResult): Case[] {
  const byName = new Map<string, Diagnostic[]>(Object.keys(result.checklist).map((id) => [id, []]));
  for (const d of result.diagnostics) {
    const name = d.itemId ?? d.ruleId;
    byName.set(name, [...(byName.get(name) ?? []), d]);
  }
  return [...byName].map(([name, diagnostics]) => ({ name, diagnostics }));
}

/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure): a suite per document, a
 * case per checklist item. Errors fail the case, warnings are written to its output, a finding that
 * is suppressed inline (and nothing else) marks the case skipped with the justification.
 */
export const junit: Formatter = (results) => {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const result of results) {
    const body: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    const all = cases(result);
    for (const { name, diagnostics } of all) {
      const active = diagnostics.filter((d) => !d.suppressed);
      const errors = active.filter((d) => d.severity === 'error');
      const warnings = active.filter((d) => d.severity === 'warning');
      const waived = diagnostics.filter((d) => d.suppressed);
      const open = `    <testcase classname="${xml(result.file)}" name="${xml(name)}"`;
      if (errors.length > 0) {
        suiteFailures += 1;
        body.push(`${open}>`);
        body.push(`      <failure type="${xml(errors[0]!.ruleId)}" message="${xml(errors[0]!.message)}">${xml(errors.map((d) => describe(result.file, d)).join('\n'))}</failure>`);
      } else if (waived.length > 0 && warnings.length === 0) {
        suiteSkipped += 1;
        body.push(`${open}>`);
        body.push(`      <skipped message="${xml(`suppressed: ${waived.map((d) => d.suppressed!.justification).join('; ')}`)}"/>`);
      } else if (warnings.length === 0) {
        body.push(`${open}/>`);
        continue;
      } else {
        body.push(`${open}>`);
      }
      if (warnings.length > 0) body.push(`      <system-out>${xml(warnings.map((d) => describe(result.file, d)).join('\n'))}</system-out>`);
      body.push('    </testcase>');
    }
    tests += all.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(`  <testsuite name="${xml(result.file)}" tests="${all.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">`, ...body, '  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mlsd" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
