import type { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { explainRule } from '../checklist/explain.js';
import type { Diagnostic } from '../lint/types.js';
import { findingRange, touches } from './convert.js';

const pages = new Map<string, Promise<string | undefined>>();

/** The text `mlsd explain <rule>` prints, or undefined for a rule without a page. */
function rulePage(ruleId: string): Promise<string | undefined> {
  let page = pages.get(ruleId);
  if (!page) {
    page = explainRule(ruleId).catch(() => undefined); // not a rule with a page (explain says so on the command line)
    pages.set(ruleId, page);
  }
  return page;
}

/**
 * Hover on a finding: the page of each rule found there, as `mlsd explain` prints it, as Markdown
 * or, for a client that does not render it, as the same text.
 */
export async function hoverAt(diagnostics: readonly Diagnostic[], position: Position, kind: MarkupKind = 'markdown'): Promise<Hover | undefined> {
  const here = diagnostics.filter((d) => d.suppressed === undefined && touches(findingRange(d), { start: position, end: position }));
  const rules = [...new Set(here.map((d) => d.ruleId))];
  const texts = (await Promise.all(rules.map(rulePage))).filter((t): t is string => t !== undefined);
  if (texts.length === 0) return undefined;
  // With one finding here, the editor highlights its span while the hover shows.
  return { contents: { kind, value: texts.join('\n\n---\n\n') }, range: here.length === 1 ? findingRange(here[0]!) : undefined };
}
