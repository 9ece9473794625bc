import type { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { explainRule } from '../checklist/explain.js';
import { defaultChecklist } from '../checklist/load.js';
import type { Checklist } from '../checklist/types.js';
import type { Diagnostic } from '../lint/types.js';
import { findingRange, touches } from './convert.js';

/** Pages by checklist (a team's declares rules of its own), then by rule id. */
const pages = new WeakMap<Checklist, Map<string, Promise<string | undefined>>>();

/** The text `mlsd explain <rule>` prints with the document's checklist, or undefined for a rule without a page. */
function rulePage(ruleId: string, checklist: Checklist): Promise<string | undefined> {
  let known = pages.get(checklist);
  if (!known) pages.set(checklist, (known = new Map()));
  let page = known.get(ruleId);
  if (!page) {
    page = explainRule(ruleId, [checklist]).catch(() => undefined); // not a rule with a page (explain says so on the command line)
    known.set(ruleId, page);
  }
  return page;
}

/**
 * Hover on a finding: the page of each rule found there, as `mlsd explain` prints it, as Markdown
 * or, for a client that does not render it, as the same text.
 */
export async function hoverAt(diagnostics: readonly Diagnostic[], position: Position, kind: MarkupKind = 'markdown', checklist: Checklist = defaultChecklist()): Promise<Hover | undefined> {
  const here = diagnostics.filter((d) => d.suppressed === undefined && touches(findingRange(d), { start: position, end: position }));
  const rules = [...new Set(here.map((d) => d.ruleId))];
  const texts = (await Promise.all(rules.map((id) => rulePage(id, checklist)))).filter((t): t is string => t !== undefined);
  if (texts.length === 0) return undefined;
  // With one finding here, the editor highlights its span while the hover shows.
  return { contents: { kind, value: texts.join('\n\n---\n\n') }, range: here.length === 1 ? findingRange(here[0]!) : undefined };
}
