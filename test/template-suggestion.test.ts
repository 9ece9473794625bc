import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultChecklist } from '../src/checklist/load.js';
import { lint, type TemplateTextLookup } from '../src/lint/index.js';
import { fingerprintsOf, sentencesOf } from '../src/lint/template-text.js';
import { loadTemplates, templateFingerprints } from '../src/scaffold/index.js';
import { ROOT, runCli, tempDir } from './helpers.js';

const ENV = { MLSD_NOW: '2025-01-15' };
const suggestionFindings = (stdout: string) => (JSON.parse(stdout) as { files: { diagnostics: { ruleId: string; severity: string; message: string }[] }[] }).files[0]!.diagnostics.filter((d) => d.ruleId === 'template-suggestion');

/** A fresh `mlsd new --yes` draft in a temporary folder. */
function draft(type: string, extra: string[] = []): { cwd: string; file: string } {
  const cwd = tempDir();
  const run = runCli(['new', 'doc', '--type', type, '--yes', '--set', 'owner=ml-team', ...extra], { cwd, env: ENV });
  expect(run.code, run.stderr).toBe(0);
  return { cwd, file: join(cwd, 'docs/design/doc.md') };
}

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

describe('template-suggestion (CLI)', () => {
  it('a --yes draft lints as a draft (warnings, exit 0) and cannot pass review unchanged', () => {
    const { cwd, file } = draft('fraud-detection');
    const asDraft = runCli(['lint', file, '--format', 'json'], { cwd });
    expect(asDraft.code).toBe(0);
    const found = suggestionFindings(asDraft.stdout);
    expect(found.length).toBeGreaterThan(10);
    expect(new Set(found.map((d) => d.severity))).toEqual(new Set(['warning']));
    expect(found.map((d) => d.message)).toContainEqual(expect.stringContaining('Section "Labels" still holds the text suggested by the fraud-detection template (version 2)'));

    writeFileSync(file, readFileSync(file, 'utf8').replace('status: draft', 'status: review'));
    const atReview = runCli(['lint', file], { cwd });
    expect(atReview.code).toBe(1);
    expect(atReview.stdout).toMatch(/error +Section "Labels" still holds/);

    // Configurable like every rule.
    writeFileSync(join(cwd, '.mlsdrc.yaml'), 'rules:\n  template-suggestion: off\n');
    expect(runCli(['lint', file], { cwd }).code).toBe(0);
  });

  it('does not report a section the author rewrote', () => {
    const { cwd, file } = draft('generic');
    const text = readFileSync(file, 'utf8');
    const labels = text.slice(text.indexOf('## Labels'), text.indexOf('## Leakage checks'));
    writeFileSync(file, text.replace(labels, '## Labels\n\n**Source.** Refunds marked as fraud by the payments team.\\\n**Delay.** They arrive within 21 days.\n\n'));
    const found = suggestionFindings(runCli(['lint', file, '--format', 'json'], { cwd }).stdout);
    expect(found.map((d) => d.message)).not.toContainEqual(expect.stringContaining('"Labels"'));
    expect(found.map((d) => d.message)).toContainEqual(expect.stringContaining('"Leakage checks"'));
  });

  it('recognises drafts of an earlier template version (a version 1 draft, made before the template changed)', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'test/fixtures/new/search-ranking-v1-draft.md'), join(cwd, 'v1.md'));
    const found = suggestionFindings(runCli(['lint', 'v1.md', '--format', 'json'], { cwd }).stdout);
    expect(found.map((d) => d.message)).toContainEqual(expect.stringContaining('Section "Metrics" still holds the text suggested by the search-ranking template (version 1)'));
  });

  it('works for team templates: from their questions.yaml, and fully once `mlsd templates --fingerprint` recorded their text', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'test/fixtures/team-templates'), join(cwd, 'team'), { recursive: true });
    writeFileSync(join(cwd, '.mlsdrc.yaml'), 'templates: team\n');
    expect(runCli(['new', 'churn-model', '--yes', '--set', 'owner=me'], { cwd, env: ENV }).code).toBe(0);
    const before = suggestionFindings(runCli(['lint', 'docs/design/churn-model.md', '--format', 'json'], { cwd }).stdout);
    const record = runCli(['templates', '--fingerprint'], { cwd });
    expect(record.code, record.stderr).toBe(0);
    expect(record.stderr).toContain('recorded the text of churn-prediction v3');
    expect(record.stderr).not.toContain('fraud-detection'); // never another folder's templates
    const after = suggestionFindings(runCli(['lint', 'docs/design/churn-model.md', '--format', 'json'], { cwd }).stdout);
    // Before: the suggestions as questions.yaml writes them (sections that are one answer each).
    expect(before.map((d) => d.message)).toContainEqual(expect.stringContaining('Section "Retention offer" still holds the text suggested by the churn-prediction template (version 3)'));
    expect(before.map((d) => d.message)).not.toContainEqual(expect.stringContaining('Section "Serving mode"'));
    // After: every sentence a draft of it can hold, the partials' text around answers included.
    expect(after.map((d) => d.message)).toContainEqual(expect.stringContaining('Section "Serving mode" still holds the text suggested by the churn-prediction template (version 3)'));
    expect(after.length).toBeGreaterThan(before.length);
  });
});

describe('built-in fingerprints', () => {
  it.each([...loadTemplates().values()].map((t) => [t.id, t] as const))('%s: fingerprints.json records the current version (run `mlsd templates --fingerprint`)', async (id, t) => {
    const file = JSON.parse(readFileSync(join(ROOT, 'templates', id, 'fingerprints.json'), 'utf8')) as { versions: Record<string, string[]> };
    expect(file.versions[String(t.version)]).toEqual(await templateFingerprints(t, defaultChecklist()));
    expect(Object.keys(file.versions)).toContain('1'); // earlier versions stay
  });
});
