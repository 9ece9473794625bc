import type { FormatOptions, ReportFormat, ReportStream } from '../format/index.js';
import type { FileResult } from '../run/result.js';
import { addToSummary, emptySummary } from '../format/summary.js';
import type { Io } from '../io/process.js';
import { openReplacement, writeChunk } from '../io/write.js';

/** Where the report's text goes. */
interface Sink {
  write(text: string): Promise<void>;
  end(): Promise<void>;
  /** The run failed: no partial file is left behind (standard output keeps what it was sent). */
  abort(): Promise<void>;
}

const stdoutSink = (io: Io, beforeWrite: () => void): Sink => ({
  write: async (text) => {
    if (text === '') return;
    beforeWrite();
    await writeChunk(io.stdout, text);
  },
  end: async () => undefined,
  abort: async () => undefined,
});

async function fileSink({ path, shown }: { path: string; shown: string }): Promise<Sink> {
  const file = await openReplacement(path, shown);
  return { write: (text) => file.write(text), end: () => file.commit(), abort: () => file.discard() };
}

export interface ReportTarget {
  /** A file to write the report to, whole or not at all (absolute, and as the user named it); standard output when absent. */
  output?: { path: string; shown: string };
  /** Report errors only. */
  quiet?: boolean;
  io: Io;
  /** Called before text goes to standard output (to clear a progress line on the same terminal). */
  beforeWrite?: () => void;
}

/**
 * The report of a run, fed one file at a time in file order. A streaming format prints each file at
 * once and keeps only running totals; a collecting format keeps what it will print, until the end.
 */
export class LintReport {
  /** What the report shows, for a collecting format (and the GitHub job summary); empty when streaming. */
  readonly shown: FileResult[] = [];
  private readonly summary = emptySummary();
  private readonly stream: ReportStream | undefined;

  /** Active findings over every file, whatever --quiet hides from the report: the exit code and --max-warnings go by these, and so do the totals the report prints. */
  get errors(): number {
    return this.summary.errors;
  }

  get warnings(): number {
    return this.summary.warnings;
  }

  private constructor(
    private readonly format: ReportFormat,
    private readonly options: FormatOptions,
    private readonly sink: Sink,
    private readonly quiet: boolean,
  ) {
    this.stream = 'stream' in format ? format.stream(options) : undefined;
  }

  /** Open the output (a file's folder is created now, so a bad --output fails before any linting) and print the header. */
  static async open(format: ReportFormat, options: FormatOptions, target: ReportTarget): Promise<LintReport> {
    const sink = target.output !== undefined ? await fileSink(target.output) : stdoutSink(target.io, target.beforeWrite ?? (() => undefined));
    const report = new LintReport(format, options, sink, target.quiet === true);
    if (report.stream) await sink.write(report.stream.header());
    return report;
  }

  async add(result: FileResult): Promise<void> {
    const listed = this.quiet ? { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') } : result;
    const hiddenBefore = this.summary.hidden;
    addToSummary(this.summary, result, listed);
    // A collecting format prints each file's counts (markdown's scorecard): it is told how many of its warnings are not listed.
    const hiddenWarnings = this.summary.hidden - hiddenBefore;
    const shown = hiddenWarnings > 0 ? { ...listed, hiddenWarnings } : listed;
    if (this.stream) await this.sink.write(this.stream.file(shown));
    else this.shown.push(shown);
  }

  /** Print the footer (or, for a collecting format, the whole report) and close the output. */
  async finish(): Promise<void> {
    const text = this.stream ? this.stream.footer(this.summary) : 'collect' in this.format ? this.format.collect(this.shown, this.options) : '';
    await this.sink.write(text);
    await this.sink.end();
  }

  /** The run failed before the report was complete: leave no partial file. */
  abort(): Promise<void> {
    return this.sink.abort();
  }
}
