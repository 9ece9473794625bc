import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-protocol/node';
import { defaultChecklist } from '../src/checklist/load.js';
import { sectionRenderer } from '../src/run/fix.js';
import { insertSections } from '../src/lint/fix.js';
import { codeActions, FIX_ALL, REASON_PLACEHOLDER } from '../src/lsp/actions.js';
import { findingRange } from '../src/lsp/convert.js';
import { lintText } from './helpers.js';

/** Whether the edit, applied, waives one finding with this rule and message (the others stay). */
function waives(text: string, edit: TextEdit, ruleId: string, message: string): boolean {
  const after = TextDocument.applyEdits(TextDocument.create('file:///d.md', 'markdown', 1, text), [edit]);
  const live = (t: string) => lintText(t).diagnostics.filter((d) => d.ruleId === ruleId && d.message === message && d.suppressed === undefined).length;
  return live(after) === live(text) - 1;
}

/** The suppressions the editor offers for the first finding of a rule, as the comment and the line (1-based) it goes before. */
async function suppressionsFor(text: string, ruleId: string) {
  const { model: _model, ...result } = lintText(text);
  const finding = result.diagnostics.find((d) => d.ruleId === ruleId)!;
  expect(finding, `no ${ruleId} finding`).toBeDefined();
  const doc = { uri: 'file:///d.md', version: 1, text, result: { file: 'd.md', ...result }, checklist: defaultChecklist(), render: sectionRenderer() };
  const actions = await codeActions(doc, findingRange(finding), { quickFixes: true, fixAll: false, snippets: false });
  return actions
    .filter((a) => a.title.startsWith('Suppress'))
    .map((a) => {
      const [edit] = a.edit!.changes!['file:///d.md']!;
      expect(waives(text, edit!, ruleId, finding.message)).toBe(true);
      return { title: a.title, before: edit!.range.start.line + 1, comment: edit!.newText.trim() };
    });
}

const body = '# T\n\n## Metrics\n\nOffline PR-AUC on a time-based holdout; online, the save rate of contacted subscribers.\n';

describe('where the editor puts a suppression', () => {
  it('inside front matter: for the whole file, right after it', async () => {
    const text = `---\ntitle: [unclosed\n---\n\n${body}`;
    expect(await suppressionsFor(text, 'front-matter-yaml')).toEqual([
      { title: 'Suppress front-matter-yaml in this file (with a reason)', before: 4, comment: `<!-- mlsd-disable front-matter-yaml -- ${REASON_PLACEHOLDER} -->` },
    ]);
  });

  it('between two rows of a table: for the section, after its heading, so the table stays whole', async () => {
    const text = `${body}\n## Latency budget\n\n| Stage | p99 |\n|---|---|\n| Feature fetch | 40 ms |\n| Model | TBD |\n`;
    expect(await suppressionsFor(text, 'placeholder')).toEqual([
      { title: 'Suppress placeholder in section "Latency budget" (with a reason)', before: 8, comment: `<!-- mlsd-disable placeholder -- ${REASON_PLACEHOLDER} -->` },
    ]);
  });

  it('anywhere else: the line above the finding, indented as it is', async () => {
    const text = `${body}\n## Labels\n\n- Source: TBD\n  - delay: TBD\n`;
    const nested = text.split('\n').findIndex((l) => l.includes('delay: TBD')) + 1;
    const { model: _model, ...result } = lintText(text);
    const finding = result.diagnostics.find((d) => d.ruleId === 'placeholder' && d.line === nested)!;
    const doc = { uri: 'file:///d.md', version: 1, text, result: { file: 'd.md', ...result }, checklist: defaultChecklist(), render: sectionRenderer() };
    const actions = await codeActions(doc, findingRange(finding), { quickFixes: true, fixAll: false, snippets: false });
    const edit = actions.find((a) => a.title === 'Suppress placeholder on this line (with a reason)')!.edit!.changes!['file:///d.md']![0]!;
    expect(edit.range.start).toEqual({ line: nested - 1, character: 0 });
    expect(edit.newText).toBe(`  <!-- mlsd-disable-next-line placeholder -- ${REASON_PLACEHOLDER} -->\n`);
    expect(waives(text, edit, 'placeholder', finding.message)).toBe(true);
  });
});

describe('where the editor inserts a missing section', () => {
  it('where --fix does: after the intro under the title, when no item has a section yet', async () => {
    const text = '# Ticket routing\n\nThis document describes how incoming support tickets reach the right team.\n\nIt is a first draft.\n';
    const { model: _model, ...result } = lintText(text);
    const render = sectionRenderer();
    const doc = { uri: 'file:///d.md', version: 1, text, result: { file: 'd.md', ...result }, checklist: defaultChecklist(), render };
    const start = { line: 0, character: 0 };
    const [fixAll] = (await codeActions(doc, { start, end: start }, { quickFixes: false, fixAll: true, snippets: false })).filter((a) => a.kind === FIX_ALL);
    const after = TextDocument.applyEdits(TextDocument.create('file:///d.md', 'markdown', 1, text), fixAll!.edit!.changes!['file:///d.md']!);
    expect(after).toBe(insertSections(text, await render(result.diagnostics, defaultChecklist())));
    expect(after.startsWith(`${text}\n## Metrics\n`)).toBe(true);
  });
});
