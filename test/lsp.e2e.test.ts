import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  MessageType,
  ShutdownRequest,
  type CodeAction,
  type Diagnostic,
  type InitializeResult,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { Debouncer } from '../src/lsp/debounce.js';
import { edit, example, ROOT, runCli, tempDir, tempRepo, tempTree } from './helpers.js';
import { LspClient } from './lsp-client.js';

const uriOf = (path: string) => pathToFileURL(path).href;
const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
const editsOf = (action: CodeAction, uri: string) => action.edit!.changes![uri]!;
/** A diagnostic's message as text: LSP 3.18 allows Markdown content there; mlsd sends plain strings. */
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

describe('mlsd lsp --stdio', () => {
  let dir: string;
  let file: string;
  let uri: string;
  let original: string;
  let client: LspClient;
  let init: InitializeResult;
  let opened: Diagnostic[];

  beforeAll(async () => {
    dir = tempDir();
    file = join(dir, 'draft.md');
    copyFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), file);
    original = readFileSync(file, 'utf8');
    uri = uriOf(file);
    client = new LspClient(dir, { env: { ...process.env, NO_COLOR: '1' } });
    init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(dir),
      workspaceFolders: [{ uri: uriOf(dir), name: 'docs' }],
      capabilities: {},
      initializationOptions: { debounceMs: 20 },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: original } });
    opened = await client.diagnostics(uri, 1);
  });

  afterAll(() => {
    client.server.kill();
  });

  it('initializes with the features it serves', () => {
    expect(init.serverInfo?.name).toBe('mlsd');
    expect(init.capabilities.hoverProvider).toBe(true);
    expect(init.capabilities.codeActionProvider).toBeTruthy();
  });

  it('logs no error to a client that declares no capabilities', () => {
    // This client sent `initialized` and has had its diagnostics: an error from there came first.
    expect(client.logs.filter((log) => log.type === MessageType.Error)).toEqual([]);
  });

  it('follows the workspace folders of a client that reports their changes', async () => {
    const repo = tempDir();
    mkdirSync(join(repo, 'docs', 'design'), { recursive: true });
    const doc = uriOf(join(repo, 'docs', 'design', 'plain.md'));
    const editor = new LspClient(dir, { env: { ...process.env, NO_COLOR: '1' } });
    try {
      await editor.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: [], capabilities: { workspace: { workspaceFolders: true } }, initializationOptions: { debounceMs: 0 } });
      await editor.connection.sendNotification(InitializedNotification.type, {});
      await editor.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: doc, languageId: 'markdown', version: 1, text: '# Plain\n' } });
      // In no folder, judged from its own: no drafts folder there, no front matter, no design doc.
      expect(await editor.diagnostics(doc, 1)).toEqual([]);
      const before = editor.count;
      await editor.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: uriOf(repo), name: 'repo' }], removed: [] } });
      expect((await editor.next(doc, before)).some((d) => d.code === 'required-section')).toBe(true);
      expect(editor.logs.filter((log) => log.type === MessageType.Error)).toEqual([]);
    } finally {
      editor.server.kill();
    }
  });

  it('publishes on open what `mlsd lint` reports: rule ids, ranges, severities', () => {
    const cli = JSON.parse(runCli(['lint', 'draft.md', '--format', 'json'], { cwd: dir }).stdout) as { files: { diagnostics: { line: number; column: number; endLine: number; endColumn: number; ruleId: string; severity: string; suppressed: unknown }[] }[] };
    const expected = cli.files[0]!.diagnostics
      .filter((d) => d.suppressed === null)
      .map((d) => ({ code: d.ruleId, severity: d.severity === 'error' ? 1 : 2, range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } } }));
    expect(expected.map((d) => d.code)).toEqual(expect.arrayContaining(['required-section', 'weak-section', 'placeholder']));
    expect(opened.map(({ code, severity, range }) => ({ code, severity, range }))).toEqual(expected);
    expect(opened.every((d) => d.source === 'mlsd')).toBe(true);
  });

  it('publishes updated diagnostics after a change', async () => {
    const placeholder = opened.find((d) => d.code === 'placeholder' && messageOf(d).includes('{{owner_team}}'))!;
    // Replace "{{owner_team}}" with a real team name: an incremental change, as editors send them.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: placeholder.range, text: 'Retention ML' }],
    });
    const changed = await client.diagnostics(uri, 2);
    expect(changed.some((d) => messageOf(d).includes('{{owner_team}}'))).toBe(false);
    expect(changed.length).toBe(opened.length - 1);
    // Back to the original text for the tests that follow.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: original }] });
    expect(await client.diagnostics(uri, 3)).toEqual(opened);
  });

  it('offers to insert a missing section, as --fix inserts it', async () => {
    const missing = (name: string) => (d: Diagnostic) => d.code === 'required-section' && messageOf(d).startsWith(`Missing required section "${name}"`);
    const labels = opened.find(missing('Labels'))!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: labels.range, context: { diagnostics: [labels] } })) as CodeAction[];
    const insert = actions.find((a) => a.title.startsWith('Insert the missing'))!;
    expect(insert.title).toBe('Insert the missing "Labels" section');
    expect(insert.kind).toBe('quickfix');
    const withLabels = apply(original, editsOf(insert, uri));
    expect(withLabels).toContain('## Labels');

    // Every missing section at once gives the very file `mlsd lint --fix` writes.
    const all = actions.find((a) => a.title.startsWith('Insert all'))!;
    runCli(['lint', 'draft.md', '--fix'], { cwd: dir });
    expect(apply(original, editsOf(all, uri))).toBe(readFileSync(file, 'utf8'));
    writeFileSync(file, original);

    // The inserted section clears the finding it was offered for.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 4 }, contentChanges: [{ text: withLabels }] });
    const after = await client.diagnostics(uri, 4);
    expect(after.some(missing('Labels'))).toBe(false);
    expect(after.some((d) => d.code === 'required-section')).toBe(true);
  });

  it("offers a Russian doc's missing sections in Russian, as --fix inserts them", async () => {
    const ruFile = join(dir, 'ru.md');
    const text =
      '---\ntitle: Отток\nproblem_type: generic\n---\n\n## Метрики\n\nОфлайн мы считаем ROC AUC на отложенном месяце. Онлайн — доля удержанных клиентов в A/B тесте.\n\n' +
      '## Разметка\n\nЦелевая переменная — отсутствие покупок в течение 30 дней; метки созревают через 30 дней.\n';
    writeFileSync(ruFile, text);
    const ruUri = uriOf(ruFile);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: ruUri, languageId: 'markdown', version: 1, text } });
    const leakage = (await client.diagnostics(ruUri, 1)).find((d) => d.code === 'required-section' && messageOf(d).startsWith('Missing required section "Утечки"'))!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: ruUri }, range: leakage.range, context: { diagnostics: [leakage] } })) as CodeAction[];
    expect(actions.find((a) => a.title.startsWith('Insert the missing'))!.title).toBe('Insert the missing "Утечки" section');
    const all = actions.find((a) => a.title.startsWith('Insert all'))!;
    runCli(['lint', 'ru.md', '--fix'], { cwd: dir });
    const fixed = readFileSync(ruFile, 'utf8');
    expect(fixed).toContain('\n## Утечки\n');
    expect(apply(text, editsOf(all, ruUri))).toBe(fixed);
  });

  it('offers a suppression comment with a reason to fill in, which waives the finding', async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 5 }, contentChanges: [{ text: original }] });
    const diagnostics = await client.diagnostics(uri, 5);
    const placeholder = diagnostics.find((d) => d.code === 'placeholder')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: placeholder.range, context: { diagnostics: [placeholder] } })) as CodeAction[];
    const suppress = actions.find((a) => a.title.startsWith('Suppress placeholder'))!;
    const edits = editsOf(suppress, uri);
    expect(edits).toHaveLength(1);
    expect(edits[0]!.newText).toBe('<!-- mlsd-disable-next-line placeholder -- TODO: why this finding does not apply -->\n');
    expect(edits[0]!.range.start).toEqual({ line: placeholder.range.start.line, character: 0 });

    // An absent item is waived for the whole file, after the front matter.
    const drift = diagnostics.find((d) => d.code === 'required-section' && messageOf(d).startsWith('Missing required section "Drift monitoring"'))!;
    const driftActions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: drift.range, context: { diagnostics: [drift] } })) as CodeAction[];
    const waive = driftActions.find((a) => a.title.startsWith('Suppress'))!;
    expect(waive.title).toBe('Suppress drift-monitoring in this file (with a reason)');
    expect(editsOf(waive, uri)[0]!.range.start).toEqual({ line: original.split('\n').indexOf('---', 1) + 1, character: 0 });

    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 6 }, contentChanges: [{ range: edits[0]!.range, text: edits[0]!.newText }] });
    const after = await client.diagnostics(uri, 6);
    expect(after.some((d) => d.code === 'placeholder' && d.message === placeholder.message)).toBe(false);
    expect(after).toHaveLength(diagnostics.length - 1);

    const waived = apply(original, editsOf(waive, uri));
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 7 }, contentChanges: [{ text: waived }] });
    const afterWaiver = await client.diagnostics(uri, 7);
    expect(afterWaiver.some((d) => d.message === drift.message)).toBe(false);
    expect(afterWaiver).toHaveLength(diagnostics.length - 1);
  });

  it('gives the reason as a snippet placeholder to clients that take snippet edits', async () => {
    const editor = new LspClient(dir, { env: { ...process.env, NO_COLOR: '1' } });
    try {
      await editor.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(dir), capabilities: { workspace: { workspaceEdit: { snippetEditSupport: true } } } });
      await editor.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: original } });
      const placeholder = (await editor.diagnostics(uri, 1)).find((d) => d.code === 'placeholder')!;
      const actions = (await editor.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: placeholder.range, context: { diagnostics: [placeholder] } })) as CodeAction[];
      const suppress = actions.find((a) => a.title.startsWith('Suppress placeholder'))!;
      expect(suppress.edit!.documentChanges).toEqual([
        {
          textDocument: { uri, version: 1 },
          edits: [{ range: { start: { line: placeholder.range.start.line, character: 0 }, end: { line: placeholder.range.start.line, character: 0 } }, snippet: { kind: 'snippet', value: '<!-- mlsd-disable-next-line placeholder -- ${1:TODO: why this finding does not apply} -->\n' } }],
        },
      ]);
    } finally {
      editor.server.kill();
    }
  });

  it('inserts every missing section as the fix-all source action (fix on save)', async () => {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.mlsd']);
    // The document now waives drift monitoring: --fix on the same text inserts Labels only.
    const waived = readFileSync(file, 'utf8').replace('---\n\n# ', `---\n<!-- mlsd-disable drift-monitoring -- TODO: why this finding does not apply -->\n\n# `);
    writeFileSync(file, waived);
    runCli(['lint', 'draft.md', '--fix'], { cwd: dir });
    const fixed = readFileSync(file, 'utf8');
    writeFileSync(file, original);
    expect(fixed).toContain('## Labels');
    expect(fixed).not.toContain('## Drift monitoring');
    expect(apply(waived, editsOf(actions[0]!, uri))).toBe(fixed);
  });

  it('shows the rule page on hover, as `mlsd explain` prints it', async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 8 }, contentChanges: [{ text: original }] });
    const weak = (await client.diagnostics(uri, 8)).find((d) => d.code === 'weak-section')!;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: weak.range.start });
    expect(hover?.contents).toEqual({ kind: 'markdown', value: runCli(['explain', 'weak-section']).stdout });
    expect(hover?.range).toEqual(weak.range);
    // Away from any finding: nothing.
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } })).toBeNull();
  });

  it('shows the page as plain text to a client that does not render Markdown', async () => {
    const editor = new LspClient(dir, { env: { ...process.env, NO_COLOR: '1' } });
    try {
      await editor.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(dir), capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } } });
      await editor.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: original } });
      const weak = (await editor.diagnostics(uri, 1)).find((d) => d.code === 'weak-section')!;
      const hover = await editor.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: weak.range.start });
      expect(hover?.contents).toEqual({ kind: 'plaintext', value: runCli(['explain', 'weak-section']).stdout });
    } finally {
      editor.server.kill();
    }
  });

  it('shows the page of a rule the team config declares, as `mlsd explain` prints it there', async () => {
    const team = tempDir();
    writeFileSync(
      join(team, '.mlsdrc.yaml'),
      'checklist:\n  rollback-plan:\n    title: Rollback plan\n    facts:\n      durations: { terms: ["\\\\d+ ?minutes"], min: 0 }\n    schema:\n      allOf:\n        - mlsd: { rule: rollback-time, description: The rollback plan gives no time to roll back., help: Say how long a rollback takes. }\n          properties: { facts: { properties: { durations: { minItems: 1, errorMessage: The rollback plan says nothing about how long a rollback takes } } } }\n',
    );
    const doc = join(team, 'docs', 'design', 'slow.md');
    mkdirSync(dirname(doc), { recursive: true });
    const text = `${readFileSync(join(ROOT, 'examples', 'feed-ranking.md'), 'utf8')}\n## Rollback plan\n\nA feature flag sends traffic back to the previous model.\n`;
    writeFileSync(doc, text);
    const editor = new LspClient(team);
    try {
      await editor.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(team), capabilities: {} });
      await editor.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(doc), languageId: 'markdown', version: 1, text } });
      const finding = (await editor.diagnostics(uriOf(doc), 1)).find((d) => d.code === 'rollback-time')!;
      expect(finding).toBeDefined();
      const hover = await editor.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(doc) }, position: finding.range.start });
      expect(hover?.contents).toEqual({ kind: 'markdown', value: runCli(['explain', 'rollback-time'], { cwd: team }).stdout });
    } finally {
      editor.server.kill();
    }
  });

  it('finds each workspace folder\'s config, as `mlsd lint` run there would', async () => {
    const team = tempDir();
    writeFileSync(join(team, '.mlsdrc.yaml'), 'rules:\n  placeholder: off\n');
    const teamDoc = uriOf(join(team, 'draft.md'));
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: teamDoc, languageId: 'markdown', version: 1, text: original } });
    // Not a workspace folder yet: linted from the document's own folder, which holds the config.
    const fromFolder = await client.diagnostics(teamDoc, 1);
    expect(fromFolder.some((d) => d.code === 'placeholder')).toBe(false);
    expect(fromFolder.length).toBe(opened.filter((d) => d.code !== 'placeholder').length);

    // The config changes: the editor says so, and the document is linted again with the new one.
    writeFileSync(join(team, '.mlsdrc.yaml'), 'rules:\n  placeholder: off\n  weak-section: off\n');
    const before = client.count;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(team, '.mlsdrc.yaml')), type: 2 }] });
    const relinted = await client.next(teamDoc, before);
    expect(relinted.some((d) => d.code === 'weak-section')).toBe(false);
    expect(relinted.length).toBe(opened.filter((d) => d.code !== 'placeholder' && d.code !== 'weak-section').length);
  });

  it('shows nothing for a document the config ignores, and a config error where it is seen', async () => {
    const team = tempDir();
    writeFileSync(join(team, '.mlsdrc.yaml'), 'ignores:\n  - notes.md\n');
    const ignored = uriOf(join(team, 'notes.md'));
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: ignored, languageId: 'markdown', version: 1, text: original } });
    expect(await client.diagnostics(ignored, 1)).toEqual([]);

    const broken = tempDir();
    writeFileSync(join(broken, '.mlsdrc.yaml'), 'rules:\n  weak-sectoin: off\n');
    const doc = uriOf(join(broken, 'design.md'));
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: doc, languageId: 'markdown', version: 1, text: original } });
    const [error, ...rest] = await client.diagnostics(doc, 1);
    expect(rest).toEqual([]);
    expect(error!.severity).toBe(1);
    expect(error!.message).toMatch(/^mlsd cannot lint this document: .*\.mlsdrc\.yaml.*weak-sectoin/s);
  });

  it('publishes a config error once, not again on every hover and code action, and again once the config changes', async () => {
    const broken = tempDir();
    writeFileSync(join(broken, '.mlsdrc.yaml'), 'rules:\n  weak-sectoin: off\n');
    const editor = new LspClient(broken, { env: { ...process.env, NO_COLOR: '1' } });
    onTestFinished(() => void editor.server.kill());
    await editor.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(broken), capabilities: {}, initializationOptions: { debounceMs: 0 } });
    await editor.connection.sendNotification(InitializedNotification.type, {});
    const doc = uriOf(join(broken, 'design.md'));
    await editor.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: doc, languageId: 'markdown', version: 1, text: original } });
    const [error] = await editor.diagnostics(doc, 1);
    expect(messageOf(error!)).toMatch(/^mlsd cannot lint this document: .*weak-sectoin/s);
    const before = editor.count;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (let i = 0; i < 3; i++) {
      expect(await editor.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc }, position: range.start })).toBeNull();
      expect(await editor.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: doc }, range, context: { diagnostics: [error!] } })).toEqual([]);
    }
    // Diagnostics a request caused would have been written before its response.
    expect(editor.count).toBe(before);

    writeFileSync(join(broken, '.mlsdrc.yaml'), 'rules:\n  weak-section: off\n');
    await editor.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(broken, '.mlsdrc.yaml')), type: 2 }] });
    const fixed = await editor.next(doc, before);
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed.some((d) => messageOf(d).startsWith('mlsd cannot lint'))).toBe(false);
  });

  it('places findings on the first line where the editor sees them when its text starts with a byte-order mark', async () => {
    // Lint reads the text without the mark, as the CLI's decoder does; the editor counts it as a character.
    const text = '\uFEFF# Churn model for {{team}}\n\nWe predict churn.\n';
    // In the folder `mlsd new` writes to, where a document is a design doc without front matter.
    mkdirSync(join(dir, 'docs', 'design'), { recursive: true });
    const marked = join(dir, 'docs', 'design', 'marked.md');
    writeFileSync(marked, text);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(marked), languageId: 'markdown', version: 1, text } });
    const placeholder = (await client.diagnostics(uriOf(marked), 1)).find((d) => d.code === 'placeholder')!;
    const at = text.indexOf('{{team}}');
    expect(placeholder.range).toEqual({ start: { line: 0, character: at }, end: { line: 0, character: at + '{{team}}'.length } });
  });

  it('reports binary content the editor decoded as `mlsd lint` reports the file: not text, and nothing else', async () => {
    mkdirSync(join(dir, 'docs', 'design'), { recursive: true });
    const binary = join(dir, 'docs', 'design', 'binary.md');
    const bytes = Buffer.from('# Churn\n\u0000\u0001\u0002ELF\u0000\n', 'utf8');
    writeFileSync(binary, bytes);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(binary), languageId: 'markdown', version: 1, text: bytes.toString('utf8') } });
    const found = await client.diagnostics(uriOf(binary), 1);
    const cli = JSON.parse(runCli(['lint', binary, '--format', 'json'], { cwd: dir }).stdout).files[0].diagnostics as { ruleId: string; message: string }[];
    expect(cli.map((d) => d.ruleId)).toEqual(['not-text']);
    // The editor hands over characters, not bytes: the reason names NUL characters.
    expect(found.map((d) => [d.code, messageOf(d)])).toEqual([['not-text', 'The file is not text (it contains NUL characters); it was not linted.']]);
  });

  it('lints a document the parser could stall on in a worker, as `mlsd lint` does', async () => {
    const dense = `${original}\n${'*a '.repeat(6000)}\n`; // past the guard's delimiter count
    const denseFile = join(dir, 'dense.md');
    writeFileSync(denseFile, dense);
    const cli = JSON.parse(runCli(['lint', 'dense.md', '--format', 'json'], { cwd: dir }).stdout) as { files: { diagnostics: { ruleId: string }[] }[] };
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(denseFile), languageId: 'markdown', version: 1, text: dense } });
    const diagnostics = await client.diagnostics(uriOf(denseFile), 1);
    expect(diagnostics.map((d) => d.code)).toEqual(cli.files[0]!.diagnostics.map((d) => d.ruleId));
    expect(diagnostics.some((d) => d.code === 'required-section')).toBe(true);
  });

  it('stops a team pattern that backtracks on a document at the time limit, and lints the next document', { timeout: 20_000 }, async () => {
    const repo = tempTree({
      // Ten adjacent \w*: the config check passes it, yet on a 42-letter word it takes many minutes to fail.
      '.mlsdrc.yaml': `checklist:\n  metrics:\n    mentions: ["${'\\\\w*'.repeat(10)}ly"]\n`,
      'docs/design/slow.md': '# Slow\n\nThe internationalizationofeverythingwhatsoever matters.\n',
      'docs/design/plain.md': '# Plain\n\nWe track AUC offline.\n',
    });
    const editor = new LspClient(repo, { env: { ...process.env, NO_COLOR: '1' } });
    onTestFinished(() => void editor.server.kill()); // also when a hung server fails the test
    await editor.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(repo), capabilities: {}, initializationOptions: { debounceMs: 0, timeoutMs: 1000 } });
    await editor.connection.sendNotification(InitializedNotification.type, {});
    const open = async (name: string) => {
      const doc = uriOf(join(repo, 'docs', 'design', name));
      await editor.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: doc, languageId: 'markdown', version: 1, text: readFileSync(join(repo, 'docs', 'design', name), 'utf8') } });
      return editor.diagnostics(doc, 1);
    };
    const [stopped, ...rest] = await open('slow.md');
    expect(rest).toEqual([]);
    expect(stopped!.code).toBe('timeout');
    expect(messageOf(stopped!)).toMatch(/1 s per-file limit.*pattern from the config \(checklist\.metrics\.mentions\)/);
    expect((await open('plain.md')).some((d) => d.code === 'required-section')).toBe(true);
    // The pattern rewritten: the worker lints with the config as it is now, not the one it compiled first.
    writeFileSync(join(repo, '.mlsdrc.yaml'), 'checklist:\n  metrics:\n    mentions: ["\\\\w*ly"]\n');
    const before = editor.count;
    await editor.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(repo, '.mlsdrc.yaml')), type: 2 }] });
    expect((await editor.next(uriOf(join(repo, 'docs', 'design', 'slow.md')), before)).map((d) => d.code)).toContain('required-section');
  });

  it('shuts down and exits with 0', async () => {
    await client.connection.sendRequest(ShutdownRequest.type);
    const exit = client.exited();
    await client.connection.sendNotification(ExitNotification.type);
    expect(await exit).toBe(0);
    expect(client.stderr.join('')).toBe('');
  });
});

describe('mlsd lsp --stdio: the documents it lints are those `mlsd lint` in CI lints', () => {
  const README = '# Churn service\n\nHow to run it.\n';
  const draft = example('churn-prediction-draft.md');
  let client: LspClient;
  let version = 0;

  /** A repository holding `files`. */
  const repo = (files: Record<string, string>) => tempTree(files);

  /** An editor with the repository as its workspace folder. */
  async function startEditor(dir: string): Promise<void> {
    client = new LspClient(dir, { env: { ...process.env, NO_COLOR: '1' } });
    await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(dir), workspaceFolders: [{ uri: uriOf(dir), name: 'repo' }], capabilities: {}, initializationOptions: { debounceMs: 0 } });
    await client.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Open a document (or open it again with new text) and await its diagnostics. */
  async function open(uri: string, text: string): Promise<Diagnostic[]> {
    version += 1;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version, text } });
    return client.diagnostics(uri, version);
  }

  afterEach(() => {
    client.server.kill();
  });

  it('after `mlsd init`: a file outside the config\'s paths shows nothing, and a change of paths is followed both ways', async () => {
    const dir = repo({ 'README.md': README });
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    const cli = runCli(['lint', 'README.md'], { cwd: dir });
    expect(cli.stderr).toContain('skipped: outside the config\'s "paths"');
    expect(cli.code).toBe(0);

    await startEditor(dir);
    const readme = uriOf(join(dir, 'README.md'));
    expect(await open(readme, README)).toEqual([]);
    expect((await open(uriOf(join(dir, 'docs', 'design', 'churn.md')), draft)).some((d) => d.code === 'required-section')).toBe(true);

    // README.md joins the paths: `mlsd lint` lints it now, and the editor shows its findings.
    const config = join(dir, '.mlsdrc.yaml');
    const initial = readFileSync(config, 'utf8');
    writeFileSync(config, edit(initial, '  - docs/design\n', '  - docs/design\n  - README.md\n'));
    expect(runCli(['lint', 'README.md'], { cwd: dir }).code).toBe(1);
    const configChanged = async () => {
      const before = client.count;
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(config), type: 2 }] });
      return client.next(readme, before);
    };
    expect((await configChanged()).some((d) => d.code === 'required-section')).toBe(true);

    // And leaves them again: an empty list clears what was shown.
    writeFileSync(config, initial);
    expect(await configChanged()).toEqual([]);
  });

  it('without paths: the drafts folder and the docs whose front matter declares them (as typed); nothing for an untitled buffer', async () => {
    const dir = repo({ 'README.md': README });
    expect(runCli(['lint', '--design-docs-only', 'README.md'], { cwd: dir }).stderr).toContain('skipped: not a design doc');

    await startEditor(dir);
    expect(await open(uriOf(join(dir, 'README.md')), README)).toEqual([]);
    expect(await open(uriOf(join(dir, 'docs', 'design', 'plain.md')), README)).not.toEqual([]);
    // Not saved yet: the front matter in the editor decides, as it will once saved.
    const ranking = uriOf(join(dir, 'services', 'ranking.md'));
    expect(await open(ranking, draft)).not.toEqual([]);
    expect(await open(ranking, edit(draft, 'problem_type: generic\n', ''))).toEqual([]);
    expect(await open('untitled:Untitled-1', draft)).toEqual([]);
  });

  it('without a config, a workspace folder below the repository root: the repository\'s drafts folder, where `mlsd new` writes from there', async () => {
    const dir = tempRepo({ 'docs/usage.md': README });
    const docs = join(dir, 'docs');
    expect(runCli(['new', 'churn', '--yes', '--set', 'owner=me'], { cwd: docs }).stderr).toContain('wrote design/churn.md');
    await startEditor(docs);
    // Without front matter, only its folder makes it a design doc: the one `new` wrote to, not docs/docs/design.
    expect(await open(uriOf(join(docs, 'design', 'plain.md')), README)).not.toEqual([]);
    expect(await open(uriOf(join(docs, 'usage.md')), README)).toEqual([]);
  });
});

describe('the debounce of lint after changes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lints a change after a pause at once, and a burst once, when it settles', () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    const debouncer = new Debouncer(() => 100, () => runs.push(Date.now()));
    const start = Date.now();
    debouncer.changed('doc');
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([start]); // at once
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(40); // typing: each change within the window of the last
      debouncer.changed('doc');
    }
    vi.advanceTimersByTime(99);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([start, start + 301]); // 100 ms after the last change
    vi.advanceTimersByTime(1000);
    expect(runs).toHaveLength(2); // nothing more to lint
    debouncer.changed('doc');
    vi.advanceTimersByTime(1);
    expect(runs).toHaveLength(3); // after the pause: at once again
    debouncer.dispose();
  });
});
