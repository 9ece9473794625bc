import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli, tempTree } from './helpers.js';

// What lint's findings and reports say in the details a user reads: messages, lines, evidence, empty
// reports. Each is pinned where the user sees it, in the built CLI's output.

const lintStdin = (text: string, ...args: string[]) => runCli(['lint', '-', '--no-config', '--format', 'compact', ...args], { input: text });

describe('labels-delay', () => {
  it('quotes the late outcome it found, not "undefined"', () => {
    const run = lintStdin('---\ntitle: x\n---\n\n## Labels\n\nA label is positive when a chargeback arrives for the payment, as recorded by the bank.\n');
    const finding = run.stdout.split('\n').find((l) => l.includes('labels-delay'));
    expect(finding).toMatch(/arrive late \("chargeback"\) but no delay/);
  });

  it('reads late outcomes and their delay in Russian as in English', () => {
    const delay = (labels: string) => lintStdin(`---\ntitle: x\n---\n\n## Разметка\n\n${labels}\n`).stdout.split('\n').find((l) => l.includes('labels-delay'));
    expect(delay('Мошенническим считается платёж, по которому пришёл чарджбэк.')).toMatch(/arrive late \("чарджбэк"\) but no delay/);
    expect(delay('Целевая переменная — отток: клиент считается ушедшим, если не совершал покупок после даты прогноза.')).toMatch(/arrive late \("отток"\)/);
    for (const window of ['Банк присылает чарджбэк с задержкой до четырёх месяцев.', 'Чарджбэки приходят в течение 120 дней, поэтому обучаем только на платежах старше 120 дней.', 'Метки созревают через месяц.']) {
      expect(delay(`Мошенническим считается платёж, по которому пришёл чарджбэк. ${window}`), window).toBeUndefined();
    }
    // "по дефолту" is "by default", not a borrower's default.
    expect(delay('Целевая переменная — дефолт клиента по кредиту; заявка без ответа считается отказом.')).toMatch(/arrive late \("дефолт"\)/);
    expect(delay('Целевая переменная — отказ клиента от продления; по дефолту заявка без ответа считается отказом.')).toBeUndefined();
  });
});

describe('the rule tester (the built library, as a team runs it)', () => {
  it('reports a finding whose errorMessage pointer names nothing, and passes every built-in rule file', () => {
    const rule = fixture('rules/delay-named.md');
    const dir = tempTree({ 'rules/delay-named.md': rule });
    const code = `import { checkRuleExample, defaultChecklist, ruleExamplesIn } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)};
for (const folder of process.argv.slice(1)) console.log(JSON.stringify(ruleExamplesIn(folder).flatMap((e) => checkRuleExample(e, defaultChecklist()))));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', code, join(dir, 'rules'), join(ROOT, 'schemas', 'checklist', 'rules')], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const [team, builtIn] = child.stdout.trim().split('\n').map((line) => JSON.parse(line) as string[]);
    expect(team).toEqual([expect.stringMatching(/delay-named\.md:18: delay-named on line 1 of the example says "undefined"/)]);
    expect(builtIn).toEqual([]);
  });
});

describe('serving-batch-latency', () => {
  it('points at and quotes the sub-second latency, not the first latency of the section', () => {
    const doc = '---\ntitle: x\n---\n\n## Serving mode\n\nA nightly batch job scores all users.\n\n## Latency budget\n\n' + "Writing one user's scores takes p99 2 s end-to-end. Each lookup must answer within p99 50 ms.\n";
    const finding = lintStdin(doc).stdout.split('\n').find((l) => l.includes('serving-batch-latency'));
    expect(finding).toBe('<stdin>:11:88: warning serving-batch-latency Section "Serving mode" (serving-mode): serving is batch only, yet latency "50 ms" reads as a per-request budget under a second: say which holds, or describe the online path.');
    const [json] = JSON.parse(lintStdin(doc, '--format', 'json').stdout).files as { diagnostics: { ruleId: string; line: number; column: number; endColumn: number }[] }[];
    const { line, column, endColumn } = json!.diagnostics.find((d) => d.ruleId === 'serving-batch-latency')!;
    expect([line, column, endColumn]).toEqual([11, 88, 93]); // "50 ms"
  });

  it('a rule none of whose list meets it still quotes and points at the first element (latency-percentile)', () => {
    const doc = '---\ntitle: x\n---\n\n## Latency budget\n\nScoring takes 40 ms and the page 300 ms.\n';
    expect(lintStdin(doc).stdout).toContain('<stdin>:7:15: warning latency-percentile Section "Latency budget" (latency-budget): latency "40 ms" is not tied to a percentile');
  });
});

describe('best-practice findings name the section they are about', () => {
  const findings = (doc: string) => lintStdin(doc).stdout.split('\n').filter((l) => / warning (?:metrics-offline-online|labels-delay|latency-percentile|drift-action|drift-threshold) /.test(l));

  it("in a Russian doc, by the doc's own heading, never the English item title", () => {
    const doc =
      '---\ntitle: Антифрод\n---\n\n## Метрики\n\nОфлайн оцениваем модель по PR-AUC и log loss на отложенной по времени выборке.\n\n' +
      '## Разметка\n\nМетка — подтверждённый аналитиком случай мошенничества по платежу, из системы разбора инцидентов.\n\n## Задержка\n\nСкоринг занимает 40 мс.\n\n' +
      '## Мониторинг\n\nКаждую неделю считаем PSI по признакам и сравниваем с обучающей выборкой.\n';
    expect(findings(doc)).toEqual([
      '<stdin>:5:1: warning metrics-offline-online Section "Метрики" (metrics): no online or business metric is named: say how the launch is judged in production (e.g. CTR, retention, complaint rate).',
      '<stdin>:15:18: warning latency-percentile Section "Задержка" (latency-budget): latency "40 мс" is not tied to a percentile: say which (p50, p95, p99) or that it is end-to-end; averages hide the slow requests users feel.',
      '<stdin>:17:1: warning drift-action Section "Мониторинг" (drift-monitoring): drift is detected but nothing says what happens then: name the action (page the owner, retrain, roll back) and who owns it.',
      '<stdin>:17:1: warning drift-threshold Section "Мониторинг" (drift-monitoring): drift is measured but no threshold says when it fires: give one (e.g. PSI > 0.2 for two consecutive days).',
    ]);
  });

  it('by a setext heading\'s text on one line, without its underline', () => {
    const doc = '---\ntitle: x\n---\n\nChurn\n=====\n\nLatency\nbudget\n-------\n\nScoring takes 40 ms.\n';
    const out = lintStdin(doc).stdout;
    expect(findings(doc)).toEqual([expect.stringMatching(/^<stdin>:12:15: warning latency-percentile Section "Latency budget" \(latency-budget\): latency "40 ms"/)]);
    expect(out).toContain('Missing required section "Metrics" (add it before "Latency budget").');
  });

  it('of an item with two sections, the one the finding stands in', () => {
    const doc = '---\ntitle: x\n---\n\n## Latency budget\n\nThe budget is agreed with the checkout team.\n\n## Performance requirements\n\nScoring takes 40 ms.\n';
    expect(findings(doc)).toEqual([expect.stringMatching(/^<stdin>:11:15: warning latency-percentile Section "Performance requirements" \(latency-budget\): latency "40 ms"/)]);
  });

  it('of an item only mentioned in another section, as the rule words it: there is no section of its own to name', () => {
    const doc = '---\ntitle: x\n---\n\n## Operations\n\nWe compute PSI weekly on drift of the top features.\n';
    expect(findings(doc)).toEqual([
      '<stdin>:7:1: warning drift-action Drift is detected but nothing says what happens then: name the action (page the owner, retrain, roll back) and who owns it.',
      '<stdin>:7:1: warning drift-threshold Drift is measured but no threshold says when it fires: give one (e.g. PSI > 0.2 for two consecutive days).',
    ]);
  });
});

describe('latency-stage-sum', () => {
  const stageSum = (text: string) => lintStdin(text).stdout.split('\n').find((l) => l.includes('latency-stage-sum'));

  it('shows the arithmetic in the units the doc wrote, not milliseconds', () => {
    const ru = '---\ntitle: x\n---\n\n## Бюджет задержки\n\nВесь пересчёт должен укладываться в 60 минут (p95).\n\n- выгрузка признаков: 50 минут\n- скоринг: 40 минут\n';
    expect(stageSum(ru)).toContain('Section "Бюджет задержки" (latency-budget): stage budgets do not fit in the total: "50 min + 40 min = 90 min > 60 min total"');
    const mixed = '---\ntitle: x\n---\n\n## Latency budget\n\np99 ≤ 1.5 s end-to-end: feature fetch 900 ms, scoring 800 ms.\n';
    expect(stageSum(mixed)).toContain('"900 ms + 800 ms = 1700 ms > 1500 ms total"');
  });
});

describe('latency-stage-sum, choosing the total', () => {
  it('does not take a stage of a prose list as its total when the stated total is in hours (unread)', () => {
    const run = lintStdin('---\ntitle: x\n---\n\n## Бюджет задержки\n\nПакетный пересчёт должен укладываться в 2 часа — выгрузка признаков 50 минут, скоринг 40 минут, запись 30 минут.\n');
    expect(run.stdout).not.toContain('latency-stage-sum');
  });

  it('still measures a prose list against a total tied to a percentile in its sentence', () => {
    const run = lintStdin('---\ntitle: x\n---\n\n## Latency budget\n\nThe ranking call must meet p99 ≤ 100 ms: feature fetch 60 ms, scoring 50 ms, re-ranking 20 ms.\n');
    expect(run.stdout).toContain('"60 ms + 50 ms + 20 ms = 130 ms > 100 ms total"');
  });
});

describe('a run that lints no file', () => {
  const tree = () => tempTree({ '.mlsdrc.yaml': 'paths: ["rfcs/**/*.md", docs/design]\n' });

  it('still writes the empty report of every format a program reads, the note staying on standard error', () => {
    const dir = tree();
    const json = runCli(['lint', '-f', 'json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(json.stderr).toContain('no design docs found');
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 1, files: [], summary: { files: 0, errors: 0, warnings: 0 } });
    const junit = runCli(['lint', '-f', 'junit'], { cwd: dir });
    expect(junit.stdout).toContain('<testsuites name="mlsd" tests="0" failures="0" errors="0" skipped="0">');
    expect(runCli(['lint', '-f', 'sarif', '--output', 'e.sarif'], { cwd: dir }).code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(dir, 'e.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(runCli(['lint', '-f', 'markdown'], { cwd: dir }).stdout).toContain('No design docs were checked.');
  });

  it('prints nothing on standard output in the format for people', () => {
    const run = runCli(['lint'], { cwd: tree() });
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no design docs found');
  });

  it('writes the empty report when every file named is outside the selection, as a pre-commit hook names them', () => {
    const dir = tempTree({ '.mlsdrc.yaml': 'paths: [docs/design]\n', 'README.md': '# Readme\n' });
    const run = runCli(['lint', '-f', 'json', 'README.md'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ files: [] });
  });
});

describe('required-section', () => {
  const ruDoc = '---\ntitle: Отток\n---\n\n## Разметка\n\nМетка положительная, если клиент ушёл в течение 30 дней после даты прогноза; её даёт биллинг.\n\n## Бюджет задержки\n\nОтвет сервиса не более 100 мс на 99-й перцентиль.\n';

  it("names a missing section in the document's language, as --fix heads it, and the document's own heading where it goes", () => {
    const run = lintStdin(ruDoc);
    expect(run.stdout).toContain('Missing required section "Метрики" (add it before "Разметка").');
    expect(run.stdout).toContain('Missing required section "Утечки" (add it after "Разметка").');
    expect(run.stdout).toContain('Missing required section "Мониторинг" (add it after "Бюджет задержки").');
    expect(run.stdout).not.toMatch(/Missing required section "(?:Metrics|Leakage checks|Drift monitoring)"/);
    expect(run.stdout).not.toMatch(/add it (?:before|after) "(?:Labels|Latency budget)"/);

    // The same sections --fix inserts, by the same names.
    const doc = join(tempTree({ 'doc.md': ruDoc }), 'doc.md');
    expect(runCli(['lint', doc, '--no-config', '--fix']).stderr).toContain('inserted "Метрики" before line 5, "Утечки" before line 9, "Мониторинг" at the end');

    // Only the message is in the document's language: rule, item and fingerprint are those of the item.
    type Finding = { ruleId: string; itemId: string; message: string; fingerprint: string };
    const missing = (text: string) =>
      (JSON.parse(runCli(['lint', '-', '--no-config', '--format', 'json'], { input: text }).stdout).files[0].diagnostics as Finding[]).find((d) => d.itemId === 'leakage-checks')!;
    const en = missing('---\ntitle: Churn\n---\n\n## Labels\n\nA customer is labelled churned when the billing system records no payment within 30 days of the forecast date.\n');
    const ru = missing(ruDoc);
    expect(en.message).toMatch(/^Missing required section "Leakage checks"/);
    expect(ru.message).toMatch(/^Missing required section "Утечки"/);
    expect({ ...ru, message: undefined }).toMatchObject({ ruleId: 'required-section', itemId: 'leakage-checks', fingerprint: en.fingerprint });
  });
});

describe('positions past the last line', () => {
  it('reports a section missing at the end on the last line the file has, in every format', () => {
    const doc = '---\ntitle: x\n---\n\n## Labels\n\nA label is positive when a chargeback arrives for the payment, as recorded by the bank.\n';
    const github = runCli(['lint', '-', '--no-config', '--format', 'github'], { input: doc }).stdout;
    expect(github).toContain('line=7,endLine=7,col=1,endColumn=1,title=mlsd required-section::Missing required section "Leakage checks"');
    expect(github).not.toMatch(/line=8/);
    const frontMatterOnly = lintStdin('---\ntitle: [x\n---\n').stdout;
    expect(frontMatterOnly).toContain('<stdin>:2:10: error front-matter-yaml Front matter is not valid YAML');
    expect(frontMatterOnly).toMatch(/^<stdin>:3:1: error required-section Missing required section "Metrics"/m);
    expect(frontMatterOnly).not.toMatch(/^<stdin>:4:/m);
  });
});

describe('lint --verbose scorecard', () => {
  it('shows, for a present item, the line of the evidence it quotes', () => {
    const doc = '---\ntitle: x\n---\n\n## Serving mode\n\nThe checkout service calls the model over gRPC\nfor every payment; scoring is online and synchronous.\n';
    const run = runCli(['lint', '-', '--no-config', '--verbose'], { input: doc });
    expect(run.stdout).toMatch(/^ +serving-mode +present +7 +"The checkout service calls the model over gRPC"$/m);
  });

  it('sets an absent item the config does not require apart from a missing one, as the markdown scorecard and JSON do', () => {
    const dir = tempTree({ '.mlsdrc.yaml': 'checklist:\n  drift-monitoring:\n    required: false\n', 'doc.md': '---\ntitle: x\n---\n\n## Metrics\n\nWe track AUC of 0.8 offline.\n' });
    expect(runCli(['lint', 'doc.md', '--verbose'], { cwd: dir }).stdout).toMatch(/^ +labels +absent +-\n(?:.*\n)* +drift-monitoring +absent +- +not required$/m);
    const cells = runCli(['lint', 'doc.md', '--format', 'markdown'], { cwd: dir }).stdout.split('\n').find((l) => l.startsWith('| `doc.md`'))!.split(' | ');
    expect(cells.slice(1, 7)).toEqual(['✅', '❌', '❌', '❌', '❌', '➖']);
    const items = (JSON.parse(runCli(['lint', 'doc.md', '--format', 'json'], { cwd: dir }).stdout) as { files: { items: Record<string, object> }[] }).files[0]!.items;
    expect([items.labels, items['drift-monitoring']]).toEqual([{ state: 'absent' }, { state: 'absent', optional: true }]);
  });
});

describe('evidence', () => {
  it('quotes the sentence that gave an item substance before a heading that names it', () => {
    const doc = '---\ntitle: x\n---\n\n## Drift monitoring and retraining\n\nWe compute PSI of the top 20 features daily against the training window; PSI above 0.2 for two days pages the on-call, who retrains the model.\n';
    const run = runCli(['lint', '-', '--no-config', '--format', 'json'], { input: doc });
    const drift = (JSON.parse(run.stdout) as { files: { items: Record<string, { evidence: { line: number; quote: string }[] }> }[] }).files[0]!.items['drift-monitoring']!;
    expect(drift.evidence[0]).toMatchObject({ line: 7, quote: expect.stringMatching(/^We compute PSI/) });
    expect(runCli(['lint', '-', '--no-config', '--verbose'], { input: doc }).stdout).toMatch(/^ +drift-monitoring +present +7 +"We compute PSI/m);
  });
});

describe('--quiet with --format json', () => {
  it('counts the warnings it leaves out, as --max-warnings does, and says how many were left out', () => {
    const doc = '---\ntitle: x\n---\n\n## Labels\n\nA label is positive when a chargeback arrives for the payment, as recorded by the bank.\n';
    const run = runCli(['lint', '-', '--no-config', '--format', 'json', '--quiet'], { input: doc });
    const report = JSON.parse(run.stdout) as { files: { diagnostics: { severity: string }[] }[]; summary: Record<string, number> };
    expect(report.files[0]!.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(report.summary).toMatchObject({ errors: 5, warnings: 1, hiddenWarnings: 1 });
  });
});

describe('mlsd init', () => {
  it('says one kept file was left as it was', () => {
    const dir = tempTree({ '.mlsdrc.yaml': 'paths: [docs/design]\n' });
    const run = runCli(['init'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nOne file was left as it was\.\n$/);
    expect(runCli(['init'], { cwd: dir }).stdout).toMatch(/\n2 files were left as they were\.\n$/);
  });
});

describe('lint --fix', () => {
  it('renders the serving skeleton with its two placeholders on lines of their own', () => {
    const dir = tempTree({ 'doc.md': '---\ntitle: x\n---\n\n## Labels\n\nA label is positive when a chargeback arrives for the payment, as recorded by the bank.\n' });
    runCli(['lint', 'doc.md', '--no-config', '--fix'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'doc.md'), 'utf8');
    expect(fixed).toContain('## Serving mode\n\n**Mode:** TODO(mlsd): how predictions are served\\\nTODO(mlsd): what calls the model');
  });
});
