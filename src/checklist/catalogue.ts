import { type Checklist, type RuleMeta, type Severity } from './types.js';
import { UserError } from '../errors.js';

/** A rule the checklist's catalogue describes (lint's own rules are there too, from their rule files). */
export function ruleOf(checklist: Checklist, id: string): RuleMeta {
  const rule = checklist.catalogue.get(id);
  if (!rule) throw new UserError(`the checklist's rule catalogue has no rule "${id}"`);
  return rule;
}

/** A rule's default severity, as its rule file gives it. */
export const severityOf = (checklist: Checklist, id: string): Severity => ruleOf(checklist, id).severity;
