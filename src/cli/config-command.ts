import { Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { matchingFile, withOverrides } from '../config/settings.js';
import type { MergedConfig, ResolvedConfig } from '../config/load.js';
import { configFor, relativeToRoot } from '../config/resolve.js';
import { UserError } from '../errors.js';
import type { Io } from '../io/process.js';

export interface ConfigOptions {
  format: string;
  config?: string | boolean;
}

/** The merged config for one file: overrides whose globs match it applied, their keys credited to them. */
function forFile(resolved: ResolvedConfig, relPath: string) {
  const sources = new Map(resolved.sources);
  const { checklist, rules } = withOverrides(resolved.config, matchingFile(relPath), (key, i) => sources.set(key, `${resolved.sources.get(`overrides[${i}]`) ?? '?'} overrides[${i}]`));
  const config: MergedConfig = { ...structuredClone(resolved.config), checklist, rules };
  return { config, sources };
}

/** Whether a collection holds a string of several lines, at any depth. */
const holdsLines = (node: unknown): boolean =>
  isScalar(node) ? typeof node.value === 'string' && node.value.includes('\n') : isMap(node) || isSeq(node) ? node.items.some((item) => holdsLines(isPair(item) ? item.value : item)) : false;

/** YAML with the source of each value as a comment beside it. */
function yamlWithSources(data: object, sources: Map<string, string>, header: string[]): string {
  const doc = new Document(data);
  const visit = (node: unknown, path: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const child = path ? `${path}.${key}` : key;
        const source = sources.get(child);
        const value = pair.value as Node | null;
        if (!value) continue;
        if (!source) visit(value, child);
        // A value set whole: one line, one source; a block, its source above it, when it holds text of several lines (a skeleton), which one line would fold.
        else if ((isSeq(value) || isMap(value)) && holdsLines(value)) value.commentBefore = ` ${source}`;
        else {
          if (isSeq(value) || isMap(value)) value.flow = true;
          value.comment = ` ${source}`;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const source = sources.get(`${path}[${i}]`);
        if (!source || !item) return;
        if (isScalar(item)) item.comment = ` ${source}`;
        else (item as Node).commentBefore = ` ${source}`;
      });
    }
  };
  visit(doc.contents, '');
  doc.commentBefore = header.map((h) => ` ${h}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

export async function runConfig(file: string | undefined, options: ConfigOptions, io: Io): Promise<number> {
  if (options.format !== 'yaml' && options.format !== 'json') throw new UserError(`unknown format "${options.format}" (choose from: yaml, json)`);
  const resolved = await configFor(options, io.cwd);
  const { config, sources } = file ? forFile(resolved, relativeToRoot(resolved, file, io.cwd)) : resolved;
  const { paths, ...rest } = config;
  const data = paths ? { ...rest, paths } : rest;

  if (options.format === 'json') {
    const out = { file: resolved.file ?? null, layers: resolved.layers, ...(file ? { for: file } : {}), config: data, sources: Object.fromEntries([...sources].sort(([a], [b]) => a.localeCompare(b))) };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const header = [
      `mlsd config: ${resolved.file ?? '(none: built-in checklist)'}`,
      `layers, first to last: ${resolved.layers.join(' → ')}`,
      ...(file ? [`as it applies to ${file}`] : []),
      'each value is followed by the layer that set it; a value holding text of several lines is preceded by it',
    ];
    io.stdout.write(yamlWithSources(data, sources, header));
  }
  return 0;
}
