/**
 * The rules lint reports under, with their default severity. Rule metadata lives here once so
 * formatters (SARIF rule descriptors, `mlsd explain`) and the config layer read the same facts.
 */

export type Severity = 'error' | 'warning';

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** A paragraph: what the rule checks and why it matters in a design review. */
  fullDescription: string;
  /** Plain-text help: how to fix a finding. */
  help: string;
  /** The rule's page, relative to the package root (the page ships in the npm package). */
  docPath: string;
}

export const RULES = {
  'required-section': {
    id: 'required-section',
    severity: 'error',
    description: 'A required checklist item is not addressed anywhere in the document.',
    fullDescription:
      'Every required checklist item (metrics, labels, leakage checks, latency budget, serving mode, drift monitoring, and whatever the team adds) must be addressed, under its own heading or with concrete evidence in another section. A reviewer cannot approve a design that is silent on one of them.',
    help: 'Add a section for the item where the message says it belongs, and answer it with specifics: the checklist hint in the message says what a good section contains.',
    docPath: 'docs/rules/required-section.md',
  },
  'weak-section': {
    id: 'weak-section',
    severity: 'error',
    description: 'A checklist item is mentioned but not addressed with substance (empty, placeholder, vague, or missing the number that is the point).',
    fullDescription:
      'A heading or a passing mention is not an answer. The item is weak when its section is empty, holds placeholder text (TBD, TODO, {{…}}, X), stays vague ("avoid leakage", "business metrics"), or lacks the number that is the point, such as a latency budget without a percentile and unit.',
    help: 'Replace the placeholder or vague sentence with the concrete facts the message names: metric names, label source, the split and join strategy, a percentile latency with a unit, the serving mode, or a drift signal with a threshold and an owner.',
    docPath: 'docs/rules/weak-section.md',
  },
  'front-matter-yaml': {
    id: 'front-matter-yaml',
    severity: 'error',
    description: 'The YAML front matter cannot be parsed.',
    fullDescription:
      'The block between the opening and closing --- lines must be valid YAML. When it is not, no front matter value (title, status, owner, serving mode) can be checked, and tools that index design docs cannot read it either.',
    help: 'Fix the YAML at the reported line: close brackets and quotes, indent consistently, and quote values that contain a colon followed by a space.',
    docPath: 'docs/rules/front-matter-yaml.md',
  },
  'front-matter': {
    id: 'front-matter',
    severity: 'error',
    description: 'A front matter value does not match the checklist schema.',
    fullDescription:
      'The checklist schema says which front matter keys a design doc carries and what values they take, for example a status from a fixed list. A missing or malformed value breaks the lifecycle gates and dashboards that read it.',
    help: 'Add the missing key or change the value to one the checklist allows; the message names the key and the constraint.',
    docPath: 'docs/rules/front-matter.md',
  },
  'suppression-reason': {
    id: 'suppression-reason',
    severity: 'warning',
    description: 'An mlsd-disable directive gives no reason after " -- ", so it suppresses nothing.',
    fullDescription:
      'Inline suppressions are reviewed like code: a waiver without a reason cannot be judged. A directive with no text after " -- " therefore suppresses nothing, and this rule points at it.',
    help: 'Write the reason after " -- " inside the comment, for example: <!-- mlsd-disable-next-line weak-section -- latency budget owned by the platform team -->.',
    docPath: 'docs/rules/suppression-reason.md',
  },
  'template-suggestion': {
    id: 'template-suggestion',
    severity: 'warning',
    description: "A section still holds the text its template suggested, unchanged (a warning in a draft, an error at review or approved).",
    fullDescription:
      "A draft made with `mlsd new` names its template and version in the front matter. A section whose every sentence is still that template's suggestion says what the template guessed, not what this design decided, so it must not pass review: the finding is a warning while the status is draft and an error once it is review or approved. A section with any sentence of the author's own is not reported.",
    help: 'Rewrite the section to say what this design decides; keep a suggested sentence only where it is true of this design, and add what is specific to it.',
    docPath: 'docs/rules/template-suggestion.md',
  },
  'file-too-large': {
    id: 'file-too-large',
    severity: 'error',
    description: 'The file is larger than the size mlsd reads (5 MB by default), so it was not linted.',
    fullDescription:
      'mlsd reads pull requests from anyone, so it bounds the work one file can cause: a file over the size limit is reported without being read. A design doc is a few tens of kilobytes; a file this large is usually generated, embeds data, or is not a design doc at all. It is an error because a file mlsd did not check must not pass a CI gate silently.',
    help: 'Split the document, move embedded data or images to files of their own, or raise the limit with --max-file-size (or "maxFileSize" in the config); "rules: { file-too-large: off }" skips such files instead.',
    docPath: 'docs/rules/file-too-large.md',
  },
  'not-text': {
    id: 'not-text',
    severity: 'error',
    description: 'The file is not text (NUL bytes, or mostly invalid UTF-8), so it was not linted.',
    fullDescription:
      'A Markdown design doc is UTF-8 text (UTF-16 with a byte-order mark is read too). A file with NUL bytes, or in which many byte sequences are not valid UTF-8, is binary or in another encoding: linting it would report nonsense, so mlsd reports this instead. It is an error because the file was not checked.',
    help: 'Save the file as UTF-8, or, if it is not a design doc, leave it out of the paths mlsd lints (or add it to "ignores").',
    docPath: 'docs/rules/not-text.md',
  },
  'nesting-too-deep': {
    id: 'nesting-too-deep',
    severity: 'error',
    description: 'Lists or blockquotes nest deeper than mlsd reads (100 levels), so the file was not linted.',
    fullDescription:
      'The Markdown parser spends time on every line in proportion to how many lists and blockquotes are open around it, and recurses once per level: a document nested thousands of levels deep would take minutes or exhaust the stack. No design doc needs more than a handful of levels, so mlsd refuses a file nested deeper than 100 before parsing it, at the line where the nesting passes the limit.',
    help: 'Flatten the nesting at the reported line: use headings or a table instead of lists inside lists, and no more than a few levels of quotes.',
    docPath: 'docs/rules/nesting-too-deep.md',
  },
  timeout: {
    id: 'timeout',
    severity: 'error',
    description: 'Linting the file took longer than the per-file time limit (10 s by default), so it was stopped.',
    fullDescription:
      'Some Markdown (thousands of unclosed brackets or emphasis markers) makes the parser work far more than the size of the file suggests. mlsd lints such a file in a separate process with a watchdog: when the time limit passes, the process is stopped, this finding is reported for the file, and the rest of the run completes. It is an error because the file was not checked.',
    help: 'Look for long runs of unclosed [, *, _ or < in the file and close or escape them; if the file is just large, raise the limit with --timeout <ms>.',
    docPath: 'docs/rules/timeout.md',
  },
} as const satisfies Record<string, RuleMeta>;

export type RuleId = keyof typeof RULES;

export const RULE_LIST: readonly RuleMeta[] = Object.values(RULES);

/** A rule a checklist schema declares (`mlsd.rule`), as lint's rule catalogue describes it. */
export function schemaRuleMeta(rule: { id: string; severity: Severity; description: string }): RuleMeta {
  return {
    id: rule.id,
    severity: rule.severity,
    description: rule.description,
    fullDescription: rule.description,
    help: `${rule.description} Run \`mlsd explain ${rule.id}\` for why it matters and a passing example.`,
    docPath: `docs/rules/${rule.id}.md`,
  };
}

/** Every rule a run can report: lint's own, then those its checklist declares. */
export function ruleCatalog(declared: Iterable<{ id: string; severity: Severity; description: string }>): RuleMeta[] {
  const catalog = new Map(RULE_LIST.map((rule) => [rule.id, rule]));
  for (const rule of declared) if (!catalog.has(rule.id)) catalog.set(rule.id, schemaRuleMeta(rule));
  return [...catalog.values()];
}
