import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { firstLine, UserError } from '../errors.js';
import { NOT_UTF8, utf8Text } from '../io/text.js';

/** File names mlsd looks for in each directory, first match wins. */
export const CONFIG_NAMES = ['.mlsdrc.yaml', '.mlsdrc.yml', '.mlsdrc.json', 'mlsd.config.yaml', 'package.json'] as const;

/** One problem in a config file: where it is and what is wrong, for a `file:line: message` line. */
export interface ConfigProblem {
  file: string;
  line?: number;
  message: string;
}

/** A config that cannot be used: every problem found, each printed on a line of its own. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n'));
  }
}

/** A parsed config file: its data, and the line of any key path in it. */
export interface ConfigSource {
  /** Absolute path of the file. */
  path: string;
  /** How the file is named in messages: relative to the working directory when inside it. */
  label: string;
  data: unknown;
  /** 1-based line of the deepest existing node on `path`, preferring keys over values. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

/** Why a config file cannot be read, said plainly (--config or `extends` can name anything). */
const CANNOT_READ: Record<string, string> = {
  ENOENT: 'no such config file',
  EISDIR: 'is a directory, not a config file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/**
 * Parse a YAML or JSON config (JSON is read by the YAML parser too, so both get line numbers).
 * From package.json only the `mlsd` key is the config; undefined when it has none.
 */
export function readConfigFile(path: string, cwd: string): ConfigSource | undefined {
  const label = displayPath(path, cwd);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ConfigError([{ file: label, message: CANNOT_READ[code] ?? `cannot read config (${(error as Error).message})` }]);
  }
  const text = utf8Text(bytes);
  if (text === undefined) throw new ConfigError([{ file: label, message: `cannot read config: ${NOT_UTF8}` }]);
  // Most package.json files have no `mlsd` key: JSON.parse tells far sooner than the YAML parser
  // (which gives line numbers) reads the file (bench/README.md, "Measurements behind the code").
  if (path.endsWith('package.json') && !hasMlsdKey(text)) return undefined;
  const parsed = parseWithLines(text, label);
  const isPackage = path.endsWith('package.json');
  const prefix = isPackage ? ['mlsd'] : [];
  const whole = parsed.data;
  if (isPackage && (whole === null || typeof whole !== 'object' || !('mlsd' in whole))) return undefined;
  const data = isPackage ? (whole as Record<string, unknown>).mlsd : (whole ?? {});
  return {
    path,
    label: isPackage ? `${label} (mlsd)` : label,
    data,
    lineOf: (p) => parsed.lineOf([...prefix, ...p]),
  };
}

/** YAML (or JSON) text and the line of any key path in it; a syntax error is a ConfigError at its line. Template files are read so too. */
export function parseWithLines(text: string, label: string): Pick<ConfigSource, 'data' | 'lineOf'> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The first syntax error is the one to fix: those after it are the parser losing its place.
  const [syntax] = doc.errors;
  if (syntax) throw new ConfigError([{ file: label, line: lineCounter.linePos(syntax.pos[0]).line, message: `cannot parse: ${firstLine(syntax)}` }]);
  return { data: doc.toJS() as unknown, lineOf: (path) => lineOf(doc, lineCounter, path) };
}

/** Whether JSON text has an `mlsd` key at its top; undefined when it is not JSON. */
function mlsdKeyIn(text: string): boolean | undefined {
  try {
    const data = JSON.parse(text) as unknown;
    return data !== null && typeof data === 'object' && 'mlsd' in data;
  } catch {
    return undefined;
  }
}

// Not JSON: let the YAML parser report where it breaks.
const hasMlsdKey = (text: string) => mlsdKeyIn(text) ?? true;

/** A package.json's `mlsd` key, there or not; undefined when the file is not JSON or cannot be read. */
function packageMlsdKey(path: string): boolean | undefined {
  try {
    return mlsdKeyIn(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function lineOf(doc: Document, counter: LineCounter, path: readonly (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined = startLine(node, counter);
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) break;
      best = startLine(pair.key, counter) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
      best = startLine(node, counter) ?? best;
    } else {
      break;
    }
  }
  return best;
}

function startLine(node: unknown, counter: LineCounter): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
}

/**
 * Find the config for a run: the first of CONFIG_NAMES in the working directory, then in each
 * parent up to the file-system root. A package.json without an `mlsd` key does not count. Two
 * config files of their own in one folder are refused: whichever was read, the other's settings
 * would be ignored without a word.
 */
export function discoverConfig(cwd: string): ConfigSource | undefined {
  const isFile = (file: string) => existsSync(file) && statSync(file).isFile();
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const present = CONFIG_NAMES.filter((name) => isFile(join(dir, name)));
    // package.json is read once, here: without an mlsd key it is passed over; one that is not JSON
    // or cannot be read is read as a config below, so that the error says what is wrong with it.
    const mlsdKey = present.includes('package.json') ? packageMlsdKey(join(dir, 'package.json')) : undefined;
    const configs = present.filter((name) => name !== 'package.json' || mlsdKey === true);
    if (configs.length > 1) {
      const [first, second] = configs.map((name) => (name === 'package.json' ? 'the mlsd key of package.json' : name));
      throw new ConfigError([{ file: displayPath(join(dir, configs[1]!), cwd), message: `is a second config beside ${first}: mlsd reads only one; merge ${second} into ${first}` }]);
    }
    for (const name of present.filter((n) => n !== 'package.json' || mlsdKey !== false)) {
      const source = readConfigFile(join(dir, name), cwd);
      if (source) return source;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
