import type { Formatter } from './types.js';

export type { FileResult, FormatOptions, Formatter } from './types.js';

/** Formatters load on demand, so `mlsd lint` pays only for the one it prints with. */
const FORMATTERS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  github: async () => (await import('./github.js')).github,
  junit: async () => (await import('./junit.js')).junit,
  markdown: async () => (await import('./markdown.js')).markdown,
  compact: async () => (await import('./compact.js')).compact,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return FORMATTERS[name]?.();
}
