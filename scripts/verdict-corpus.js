// The verdict corpus as the scripts read it: a folder's labels.yaml (a reader's verdicts per
// document and item) and the documents' texts, from the folder or the cache of those that may not
// be redistributed; and the call's options. A mistake in the call or the files ends the script
// with one line and exit 2.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

export const STATES = ['present', 'weak', 'absent'];

/** Where the texts that may not be redistributed are kept. */
export const cacheFolder = () => process.env.MLSD_VERDICTS_CACHE ?? join(homedir(), '.cache', 'mlsd', 'verdicts');

/** The script's name, which is also its npm script's. */
const script = basename(process.argv[1] ?? 'eval', '.js');

/** A mistake in the call or the input, not a bug: one line, named after the script, exit 2. */
export function fail(message) {
  console.error(`${script}: ${message}`);
  process.exit(2);
}

export const usageError = (message) => fail(`${message} (see npm run ${script} -- --help)`);

/** The call's options and arguments, `--help` besides: that prints `help` and exits 0. */
export function parseCall(options, help) {
  let call;
  try {
    call = parseArgs({ allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    if (!error.code?.startsWith('ERR_PARSE_ARGS')) throw error;
    // Node's message ends in advice on '--' that does not apply here.
    usageError(error.message.split(/\.?\s*To specify/)[0].replace(/\s*\n/g, ' '));
  }
  if (call.values.help) {
    process.stdout.write(help);
    process.exit(0);
  }
  return call;
}

/** `path` read and parsed by `parseText`; `missing` is what to say when there is no such file. */
export function load(path, parseText, missing) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!error.code) throw error;
    fail(['ENOENT', 'ENOTDIR'].includes(error.code) ? missing : `cannot read ${path} (${error.code})`);
  }
  try {
    return parseText(text);
  } catch (error) {
    fail(`${path}: ${error.message.split('\n')[0].replace(/:$/, '')}`); // a YAML error's context follows the colon
  }
}

/**
 * The entries (`{ file, labels }`) listed under `key` in a YAML file of verdicts. A misspelt item
 * or verdict would not fail, only be miscounted, so both are checked, items against `itemIds` when
 * the caller counts them.
 */
export function verdicts(path, key, itemIds) {
  const entries = load(path, parse, `no ${basename(path)} in ${dirname(path)}`)?.[key];
  if (!Array.isArray(entries)) fail(`${path}: no list of ${key}`);
  for (const [i, entry] of entries.entries()) {
    if (typeof entry?.file !== 'string') fail(`${path}: entry ${i + 1} of ${key} names no file`);
    if (typeof entry.labels !== 'object' || entry.labels === null) fail(`${path}: ${entry.file} has no labels`);
    for (const [id, label] of Object.entries(entry.labels)) {
      if (itemIds && !itemIds.includes(id)) fail(`${path}: ${entry.file}: no checklist item ${id} (items: ${itemIds.join(', ')})`);
      if (!STATES.includes(label?.verdict)) fail(`${path}: ${entry.file} ${id}: verdict ${label?.verdict} is not ${STATES.join(', ')}`);
    }
  }
  return entries;
}

export const splitOf = (doc) => doc.split ?? 'all';

/** Whether `bytes` are the document's as labelled (its SHA-256, when the entry records one). */
export const isLabelled = (doc, bytes) => !doc.sha256 || createHash('sha256').update(bytes).digest('hex') === doc.sha256;

/** The document's text, from the folder or the cache, if its bytes are the ones labelled. */
export function readDoc(doc, folder, cache) {
  for (const path of [join(folder, 'docs', doc.file), join(folder, doc.file), join(cache, doc.file)]) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    if (isLabelled(doc, bytes)) return bytes.toString('utf8');
  }
  return undefined;
}
