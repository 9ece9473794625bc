import { printableReport, printableStream } from './printable.js';
import { collected } from './streaming.js';
import type { Formatter, StreamingFormatter } from './types.js';

export type { FileResult, FormatOptions, Formatter, ReportStream, RunSummary, StreamingFormatter } from './types.js';

/**
 * How a format prints: `stream` formats print each file as it is linted, so a run holds no results;
 * `collect` formats need every result first (junit's root element carries the totals, github puts
 * errors first under GitHub's annotation cap, markdown's scorecard has a column per item seen).
 */
export type ReportFormat = { stream: StreamingFormatter } | { collect: Formatter };

/** Formatters load on demand, so `mlsd lint` pays only for the one it prints with. */
// Formats a terminal or a log prints take text from the documents made printable; JSON and SARIF
// escape it, and JUnit's XML drops what XML cannot carry.
const FORMATTERS: Record<string, () => Promise<ReportFormat>> = {
  stylish: async () => ({ stream: printableStream((await import('./stylish.js')).stylishReport) }),
  json: async () => ({ stream: (await import('./json.js')).jsonReport }),
  sarif: async () => ({ stream: (await import('./sarif.js')).sarifReport }),
  github: async () => ({ collect: printableReport((await import('./github.js')).github) }),
  junit: async () => ({ collect: (await import('./junit.js')).junit }),
  markdown: async () => ({ collect: printableReport((await import('./markdown.js')).markdown) }),
  compact: async () => ({ stream: printableStream((await import('./compact.js')).compactReport) }),
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

/**
 * Whether a format is read by a program or kept as a file (all but stylish): a run that lints no file
 * still writes its empty report, as one with nothing changed does, so a reader never finds nothing.
 * Stylish is for a person at a terminal, whom standard error tells instead.
 */
export const writesEmptyReport = (name: string) => name !== 'stylish';

export async function loadReportFormat(name: string): Promise<ReportFormat | undefined> {
  return FORMATTERS[name]?.();
}

/** The format as a function of every result, whether or not it can stream. */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  const format = await loadReportFormat(name);
  return format && ('collect' in format ? format.collect : collected(format.stream));
}
