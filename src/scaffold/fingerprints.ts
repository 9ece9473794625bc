import type { Checklist } from '../checklist/types.js';
import { fingerprintsOf } from '../lint/template-text.js';
import { acceptDefaults, resolveAnswers } from './answers.js';
import { PLACEHOLDER, renderDocument } from './render.js';
import type { FingerprintsFile, TemplateSpec } from './types.js';

const NOW = new Date('2000-01-01T00:00:00Z');

/**
 * The fingerprints of every sentence a template can suggest: its drafts drawn from the suggested
 * answers, one per serving mode (suggestions depend on it), and every suggestion as written
 * (defaults and variants). Sentences holding a placeholder are left out: lint reports those anyway.
 */
export async function templateFingerprints(template: TemplateSpec, checklist: Checklist, teamDir?: string): Promise<string[]> {
  const texts: string[] = [];
  for (const q of template.questions) {
    if (q.default !== undefined) texts.push(q.default);
    for (const v of q.variants ?? []) if (v.default !== undefined) texts.push(v.default);
  }
  const modes = template.questions.find((q) => q.key === 'serving_mode')?.choices ?? [undefined];
  for (const mode of modes) {
    const resolution = resolveAnswers({ questions: template.questions, context: { title: template.title } });
    if (mode !== undefined) resolution.answers.serving_mode = mode;
    const { answers } = acceptDefaults(template.questions, resolution);
    const doc = await renderDocument({ template, answers, checklist, name: template.id, now: NOW, teamDir });
    texts.push(doc.slice(doc.indexOf('\n---\n') + 5));
  }
  const placeholder = PLACEHOLDER.toLowerCase();
  const all = texts.flatMap((text) => text.split('\n').filter((line) => !line.toLowerCase().includes(placeholder)).join('\n'));
  return [...new Set(all.flatMap(fingerprintsOf))].sort();
}

/** A template's fingerprints file: the given versions, and its current version's text recorded anew. */
export async function withCurrentVersion(versions: Record<string, string[]>, template: TemplateSpec, checklist: Checklist, teamDir?: string): Promise<FingerprintsFile> {
  const all = { ...versions, [String(template.version)]: await templateFingerprints(template, checklist, teamDir) };
  return { template: template.id, versions: Object.fromEntries(Object.entries(all).sort(([a], [b]) => Number(a) - Number(b))) };
}
