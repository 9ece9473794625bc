import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apportion, loadTemplates, resumePath, saveResumable, splitTable } from '../src/scaffold/index.js';
import { mergeQuestions } from '../src/scaffold/questions.js';
import { parseMarkdown } from '../src/lint/parse.js';
import { ROOT, runCli, tempDir, tempTree } from './helpers.js';

const ENV = { MLSD_NOW: '2025-01-15' };
const TYPES = [...loadTemplates().keys()];

const dryRun = (args: string[], cwd = tempDir()) => {
  const run = runCli(['new', 'doc', '--yes', '--dry-run', '--set', 'owner=ml-team', ...args], { cwd, env: ENV });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
};

const MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/** The rows of the stage table in a draft's latency section, as [stage, milliseconds]. */
const stageRows = (doc: string) =>
  [...doc.slice(doc.indexOf('## Latency budget')).matchAll(/^\| ([^|*]+?) \| ([\d.]+) (ms|s|min|h) \|$/gm)].map((m) => [m[1]!, Number(m[2]) * MS[m[3]!]!] as const);

describe('suggestions follow the answers before them', () => {
  it('splits a budget so the parts add up to it exactly', () => {
    expect(apportion(80, [25, 30, 15, 30], 1)).toEqual([20, 24, 12, 24]);
    expect(apportion(100, [1, 1, 1], 1)).toEqual([34, 33, 33]);
    expect(apportion(1.5, [1, 1, 1, 1], 0.1).reduce((a, b) => a + b, 0)).toBeCloseTo(1.5);
    expect(splitTable({ of: 'b', stages: { a: 1, b: 1 } }, 'soon')).toBeUndefined();
  });

  it.each([['80ms'], ['250 ms'], ['1.5 s'], ['7ms']])('fraud detection with a %s budget gets stage budgets adding up to it, as a table lint reads', (budget) => {
    const doc = dryRun(['--type', 'fraud-detection', '--set', `latency_budget=${budget}`]);
    const rows = stageRows(doc);
    expect(rows.length).toBe(4);
    const [, total, unit] = /(\d+(?:\.\d+)?) ?(ms|s)$/.exec(budget)!;
    expect(rows.reduce((sum, [, v]) => sum + v, 0)).toBeCloseTo(Number(total) * MS[unit!]!);
    const [, written, writtenUnit] = /^\| \*\*Total\*\* \| \*\*([\d.]+) (ms|s)\*\* \|$/m.exec(doc)!;
    expect(Number(written) * MS[writtenUnit!]!).toBeCloseTo(Number(total) * MS[unit!]!);
  });

  it.each([
    ['1.5 s', 'online', '1500 ms', [150, 350, 200, 100, 450, 200, 50]],
    ['1 s', 'online', '1000 ms', [100, 234, 133, 67, 300, 133, 33]],
  ])('a %s budget (%s) is split in %s where stages would round badly in its own unit, adding up exactly', (budget, mode, total, parts) => {
    const doc = dryRun(['--type', 'feed-ranking', '--set', `serving_mode=${mode}`, '--set', `latency_budget=${budget}`]);
    const table = doc.slice(doc.indexOf('| Stage |'), doc.indexOf('| **Total**'));
    const unit = total.split(' ')[1];
    expect([...table.matchAll(/\| ([\d.]+) (\w+) \|$/gm)].map((m) => [Number(m[1]), m[2]])).toEqual(parts.map((p) => [p, unit]));
    expect(doc).toContain(`| **Total** | **${total}** |`);
    expect(doc).toContain(`latency_budget: ${budget}\n`);
  });

  it('a table stated in a smaller unit is one lint reads and checks against the budget', () => {
    const doc = dryRun(['--type', 'feed-ranking', '--set', 'latency_budget=1.5 s']);
    const lint = runCli(['lint', '-', '--no-config', '--format', 'json'], { input: doc });
    const rules = (JSON.parse(lint.stdout) as { files: { diagnostics: { ruleId: string }[] }[] }).files[0]!.diagnostics.map((d) => d.ruleId);
    expect(rules.filter((r) => r !== 'template-suggestion')).toEqual([]);
    // It does check: a stage over the budget is reported.
    const over = runCli(['lint', '-', '--no-config', '--format', 'json'], { input: doc.replace('| Headroom | 50 ms |', '| Headroom | 900 ms |') });
    expect(over.stdout).toContain('latency-stage-sum');
  });

  it.each([['1 h', '60 min'], ['1.5 hours', '90 min']])('a batch budget of %s is written as %s, which lint reads, and the draft has no latency findings', (budget, written) => {
    const doc = dryRun(['--type', 'generic', '--set', 'serving_mode=batch', '--set', `latency_budget=${budget}`]);
    expect(doc).toContain(`latency_budget: ${written}\n`);
    expect(doc).toContain(`end-to-end within ${written}`);
    const lint = runCli(['lint', '-', '--no-config', '--format', 'json'], { input: doc });
    const rules = (JSON.parse(lint.stdout) as { files: { diagnostics: { ruleId: string }[] }[] }).files[0]!.diagnostics.map((d) => d.ruleId);
    expect(rules.filter((r) => r !== 'template-suggestion')).toEqual([]);
  });

  it('with batch serving, no suggestion speaks of per-request calls or budgets', () => {
    for (const type of ['generic', 'fraud-detection', 'feed-ranking']) {
      const doc = dryRun(['--type', type, '--set', 'serving_mode=batch']);
      const serving = doc.slice(doc.indexOf('## Serving mode'), doc.indexOf('## Drift monitoring'));
      expect(serving, type).not.toMatch(/REST|gRPC|per request|per scoring request|synchronously/);
      expect(serving).toContain('A scheduled job scores every entity');
      expect(serving).toContain('each batch run finishes end-to-end within 90 min');
      expect(doc).toContain('latency_budget: 90 min');
      const lint = spawnSync(process.execPath, [join(ROOT, 'bin/mlsd.js'), 'lint', '-', '--format', 'json', '--no-config'], { input: doc, encoding: 'utf8' });
      const rules = (JSON.parse(lint.stdout) as { files: { diagnostics: { ruleId: string }[] }[] }).files[0]!.diagnostics.map((d) => d.ruleId);
      expect(rules.filter((r) => r !== 'template-suggestion'), type).toEqual([]);
    }
  });
});

describe('a latency stated at a percentile', () => {
  it('is written as its value, and the percentile stated where the template states one', () => {
    const doc = dryRun(['--type', 'fraud-detection', '--set', 'latency_budget=p95 150 ms']);
    expect(doc).toContain('latency_budget: 150 ms\n');
    expect(doc).toContain('**Target:** p95 end-to-end latency ≤ 150 ms.');
    expect(doc).toContain('| **Total** | **150 ms** |');
    expect(doc).not.toContain('p95 150 ms');
    // A comparison is the template's to state, not the answer's.
    expect(dryRun(['--type', 'fraud-detection', '--set', 'latency_budget=p99.9 ≤ 80ms'])).toContain('**Target:** p99.9 end-to-end latency ≤ 80 ms.');
  });

  it('with batch serving, which states no percentile, is written as its value alone', () => {
    const doc = dryRun(['--type', 'fraud-detection', '--set', 'serving_mode=batch', '--set', 'latency_budget=p95 40 min']);
    expect(doc).toContain('latency_budget: 40 min\n');
    expect(doc).toContain('each batch run finishes end-to-end within 40 min,');
    expect(doc).not.toContain('p95');
  });

  it('is refused when it contradicts the percentile answered beside it, or names one the template does not take', () => {
    const cwd = tempDir();
    const twice = runCli(['new', 'x', '--type', 'generic', '--yes', '--dry-run', '--set', 'latency_percentile=p99', '--set', 'latency_budget=p95 150 ms'], { cwd, env: ENV });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe('mlsd: --set: latency_percentile is answered twice, p99 by "latency_percentile" and p95 by "latency_budget"\n');
    const odd = runCli(['new', 'x', '--type', 'generic', '--yes', '--dry-run', '--set', 'latency_budget=p75 150 ms'], { cwd, env: ENV });
    expect(odd.code).toBe(2);
    expect(odd.stderr).toContain('"latency_budget" states a percentile latency_percentile does not take: "p75" is not one of: p50, p90, p95, p99, p99.9');
  });
});

describe('conditions name the answers as written', () => {
  it('on-device is answered edge, and the edge suggestion follows it', () => {
    const doc = dryRun(['--type', 'generic', '--set', 'serving_mode=on-device']);
    expect(doc).toContain('serving_mode: edge');
    expect(doc).toContain('The model ships inside the app and scores on the device');
  });

  it('a condition naming a value the question never answers is refused', () => {
    const base = loadTemplates().get('generic')!.questions;
    const team = (equals: string) => [{ key: 'app_size', message: 'App size budget', when: { key: 'serving_mode', equals } }];
    expect(mergeQuestions(base, team('edge'), 'team/questions.yaml').some((q) => q.key === 'app_size')).toBe(true);
    expect(() => mergeQuestions(base, team('on-device'), 'team/questions.yaml')).toThrow(
      'team/questions.yaml (question "app_size"): "when" names serving_mode "on-device", which is never an answer (choices: batch, online, near-real-time, streaming, edge, hybrid)',
    );
  });
});

describe('every draft is clean Markdown', () => {
  // Some thirty CLI runs one after another: 20–27 s on a quiet machine, so the 30 s default is no hang guard.
  it('passes markdownlint-cli2 with its default rules, line length aside', { timeout: 120_000 }, () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), '{ "config": { "MD013": false } }\n');
    for (const type of TYPES) {
      for (const mode of ['online', 'batch', 'streaming']) writeFileSync(join(dir, `${type}-${mode}.md`), dryRun(['--type', type, '--set', `serving_mode=${mode}`]));
    }
    for (const golden of readdirSync(join(ROOT, 'test/golden/new'))) writeFileSync(join(dir, `golden-${golden}`), readFileSync(join(ROOT, 'test/golden/new', golden)));
    // A draft full of placeholders too (a team template with few suggestions), and its own sections.
    writeFileSync(join(dir, 'team.md'), dryRun(['--type', 'churn-prediction', '--templates', join(ROOT, 'test/fixtures/team-templates')]));
    const cli = join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
    const run = spawnSync(process.execPath, [cli, '*.md'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr + run.stdout).toContain(`Linting: ${TYPES.length * 3 + TYPES.length + 1} file(s)`);
    expect(run.status, run.stderr).toBe(0);
    // And mlsd lint passes them as drafts: warnings for the template's text, no errors.
    const drafts = readdirSync(dir).filter((f) => /-(online|batch|streaming)\.md$/.test(f));
    expect(drafts).toHaveLength(TYPES.length * 3);
    const lint = runCli(['lint', ...drafts, '--no-config', '--format', 'json'], { cwd: dir });
    expect(lint.code, lint.stdout.slice(0, 2000)).toBe(0);
    const summary = (JSON.parse(lint.stdout) as { summary: { errors: number; warnings: number } }).summary;
    expect(summary.errors).toBe(0);
    expect(summary.warnings).toBeGreaterThan(0);
  });

  it('a one-line answer is text: a block marker it starts with renders as written, and the draft still passes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), '{ "config": { "MD013": false } }\n');
    const plain = dryRun(['--type', 'generic']);
    const markers = { data_sources: '```python', features: '# Features v2', model: '~~~', baseline: '---', open_questions: '===', label_source: '1. from the logs', drift_method: '> quoted', alternatives: '- one', risks: '<!-- hidden', milestones: '[x]: gone' };
    const doc = dryRun(['--type', 'generic', ...Object.entries(markers).flatMap(([k, v]) => ['--set', `${k}=${v}`])]);
    const headings = (text: string) => text.split('\n').filter((l) => /^#|^(```|~~~)/.test(l));
    expect(headings(doc)).toEqual(headings(plain)); // no heading or fence added
    for (const literal of ['\\```python', '\\# Features v2', '\\---', '1\\. from the logs', '\\[x]: gone']) expect(doc).toContain(literal);
    writeFileSync(join(dir, 'markers.md'), doc);
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), 'markers.md'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const lint = runCli(['lint', 'markers.md', '--no-config', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(lint.stdout) as { summary: { errors: number } }).summary.errors, lint.stdout.slice(0, 2000)).toBe(0);
  });

  it('a longer answer is placed as blocks of its own: what follows it in the template stays what it was', () => {
    const dir = tempDir();
    // Inline HTML (MD033) is the answer's own: the rules the template's text could break stay on.
    writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), '{ "config": { "MD013": false, "MD033": false } }\n');
    // Answers ending (or starting) in a code block, a table, a list, a quote, HTML, in slots the template
    // follows with a hard break (`\`) or more text; and one-line answers ending in a backslash.
    const answers = {
      label_source: 'Clicks within 30 s of an impression; a click is a positive. The query:\n\n```sql\nSELECT user_id, clicked FROM impressions;\n```',
      leakage_risks: 'Counters that include the labelled event:\n\n| Counter | Leaks |\n| --- | --- |\n| clicks_7d | yes |',
      offline_metrics: 'Judged on the last month:\n\n- PR-AUC\n- log loss',
      drift_signals: '- feature distributions\n- the score distribution',
      drift_method: 'PSI against the training window:\n\n> as the platform team does it',
      drift_threshold: 'PSI above 0.2, computed in C:\\',
      label_delay: 'Two weeks, under C:\\',
      data_sources: '<details>\n<summary>Tables</summary>\n\nimpressions, clicks\n\n</details>',
    };
    writeFileSync(join(dir, 'a.yaml'), Object.entries(answers).map(([k, v]) => `${k}: ${JSON.stringify(v)}\n`).join(''));
    const doc = dryRun(['--type', 'generic', '--answers', 'a.yaml'], dir);
    const plain = dryRun(['--type', 'generic'], dir);
    type Node = { type: string; value?: string; depth?: number; children?: Node[] };
    const text = (n: Node): string => n.value ?? (n.children ?? []).map(text).join('');
    const headings = (md: string) => (parseMarkdown(md).children as Node[]).filter((n) => n.type === 'heading').map(text);
    expect(headings(doc)).toEqual(headings(plain)); // every later heading is still a heading
    // Every label of a slot still starts its own line of a paragraph, not a table row, code or a list item.
    const labels = (md: string) =>
      (parseMarkdown(md).children as Node[])
        .filter((n) => n.type === 'paragraph')
        .flatMap((p) => p.children!.filter((c, i) => c.type === 'strong' && (i === 0 || p.children![i - 1]!.type === 'break')).map(text));
    expect(labels(doc)).toEqual(labels(plain));
    expect(doc).toContain('**Delay.** Two weeks, under C:\\\\\n'); // the backslash shown as written
    expect(doc).toContain('**Alert threshold:** PSI above 0.2, computed in C:\\\\\\\n**Action:**'); // and the hard break after it kept
    writeFileSync(join(dir, 'blocks.md'), doc);
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), 'blocks.md'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('a longer answer that opens a code fence it never closes is refused, naming the key', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'answers.yaml'), 'owner: me\nfeatures: |\n  Counts per user:\n  ```sql\n  select count(*) from events\n');
    const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--answers', 'answers.yaml'], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: answers file: "features" opens a code fence (```) it never closes, which would turn the rest of the doc into code\n');
    expect(existsSync(join(cwd, 'docs'))).toBe(false);
    // Closed, it is Markdown the author wrote, and goes in as it is.
    writeFileSync(join(cwd, 'answers.yaml'), 'owner: me\nfeatures: |\n  Counts per user:\n  ```sql\n  select count(*) from events\n  ```\n');
    expect(dryRun(['--type', 'generic', '--answers', 'answers.yaml'], cwd)).toContain('Counts per user:\n```sql\nselect count(*) from events\n```\n');
  });

  it('an answer that opens an HTML comment or element it never closes is refused, as an open fence is', () => {
    const cwd = tempDir();
    const refused = {
      data_sources: ['Clickstream logs, kept 90 days.\n<!-- note for reviewers: confirm the retention period', 'an HTML comment (<!--) it never closes, which would hide the rest of the doc'],
      features: ['Counts per user:\n\n<details>\n<summary>The full list</summary>\n\nclicks_7d, views_7d', '<details> it never closes'],
      model: ['Trees.\n<div align="center">\nsee the diagram', '<div> it never closes'],
      baseline: ['Rules, <b>the current ones', '<b> it never closes'], // one line: the tag is inside it, not escaped
      risks: ['Drift.\n<?xml version="1.0"', 'a processing instruction (<?) it never closes'],
      milestones: ['Week 1.\n<pre>\nplan', '<pre> it never closes'],
    };
    for (const [key, [answer, reason]] of Object.entries(refused)) {
      writeFileSync(join(cwd, 'a.json'), JSON.stringify({ owner: 'me', [key]: answer }));
      const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--answers', 'a.json'], { cwd, env: ENV });
      expect(run.code, key).toBe(2);
      expect(run.stderr).toContain(`mlsd: answers file: "${key}" opens ${reason}`);
      expect(existsSync(join(cwd, 'docs')), key).toBe(false);
    }
    // Closed, or in code, or an element a paragraph's end closes, or one line (its leading < escaped): kept as written.
    const kept = {
      data_sources: 'Clickstream logs.\n<!-- note for reviewers: confirm the retention period -->',
      features: 'Counts per user:\n\n<details>\n<summary>The full list</summary>\n\nclicks_7d\n\n</details>',
      model: 'Trees; `<div>` and\n\n```html\n<!-- <details>\n```',
      baseline: 'A List<String> of rules',
      risks: '<!-- one line is text',
    };
    writeFileSync(join(cwd, 'a.json'), JSON.stringify(kept));
    const doc = dryRun(['--type', 'generic', '--answers', 'a.json'], cwd);
    expect(doc).toContain('<!-- note for reviewers: confirm the retention period -->');
    expect(doc).toContain('\\<!-- one line is text');
    expect(doc).toContain('## Reviewers and sign-off');
  });

  it('and it fails a draft that is not, so the check above can fail', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.md'), '---\ntitle: x\n---\n\n# Title beside the front-matter title\n');
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), 'bad.md'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toContain('MD025');
    expect(run.status).toBe(1);
  });
});

describe('where drafts go', () => {
  it('at the repository root, wherever in it the command runs', () => {
    const repo = tempDir();
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'docs'));
    const run = runCli(['new', 'x', '--type', 'generic', '--yes'], { cwd: join(repo, 'docs'), env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('wrote design/x.md');
    expect(existsSync(join(repo, 'docs/design/x.md'))).toBe(true);
    expect(existsSync(join(repo, 'docs/docs'))).toBe(false);
  });

  it('in the folder the config names, relative to the config', () => {
    const repo = tempDir();
    mkdirSync(join(repo, 'src/app'), { recursive: true });
    writeFileSync(join(repo, '.mlsdrc.yaml'), 'drafts: rfcs/ml\n');
    const run = runCli(['new', 'x', '--type', 'generic', '--yes'], { cwd: join(repo, 'src/app'), env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(repo, 'rfcs/ml/x.md'))).toBe(true);
    expect(runCli(['config', '--print'], { cwd: repo }).stdout).toContain('rfcs/ml');
  });

  it('mlsd init names the folder, and new follows it', () => {
    const repo = tempDir();
    expect(runCli(['init'], { cwd: repo }).code).toBe(0);
    expect(readFileSync(join(repo, '.mlsdrc.yaml'), 'utf8')).toMatch(/^drafts: docs\/design$/m);
  });
});

describe('teams choose the reviewer sections', () => {
  it('drop, reorder and add sections through config', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.mlsdrc.yaml'), 'sections: [risks, security-review, alternatives]\n');
    const doc = dryRun(['--type', 'generic'], cwd);
    const headings = doc.split('\n').filter((l) => l.startsWith('## ')).slice(-3);
    expect(headings).toEqual(['## Risks and mitigations', '## Security review', '## Alternatives considered']);
    expect(doc).not.toContain('## Milestones');
    expect(doc).not.toContain('## Non-goals and constraints');
    expect(doc).toContain('TODO(mlsd): what the security review section says');
    // Questions only a dropped section would use are not asked.
    const asked = runCli(['new', 'x', '--type', 'generic', '--dry-run'], { cwd, env: ENV });
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/no terminal to ask .*\brisks\b/);
    expect(asked.stderr).not.toMatch(/milestones|reviewers|rollout|non_goals/);
  });

  it('a template lists its own sections, and config wins over it', async () => {
    const { renderDocument } = await import('../src/scaffold/index.js');
    const { defaultChecklist } = await import('../src/checklist/load.js');
    const generic = loadTemplates().get('generic')!;
    const render = (sections?: string[]) =>
      renderDocument({ template: { ...generic, sections: ['rollout', 'risks'] }, answers: {}, checklist: defaultChecklist(), name: 'x', now: new Date('2025-01-15'), sections });
    const headings = (doc: string) => doc.split('\n').filter((l) => l.startsWith('## ')).slice(-2);
    expect(headings(await render())).toEqual(['## Rollout and rollback', '## Risks and mitigations']);
    expect(headings(await render(['milestones']))).toEqual(['## Responsible AI', '## Milestones']);
  });

  it('a bad sections value is a config error naming the key', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.mlsdrc.yaml'), 'sections: [Risks!]\n');
    const run = runCli(['new', 'x', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('sections');
  });
});

describe('answers', () => {
  it('--save-answers writes answers that --answers draws the same doc from', () => {
    const cwd = tempDir();
    const first = runCli(['new', 'scorer', '--type', 'fraud-detection', '--yes', '--set', 'owner=risk', '--set', 'latency_budget=80ms', '--save-answers', 'answers.yaml'], { cwd, env: ENV });
    expect(first.code, first.stderr).toBe(0);
    const saved = readFileSync(join(cwd, 'answers.yaml'), 'utf8');
    expect(saved).toMatch(/^# Answers for `mlsd new scorer --type fraud-detection --answers answers.yaml --yes`/);
    const again = runCli(['new', 'scorer', '--type', 'fraud-detection', '--answers', 'answers.yaml', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(readFileSync(join(cwd, 'docs/design/scorer.md'), 'utf8'));
    // Never overwritten without --force, and refused before anything is asked or written.
    const refused = runCli(['new', 'other', '--yes', '--save-answers', 'answers.yaml'], { cwd, env: ENV });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('answers.yaml already exists');
    expect(existsSync(join(cwd, 'docs/design/other.md'))).toBe(false);
  });

  it('--save-answers leaves out the stage table derived from the budget: editing the budget gets a new table', () => {
    const cwd = tempDir();
    const first = runCli(['new', 'scorer', '--type', 'fraud-detection', '--yes', '--set', 'owner=risk', '--set', 'latency_budget=80ms', '--save-answers', 'answers.yaml'], { cwd, env: ENV });
    expect(first.code, first.stderr).toBe(0);
    const saved = readFileSync(join(cwd, 'answers.yaml'), 'utf8');
    expect(saved).not.toContain('latency_breakdown');
    expect(saved).toContain('latency_budget: 80 ms');
    writeFileSync(join(cwd, 'answers.yaml'), saved.replace('latency_budget: 80 ms', 'latency_budget: 200 ms'));
    const again = runCli(['new', 'scorer', '--type', 'fraud-detection', '--answers', 'answers.yaml', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('| **Total** | **200 ms** |');
    expect(stageRows(again.stdout).reduce((sum, [, ms]) => sum + ms, 0)).toBe(200);
    // A table the user wrote is an answer, and is saved as written.
    const own = runCli(['new', 'own', '--type', 'fraud-detection', '--yes', '--set', 'owner=risk', '--set', 'latency_breakdown=model 50 ms, rules 30 ms', '--save-answers', 'own.yaml'], { cwd, env: ENV });
    expect(own.code, own.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'own.yaml'), 'utf8')).toContain('latency_breakdown: model 50 ms, rules 30 ms');
  });

  it('a key with no value in an answers file leaves its question for later, with or without --yes', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.yaml'), 'owner: risk\nbusiness_goal:\n');
    const yes = runCli(['new', 'scorer', '--type', 'fraud-detection', '--answers', 'a.yaml', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toMatch(/\*\*Business goal:\*\* TODO\(mlsd\)/);
    expect(yes.stderr).toContain('placeholders: business_goal');
    // Given, as an answer is: not among the questions a run without a terminal says it cannot ask.
    const no = runCli(['new', 'scorer', '--type', 'fraud-detection', '--answers', 'a.yaml', '--dry-run'], { cwd, env: ENV });
    expect(no.code).toBe(2);
    expect(no.stderr).toMatch(/^mlsd: no terminal to ask \d+ question\(s\): title, proxy_metric,/);
    // An empty text is no way to say so, and the refusal says which is.
    writeFileSync(join(cwd, 'b.yaml'), 'owner: risk\nbusiness_goal: ""\n');
    const empty = runCli(['new', 'scorer', '--type', 'fraud-detection', '--answers', 'b.yaml', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('mlsd: answers file: "business_goal" is empty: to leave it for later, give it no value at all (business_goal:), not ""\n');
  });

  it('--save-answers naming the doc itself is refused before anything is asked or written', () => {
    const cwd = tempDir();
    const run = runCli(['new', 'fraud-c', '--yes', '--set', 'owner=x', '-o', 'same.md', '--save-answers', './same.md'], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: --save-answers and the doc are both same.md; save the answers to another file\n');
    expect(readdirSync(cwd)).toEqual([]);
    // The default file too, named another way.
    const drafted = runCli(['new', 'fraud-c', '--yes', '--set', 'owner=x', '--save-answers', 'docs/../docs/design/fraud-c.md'], { cwd, env: ENV });
    expect(drafted.code).toBe(2);
    expect(drafted.stderr).toContain('are both docs/design/fraud-c.md;');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('--save-answers where it cannot be written is refused before anything is asked or written', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'notes.txt'), 'a file, not a folder\n');
    const run = runCli(['new', 'scorer', '--type', 'fraud-detection', '--yes', '--set', 'owner=risk', '--save-answers', 'notes.txt/answers.yaml'], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: cannot write notes.txt/answers.yaml: a parent of the path is a file, not a directory; nothing was changed\n');
    expect(readdirSync(cwd)).toEqual(['notes.txt']); // no doc: a re-run needs no --force
    // A folder this process may not write in (root may write anywhere, so only for another user).
    if (process.getuid?.() !== 0) {
      mkdirSync(join(cwd, 'locked'), { mode: 0o555 });
      const locked = runCli(['new', 'scorer', '--type', 'fraud-detection', '--yes', '--set', 'owner=risk', '--save-answers', 'locked/answers.yaml'], { cwd, env: ENV });
      expect(locked.stderr).toBe('mlsd: cannot write locked/answers.yaml: permission denied; nothing was changed\n');
      expect(existsSync(join(cwd, 'docs'))).toBe(false);
    }
    // The doc's own path is checked the same way.
    const doc = runCli(['new', 'scorer', '--type', 'fraud-detection', '--yes', '--set', 'owner=risk', '-o', 'notes.txt/scorer.md', '--save-answers', 'answers.yaml'], { cwd, env: ENV });
    expect(doc.code).toBe(2);
    expect(doc.stderr).toBe('mlsd: cannot write notes.txt/scorer.md: a parent of the path is a file, not a directory; nothing was changed\n');
    expect(existsSync(join(cwd, 'answers.yaml'))).toBe(false);
  });

  it('--dry-run with --save-answers writes nothing, and says so', () => {
    const cwd = tempDir();
    const run = runCli(['new', 'scorer', '--type', 'fraud-detection', '--yes', '--set', 'owner=risk', '--dry-run', '--save-answers', 'answers.yaml'], { cwd, env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('problem_type: fraud-detection');
    expect(run.stderr).toContain('mlsd: --save-answers answers.yaml was not written: --dry-run writes nothing\n');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('reports a bad answers entry of the team config at its file and line, as any config error, each one', () => {
    const cwd = tempTree({
      '.mlsdrc.yaml': 'extends: ./team.yaml\nanswers:\n  owner: risk-ml\n  serving_mode: quantum\n  latency_budget: fast\n',
      // engagement_weights is a feed-ranking question: a default for that type, not a typo in a generic draft.
      'team.yaml': 'answers:\n  ownr: ml-team\n  engagement_weights: likes 1, shares 3\n',
    });
    const run = runCli(['new', 'churn', '--type', 'generic', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'mlsd: team.yaml:2: answers.ownr names no question of any template (did you mean "owner"?)',
      'mlsd: .mlsdrc.yaml:4: answers.serving_mode "quantum" is not one of: batch, online, near-real-time, streaming, edge, hybrid',
      'mlsd: .mlsdrc.yaml:5: answers.latency_budget "fast" is not a latency: give a number with a unit, e.g. "150 ms" (units: µs, ms, s, min, h)',
    ]);
    // Fixed, the draft is written with the team's answers.
    writeFileSync(join(cwd, 'team.yaml'), 'answers:\n  owner: ml-team\n  engagement_weights: likes 1, shares 3\n');
    writeFileSync(join(cwd, '.mlsdrc.yaml'), 'extends: ./team.yaml\nanswers:\n  serving_mode: batch\n');
    const fixed = runCli(['new', 'churn', '--type', 'generic', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).not.toContain('question asks');
    expect(fixed.stdout).toContain('owner: ml-team');
    expect(fixed.stdout).toContain('serving_mode: batch');
  });

  it('a team default of the wrong shape is refused at its file and line; a list is a Markdown list where an answer may be one', () => {
    const cwd = tempTree({ '.mlsdrc.yaml': 'answers:\n  owner:\n    - alice\n    - bob\n  title: "Churn\\nrisk"\n  business_goal: [Fewer cancellations, Fewer refunds]\n' });
    const run = runCli(['new', 'churn', '--type', 'generic', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // The front matter records the owner and the title, each on one line: no Markdown list in a YAML string.
    expect(run.stderr.trim().split('\n')).toEqual([
      'mlsd: .mlsdrc.yaml:2: answers.owner ["alice","bob"] is a list, but the owner is one line of the front matter: give one text, e.g. "alice, bob"',
      'mlsd: .mlsdrc.yaml:5: answers.title "Churn\\nrisk" is several lines, but the title is one line of the front matter: give one text, e.g. "Churn risk"',
    ]);
    // A value no answer is, in the words of the config's other errors rather than ajv's.
    writeFileSync(join(cwd, '.mlsdrc.yaml'), 'answers:\n  owner: risk-ml\n  proxy_metric:\n    share: 0.3\n');
    const mapping = runCli(['new', 'churn', '--type', 'generic', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(mapping.code).toBe(2);
    expect(mapping.stderr).toBe('mlsd: .mlsdrc.yaml:3: answers.proxy_metric must be a text, a number, true or false, or a list of them\n');
    writeFileSync(join(cwd, '.mlsdrc.yaml'), 'answers:\n  owner: risk-ml\n  business_goal: [Fewer cancellations, Fewer refunds]\n');
    const list = runCli(['new', 'churn', '--type', 'generic', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('owner: risk-ml\n');
    expect(list.stdout).toContain('- **Business goal:**\n\n  - Fewer cancellations\n  - Fewer refunds\n');
    // An answers file's list for the owner is refused too, in the answers file's words.
    writeFileSync(join(cwd, 'a.yaml'), 'owner: [alice, bob]\n');
    const file = runCli(['new', 'churn', '--type', 'generic', '--yes', '--dry-run', '--answers', 'a.yaml'], { cwd, env: ENV });
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('mlsd: answers file: "owner" ["alice","bob"] is a list, but the owner is one line of the front matter: give one text, e.g. "alice, bob"\n');
  });

  it('names the config when its answers or sections look wrong', () => {
    const cwd = tempTree({ '.mlsdrc.yaml': 'answers:\n  serving_mode: quantum\n' });
    const bad = runCli(['new', 'churn', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('mlsd: .mlsdrc.yaml:2: answers.serving_mode "quantum" is not one of: batch, online');
    const typo = tempTree({ '.mlsdrc.yaml': 'sections: [non-goal, risks, security-review]\n' });
    const run = runCli(['new', 'churn', '--yes', '--dry-run', '--set', 'owner=me'], { cwd: typo, env: ENV });
    expect(run.code, run.stderr).toBe(0);
    // A section of the team's own (security-review) is drawn without a word; one a letter from a built-in one is named.
    expect(run.stderr).toContain('mlsd: .mlsdrc.yaml, sections: "non-goal" is drawn by no template (did you mean "non-goals"?); it gets a heading and a placeholder\n');
    expect(run.stderr).not.toContain('security-review');
  });

  it('--resume continues from kept answers (without a terminal, with --yes for the rest), then forgets them', async () => {
    const cwd = tempDir();
    const state = tempDir();
    const target = join(cwd, 'docs/design/resumed.md');
    const kept = resumePath(target, { XDG_STATE_HOME: state });
    await saveResumable(kept, { name: 'resumed', type: 'rag-llm', state: { answers: { owner: 'kept-owner', business_goal: 'A goal kept from before.' }, skipped: [], asked: ['owner', 'business_goal'] } });
    const env = { ...ENV, XDG_STATE_HOME: state };
    const nothing = runCli(['new', 'other', '--resume', '--yes'], { cwd, env });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to resume for docs/design/other.md');
    const switched = runCli(['new', 'resumed', '--resume', '--type', 'generic', '--yes'], { cwd, env });
    expect([switched.code, switched.stderr]).toEqual([2, 'mlsd: the answers kept for docs/design/resumed.md are for the rag-llm template, not generic: resume without --type, or start afresh without --resume\n']);
    expect(runCli(['new', 'resumed', '--resume', '--type', 'rag-llm', '--yes', '--dry-run'], { cwd, env }).code).toBe(0);
    const run = runCli(['new', 'resumed', '--resume', '--yes'], { cwd, env });
    expect(run.code, run.stderr).toBe(0);
    const doc = readFileSync(target, 'utf8');
    expect(doc).toContain('owner: kept-owner');
    expect(doc).toContain('problem_type: rag-llm');
    expect(doc).toContain('A goal kept from before.');
    expect(existsSync(kept)).toBe(false);
  });

  it('a dry run, with or without --resume, keeps the answers for --resume', async () => {
    const cwd = tempDir();
    const env = { ...ENV, XDG_STATE_HOME: tempDir() };
    const kept = resumePath(join(cwd, 'docs/design/home-feed-v4.md'), env);
    await saveResumable(kept, { name: 'home-feed-v4', type: 'feed-ranking', state: { answers: { title: 'Home feed v4', owner: 'feed-ml' }, skipped: [], asked: ['title', 'owner'] } });
    const preview = runCli(['new', 'home-feed-v4', '--resume', '--yes', '--dry-run'], { cwd, env });
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('owner: feed-ml');
    expect(runCli(['new', 'home-feed-v4', '--yes', '--dry-run'], { cwd, env }).code).toBe(0);
    const run = runCli(['new', 'home-feed-v4', '--resume', '--yes'], { cwd, env });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'docs/design/home-feed-v4.md'), 'utf8')).toContain('owner: feed-ml');
    expect(existsSync(kept)).toBe(false); // forgotten once the doc is written
  });
});

describe('mlsd templates <type>', () => {
  it('lists the questions with keys, choices, conditions and suggestions', () => {
    const run = runCli(['templates', 'fraud-detection']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^fraud-detection: Fraud detection \(v3, built-in\)/);
    expect(run.stdout).toMatch(/\nServing and latency\n {2}serving_mode {2}\(choice\)\n {6}Serving mode\n {6}choices: batch, online, near-real-time, streaming, edge, hybrid\n {6}suggested: online\n/);
    expect(run.stdout).toMatch(/batch_schedule {2}\(asked when serving_mode is batch or hybrid\)/);
    expect(run.stdout).toContain('suggested: a table of feature lookup, model inference, rules and decision, network and headroom that adds up to latency_budget');
    expect(run.stdout).toContain('when serving_mode is batch: 90 min');
    expect(run.stdout).toMatch(/owner {2}\(required\)/);
    expect(runCli(['templates', 'nope']).code).toBe(2);
  });

  it('lists the questions mlsd new asks with the config: none of the reviewer sections its "sections" leaves out', () => {
    const cwd = tempTree({ '.mlsdrc.yaml': 'sections: [risks, sign-off]\n' });
    const keys = (stdout: string, kind = /.*/) => [...stdout.matchAll(/^ {2}([a-z_]+)(?: {2}\((.*)\))?$/gm)].filter((m) => kind.test(m[2] ?? '')).map((m) => m[1]!);
    const listing = runCli(['templates', 'generic'], { cwd }).stdout;
    const listed = keys(listing);
    expect(listed).toEqual(expect.arrayContaining(['risks', 'reviewers', 'owner']));
    for (const dropped of ['milestones', 'alternatives', 'open_questions', 'cost_capacity']) expect(listed).not.toContain(dropped);
    expect(keys(runCli(['templates', 'generic'], { cwd: tempDir() }).stdout)).toEqual(expect.arrayContaining(['milestones', 'alternatives']));
    // Every text question listed is one --set answers, with no "no generic question asks" warning.
    const sets = keys(listing, /^(?!.*(?:choice|latency|number))/).flatMap((key) => ['--set', `${key}=x`]);
    expect(sets).toContain('risks=x');
    const run = runCli(['new', 'd', '--type', 'generic', '--yes', '--dry-run', ...sets], { cwd, env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('question asks');
    // A question of a section left out is said to be that, not a typo.
    const dropped = runCli(['new', 'd', '--type', 'generic', '--yes', '--dry-run', '--set', 'milestones=M1', '--set', 'milestons=x'], { cwd, env: ENV });
    expect(dropped.stderr).toContain('mlsd: "milestones" is asked only in sections that "sections" in .mlsdrc.yaml leaves out; kept for the template\n');
    expect(dropped.stderr).toContain('mlsd: no generic question asks "milestons"');
  });
});
