import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, ROOT, tempDir } from './helpers.js';

/**
 * A new problem type is its two data files and nothing else: a copy of the built package with one
 * more folder in templates/ (questions.yaml and template.md.hbs, copied from generic and renamed),
 * after the build's step that derives the templates' text for lint, drafts and lints as a shipped type.
 */
describe('a new problem type: templates/<type>/questions.yaml and template.md.hbs', () => {
  it('is listed, inferred, drafted by mlsd new, and linted, its text recognised as the template\'s', () => {
    const pkg = tempDir('mlsd-package-');
    for (const entry of ['bin', 'dist', 'schemas', 'templates', 'package.json']) cpSync(join(ROOT, entry), join(pkg, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    const dir = join(pkg, 'templates', 'churn-prediction');
    mkdirSync(dir);
    cpSync(join(ROOT, 'templates', 'generic', 'template.md.hbs'), join(dir, 'template.md.hbs'));
    let questions = readFileSync(join(ROOT, 'templates', 'generic', 'questions.yaml'), 'utf8');
    questions = edit(questions, /^id: generic$/m, 'id: churn-prediction');
    questions = edit(questions, /^title: .*$/m, 'title: Churn prediction');
    questions = edit(questions, /^keywords: .*$/m, 'keywords: [churn, retention]');
    questions = edit(questions, 'Replace a manual decision with a model', 'Keep subscribers who are about to cancel, with a model');
    writeFileSync(join(dir, 'questions.yaml'), questions);

    const node = (args: string[], cwd: string) => {
      const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', MLSD_NOW: '2025-01-15' } });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    // What `npm run build` does for the templates (scripts/build.js).
    const derive = node(['--input-type=module', '-e', "import { recordBuiltInFingerprints } from './dist/scaffold/built-in-fingerprints.js'; await recordBuiltInFingerprints();"], pkg);
    expect(derive.code, derive.stderr).toBe(0);

    const mlsd = (args: string[], cwd: string) => node([join(pkg, 'bin', 'mlsd.js'), ...args], cwd);
    const work = tempDir();
    expect(mlsd(['templates'], work).stdout).toMatch(/^churn-prediction +Churn prediction \(v3, built-in\)$/m);
    const made = mlsd(['new', 'churn-model', '--yes', '--set', 'owner=growth-ml'], work);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toContain('wrote docs/design/churn-model.md (churn-prediction template, version 3)');
    const doc = readFileSync(join(work, 'docs/design/churn-model.md'), 'utf8');
    expect(doc).toContain('Keep subscribers who are about to cancel, with a model');

    const linted = mlsd(['lint', 'docs/design/churn-model.md', '--format', 'json'], work);
    expect(linted.code, linted.stderr).toBe(0);
    const [file] = (JSON.parse(linted.stdout) as { files: { checklist: Record<string, string>; diagnostics: { ruleId: string; severity: string; message: string }[] }[] }).files;
    expect(Object.values(file!.checklist).every((state) => state === 'present')).toBe(true);
    const suggestions = file!.diagnostics.filter((d) => d.ruleId === 'template-suggestion');
    expect(new Set(file!.diagnostics.map((d) => d.ruleId))).toEqual(new Set(['template-suggestion']));
    // Its own suggestion, and text only the derived fingerprints know (the partials' words around answers).
    expect(suggestions.map((d) => d.message)).toContainEqual(expect.stringContaining('Section "Problem framing" still holds the text suggested by the churn-prediction template (version 3)'));
    expect(suggestions.map((d) => d.message)).toContainEqual(expect.stringContaining('Section "Serving mode" still holds the text suggested by the churn-prediction template (version 3)'));
  });
});
