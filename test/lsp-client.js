// An editor's side of `mlsd lsp --stdio`, shared by the end-to-end tests (test/lsp.e2e.test.ts) and
// the latency bench (bench/lsp-latency.js): the built CLI in a child process, spoken to over its
// standard input and output by the protocol library VS Code's client is built on. Plain JavaScript
// so the bench runs on Node without a build step; lsp-client.d.ts gives the tests its types.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProtocolConnection, LogMessageNotification, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'mlsd.js');

export class LspClient {
  /** @type {{ params: import('vscode-languageserver-protocol').PublishDiagnosticsParams, at: number }[]} */
  #published = [];
  /** @type {(() => void)[]} */
  #waiters = [];

  /**
   * @param {string} cwd the server's working folder
   * @param {{ env?: NodeJS.ProcessEnv, stderr?: 'collect' | 'inherit', bin?: string }} [options] the server's standard error is
   *   collected in `stderr` unless inherited; `bin` runs another checkout's CLI (default: this one's)
   */
  constructor(cwd, options = {}) {
    const inherit = options.stderr === 'inherit';
    this.server = spawn(process.execPath, [options.bin ?? BIN, 'lsp', '--stdio'], { cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', inherit ? 'inherit' : 'pipe'] });
    /** @type {string[]} */
    this.stderr = [];
    /** @type {import('vscode-languageserver-protocol').LogMessageParams[]} the server's window/logMessage notifications */
    this.logs = [];
    if (!inherit) this.server.stderr.on('data', (chunk) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.server.stdout), new StreamMessageWriter(this.server.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.#published.push({ params, at: performance.now() });
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => this.logs.push(params));
    this.connection.listen();
  }

  /** The first diagnostics published for this document version, and when they arrived (`performance.now()`). */
  async published(uri, version) {
    for (;;) {
      const found = this.#published.find(({ params }) => params.uri === uri && params.version === version);
      if (found) return { diagnostics: found.params.diagnostics, at: found.at };
      await new Promise((wake) => this.#waiters.push(wake));
    }
  }

  /** The first diagnostics published for this document version. */
  async diagnostics(uri, version) {
    return (await this.published(uri, version)).diagnostics;
  }

  /** The next diagnostics published for this document after the first `after` publications. */
  async next(uri, after = this.#published.length) {
    for (;;) {
      const found = this.#published.slice(after).find(({ params }) => params.uri === uri);
      if (found) return found.params.diagnostics;
      await new Promise((wake) => this.#waiters.push(wake));
    }
  }

  /** How many publications have arrived. */
  get count() {
    return this.#published.length;
  }

  /** The server's exit code, once it has exited. */
  exited() {
    return new Promise((done) => (this.server.exitCode !== null ? done(this.server.exitCode) : this.server.on('exit', (code) => done(code))));
  }
}
