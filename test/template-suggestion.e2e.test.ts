import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../src/index.js';
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

describe('template-suggestion (CLI)', () => {
  it('a --yes draft lints as a draft (warnings, exit 0) and cannot pass review unchanged', () => {
    const { cwd, file } = draft('fraud-detection');
    const asDraft = runCli(['lint', file, '--format', 'json'], { cwd });
    expect(asDraft.code).toBe(0);
    const found = suggestionFindings(asDraft.stdout);
    expect(found.length).toBeGreaterThan(10);
    expect(new Set(found.map((d) => d.severity))).toEqual(new Set(['warning']));
    expect(found.map((d) => d.message)).toContainEqual(expect.stringContaining('Section "Labels" still holds the text suggested by the fraud-detection template (version 3)'));

    writeFileSync(file, readFileSync(file, 'utf8').replace('status: draft', 'status: review'));
    const atReview = runCli(['lint', file], { cwd });
    expect(atReview.code).toBe(1);
    expect(atReview.stdout).toMatch(/error +Section "Labels" still holds/);

    // Configurable like every rule.
    writeFileSync(join(cwd, '.mlsdrc.yaml'), 'rules:\n  template-suggestion: off\n');
    expect(runCli(['lint', file], { cwd }).code).toBe(0);
  });

  it('the library\'s lintDocument reports what mlsd lint reports on a draft, template suggestions included', async () => {
    const { cwd, file } = draft('fraud-detection');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: draft', 'status: review'));
    type Finding = { ruleId: string; line: number; column: number; severity: string; message: string };
    const fields = ({ ruleId, line, column, severity, message }: Finding) => ({ ruleId, line, column, severity, message });
    const cli = (JSON.parse(runCli(['lint', file, '--format', 'json'], { cwd }).stdout) as { files: { diagnostics: Finding[] }[] }).files[0]!.diagnostics;
    const library = (await lintDocument(readFileSync(file, 'utf8'), { cwd, file })).diagnostics;
    expect(library.filter((d) => d.ruleId === 'template-suggestion').length).toBeGreaterThan(10);
    expect(library.map(fields)).toEqual(cli.map(fields));
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

  it('--fingerprint without a team folder is a usage error: the build records the built-in templates', () => {
    const run = runCli(['templates', '--fingerprint'], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: --fingerprint records a team folder's templates/);
  });
});
