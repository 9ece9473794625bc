import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultChecklist } from '../src/checklist/load.js';
import { lint, type TemplateTextLookup } from '../src/lint/index.js';
import { fingerprintsOf, sentencesOf } from '../src/lint/template-text.js';
import { loadTemplates, templateFingerprints } from '../src/scaffold/index.js';
import { ROOT } from './helpers.js';

describe('template-suggestion (lint core)', () => {
  const doc = (status: string, body: string) => `---\nstatus: ${status}\ntemplate: t\ntemplate_version: 1\n---\n\n## Data\n\n${body}\n\n## Model\n\nOur own words.\n`;
  const lookup: TemplateTextLookup = (template) => (template === 't' ? { label: 't template', fingerprints: new Set(fingerprintsOf('Daily logs of every search. Joined by session id.')) } : undefined);

  it('reports a section whose every sentence is template text: a warning in a draft, an error at review', () => {
    const text = doc('draft', 'Daily logs of every\nsearch; joined by **session id**.');
    const found = lint(text, defaultChecklist(), { templateText: lookup }).diagnostics.filter((d) => d.ruleId === 'template-suggestion');
    expect(found.map((d) => [d.line, d.severity])).toEqual([[7, 'warning']]);
    expect(found[0]!.message).toContain('Section "Data" still holds the text suggested by the t template');
    const review = lint(doc('review', 'Daily logs of every search. Joined by session id.'), defaultChecklist(), { templateText: lookup }).diagnostics;
    expect(review.filter((d) => d.ruleId === 'template-suggestion').map((d) => d.severity)).toEqual(['error']);
  });

  it('leaves alone a section with a sentence of its own, and documents that name no template or an unknown one', () => {
    const own = doc('review', 'Daily logs of every search. Joined by session id. Kept for 30 days.');
    expect(lint(own, defaultChecklist(), { templateText: lookup }).diagnostics.map((d) => d.ruleId)).not.toContain('template-suggestion');
    let asked = 0;
    const counting: TemplateTextLookup = (...args) => (asked++, lookup(...args));
    const untagged = doc('review', 'Daily logs of every search.').replace('template: t\n', '');
    expect(lint(untagged, defaultChecklist(), { templateText: counting }).diagnostics.map((d) => d.ruleId)).not.toContain('template-suggestion');
    expect(asked).toBe(0); // a doc naming no template never reaches the template text
    const unknown = doc('review', 'Daily logs of every search.').replace('template: t', 'template: ../../etc');
    expect(lint(unknown, defaultChecklist(), { templateText: counting }).diagnostics.map((d) => d.ruleId)).not.toContain('template-suggestion');
  });

  it('normalizes Markdown, case, spacing, link targets and final punctuation, not wording', () => {
    expect(sentencesOf('- **Rules** alone: see [docs](https://x.y/z).\n| A | 5 ms |\n| --- | ---: |')).toEqual(['rules alone', 'see docs', 'a 5 ms']);
    expect(fingerprintsOf('Nightly job.')).toEqual(fingerprintsOf('nightly   JOB'));
    expect(fingerprintsOf('Nightly job.')).not.toEqual(fingerprintsOf('Hourly job.'));
  });
});

describe('built-in fingerprints', () => {
  it.each([...loadTemplates().values()].map((t) => [t.id, t] as const))('%s: fingerprints.json records the current version (run `mlsd templates --fingerprint`)', async (id, t) => {
    const file = JSON.parse(readFileSync(join(ROOT, 'templates', id, 'fingerprints.json'), 'utf8')) as { versions: Record<string, string[]> };
    expect(file.versions[String(t.version)]).toEqual(await templateFingerprints(t, defaultChecklist()));
    expect(Object.keys(file.versions)).toContain('1'); // earlier versions stay
  });
});
