import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, edit, isSubsequence, keepsBlocks, ROOT, runCli, tempDir } from './helpers.js';

/**
 * Run the built CLI as a user, not root, in `cwd`: root may write any file and folder, so a root
 * run is made as nobody, whose temp folder is `tmp` when given.
 */
function runAsUser(args: string[], cwd: string, tmp?: string): SpawnSyncReturns<string> {
  const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
  return spawnSync(asUser[0]!, [...asUser.slice(1), BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, HOME: cwd, ...(tmp ? { TMPDIR: tmp } : {}) } });
}

describe('mlsd lint --fix', () => {
  it('adds the missing sections where they belong, only adds, and a second run changes nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'draft.md');
    copyFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), file);
    const original = readFileSync(file, 'utf8');

    const run = runCli(['lint', 'draft.md', '--fix', '--format', 'json'], { cwd: dir });
    const fixed = readFileSync(file, 'utf8');
    expect(isSubsequence(original, fixed)).toBe(true);
    // Labels goes after Metrics, Drift monitoring after Serving mode, as the findings said.
    expect(fixed.indexOf('## Labels')).toBeGreaterThan(fixed.indexOf('## Metrics'));
    expect(fixed.indexOf('## Labels')).toBeLessThan(fixed.indexOf('## Leakage checks'));
    expect(fixed.indexOf('## Drift monitoring')).toBeGreaterThan(fixed.indexOf('## Serving mode'));
    // The report is of the fixed file: nothing absent any more, the skeletons weak until filled in.
    const report = JSON.parse(run.stdout).files[0];
    expect(report.checklist).toMatchObject({ labels: 'weak', 'drift-monitoring': 'weak' });
    expect(report.diagnostics.map((d: { ruleId: string }) => d.ruleId)).not.toContain('required-section');
    expect(run.code).toBe(1);

    runCli(['lint', 'draft.md', '--fix'], { cwd: dir });
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });

  const metrics = '# Doc\n\n## Metrics\n\nOffline we track PR-AUC on a held-out month; online, the retention rate in an A/B test.\n\n';
  it.each([
    ['a list item, after its text', '- Notes on the plan\n\n  ## Serving mode\n\n  Batch scoring every night.\n- A second note\n\n## Appendix\n\nA table.\n'],
    ['a blockquote, after its text', '> A quote\n>\n> ## Serving mode\n>\n> Batch scoring every night.\n'],
    ['a blockquote it opens', '> ## Serving mode\n>\n> Batch scoring every night.\n\n## Appendix\n\nA table.\n'],
    ['a list item it opens', '1. ## Serving mode\n\n   Batch scoring every night.\n2. Nightly.\n'],
    ['a list item that ends with a comment about it, after it', '- Notes on the plan\n\n  <!-- prettier-ignore -->\n## Serving mode\n\nBatch scoring every night.\n'],
  ])('splits no list item or blockquote at the next heading (in %s): the writer\'s blocks re-parse as they were', (_, rest) => {
    const dir = tempDir();
    const original = metrics + rest;
    writeFileSync(join(dir, 'doc.md'), original);
    const run = runCli(['lint', 'doc.md', '--no-config', '--fix'], { cwd: dir });
    expect(run.stderr).toMatch(/^mlsd: fixed doc\.md: inserted "Labels"/);
    const fixed = readFileSync(join(dir, 'doc.md'), 'utf8');
    expect(fixed).toContain('\n## Labels\n');
    expect(isSubsequence(original, fixed)).toBe(true);
    expect(keepsBlocks(original, fixed)).toBe(true);
    runCli(['lint', 'doc.md', '--no-config', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'doc.md'), 'utf8')).toBe(fixed);
  });

  it('inserts no section inside a <details> that folds the next heading away, but after it', () => {
    const dir = tempDir();
    const details = '<details>\n<summary>Serving</summary>\n\n## Serving mode\n\nBatch scoring every night.\n\n</details>\n\n';
    const original = `${metrics}${details}## Appendix\n\nA table.\n`;
    writeFileSync(join(dir, 'doc.md'), original);
    const run = runCli(['lint', 'doc.md', '--no-config', '--fix'], { cwd: dir });
    expect(run.stderr).toContain('inserted "Labels" before line 16');
    const fixed = readFileSync(join(dir, 'doc.md'), 'utf8');
    expect(fixed.startsWith(metrics + details + '## Labels\n')).toBe(true);
    expect(edit(fixed, /## Labels\n[^]*\n(?=## Appendix)/, '')).toBe(original);
  });

  it('inserts no section inside a <details> the document never closes, but before it', () => {
    const dir = tempDir();
    const details = '<details>\n<summary>Serving</summary>\n\n## Serving mode\n\nBatch scoring every night.\n';
    writeFileSync(join(dir, 'doc.md'), metrics + details);
    const run = runCli(['lint', 'doc.md', '--no-config', '--fix'], { cwd: dir });
    expect(run.stderr).toMatch(/^mlsd: fixed doc\.md: inserted "Labels" before line 7, [^\n]*"Drift monitoring" before line 7\n$/);
    const fixed = readFileSync(join(dir, 'doc.md'), 'utf8');
    expect(fixed.startsWith(`${metrics}## Labels\n`)).toBe(true);
    expect(fixed.endsWith(`\n\n${details}`)).toBe(true);
    runCli(['lint', 'doc.md', '--no-config', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'doc.md'), 'utf8')).toBe(fixed);
  });

  it('underlines the headings it inserts in a doc whose headings are underlined, where Markdown can: deeper ones keep their #s', () => {
    const dir = tempDir();
    const setext = 'Churn\n=====\n\nMetrics\n-------\n\nOffline we track PR-AUC on a held-out month; online, the retention rate in an A/B test.\n\nAppendix\n--------\n\nA table.\n';
    const nested = 'Churn\n=====\n\n### Metrics\n\nOffline we track PR-AUC on a held-out month; online, the retention rate in an A/B test.\n';
    writeFileSync(join(dir, 'setext.md'), setext);
    writeFileSync(join(dir, 'nested.md'), nested);
    runCli(['lint', 'setext.md', 'nested.md', '--no-config', '--fix'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'setext.md'), 'utf8');
    expect(fixed).toContain('\n\nLabels\n------\n\n');
    expect(fixed).toContain('\n\nDrift monitoring\n----------------\n\n');
    expect(fixed).not.toMatch(/^#/m);
    expect(isSubsequence(setext, fixed)).toBe(true);
    expect(keepsBlocks(setext, fixed)).toBe(true);
    expect(readFileSync(join(dir, 'nested.md'), 'utf8')).toContain('\n\n### Labels\n\n');
    const again = runCli(['lint', 'setext.md', '--no-config', '--fix', '--format', 'json'], { cwd: dir });
    expect(again.stderr).toBe(''); // every inserted section is read as one: nothing to add
    expect(readFileSync(join(dir, 'setext.md'), 'utf8')).toBe(fixed);
  });

  it.each([
    ['CR (an old Mac file)', '\r'],
    ['CRLF', '\r\n'],
  ])('inserts lines ending in %s into a file whose lines do, where the same file with LF lines gets them', (_, eol) => {
    const dir = tempDir();
    const lf = `${metrics}## Serving mode\n\nBatch scoring every night.\n\n## Appendix\n\nA table.\n`;
    writeFileSync(join(dir, 'lf.md'), lf);
    writeFileSync(join(dir, 'own.md'), lf.replace(/\n/g, eol));
    const run = runCli(['lint', 'lf.md', 'own.md', '--no-config', '--fix'], { cwd: dir });
    const [fixedLf, fixedOwn] = ['lf.md', 'own.md'].map((name) => readFileSync(join(dir, name), 'utf8'));
    expect(fixedLf).toContain('\n## Labels\n');
    expect(fixedOwn).toBe(fixedLf!.replace(/\n/g, eol));
    // Told before which lines, as an editor numbers them.
    const told = run.stderr.split('\n').filter(Boolean).map((line) => line.replace(/^mlsd: fixed \S+: /, ''));
    expect(told).toEqual([told[0], told[0]]);
    expect(told[0]).toContain('"Labels" before line 7');
  });

  it('leaves a file with nothing to fix byte-for-byte alone', () => {
    const dir = tempDir();
    const file = join(dir, 'clean.md');
    const text = readFileSync(join(ROOT, 'examples', 'feed-ranking.md'), 'utf8').replace(/\n/g, '\r\n');
    writeFileSync(file, text);
    expect(runCli(['lint', 'clean.md', '--fix'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('writes a symlinked doc where it really is, the link kept, and keeps each file\'s permissions', () => {
    const dir = tempDir();
    const draft = readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8');
    mkdirSync(join(dir, 'shared'));
    const real = join(dir, 'shared', 'draft.md');
    writeFileSync(real, draft);
    chmodSync(real, 0o664);
    symlinkSync(join('shared', 'draft.md'), join(dir, 'linked.md'));
    const plain = join(dir, 'private.md');
    writeFileSync(plain, draft);
    chmodSync(plain, 0o600);

    runCli(['lint', 'linked.md', 'private.md', '--fix'], { cwd: dir });
    expect(lstatSync(join(dir, 'linked.md')).isSymbolicLink()).toBe(true);
    for (const [file, mode] of [[real, 0o664], [plain, 0o600]] as const) {
      const fixed = readFileSync(file, 'utf8');
      expect(fixed, file).toContain('## Labels');
      expect(isSubsequence(draft, fixed), file).toBe(true);
      expect(statSync(file).mode & 0o777, file).toBe(mode);
    }
  });

  it('edits a hard-linked doc where it is: every name of it, and a symlink to it, shows the fix; no temp file is left', () => {
    const dir = tempDir();
    const draft = readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8');
    mkdirSync(join(dir, 'shared'));
    const doc = join(dir, 'shared', 'draft.md');
    writeFileSync(doc, draft);
    chmodSync(doc, 0o640);
    linkSync(doc, join(dir, 'hard.md')); // as a checkout with hard-linked worktrees, or a backup tool, makes them
    symlinkSync(join('shared', 'draft.md'), join(dir, 'linked.md'));
    const inode = statSync(doc).ino;

    runCli(['lint', 'linked.md', '--no-config', '--fix'], { cwd: dir });
    const fixed = readFileSync(doc, 'utf8');
    expect(fixed).toContain('## Labels');
    expect(isSubsequence(draft, fixed)).toBe(true);
    expect(readFileSync(join(dir, 'hard.md'), 'utf8')).toBe(fixed);
    expect(lstatSync(join(dir, 'linked.md')).isSymbolicLink()).toBe(true);
    const info = statSync(doc);
    expect([info.ino, info.nlink, info.mode & 0o777]).toEqual([inode, 2, 0o640]);
    expect(readdirSync(join(dir, 'shared'))).toEqual(['draft.md']);

    runCli(['lint', 'hard.md', '--no-config', '--fix'], { cwd: dir });
    expect(readFileSync(doc, 'utf8')).toBe(fixed); // and a second run, through the other name, adds nothing
  });

  it('leaves a file the user may not write as it is, though its folder is writable, and says why', () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const doc = join(dir, 'draft.md');
    const draft = readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8');
    writeFileSync(doc, draft);
    chmodSync(doc, 0o444);
    const run = runAsUser(['lint', 'draft.md', '--fix', '--no-config'], dir); // as a user whose checkout marks the doc read-only
    expect(run.status).toBe(1); // its findings stand
    expect(run.stderr).toContain('mlsd: draft.md not fixed: cannot write draft.md: permission denied; nothing was changed\n');
    expect(run.stdout).toMatch(/error +Missing required section "Labels"/);
    expect(readFileSync(doc, 'utf8')).toBe(draft);
    expect(statSync(doc).mode & 0o777).toBe(0o444);
  });

  it('fixes a doc the user may write in a folder they may not, in place: no temp file beside it, and nothing said but what was inserted', () => {
    const [dir, tmp] = [tempDir(), tempDir()];
    const doc = join(dir, 'draft.md');
    const draft = readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8');
    writeFileSync(doc, draft);
    chmodSync(doc, 0o666);
    chmodSync(dir, 0o555); // as a folder of someone else's, or one a checkout keeps read-only
    chmodSync(tmp, 0o777);
    const inode = statSync(doc).ino;
    const run = runAsUser(['lint', 'draft.md', '--fix', '--no-config'], dir, tmp);
    expect(run.stderr).toBe('mlsd: fixed draft.md: inserted "Labels" before line 61, "Drift monitoring" before line 69\n');
    const fixed = readFileSync(doc, 'utf8');
    expect(fixed).toContain('\n## Labels\n');
    expect(isSubsequence(draft, fixed)).toBe(true);
    expect([statSync(doc).ino, statSync(doc).mode & 0o777]).toEqual([inode, 0o666]);
    expect([readdirSync(dir), readdirSync(tmp)]).toEqual([['draft.md'], []]); // the whole text was held in the temp folder, and is gone
    runAsUser(['lint', 'draft.md', '--fix', '--no-config'], dir, tmp);
    expect(readFileSync(doc, 'utf8')).toBe(fixed);
    chmodSync(dir, 0o755); // so that the temp folder can be cleared
  });

  it('leaves a doc the user may not write, in a folder they may not write either, as it is, and names it', () => {
    const dir = tempDir();
    const doc = join(dir, 'draft.md');
    const draft = readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8');
    writeFileSync(doc, draft);
    chmodSync(doc, 0o444);
    chmodSync(dir, 0o555);
    const run = runAsUser(['lint', 'draft.md', '--fix', '--no-config'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('mlsd: draft.md not fixed: cannot write draft.md: permission denied; nothing was changed\n');
    expect(readFileSync(doc, 'utf8')).toBe(draft);
    chmodSync(dir, 0o755);
  });

  // Only root can give the doc to someone else, whom the sticky bit then protects from the run's user.
  it.skipIf(process.getuid?.() !== 0)("fixes someone else's doc the user may write in a shared folder, which lets them add a file but not replace theirs, in place", () => {
    const dir = tempDir();
    chmodSync(dir, 0o1777); // as /tmp, or a team's shared folder
    const doc = join(dir, 'draft.md');
    const draft = readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8');
    writeFileSync(doc, draft);
    chownSync(doc, 1234, 1234);
    chmodSync(doc, 0o666);
    const run = runAsUser(['lint', 'draft.md', '--fix', '--no-config'], dir);
    expect(run.stderr).toMatch(/^mlsd: fixed draft\.md: inserted "Labels"[^\n]*\n$/);
    expect(readFileSync(doc, 'utf8')).toContain('\n## Labels\n');
    expect([statSync(doc).uid, readdirSync(dir)]).toEqual([1234, ['draft.md']]);
  });

  it('leaves a UTF-16 file as it is, and says why', () => {
    const dir = tempDir();
    const doc = join(dir, 'draft.md');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Churn\n\nA draft.\n', 'utf16le')]);
    writeFileSync(doc, bytes);
    const run = runCli(['lint', 'draft.md', '--fix', '--no-config'], { cwd: dir });
    expect(run.stderr).toBe('mlsd: draft.md not fixed: --fix writes UTF-8 only, and this file is UTF-16 or not valid UTF-8; save it as UTF-8 to fix it\n');
    expect(readFileSync(doc).equals(bytes)).toBe(true);
  });

  // Only root can hand a file to another owner, so only a root run can show it kept.
  it.skipIf(process.getuid?.() !== 0)('run as root, gives the fixed doc back to its owner and group, set-group-id bit kept', () => {
    const dir = tempDir();
    const doc = join(dir, 'draft.md');
    writeFileSync(doc, readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8'));
    chownSync(doc, 1234, 2345);
    chmodSync(doc, 0o2640);
    runCli(['lint', 'draft.md', '--fix'], { cwd: dir });
    expect(readFileSync(doc, 'utf8')).toContain('## Labels');
    const info = statSync(doc);
    expect([info.uid, info.gid, info.mode & 0o7777]).toEqual([1234, 2345, 0o2640]);
  });

  it('inserts the sections a Russian doc lacks in Russian, which lint then reads as those sections, weak until filled in, as it reads English ones', () => {
    const dir = tempDir();
    const doc = join(dir, 'churn.md');
    const original =
      '---\ntitle: Отток\nstatus: review\n---\n\n## Метрики\n\nОфлайн мы считаем ROC AUC на отложенном месяце. Онлайн — доля удержанных клиентов в A/B тесте.\n\n' +
      '## Разметка\n\nЦелевая переменная — отсутствие покупок в течение 30 дней; метки созревают через 30 дней.\n';
    writeFileSync(doc, original);
    type Report = { language: string; checklist: Record<string, string>; items: Record<string, { via?: string; sections?: string[]; lacks?: string[] }> };
    const report = () => JSON.parse(runCli(['lint', doc, '--no-config', '--format', 'json']).stdout).files[0] as Report;
    const before = report();

    const run = runCli(['lint', doc, '--no-config', '--fix']);
    expect(run.stderr).toContain('inserted "Утечки" at the end, "Задержка" at the end, "Мониторинг" at the end');
    const fixed = readFileSync(doc, 'utf8');
    expect(isSubsequence(original, fixed)).toBe(true);
    expect(fixed).toContain('\n## Утечки\n\n**Что может утечь.** TODO(mlsd): какая информация из будущего');
    expect(fixed).toContain('\n## Мониторинг\n\n**Что отслеживаем:** TODO(mlsd):');
    expect(fixed).not.toMatch(/## (?:Leakage checks|Latency budget|Serving mode|Drift monitoring)|TODO\(mlsd\): (?:which|how|what|the)\b/);

    const after = report();
    expect(after.language).toBe('ru');
    expect([after.checklist.metrics, after.checklist.labels]).toEqual([before.checklist.metrics, before.checklist.labels]);
    expect(after.checklist.labels).toBe('present');
    const inserted = { 'leakage-checks': 'Утечки', 'latency-budget': 'Задержка', 'drift-monitoring': 'Мониторинг' };
    for (const [id, heading] of Object.entries(inserted)) {
      expect(after.checklist[id], id).toBe('weak');
      expect(after.items[id], id).toMatchObject({ via: 'heading', sections: [heading], lacks: expect.arrayContaining(['still holds placeholder text ("TODO")']) });
    }
    runCli(['lint', doc, '--no-config', '--fix']);
    expect(readFileSync(doc, 'utf8')).toBe(fixed);
  });

  it('reads the Russian leakage heading it inserts as naming leakage, as the English one: the section lacks what the English one lacks, and a split under it is enough', () => {
    type Item = { state: string; lacks?: string[] };
    const leakage = (text: string, ...args: string[]) => {
      const doc = join(tempDir(), 'doc.md');
      writeFileSync(doc, text);
      return JSON.parse(runCli(['lint', doc, '--no-config', '--format', 'json', ...args]).stdout).files[0].items['leakage-checks'] as Item;
    };
    const en = leakage('---\ntitle: Churn\n---\n\n## Metrics\n\nOffline we measure ROC AUC on a held-out month. Online, the share of retained customers in an A/B test.\n', '--fix');
    const ru = leakage('---\ntitle: Отток\n---\n\n## Метрики\n\nОфлайн мы считаем ROC AUC на отложенном месяце. Онлайн — доля удержанных клиентов в A/B тесте.\n', '--fix');
    expect(en).toMatchObject({ state: 'weak', lacks: expect.arrayContaining(['still holds placeholder text ("TODO")']) });
    expect(ru.lacks).toEqual(en.lacks);

    expect(leakage('# Отток\n\n## Утечки\n\nВыборка разбита по времени: модель обучается на данных до 1 марта, а проверяется на данных после этой даты.\n').state).toBe('present');
    expect(leakage('# Churn\n\n## Leakage\n\nThe data is split by time: the model is trained on data before March 1 and validated on data after that date.\n').state).toBe('present');
  });

  it("inserts every item's Russian section so that lint finds it under its heading, weak until filled in", () => {
    const dir = tempDir();
    const doc = join(dir, 'forecast.md');
    writeFileSync(doc, '---\ntitle: Прогноз\n---\n\n# Прогноз\n\nЭто черновик, и в нём пока нет ничего, что можно было бы проверить.\n');
    const run = runCli(['lint', doc, '--no-config', '--fix', '--format', 'json']);
    expect(run.stderr).toContain('inserted "Метрики" at the end, "Разметка" at the end, "Утечки" at the end, "Задержка" at the end, "Инференс" at the end, "Мониторинг" at the end');
    const report = JSON.parse(run.stdout).files[0] as { language: string; items: Record<string, { state: string; via?: string; sections?: string[]; lacks?: string[] }> };
    expect(report.language).toBe('ru');
    const headings = { metrics: 'Метрики', labels: 'Разметка', 'leakage-checks': 'Утечки', 'latency-budget': 'Задержка', 'serving-mode': 'Инференс', 'drift-monitoring': 'Мониторинг' };
    for (const [id, heading] of Object.entries(headings)) {
      expect(report.items[id], id).toMatchObject({ state: 'weak', via: 'heading', sections: [heading], lacks: expect.arrayContaining(['still holds placeholder text ("TODO")']) });
    }
  });

  it.each(['intro-only.md', 'intro-only.ru.md'])('keeps the intro of a doc with no sections (%s) under its title: the sections go after it', async (name) => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'test', 'fixtures', 'fix', name), join(dir, name));
    runCli(['lint', name, '--no-config', '--fix'], { cwd: dir });
    const fixed = readFileSync(join(dir, name), 'utf8');
    await expect(fixed).toMatchFileSnapshot(`golden/fix/${name}`);
    runCli(['lint', name, '--no-config', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, name), 'utf8')).toBe(fixed);
  });

  it("inserts a team's own partial for an item in a Russian doc: the team chose it for its docs", () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'templates: templates\n');
    mkdirSync(join(dir, 'templates', '_partials'), { recursive: true });
    writeFileSync(join(dir, 'templates', '_partials', 'item-drift-monitoring.hbs'), '## Дрейф и переобучение\n\nTODO(mlsd): что делаем, когда модель деградирует.\n');
    const original = '---\ntitle: Отток\n---\n\n## Метрики\n\nОфлайн мы считаем ROC AUC на отложенном месяце. Онлайн — доля удержанных клиентов в A/B тесте.\n';
    writeFileSync(join(dir, 'doc.md'), original);
    runCli(['lint', 'doc.md', '--fix'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'doc.md'), 'utf8');
    expect(fixed).toContain('\n## Дрейф и переобучение\n\nTODO(mlsd): что делаем, когда модель деградирует.\n');
    expect(fixed).toContain('\n## Разметка\n\n**Источник.** TODO(mlsd):');
  });

  it("inserts the sections a team's config gives a language, names the missing section by them, and finds them there the next time", () => {
    const dir = tempDir();
    const config =
      'languages:\n  de:\n    name: Deutsch\n    stopwords: [der, die, das, und, ist, nicht, mit, für, auf, wir, ein, eine]\n    skeletons:\n' +
      '      leakage-checks: |\n        ## Datenlecks\n\n        TODO(mlsd): welche Informationen aus der Zukunft ins Training gelangen und wie das verhindert wird\n' +
      '  ru:\n    skeletons:\n      drift-monitoring: |\n        ## Дрейф\n\n        TODO(mlsd): что отслеживаем, как обнаруживаем, порог и действие\n';
    writeFileSync(join(dir, '.mlsdrc.yaml'), config);
    writeFileSync(
      join(dir, 'de.md'),
      '---\ntitle: Abwanderung\n---\n\n## Metriken\n\nOffline messen wir die ROC AUC auf einem zurückgehaltenen Monat, und online ist die Kennzahl der Anteil der gehaltenen Kunden im A/B-Test.\n',
    );
    writeFileSync(join(dir, 'ru.md'), '---\ntitle: Отток\n---\n\n## Метрики\n\nОфлайн мы считаем ROC AUC на отложенном месяце. Онлайн — доля удержанных клиентов в A/B тесте.\n');

    const before = runCli(['lint', 'de.md', 'ru.md', '--format', 'compact'], { cwd: dir }).stdout;
    expect(before).toMatch(/^de\.md:\d+:1: error required-section Missing required section "Datenlecks"/m);
    expect(before).toContain('ru.md:7:1: error required-section Missing required section "Дрейф" (add it after "Метрики").');
    // An item the team gives no section keeps the language's own: the built-in Russian one, or English.
    expect(before).toContain('Missing required section "Утечки"');
    expect(before).toMatch(/^de\.md:\d+:1: error required-section Missing required section "Drift monitoring"/m);

    const run = runCli(['lint', 'de.md', 'ru.md', '--fix', '--format', 'json'], { cwd: dir });
    const de = readFileSync(join(dir, 'de.md'), 'utf8');
    const ru = readFileSync(join(dir, 'ru.md'), 'utf8');
    expect(de).toContain('\n## Datenlecks\n\nTODO(mlsd): welche Informationen aus der Zukunft');
    expect(ru).toContain('\n## Дрейф\n\nTODO(mlsd): что отслеживаем');
    expect(ru).toContain('\n## Утечки\n');
    type Report = { file: string; language: string; diagnostics: { ruleId: string }[]; items: Record<string, { state: string; via?: string; sections?: string[] }> };
    const reports = JSON.parse(run.stdout).files as Report[];
    const fixed = (file: string) => reports.find((r) => r.file === file)!;
    expect(fixed('de.md').language).toBe('de');
    expect(fixed('de.md').items['leakage-checks']).toMatchObject({ state: 'weak', via: 'heading', sections: ['Datenlecks'] });
    expect(fixed('ru.md').items['drift-monitoring']).toMatchObject({ state: 'weak', via: 'heading', sections: ['Дрейф'] });
    expect(reports.flatMap((r) => r.diagnostics.map((d) => d.ruleId))).not.toContain('required-section');

    runCli(['lint', 'de.md', 'ru.md', '--fix'], { cwd: dir });
    expect([readFileSync(join(dir, 'de.md'), 'utf8'), readFileSync(join(dir, 'ru.md'), 'utf8')]).toEqual([de, ru]);
  });

  it("reads the leakage heading a team's language inserts as naming leakage, once the team's config gives the language's headingTerms", () => {
    const dir = tempDir();
    const language =
      'languages:\n  de:\n    name: Deutsch\n    stopwords: [der, die, das, und, ist, nicht, mit, für, auf, wir, ein, eine]\n    skeletons:\n' +
      '      leakage-checks: |\n        ## Datenlecks\n\n        TODO(mlsd): welche Informationen aus der Zukunft ins Training gelangen und wie das verhindert wird\n';
    writeFileSync(join(dir, 'language.yaml'), language);
    writeFileSync(join(dir, 'team.yaml'), `${language}checklist:\n  leakage-checks:\n    headingTerms: { de: ["datenleck\\\\w*"] }\n`);
    const draft = '---\ntitle: Abwanderung\n---\n\n## Metriken\n\nOffline messen wir die ROC AUC auf einem zurückgehaltenen Monat, und online ist die Kennzahl der Anteil der gehaltenen Kunden im A/B-Test.\n';
    type Item = { state: string; via?: string; sections?: string[]; lacks?: string[] };
    const leakage = (config: string, text: string, ...args: string[]) => {
      const doc = join(dir, `${config}.md`);
      writeFileSync(doc, text);
      const report = JSON.parse(runCli(['lint', doc, '--config', join(dir, `${config}.yaml`), '--format', 'json', ...args]).stdout).files[0];
      expect(report.language).toBe('de');
      return report.items['leakage-checks'] as Item;
    };
    const UNTIED = 'does not tie the split or features to leakage: say what future information could leak and how it is kept out';

    // The section --fix inserts is weak for its placeholder, and, with the headingTerms, for nothing its heading fails to say.
    const inserted = leakage('team', draft, '--fix');
    expect(inserted).toMatchObject({ state: 'weak', via: 'heading', sections: ['Datenlecks'], lacks: expect.arrayContaining(['still holds placeholder text ("TODO")']) });
    expect(inserted.lacks).not.toContain(UNTIED);
    expect(leakage('language', draft, '--fix').lacks).toContain(UNTIED);

    // A split under the heading is enough, as under "Leakage" or "Утечки".
    const split = `${draft}\n## Datenlecks\n\nWir nutzen einen time-based split: das Training endet im März, der Test ist der April.\n`;
    expect(leakage('team', split).state).toBe('present');
    expect(leakage('language', split)).toMatchObject({ state: 'weak', lacks: [UNTIED] });

    // Keyed by a language no document is detected as, the terms would never apply: refused, as any term list is.
    writeFileSync(join(dir, 'unknown.yaml'), 'checklist:\n  leakage-checks:\n    headingTerms: { fr: [fuite] }\n');
    const refused = runCli(['lint', join(dir, 'team.md'), '--config', join(dir, 'unknown.yaml')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('checklist.leakage-checks.headingTerms.fr names a language neither built in nor declared under "languages"');
  });

  it("refuses a team's skeleton keyed by no checklist item, which would never be inserted", () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'languages:\n  ru:\n    skeletons:\n      metric: "## Метрики\\n\\nTODO(mlsd): метрики"\n');
    writeFileSync(join(dir, 'doc.md'), '# x\n');
    const run = runCli(['lint', 'doc.md', '--fix'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: .mlsdrc.yaml:4: languages.ru.skeletons.metric is not a checklist item (did you mean "metrics"?)\n');
    expect(readFileSync(join(dir, 'doc.md'), 'utf8')).toBe('# x\n');
  });

  it('refuses standard input: there is no file to write', () => {
    const run = runCli(['lint', '-', '--fix'], { input: '# x\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: --fix cannot be used with standard input/);
  });

  it('refuses a pipe such as <(cat doc.md): nothing to write back, nothing linted', () => {
    const draft = join(ROOT, 'examples', 'churn-prediction-draft.md');
    const run = spawnSync('bash', ['-c', '"$0" "$1" lint --fix <(cat "$2")', process.execPath, BIN, draft], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mlsd: --fix cannot be used with .+: it is not a regular file/)]);
  });

  it('a broken team templates folder is a user error (exit 2, the file named), not a bug in mlsd, and the doc is left alone', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'templates', 'broken'), { recursive: true });
    writeFileSync(join(dir, 'templates', 'broken', 'questions.yaml'), 'questions: [\n');
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'templates: templates\n');
    const text = '# Notes\n\nNothing here yet.\n';
    writeFileSync(join(dir, 'doc.md'), text);
    const run = runCli(['lint', 'doc.md', '--fix'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: templates\/broken\/questions\.yaml:2: cannot parse: /m); // named as from the working folder
    expect(run.stderr).not.toMatch(/internal error|bug in mlsd/);
    expect(readFileSync(join(dir, 'doc.md'), 'utf8')).toBe(text);
  });
});

describe('mlsd lint --fix with a team checklist', () => {
  it("inserts a team item's own skeleton from the config", () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'checklist:\n  rollback-plan:\n    title: Rollback plan\n    hint: How a bad model leaves production.\n    skeleton: "Rollback trigger: TODO. Time to roll back: TODO."\n');
    writeFileSync(join(dir, 'doc.md'), readFileSync(join(ROOT, 'examples', 'fraud-detection.md'), 'utf8'));
    runCli(['lint', 'doc.md', '--fix'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'doc.md'), 'utf8');
    expect(fixed).toMatch(/\n## Rollback plan\n\nRollback trigger: TODO\. Time to roll back: TODO\.\n/);
  });

  it('lints a fixed file whose checklist has team patterns where --timeout stops it: a pattern may stall on the inserted section', () => {
    const dir = tempDir();
    // Ten adjacent \w*: the config check passes it; quick on short words, many minutes on the skeleton's 42 letters.
    const config = `checklist:\n  metrics:\n    mentions: ["${'\\\\w*'.repeat(10)}ly"]\n  rollback-plan:\n    title: Rollback plan\n    skeleton: "Rollback: internationalizationofeverythingwhatsoever."\n`;
    writeFileSync(join(dir, '.mlsdrc.yaml'), config);
    writeFileSync(join(dir, 'doc.md'), '# Doc\n\n## Metrics\n\nWe track AUC offline.\n');
    const run = runCli(['lint', 'doc.md', '--fix', '--timeout', '2000', '--format', 'json'], { cwd: dir, timeoutMs: 20_000 });
    expect(run.code).toBe(1); // null: killed, the run hung
    expect(readFileSync(join(dir, 'doc.md'), 'utf8')).toMatch(/\n## Rollback plan\n\nRollback: internationalizationofeverythingwhatsoever\./);
    expect(JSON.parse(run.stdout).files[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['timeout']);
  });

  it('takes the heading a skeleton starts with instead of adding one, and a second run adds nothing', () => {
    for (const heading of ['Rollback plan', 'How we roll back']) {
      const dir = tempDir();
      const skeleton = `## ${heading}\n\n<describe how a bad model is taken out of production, and how fast>\n`;
      writeFileSync(join(dir, '.mlsdrc.yaml'), `checklist:\n  rollback-plan:\n    title: Rollback plan\n    skeleton: ${JSON.stringify(skeleton)}\n`);
      const original = readFileSync(join(ROOT, 'examples', 'fraud-detection.md'), 'utf8');
      writeFileSync(join(dir, 'doc.md'), original);
      runCli(['lint', 'doc.md', '--fix'], { cwd: dir });
      const fixed = readFileSync(join(dir, 'doc.md'), 'utf8');
      expect(edit(fixed, `${skeleton}\n`, ''), heading).toBe(original); // the skeleton as written, once, and nothing else
      runCli(['lint', 'doc.md', '--fix'], { cwd: dir });
      expect(readFileSync(join(dir, 'doc.md'), 'utf8'), heading).toBe(fixed);
    }
  });
});

describe('mlsd lint --fix and encodings', () => {
  it('leaves a UTF-16 file byte-for-byte alone rather than write it back in another encoding', () => {
    const dir = tempDir();
    const file = join(dir, 'draft.md');
    const text = readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    writeFileSync(file, bytes);
    const run = runCli(['lint', 'draft.md', '--fix', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(run.stdout).files[0].checklist.labels).toBe('absent'); // linted, reported, not fixed
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('starts an empty file (a byte-order mark at most) with the first section, not a blank line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'marked.md'), '\uFEFF');
    runCli(['lint', 'empty.md', 'marked.md', '--no-config', '--fix'], { cwd: dir });
    const empty = readFileSync(join(dir, 'empty.md'), 'utf8');
    expect(empty).toMatch(/^## Metrics\n\n\*\*Offline\.\*\* TODO\(mlsd\)/);
    expect(empty).toMatch(/\n\n## Drift monitoring\n[^]*[^\n]\n$/);
    expect(readFileSync(join(dir, 'marked.md'), 'utf8')).toBe(`\uFEFF${empty}`);
  });

  it('keeps a byte-order mark first when a section goes before line 1: the heading there stays a heading', () => {
    const dir = tempDir();
    const text = '## Serving mode\n\nBatch scoring every night.\n';
    writeFileSync(join(dir, 'plain.md'), text);
    writeFileSync(join(dir, 'marked.md'), `\uFEFF${text}`);
    const run = runCli(['lint', 'plain.md', 'marked.md', '--no-config', '--fix'], { cwd: dir });
    expect(run.stderr).toContain('fixed marked.md: inserted "Metrics" before line 1');
    const plain = readFileSync(join(dir, 'plain.md'), 'utf8');
    expect(plain.startsWith('## Metrics\n')).toBe(true);
    expect(readFileSync(join(dir, 'marked.md'), 'utf8')).toBe(`\uFEFF${plain}`);
  });

  it('keeps a UTF-8 byte-order mark where it was', () => {
    const dir = tempDir();
    const file = join(dir, 'draft.md');
    writeFileSync(file, `\uFEFF${readFileSync(join(ROOT, 'examples', 'churn-prediction-draft.md'), 'utf8')}`);
    const report = runCli(['lint', 'draft.md', '--fix', '--format', 'json'], { cwd: dir });
    const fixed = readFileSync(file, 'utf8');
    expect(fixed.startsWith('\uFEFF---')).toBe(true);
    expect(fixed).toContain('## Labels');
    // The fixed text is linted with its mark: the report is the one a plain lint of the fixed file gives.
    const again = runCli(['lint', 'draft.md', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(report.stdout).files).toEqual(JSON.parse(again.stdout).files);
  });
});
