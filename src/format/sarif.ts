import type { RuleMeta } from '../checklist/types.js';
import type { Diagnostic } from '../lint/index.js';
import { repoPath } from './repo-path.js';
import { collected, jsonArrayWriter } from './streaming.js';
import type { FileResult, FormatOptions, StreamingFormatter } from './types.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * A rule's page: its rule file (docPath) in the repository at this version's tag (docsBase), so the
 * link shows the page of the version that produced the report. No link for a team's rule (no page
 * ships) or when the run knows no repository.
 */
export const helpUri = (rule: RuleMeta, docsBase: string | undefined) => (rule.docPath && docsBase !== undefined ? `${docsBase}${rule.docPath}` : undefined);

const level = (severity: Diagnostic['severity']) => (severity === 'error' ? 'error' : 'warning');

function reportingDescriptor(rule: RuleMeta, docsBase: string | undefined) {
  const uri = helpUri(rule, docsBase);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\n\nHow to fix: ${rule.help}${uri ? `\n\nDocumentation: ${uri}` : ''}`,
      markdown: `${rule.rationale}\n\n**How to fix:** ${rule.help}${uri ? `\n\n[Rule documentation](${uri})` : ''}`,
    },
    ...(uri ? { helpUri: uri } : {}),
    defaultConfiguration: { level: level(rule.severity) },
    properties: {
      tags: ['design-doc', 'ml-system-design'],
      precision: 'high',
      'problem.severity': rule.severity === 'error' ? 'error' : 'warning',
    },
  };
}

/** A repository-relative URI: the path as given, under the working directory's place in the repo. */
function artifactUri(file: string, prefix: string): string {
  const path = file === '<stdin>' ? 'stdin' : repoPath(file, prefix);
  return path.split('/').map(encodeURIComponent).join('/');
}

function result(d: Diagnostic, file: FileResult, options: FormatOptions, ruleIndex: Map<string, number>) {
  const message = d.hint ? `${d.message} Hint: ${d.hint}` : d.message;
  return {
    ruleId: d.ruleId,
    ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
    level: level(d.severity),
    message: { text: message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(file.file, options.repoPrefix ?? ''), uriBaseId: '%SRCROOT%' },
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        },
      },
    ],
    // GitHub keys alerts on primaryLocationLineHash; ours ignores line numbers, so alerts survive edits above.
    partialFingerprints: { primaryLocationLineHash: d.fingerprint ?? `${d.ruleId}:${d.line}` },
    ...(d.suppressed ? { suppressions: [{ kind: d.suppressed.kind, status: 'accepted', justification: d.suppressed.justification }] } : {}),
    ...(d.itemId ? { properties: { itemId: d.itemId } } : {}),
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule described.
 * `results` is the run's last property, so each file's results are printed as it is linted.
 */
export const sarifReport: StreamingFormatter = (options) => {
  const rules = options.rules;
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const descriptors = rules.map((rule) => reportingDescriptor(rule, options.docsBase));
  const results = jsonArrayWriter<ReturnType<typeof result>>((array) => ({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mlsd',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: descriptors,
          },
        },
        automationDetails: { id: 'mlsd/' },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true }],
        properties: { checklist: options.checklistId },
        results: array,
      },
    ],
  }));
  return {
    header: () => results.start(),
    file: (file) => file.diagnostics.map((d) => results.item(result(d, file, options, ruleIndex))).join(''),
    footer: () => `${results.end()}\n`,
  };
};

export const sarif = collected(sarifReport);
