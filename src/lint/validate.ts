import type { ErrorObject } from 'ajv';
import { ruleOf } from '../checklist/catalogue.js';
import { leadingHeading } from '../checklist/headings.js';
import type { Checklist, ChecklistItem, RuleMeta } from '../checklist/types.js';
import type { InsertionPoint, ModelResult, OwnSection } from './model.js';
import type { Span } from './position.js';
import type { Diagnostic, ItemState } from './types.js';

/** The rules this module reports under (their pages: schemas/checklist/rules/<id>.md). */
export const REQUIRED_SECTION = 'required-section';
export const WEAK_SECTION = 'weak-section';
export const FRONT_MATTER = 'front-matter';

const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

function diagnostic(rule: RuleMeta, span: Span, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  const { id, severity } = rule;
  return {
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    severity,
    ruleId: id,
    message,
    ...extra,
  };
}

/** The nearest mapped position for a JSON pointer: the pointer itself or its closest parent. */
function locate(sourceMap: ModelResult['sourceMap'], path: string): Span {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const span = sourceMap.get(p);
    if (span) return span;
    if (p === '') throw new Error('source map has no root');
  }
}

const reason = (error: ErrorObject) => error.message ?? error.keyword;

function frontMatterMessage(error: ErrorObject): string {
  const key = error.instancePath.split('/').slice(2).map(unescape).join('.');
  if (error.keyword === 'required') return `Front matter is missing "${String(error.params.missingProperty)}".`;
  return `Front matter${key ? ` "${key}"` : ''} ${reason(error)}.`;
}

/**
 * Validate the document model against the checklist schema and turn every ajv error into a
 * diagnostic: a missing required item is `absent`, any other error under an item makes it `weak`.
 */
export function validateModel(checklist: Checklist, built: ModelResult) {
  const { model, sourceMap, insertionPoints, ownSections } = built;
  checklist.validate(model);
  const errors = [...(checklist.validate.errors ?? [])]; // offendingElement validates again

  const byId = new Map(checklist.items.map((item) => [item.id, item]));
  const missing = new Set<string>();
  const weak = new Map<string, ErrorObject[]>();
  const diagnostics: Diagnostic[] = [];
  /** For findings of schema rules: the item their error points at, which may differ from the item reported. */
  const ruleTargets = new Map<Diagnostic, string>();

  for (const error of errors) {
    if (error.keyword === 'if') continue; // restates the failed \`then\` reported beside it
    const [root, id] = error.instancePath.split('/').slice(1).map(unescape);
    const rule = ruleFor(checklist, error);
    if (rule) {
      const missingItem = root === 'items' && id === undefined ? missingProperty(error) : undefined;
      const target = root === 'items' ? (id ?? missingItem) : undefined;
      const itemId = rule.item ?? target;
      const element = missingItem ? undefined : offendingElement(checklist, model, error, rule);
      const span = missingItem ? insertionSpan(insertionPoints.get(missingItem)) : locate(sourceMap, element ? `${error.instancePath}/${element.index}` : error.instancePath);
      const message = inSection(reason(element?.error ?? error), itemId, span.start.line, ownSections);
      const found = diagnostic(rule, span, sentence(message), { itemId, hint: itemId ? byId.get(itemId)?.hint : undefined });
      diagnostics.push(found);
      if (target) ruleTargets.set(found, target);
    } else if (root === 'items' && id === undefined && error.keyword === 'required') {
      missing.add(String(error.params.missingProperty));
    } else if (root === 'items' && id !== undefined) {
      weak.set(id, [...(weak.get(id) ?? []), error]);
    } else {
      diagnostics.push(diagnostic(ruleOf(checklist, FRONT_MATTER), locate(sourceMap, error.instancePath), frontMatterMessage(error)));
    }
  }

  const checklistStates: Record<string, ItemState> = {};
  const lacks = new Map<string, string[]>();
  for (const item of checklist.items) {
    const found = model.items[item.id];
    const state: ItemState = !found ? 'absent' : weak.has(item.id) ? 'weak' : 'present';
    checklistStates[item.id] = state;
    if (missing.has(item.id)) diagnostics.push(absentDiagnostic(ruleOf(checklist, REQUIRED_SECTION), item, sectionName(checklist, item), insertionPoints.get(item.id)));
    const itemErrors = weak.get(item.id);
    if (found && itemErrors) {
      const span = locate(sourceMap, `/items/${item.id}`);
      const reasons = item.message !== undefined ? [item.message] : weakReasons(itemErrors);
      lacks.set(item.id, reasons);
      diagnostics.push(weakDiagnostic(ruleOf(checklist, WEAK_SECTION), item, sectionName(checklist, item), found, reasons, span));
    }
  }
  // A best-practice finding about an item that already has a state finding (absent, weak) repeats it.
  const stated = new Set(diagnostics.filter((d) => STATE_RULES.has(d.ruleId)).map((d) => d.itemId));
  const kept = diagnostics.filter((d) => !ruleTargets.has(d) || !stated.has(ruleTargets.get(d)));
  return { diagnostics: kept, checklist: checklistStates, lacks, missing };
}

/** The rules that report an item's state (absent, weak); every other rule about an item is a best practice. */
export const STATE_RULES: ReadonlySet<string> = new Set([REQUIRED_SECTION, WEAK_SECTION]);

const insertionSpan = (at: InsertionPoint | undefined): Span => ({ start: { line: at?.line ?? 1, column: 1 }, end: { line: at?.line ?? 1, column: 1 } });

/** The property a `required` error names, also when ajv-errors has wrapped it in a custom message. */
function missingProperty(error: ErrorObject): string | undefined {
  if (error.keyword === 'required') return String(error.params.missingProperty);
  const inner = (error.params as { errors?: ErrorObject[] }).errors?.find((e) => e.keyword === 'required');
  return inner ? String(inner.params.missingProperty) : undefined;
}

const sentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);

/** A sentence's first word in lower case when it is an ordinary capitalised word ("Drift", "A"), not an acronym ("PSI"). */
const lowerFirst = (text: string) => (/^\p{Lu}\p{Ll}*(?![\p{L}\p{N}])/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/**
 * A rule's message about an item, led by the document's own heading of the item's section, as a
 * weak item's is, so the writer recognises the section whatever language the doc is in:
 * `Section "Мониторинг" (drift-monitoring): drift is detected but…`. Of an item's sections, the one
 * the finding stands in (the innermost), else its first. An item with no section of its own
 * (mentioned in passing, absent) has no heading to name: the rule's message stands as written.
 */
function inSection(message: string, itemId: string | undefined, line: number, ownSections: ReadonlyMap<string, OwnSection[]>): string {
  const sections = itemId === undefined ? undefined : ownSections.get(itemId);
  if (!sections || sections.length === 0) return message;
  const around = sections.filter((s) => s.line <= line && line <= s.endLine).sort((a, b) => b.line - a.line)[0];
  return `Section "${(around ?? sections[0]!).heading}" (${itemId}): ${lowerFirst(message)}`;
}

/**
 * The element of a list a rule's error stands for. An error on a list of facts ("no latency under a
 * second" with batch serving) is the list's, and would point at, and quote, its first element; the
 * finding belongs on the element that breaks the rule. That is the first element that breaks it on
 * its own: the model validated again with the list holding only that element, whose error then
 * quotes it (`${0/0/text}`). Where every element breaks the rule (a `contains` none of them meets)
 * that is the first, as before; where none does on its own (`maxItems`, `uniqueItems`), the finding
 * stays on the list. Only a finding pays for this, once per element up to the one found.
 */
function offendingElement(checklist: Checklist, model: unknown, error: ErrorObject, rule: RuleMeta): { index: number; error: ErrorObject } | undefined {
  const path = error.instancePath.split('/').slice(1).map(unescape);
  const list = path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), model);
  if (!Array.isArray(list) || list.length < 2) return undefined;
  // A copy of the model along the path, with the list replaced: the rest is shared, and ajv only reads it.
  const withList = (at: unknown, depth: number, replaced: unknown[]): unknown => {
    if (depth === path.length) return replaced;
    const copy = (Array.isArray(at) ? [...(at as unknown[])] : { ...(at as object) }) as Record<string, unknown>;
    copy[path[depth]!] = withList(copy[path[depth]!], depth + 1, replaced);
    return copy;
  };
  for (const [index, element] of list.entries()) {
    checklist.validate(withList(model, 0, [element]));
    const alone = checklist.validate.errors?.find((e) => e.instancePath === error.instancePath && e.keyword === error.keyword && ruleFor(checklist, e) === rule);
    if (alone) return { index, error: alone };
  }
  return undefined;
}

/** The schema rule an error belongs to: the nearest subschema on its schema path that declares `mlsd.rule`. */
function ruleFor(checklist: Checklist, error: ErrorObject) {
  if (checklist.rules.size === 0) return undefined;
  for (let path = error.schemaPath; path.includes('/'); path = path.slice(0, path.lastIndexOf('/'))) {
    const rule = checklist.rules.get(path);
    if (rule) return rule;
  }
  return undefined;
}

/**
 * What an item's section is called in the document's language, for an item that has none of its
 * own yet (missing, or only mentioned in passing): the heading of the section `--fix` inserts in
 * it (the language's `skeletons`), so the finding names what the writer will see; the item's title
 * where the language has none.
 */
const sectionName = (checklist: Checklist, item: ChecklistItem) => leadingHeading(checklist.skeletons[item.id] ?? '') ?? item.title;

function absentDiagnostic(rule: RuleMeta, item: ChecklistItem, name: string, at: InsertionPoint | undefined): Diagnostic {
  const where = at?.unclosed
    ? ` (add it at the end, once the ${at.unclosed.kind} opened at line ${at.unclosed.line} is closed)`
    : at?.after
      ? ` (add it after "${at.after}")`
      : at?.before
        ? ` (add it before "${at.before}")`
        : '';
  return diagnostic(rule, insertionSpan(at), `Missing required section "${name}"${where}.`, {
    // No fix where the section could only go inside a block left open: it would not be read as a section.
    ...(at?.insertBefore !== undefined ? { fix: { insertSectionBefore: at.insertBefore, headingLevel: at.level ?? 2, ...(at.setext ? { setext: true } : {}) } } : {}),
    itemId: item.id,
    hint: item.hint,
  });
}

/** Why an item is weak: the checklist author's own messages (ajv-errors) say it better than the raw errors beneath them. */
function weakReasons(errors: ErrorObject[]): string[] {
  const authored = errors.filter((e) => e.keyword === 'errorMessage');
  return [...new Set((authored.length > 0 ? authored : errors).map(reason))];
}

function weakDiagnostic(rule: RuleMeta, item: ChecklistItem, name: string, found: { via: string; sections: string[] }, reasons: string[], span: Span): Diagnostic {
  // The document's own heading, so the writer recognises the section; the item id says what it was read as.
  // An item only mentioned has no heading of its own: it is named as its missing section would be.
  const subject =
    found.via === 'heading'
      ? `Section "${found.sections[0] ?? item.title}" (${item.id}) lacks substance`
      : `${name} only mentioned in passing (in "${found.sections[0]}"), not addressed`;
  return diagnostic(rule, span, sentence(`${subject}: ${reasons.join('; ')}`), { itemId: item.id, hint: item.hint });
}
