import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultChecklist } from '../checklist/load.js';
import { withCurrentVersion } from './fingerprints.js';
import { BUILT_IN_DIR, loadTemplates } from './templates.js';
import { FINGERPRINTS_FILE, type FingerprintsFile } from './types.js';

/** The text of built-in template versions the templates no longer have: template id → version → fingerprints. */
export const EARLIER_VERSIONS_FILE = '_earlier-versions.json';

type Versions = Record<string, Record<string, string[]>>;

const readJson = <T>(path: string): T | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined);

/**
 * Record the built-in templates' text for lint's template-suggestion rule, as `npm run build` does
 * (and the unit tests' setup): each template's fingerprints.json (generated, not committed) gets its
 * current version's fingerprints, derived from its questions.yaml and template.md.hbs, and those of
 * its earlier versions from _earlier-versions.json, so drafts made from them are still recognised.
 * A version the last run recorded that the template has since left (its `version` was raised) is
 * moved into _earlier-versions.json, to commit: that text exists nowhere else any more.
 */
export async function recordBuiltInFingerprints(root = BUILT_IN_DIR, log: (line: string) => void = console.log): Promise<void> {
  const historyPath = join(root, EARLIER_VERSIONS_FILE);
  const history = readJson<Versions>(historyPath) ?? {};
  let moved = false;
  const checklist = defaultChecklist();
  for (const template of loadTemplates(undefined, root).values()) {
    const path = join(template.dir, FINGERPRINTS_FILE);
    const earlier = { ...history[template.id] };
    for (const [version, prints] of Object.entries(readJson<FingerprintsFile>(path)?.versions ?? {})) {
      if (version === String(template.version) || version in earlier) continue;
      earlier[version] = prints;
      moved = true;
      log(`recorded the text of ${template.id} v${version} in templates/${EARLIER_VERSIONS_FILE}: commit it`);
    }
    if (Object.keys(earlier).length > 0) history[template.id] = earlier;
    writeFileSync(path, `${JSON.stringify(await withCurrentVersion(earlier, template, checklist), null, 1)}\n`);
  }
  if (moved) writeFileSync(historyPath, `${JSON.stringify(Object.fromEntries(Object.entries(history).sort(([a], [b]) => a.localeCompare(b))), null, 1)}\n`);
}
