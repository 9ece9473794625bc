import type { ChildProcess } from 'node:child_process';
import type { Diagnostic, LogMessageParams, ProtocolConnection } from 'vscode-languageserver-protocol/node';

/** An editor's side of `mlsd lsp --stdio` (lsp-client.js). */
export class LspClient {
  constructor(cwd: string, options?: { env?: NodeJS.ProcessEnv; stderr?: 'collect' | 'inherit'; bin?: string });
  readonly server: ChildProcess;
  readonly connection: ProtocolConnection;
  /** The server's standard error, unless inherited. */
  readonly stderr: string[];
  /** The server's window/logMessage notifications. */
  readonly logs: LogMessageParams[];
  published(uri: string, version: number): Promise<{ diagnostics: Diagnostic[]; at: number }>;
  diagnostics(uri: string, version: number): Promise<Diagnostic[]>;
  next(uri: string, after?: number): Promise<Diagnostic[]>;
  readonly count: number;
  exited(): Promise<number | null>;
}
