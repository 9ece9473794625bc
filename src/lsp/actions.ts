import type { CodeAction, Range, TextEdit } from 'vscode-languageserver/node';
import type { Checklist } from '../checklist/types.js';
import { fixable, type SectionRenderer } from '../run/fix.js';
import type { FileResult } from '../run/result.js';
import { insertSections, type SectionInsertion } from '../lint/fix.js';
import { buildOutline, type Outline } from '../lint/outline.js';
import { parseLong } from '../lint/incremental-parse.js';
import { lineEndingOf, withLineFeeds } from '../lint/line-breaks.js';
import { LineIndex } from '../lint/position.js';
import type { Diagnostic } from '../lint/types.js';
import { findingRange, insertionBetween, toLspDiagnostics, touches } from './convert.js';

/** LSP's CodeActionKind values used here. */
const QUICK_FIX = 'quickfix';
export const FIX_ALL = 'source.fixAll.mlsd';

/**
 * The reason an inserted suppression starts with. mlsd requires a reason after " -- "; this one is
 * for the author to replace, and reads as unfinished in review if they do not.
 */
export const REASON_PLACEHOLDER = 'TODO: why this finding does not apply';

/** A linted editor document and what its quick fixes need. */
export interface LintedDocument {
  uri: string;
  version: number;
  text: string;
  result: FileResult;
  checklist: Checklist;
  render: SectionRenderer;
}

/** A suppression comment as a snippet whose one tab stop is the reason placeholder. */
function reasonSnippet(text: string): string {
  const [head, tail] = text.split(REASON_PLACEHOLDER) as [string, string];
  const escape = (s: string) => s.replace(/[\\$}]/g, '\\$&');
  return `${escape(head)}\${1:${REASON_PLACEHOLDER}}${escape(tail)}`;
}

const live = (d: Diagnostic) => d.suppressed === undefined;

/** One text edit per insertion point: each point's sections inserted as `--fix` inserts them. */
function sectionEdits(text: string, insertions: readonly SectionInsertion[]): TextEdit[] {
  const lines = new LineIndex(withLineFeeds(text)); // lines as lint and the client count them
  const points = new Map<number, SectionInsertion[]>();
  for (const insertion of insertions) points.set(insertion.before, [...(points.get(insertion.before) ?? []), insertion]);
  const edits: TextEdit[] = [];
  // Each point's insertion depends only on the original text around it (see insertSections), so
  // the points can be edits of the one original document.
  for (const group of points.values()) {
    const added = insertionBetween(text, insertSections(text, group));
    if (!added) continue;
    const { line, column } = lines.point(added.offset);
    const at = { line: line - 1, character: column - 1 };
    edits.push({ range: { start: at, end: at }, newText: added.text });
  }
  return edits;
}

const headingOf = (section: string) => section.trim().split('\n')[0]!.replace(/^#+\s*/, '').trim();

/** Where a suppression comment for a finding goes, and what it says. */
function suppression(d: Diagnostic, doc: LintedDocument, outline: Outline): { beforeLine: number; comment: string; scope: string } {
  const lineText = (line: number) => outline.lines.text.split('\n')[line - 1] ?? '';
  const fileTop = outline.frontMatter ? outline.frontMatter.span.end.line + 1 : 1;
  const fileWide = (target: string) => ({ beforeLine: fileTop, comment: `<!-- mlsd-disable ${target} -- ${REASON_PLACEHOLDER} -->`, scope: 'in this file' });

  // An item the document lacks has no text to point at: waive the item for the file.
  if (d.itemId !== undefined && doc.result.items[d.itemId]?.state === 'absent') return fileWide(d.itemId);
  // A comment cannot sit inside the front matter.
  if (outline.frontMatter && d.line <= outline.frontMatter.span.end.line) return fileWide(d.ruleId);
  // Nor between two rows of a table, which it would cut in two: waive the rule for the section.
  const inTableBody = (line: number) => outline.blocks.some((b) => b.kind === 'row' && b.span.start.line <= line && b.span.end.line >= line);
  if (inTableBody(d.line) && inTableBody(d.line - 1)) {
    const section = outline.sections.filter((s) => s.span.start.line <= d.line && s.endLine >= d.line).at(-1);
    if (!section) return fileWide(d.ruleId);
    return { beforeLine: section.span.end.line + 1, comment: `<!-- mlsd-disable ${d.ruleId} -- ${REASON_PLACEHOLDER} -->`, scope: `in section "${section.title}"` };
  }
  const indent = /^[ \t]*/.exec(lineText(d.line))![0];
  return { beforeLine: d.line, comment: `${indent}<!-- mlsd-disable-next-line ${d.ruleId} -- ${REASON_PLACEHOLDER} -->`, scope: 'on this line' };
}

/**
 * Quick fixes for the findings in `range`: insert a missing section as `mlsd lint --fix` would,
 * insert them all, or suppress a finding with a comment whose reason the author fills in.
 * `fixAll` adds the source action editors run on save (`source.fixAll`).
 */
export async function codeActions(doc: LintedDocument, range: Range, options: { fixAll: boolean; quickFixes: boolean; snippets: boolean }): Promise<CodeAction[]> {
  const { uri, text, result } = doc;
  const findings = result.diagnostics.filter(live);
  const here = findings.filter((d) => touches(findingRange(d), range));
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });
  const actions: CodeAction[] = [];

  // Rendering loads the templates: only when a missing section is asked about.
  const fixableFindings = findings.filter(fixable);
  const wanted = (options.quickFixes && here.some(fixable)) || (options.fixAll && fixableFindings.length > 0);
  const rendered = wanted ? await doc.render(fixableFindings, doc.checklist, result.language) : []; // one per fixable finding, in order
  const insertions = rendered.filter((i) => i.section !== undefined); // an item without a skeleton has nothing to insert
  if (options.quickFixes) {
    for (const d of here) {
      const insertion = rendered[fixableFindings.indexOf(d)];
      if (!insertion?.section) continue;
      actions.push({
        title: `Insert the missing "${headingOf(insertion.section)}" section`,
        kind: QUICK_FIX,
        diagnostics: toLspDiagnostics([d]),
        isPreferred: true,
        edit: edit(sectionEdits(text, [insertion])),
      });
    }
    if (insertions.length > 1 && here.some(fixable)) {
      actions.push({
        title: `Insert all ${insertions.length} missing sections`,
        kind: QUICK_FIX,
        diagnostics: toLspDiagnostics(here.filter(fixable)),
        edit: edit(sectionEdits(text, insertions)),
      });
    }
    if (here.length > 0) {
      const lineFeeds = withLineFeeds(text);
      const outline = buildOutline(parseLong(lineFeeds), lineFeeds);
      const eol = lineEndingOf(text);
      const seen = new Set<string>();
      for (const d of here) {
        const { beforeLine, comment, scope } = suppression(d, doc, outline);
        if (seen.has(comment + beforeLine)) continue;
        seen.add(comment + beforeLine);
        // Past the last line (front matter and nothing else): after the end of the text.
        const past = beforeLine > outline.lines.lineCount;
        const end = outline.lines.point(text.length);
        const at = past ? { line: end.line - 1, character: end.column - 1 } : { line: beforeLine - 1, character: 0 };
        const newText = past ? `${eol}${comment}${eol}` : `${comment}${eol}`;
        const target = /mlsd-disable(?:-next-line)? (\S+)/.exec(comment)![1]!;
        actions.push({
          title: `Suppress ${target} ${scope} (with a reason)`,
          kind: QUICK_FIX,
          diagnostics: toLspDiagnostics([d]),
          // Where the client can, the reason is a snippet placeholder: selected, ready to type over.
          edit: options.snippets
            ? { documentChanges: [{ textDocument: { uri, version: doc.version }, edits: [{ range: { start: at, end: at }, snippet: { kind: 'snippet', value: reasonSnippet(newText) } }] }] }
            : edit([{ range: { start: at, end: at }, newText }]),
        });
      }
    }
  }
  if (options.fixAll && insertions.length > 0) {
    actions.push({ title: 'Insert every missing section (mlsd --fix)', kind: FIX_ALL, edit: edit(sectionEdits(text, insertions)) });
  }
  return actions;
}
