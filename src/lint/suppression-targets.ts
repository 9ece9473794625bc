import { severityOf } from '../checklist/catalogue.js';
import type { Checklist } from '../checklist/types.js';
import { closest } from '../suggest.js';
import type { Directive } from './suppress.js';
import type { Diagnostic } from './types.js';

/** The rule a directive's unknown target is reported under (schemas/checklist/rules/suppression-unknown.md). */
export const SUPPRESSION_UNKNOWN = 'suppression-unknown';

const targets = new WeakMap<Checklist, Set<string>>();

/** What a suppression may name: every rule in the checklist's catalogue and every item (once per checklist). */
function knownTargets(checklist: Checklist): Set<string> {
  let known = targets.get(checklist);
  if (!known) targets.set(checklist, (known = new Set([...checklist.catalogue.keys(), ...checklist.items.map((item) => item.id)])));
  return known;
}

const suggestion = (target: string, known: ReadonlySet<string>) => {
  const guess = closest(target, known);
  return guess === undefined ? '.' : `; did you mean "${guess}"?`;
};

/**
 * One finding per directive target that is neither a rule nor an item of the checklist: a misspelled
 * target waives nothing, and without this nothing would say why the finding it meant still fails.
 */
export function unknownTargets(directives: Directive[], checklist: Checklist): Diagnostic[] {
  const known = knownTargets(checklist);
  return directives.flatMap((d) =>
    d.targets
      .filter((target) => !known.has(target))
      .map((target): Diagnostic => ({
        line: d.line,
        column: d.column,
        endLine: d.line,
        endColumn: d.column,
        severity: severityOf(checklist, SUPPRESSION_UNKNOWN),
        ruleId: SUPPRESSION_UNKNOWN,
        message: `mlsd-${d.kind} names "${target}", which is neither a rule nor a checklist item, so it suppresses nothing${suggestion(target, known)}`,
      })),
  );
}
