import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { TemplateText, TemplateTextLookup } from '../lint/index.js';
import { fingerprintsOf } from '../lint/template-text.js';
import { FINGERPRINTS_FILE, type FingerprintsFile } from '../scaffold/types.js';

/** The built-in templates, beside dist/ (as scaffold/templates.ts finds them, without loading it). */
const BUILT_IN = fileURLToPath(new URL('../../templates/', import.meta.url));
const ID = /^[a-z][a-z0-9-]*$/;

const files = new Map<string, FingerprintsFile | null>();
const lookups = new Map<string, TemplateTextLookup>();

/** A template's fingerprints file, read once per process; a team template of that id wins over the built-in one. */
function fingerprintsFor(template: string, teamDir: string | undefined): FingerprintsFile | null {
  const dir = teamDir !== undefined && existsSync(join(teamDir, template)) ? join(teamDir, template) : join(BUILT_IN, template);
  let file = files.get(dir);
  if (file === undefined) {
    try {
      const data = JSON.parse(readFileSync(join(dir, FINGERPRINTS_FILE), 'utf8')) as FingerprintsFile;
      file = typeof data === 'object' && data !== null && typeof data.versions === 'object' ? data : null;
    } catch {
      file = suggestionsAsWritten(template, dir, teamDir); // a team template never fingerprinted
    }
    files.set(dir, file);
  }
  return file;
}

/**
 * For a template without fingerprints.json: its suggestions as questions.yaml writes them (its own
 * and the shared ones), under its current version. Sections that are one answer each are matched;
 * text the partials add around answers needs `mlsd templates --fingerprint`.
 */
function suggestionsAsWritten(template: string, dir: string, teamDir: string | undefined): FingerprintsFile | null {
  const read = (path: string): Record<string, unknown> | undefined => {
    try {
      const data = parseYaml(readFileSync(path, 'utf8')) as unknown;
      return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const own = read(join(dir, 'questions.yaml'));
  if (!own) return null;
  const base = own.extends === false ? undefined : (read(join(teamDir ?? BUILT_IN, '_base', 'questions.yaml')) ?? read(join(BUILT_IN, '_base', 'questions.yaml')));
  const texts: string[] = [];
  for (const q of [...asList(base?.questions), ...asList(own.questions)]) {
    if (typeof q.default === 'string') texts.push(q.default);
    for (const v of asList(q.variants)) if (typeof v.default === 'string') texts.push(v.default);
  }
  const version = typeof own.version === 'number' ? own.version : 1;
  return { template, versions: { [version]: [...new Set(texts.flatMap(fingerprintsOf))] } };
}

const asList = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];

/**
 * The template text lint matches a draft against, by the template and version its front matter
 * names. Only read when a draft names a template, so other documents cost nothing. A version the
 * file does not know (or none given) matches the text of every version it knows.
 */
export function templateTextLookup(teamDir: string | undefined): TemplateTextLookup {
  const key = teamDir ?? '';
  let lookup = lookups.get(key);
  if (!lookup) {
    const cache = new Map<string, TemplateText | undefined>();
    lookup = (template, version) => {
      if (!ID.test(template)) return undefined; // front matter is untrusted: never a path
      const id = `${template}@${version ?? ''}`;
      if (!cache.has(id)) {
        const file = fingerprintsFor(template, teamDir);
        const known = version !== undefined ? file?.versions[String(version)] : undefined;
        const all = known ?? Object.values(file?.versions ?? {}).flat();
        cache.set(id, all.length === 0 ? undefined : { label: `${template} template${known ? ` (version ${version})` : ''}`, fingerprints: new Set(all) });
      }
      return cache.get(id);
    };
    lookups.set(key, lookup);
  }
  return lookup;
}
