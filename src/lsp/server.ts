import { fileURLToPath } from 'node:url';
import type { Diagnostic as LspDiagnostic, InitializeParams, MarkupKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { UserError } from '../errors.js';
import { CONFIG_NAMES } from '../config/file.js';
import type { Io } from '../io/process.js';
import { VERSION } from '../runtime/package-info.js';
import type { FileResult } from '../run/result.js';
import { importModule } from '../runtime/import-module.js';
import { codeActions, FIX_ALL } from './actions.js';
import { inEditorText, toLspDiagnostics } from './convert.js';
import { Debouncer } from './debounce.js';
import { hoverAt } from './hover.js';
import { EditorLinter } from './lint.js';
import { Workspaces, type DocumentSettings } from './workspace.js';

/**
 * The debounce window (see debounce.ts) is as long as the document's last lint took, within these
 * bounds: a small doc that lints in 5 ms is linted as the author types, a large one that takes
 * 200 ms waits for a 200 ms pause, and either way lint takes at most about half of a core while
 * typing goes on. Clients can fix the window with `debounceMs` in their initialization options.
 */
const MIN_WINDOW_MS = 10;
const MAX_WINDOW_MS = 500;

/** A document as last linted: its result, or why it could not be linted. */
interface Linted {
  version: number;
  /** How long linting it took, in milliseconds. */
  ms: number;
  text: string;
  result?: FileResult;
  context?: DocumentSettings;
}

const toPath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);
const isMarkdown = (doc: TextDocument) => doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri);

/**
 * `mlsd lint` while the author writes: `mlsd lsp --stdio` speaks the Language Server Protocol on
 * standard input and output. The LSP library loads here and only here, so other commands never
 * pay for it. The library ends the process on the protocol's `exit` (0 after `shutdown`, else 1)
 * or when standard input closes.
 *
 * What lints one file as the CLI does (DESIGN.md's `run` layer) still lives in src/cli/: lint-file,
 * lint-guard, lint-pool, config-loader, lint-fix and explain-command. This layer uses those modules
 * rather than a copy of them; when they move to src/run/, only its imports change.
 */
export async function runLsp(io: Io): Promise<number> {
  const [lsp, { TextDocument }] = await Promise.all([
    importModule<typeof import('vscode-languageserver/node')>('vscode-languageserver/node'),
    importModule<typeof import('vscode-languageserver-textdocument')>('vscode-languageserver-textdocument'),
  ]);
  // Standard output carries the protocol: a stray console.log must not corrupt it.
  console.log = console.info = console.warn = console.error;

  const connection = lsp.createConnection(io.stdin, io.stdout);
  const documents = new lsp.TextDocuments(TextDocument);
  const workspaces = new Workspaces();
  const linter = new EditorLinter();
  const linted = new Map<string, Linted>();
  const running = new Map<string, { version: number; done: Promise<Linted | undefined> }>();

  const publish = (uri: string, version: number, diagnostics: LspDiagnostic[]) => void connection.sendDiagnostics({ uri, version, diagnostics });

  async function lintNow(doc: TextDocument): Promise<Linted> {
    const { uri, version } = doc;
    const text = doc.getText();
    const file = toPath(uri);
    const started = performance.now();
    let state: Linted;
    try {
      // An untitled buffer is no file `mlsd lint` could lint: nothing to show until it is saved.
      const context = file === undefined ? undefined : await workspaces.settingsFor(file, text);
      const found = file !== undefined && context?.skipped === false ? await linter.lint(file, text, context) : { file: file ?? uri, diagnostics: [], checklist: {}, items: {} };
      const result = { ...found, diagnostics: inEditorText(found.diagnostics, text) };
      state = { version, ms: performance.now() - started, text, result, context };
    } catch (error) {
      if (!(error instanceof UserError)) connection.console.error(`mlsd: internal error: ${(error as Error).stack ?? error}`);
      const message = error instanceof UserError ? `mlsd cannot lint this document: ${error.message}` : `mlsd: internal error: ${(error as Error).message}`;
      state = { version, ms: performance.now() - started, text };
      // Kept as this version's lint, so a hover or code action does not lint it again and publish the
      // same error again: it is linted again when the text or a config changes (relintAll).
      if (documents.get(uri)?.version === version) {
        linted.set(uri, state);
        publish(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, source: 'mlsd', message }]);
      }
      return state;
    }
    // A newer version is on its way (a slow document in the guard worker): its lint publishes.
    if (documents.get(uri)?.version === version) {
      linted.set(uri, state);
      publish(uri, version, toLspDiagnostics(state.result!.diagnostics));
    }
    return state;
  }

  /** The document's current version, linted: from the last lint when nothing changed since. */
  function current(uri: string): Promise<Linted | undefined> {
    const doc = documents.get(uri);
    if (!doc || !isMarkdown(doc)) return Promise.resolve(undefined);
    const last = linted.get(uri);
    if (last?.version === doc.version) return Promise.resolve(last);
    const inFlight = running.get(uri);
    if (inFlight?.version === doc.version) return inFlight.done;
    const done = lintNow(doc);
    running.set(uri, { version: doc.version, done });
    void done.finally(() => {
      if (running.get(uri)?.done === done) running.delete(uri);
    });
    return done;
  }

  const relintAll = () => {
    linted.clear();
    running.clear(); // a lint under way used the old config
    for (const doc of documents.all()) void current(doc.uri);
  };

  let fixedWindow: number | undefined;
  const windowFor = (uri: string) => fixedWindow ?? Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, linted.get(uri)?.ms ?? 0));
  const debouncer = new Debouncer(windowFor, (uri) => void current(uri));
  let watchConfigs = false;
  let folderEvents = false;
  let snippets = false;
  let hoverKind: MarkupKind = 'markdown';

  connection.onInitialize((params: InitializeParams) => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaces.setFolders(folders.map(toPath).filter((p): p is string => p !== undefined));
    const { debounceMs, timeoutMs } = (params.initializationOptions ?? {}) as { debounceMs?: unknown; timeoutMs?: unknown };
    if (typeof debounceMs === 'number' && debounceMs >= 0) fixedWindow = debounceMs;
    // `mlsd lint --timeout` for the editor: the limit on a document linted in the worker.
    if (typeof timeoutMs === 'number' && timeoutMs > 0) linter.timeoutMs = timeoutMs;
    watchConfigs = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    snippets = params.capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
    // A client that lists the formats it renders, without Markdown, gets the page as plain text.
    const formats = params.capabilities.textDocument?.hover?.contentFormat;
    if (formats && !formats.includes('markdown')) hoverKind = 'plaintext';
    return {
      capabilities: {
        textDocumentSync: lsp.TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [lsp.CodeActionKind.QuickFix, FIX_ALL] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'mlsd', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    // A config changed, was added or removed: every open document is linted again with it.
    if (watchConfigs) {
      void connection.client.register(lsp.DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/{${CONFIG_NAMES.join(',')}}` }],
      });
    }
    // Only a client that has workspace folders sends their changes; asking another throws.
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => toPath(f.uri)));
        const added = event.added.map((f) => toPath(f.uri)).filter((p): p is string => p !== undefined);
        workspaces.setFolders([...workspaces.list.filter((f) => !removed.has(f)), ...added]);
        relintAll();
      });
    }
  });
  connection.onDidChangeWatchedFiles(() => {
    workspaces.invalidate();
    relintAll();
  });

  documents.onDidChangeContent(({ document }) => {
    if (isMarkdown(document)) debouncer.changed(document.uri);
  });
  documents.onDidClose(({ document }) => {
    debouncer.cancel(document.uri);
    linted.delete(document.uri);
    linter.forget(toPath(document.uri) ?? document.uri);
    publish(document.uri, document.version, []);
  });

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const state = await current(textDocument.uri);
    if (!state?.result || !state.context) return [];
    const only = context.only;
    const { result, context: settings } = state;
    return codeActions(
      { uri: textDocument.uri, version: state.version, text: state.text, result, checklist: settings.checklists.for(settings.settings), render: settings.render },
      range,
      {
        quickFixes: !only || only.some((kind) => kind === lsp.CodeActionKind.QuickFix),
        fixAll: only?.some((kind) => FIX_ALL === kind || FIX_ALL.startsWith(`${kind}.`)) ?? false,
        snippets,
      },
    );
  });

  connection.onHover(async ({ textDocument, position }) => {
    const state = await current(textDocument.uri);
    if (!state?.result) return undefined;
    const { context } = state;
    return hoverAt(state.result.diagnostics, position, hoverKind, context?.checklists.for(context.settings));
  });

  connection.onShutdown(async () => {
    debouncer.dispose();
    await linter.close();
  });

  documents.listen(connection);
  connection.listen();
  return new Promise<number>(() => undefined); // never settles: the library exits the process
}

