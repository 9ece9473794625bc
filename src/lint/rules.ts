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
}

export const RULES = {
  'required-section': {
    id: 'required-section',
    severity: 'error',
    description: 'A required checklist item is not addressed anywhere in the document.',
  },
  'weak-section': {
    id: 'weak-section',
    severity: 'error',
    description: 'A checklist item is mentioned but not addressed with substance (empty, placeholder, vague, or missing the number that is the point).',
  },
  'front-matter-yaml': {
    id: 'front-matter-yaml',
    severity: 'error',
    description: 'The YAML front matter cannot be parsed.',
  },
  'front-matter': {
    id: 'front-matter',
    severity: 'error',
    description: 'A front matter value does not match the checklist schema.',
  },
  'suppression-reason': {
    id: 'suppression-reason',
    severity: 'warning',
    description: 'An mlsd-disable directive gives no reason after " -- ", so it suppresses nothing.',
  },
} as const satisfies Record<string, RuleMeta>;

export type RuleId = keyof typeof RULES;
