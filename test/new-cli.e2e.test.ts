import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir, tempRepo } from './helpers.js';

const TEAM = join(ROOT, 'test/fixtures/team-templates');
const ENV = { MLSD_NOW: '2025-01-15' };

describe('mlsd new (end to end)', () => {
  it('writes docs/design/<name>.md with --yes, and the doc lints clean', () => {
    const cwd = tempDir();
    const run = runCli(['new', 'home-feed-ranking-v2', '--yes', '--set', 'owner=feed-ml'], { cwd, env: ENV });
    expect(run.code).toBe(0);
    const file = join(cwd, 'docs/design/home-feed-ranking-v2.md');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^---\ntitle: Home feed ranking v2\nowner: feed-ml\nstatus: draft\ncreated: 2025-01-15\nproblem_type: feed-ranking\n/);
    expect(run.stderr).toContain('inferred from the name');
    expect(readdirSync(dirname(file))).toEqual(['home-feed-ranking-v2.md']); // no temporary file left behind
    const lint = runCli(['lint', file], { cwd });
    expect(lint.code, lint.stdout).toBe(0);
  });

  it('says so when the doc it writes is outside the config\'s "paths", where lint, CI and the hook never look', () => {
    const cwd = tempDir();
    // A monorepo whose config was pointed at the teams' folders, drafts left where `mlsd init` put them.
    writeFileSync(join(cwd, '.mlsdrc.yaml'), 'paths: ["teams/*/docs/design"]\nignores: ["**/archive/**"]\n');
    const run = runCli(['new', 'feed-ranking', '--yes'], { cwd, env: ENV });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('mlsd: docs/design/feed-ranking.md is outside the config\'s "paths" (teams/*/docs/design): mlsd lint, the pull request check and the pre-commit hook will skip it; write it there (--output) or set "drafts" in .mlsdrc.yaml\n');
    expect(runCli(['lint', 'docs/design/feed-ranking.md'], { cwd }).stderr).toContain('skipped: outside the config\'s "paths"'); // the note tells the truth
    const inside = runCli(['new', 'ads-ctr', '--yes', '--output', 'teams/ads/docs/design/ads-ctr.md'], { cwd, env: ENV });
    expect(inside.stderr).not.toContain('paths');
    const ignored = runCli(['new', 'old-ctr', '--yes', '--output', 'teams/ads/docs/design/archive/old-ctr.md'], { cwd, env: ENV });
    expect(ignored.stderr).toContain('mlsd: teams/ads/docs/design/archive/old-ctr.md is in the config\'s "ignores": mlsd lint, the pull request check and the pre-commit hook will skip it');
  });

  it('without a terminal, never prompts: exits 2 listing the missing answers', () => {
    const cwd = tempDir();
    const run = runCli(['new', 'fraud-scoring', '--set', 'owner=risk'], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no terminal to ask \d+ question\(s\): title, business_goal, /);
    expect(run.stderr).toContain('latency_budget');
    expect(run.stderr).not.toMatch(/\bowner\b.*business_goal/);
    expect(existsSync(join(cwd, 'docs'))).toBe(false);
  });

  it('takes every answer from an answers file without prompting', () => {
    const cwd = tempDir();
    const dry = runCli(['new', 'x', '--type', 'generic', '--yes', '--dry-run'], { cwd, env: ENV });
    // Every key a --yes run answered, given explicitly instead (as JSON).
    const answers: Record<string, string> = {};
    const keys = ['title', 'owner', 'business_goal', 'proxy_metric', 'ml_objective', 'data_sources', 'label_source', 'label_delay', 'leakage_risks', 'leakage_checks', 'features', 'baseline', 'model', 'offline_metrics', 'online_metrics', 'online_experiment', 'serving_mode', 'serving_details', 'latency_percentile', 'latency_budget', 'latency_breakdown', 'drift_signals', 'drift_method', 'drift_threshold', 'drift_action', 'retraining', 'responsible_ai', 'non_goals', 'constraints', 'rollout', 'rollback', 'cost_capacity', 'alternatives', 'risks', 'open_questions', 'milestones', 'reviewers'];
    for (const k of keys) answers[k] = `answer to ${k}`;
    Object.assign(answers, { serving_mode: 'streaming', latency_percentile: 'p95', latency_budget: '80ms' });
    writeFileSync(join(cwd, 'answers.json'), JSON.stringify(answers));
    expect(dry.code).toBe(0);
    const run = runCli(['new', 'stream-scorer', '--type', 'generic', '--answers', 'answers.json', '--dry-run'], { cwd, env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('latency_budget: 80 ms');
    expect(run.stdout).toContain('**Target:** p95 end-to-end latency ≤ 80 ms.');
    expect(run.stdout).toContain('streaming inference');
    expect(run.stdout).not.toContain('TODO(mlsd)');
  });

  it('--set wins over the answers file, and invalid answers are refused with exit 2', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.yaml'), 'owner: from-file\nlatency_budget: 300 ms\n');
    const run = runCli(['new', 'x', '--yes', '--answers', 'a.yaml', '--set', 'owner=from-flag', '--dry-run'], { cwd, env: ENV });
    expect(run.stdout).toContain('owner: from-flag');
    expect(run.stdout).toContain('latency_budget: 300 ms');
    const typo = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'ownr=me', '--dry-run'], { cwd });
    expect(typo.code).toBe(0);
    expect(typo.stderr).toContain('no generic question asks "ownr" (did you mean "owner"?); kept for the template');
    // A misspelt key in a team's answers file names the key it most likely meant, as a misspelt config key does.
    writeFileSync(join(cwd, 'ru.yaml'), 'label_sorce: расторжение договора\nвладелец: команда\n');
    const fileTypo = runCli(['new', 'x', '--type', 'generic', '--yes', '--answers', 'ru.yaml', '--dry-run'], { cwd });
    expect(fileTypo.code).toBe(0);
    expect(fileTypo.stderr).toContain('no generic question asks "label_sorce" (did you mean "label_source"?), "владелец"; kept for the template');
    // An answers file saved as Windows-1251 is refused, not drawn into the doc as question marks.
    writeFileSync(join(cwd, 'cp1251.yaml'), Buffer.from([...Buffer.from('owner: '), 0xc8, 0xe2, 0xe0, 0xed, 0x0a]));
    const encoded = runCli(['new', 'x', '--type', 'generic', '--yes', '--answers', 'cp1251.yaml', '--dry-run'], { cwd });
    expect(encoded.code).toBe(2);
    expect(encoded.stdout).toBe('');
    expect(encoded.stderr).toMatch(/^mlsd: cannot read cp1251\.yaml: it is not UTF-8 text \(saved as Windows-1251, say\?\): save it as UTF-8\n$/m);
    writeFileSync(join(cwd, 'bom.yaml'), `\uFEFFowner: Иван\n`);
    expect(runCli(['new', 'x', '--type', 'generic', '--yes', '--answers', 'bom.yaml', '--dry-run'], { cwd }).stdout).toContain('owner: Иван\n');
    const bad = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'latency_budget=fast', '--dry-run'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^mlsd: --set: "latency_budget" "fast" is not a latency/);
    const mode = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'serving_mode=sometimes', '--dry-run'], { cwd });
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain('is not one of: batch, online, near-real-time, streaming, edge, hybrid');
    const type = runCli(['new', 'x', '--type', 'nope', '--yes'], { cwd });
    expect(type.code).toBe(2);
    expect(type.stderr).toContain('unknown problem type "nope"');
  });

  it('a mistyped --type names the types it most likely meant, and every type', () => {
    const cwd = tempDir();
    const all = 'choose from: ads-click-prediction, content-moderation, feed-ranking, fraud-detection, generic, marketplace-search, rag-llm, search-ranking, video-recommendation, visual-search (mlsd templates describes them)';
    const typo = runCli(['new', 'x', '--type', 'rankng', '--yes'], { cwd, env: ENV });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(`mlsd: unknown problem type "rankng" (did you mean "feed-ranking" or "search-ranking"?); ${all}\n`);
    expect(runCli(['new', 'x', '--type', 'fraud-detecton', '--yes'], { cwd, env: ENV }).stderr).toContain('unknown problem type "fraud-detecton" (did you mean "fraud-detection"?); choose from:');
    // A word a doc name would infer the type from.
    expect(runCli(['new', 'x', '--type', 'feed', '--yes'], { cwd, env: ENV }).stderr).toContain('unknown problem type "feed" (did you mean "feed-ranking"?); choose from:');
    // `mlsd templates <type>` says the same.
    expect(runCli(['templates', 'rankng'], { cwd }).stderr).toBe(typo.stderr);
    expect(existsSync(join(cwd, 'docs'))).toBe(false);
  });

  it('warns, in one line, about a given answer that an earlier answer leaves unused', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.yaml'), 'owner: me\nbatch_schedule: hourly\n');
    const online = runCli(['new', 'x', '--type', 'generic', '--yes', '--dry-run', '--answers', 'a.yaml', '--set', 'serving_mode=online'], { cwd, env: ENV });
    expect(online.code).toBe(0);
    expect(online.stderr).toBe('mlsd: "batch_schedule" is not used: it is asked only when serving_mode is batch or hybrid (serving_mode is online)\n');
    expect(online.stdout).not.toContain('hourly');
    const batch = runCli(['new', 'x', '--type', 'generic', '--yes', '--dry-run', '--answers', 'a.yaml', '--set', 'serving_mode=batch'], { cwd, env: ENV });
    expect(batch.stderr).toBe('');
    expect(batch.stdout).toContain('hourly');
  });

  it('--dry-run prints the doc and writes nothing', () => {
    const cwd = tempDir();
    const run = runCli(['new', 'ads-ctr', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^---\n/);
    expect(run.stdout).toContain('problem_type: ads-click-prediction');
    expect(existsSync(join(cwd, 'docs'))).toBe(false);
  });

  it('never overwrites without --force; --force does, and --out chooses the file', () => {
    const cwd = tempDir();
    const file = join(cwd, 'design.md');
    writeFileSync(file, 'my precious notes\n');
    const refused = runCli(['new', 'search', '--yes', '--out', 'design.md'], { cwd, env: ENV });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('mlsd: design.md already exists; use --force to overwrite it\n');
    expect(readFileSync(file, 'utf8')).toBe('my precious notes\n');
    const forced = runCli(['new', 'search', '--yes', '--out', 'design.md', '--force'], { cwd, env: ENV });
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('problem_type: search-ranking');
    expect(readdirSync(cwd)).toEqual(['design.md']);
  });

  it.each([['../x'], ['/abs'], ['CON'], ['con'], [''], ['a/b'], ['Feed Ranking'], ['x-']])('refuses the name %j with exit 2 and writes nothing', (name) => {
    const cwd = tempDir();
    const run = runCli(['new', name, '--yes'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: the doc name/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('suggests a slug for a name that is not one', () => {
    for (const [name, slug] of [['Feed Ranking', 'feed-ranking'], ['feed-ranking.md', 'feed-ranking'], ['Übersetzung Qualität', 'ubersetzung-qualitat']] as const) {
      const run = runCli(['new', name, '--yes'], { cwd: tempDir() });
      expect(run.stderr, name).toContain(`(try "${slug}")`);
    }
  });

  it('names the problem type it falls back to as such, and a folder given as --output as a folder', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'docs'));
    const generic = runCli(['new', 'q1-plan', '--yes', '--set', 'owner=me'], { cwd, env: ENV });
    expect(generic.stderr).toContain('mlsd: problem type generic (the name points to no other; --type chooses another)\n');
    const folder = runCli(['new', 'q1-plan', '--yes', '-o', 'docs'], { cwd, env: ENV });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe('mlsd: cannot write docs: it is a directory; nothing was changed\n');
  });

  it('says to choose the file with --output, the option --help documents', () => {
    const run = runCli(['new', 'docs/feed', '--yes'], { cwd: tempDir() });
    expect(run.stderr).toBe('mlsd: the doc name "docs/feed" is a path; give a plain slug (try "docs-feed") and use --output to choose the file\n');
    expect(runCli(['new', '--help']).stdout).toContain('-o, --output <file>');
  });

  it('rejects an invalid MLSD_NOW and a missing answers file with exit 2', () => {
    const cwd = tempDir();
    expect(runCli(['new', 'x', '--yes', '--dry-run'], { cwd, env: { MLSD_NOW: 'yesterday' } }).code).toBe(2);
    const missing = runCli(['new', 'x', '--yes', '--answers', 'nope.yaml'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });
});

describe('error messages', () => {
  /** A run's stderr, which must be exactly one line (and exit 2). */
  const oneLine = (args: string[], cwd: string) => {
    const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--dry-run', ...args], { cwd, env: ENV });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.split('\n')).toHaveLength(2);
    return run.stderr;
  };

  it('are one line each, naming files as the user named them', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad.yaml'), 'owner: a: b\nmore: text\n');
    expect(oneLine(['--answers', 'bad.yaml'], cwd)).toBe('mlsd: answers file bad.yaml is not valid YAML or JSON: Nested mappings are not allowed in compact mappings at line 1, column 8\n');
    writeFileSync(join(cwd, 'list.yaml'), 'serving_mode: [a, b]\n');
    expect(oneLine(['--answers', 'list.yaml'], cwd)).toBe('mlsd: answers file: "serving_mode" ["a","b"] is not one of: batch, online, near-real-time, streaming, edge, hybrid\n');
    expect(oneLine(['--answers', 'nope.yaml'], cwd)).toBe('mlsd: cannot read nope.yaml: no such file\n');
  });

  it('a team template that does not parse is named, with the line and what handlebars expected', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'team/churn'), { recursive: true });
    writeFileSync(join(cwd, 'team/churn/questions.yaml'), 'id: churn\ntitle: Churn\n');
    writeFileSync(join(cwd, 'team/churn/template.md.hbs'), '{{> layout}}\n');
    mkdirSync(join(cwd, 'team/_partials'));
    writeFileSync(join(cwd, 'team/_partials/specifics.hbs'), '## Churn\n\n{{answer "retention"\n');
    const message = oneLine(['--type', 'churn', '--templates', 'team'], cwd);
    expect(message).toMatch(/^mlsd: template "churn" failed to render: team\/_partials\/specifics\.hbs: Parse error on line 3: Expecting .*, got 'EOF'\n$/);
  });

  it('a team helpers.mjs that does not load is named, with why, from the config\'s folder too', () => {
    const cwd = tempRepo({ '.mlsdrc.yaml': 'templates: tt\n', 'tt/helpers.mjs': 'export function shout( {\n', 'sub/.keep': '' });
    expect(oneLine([], cwd)).toBe('mlsd: cannot load the team helpers tt/helpers.mjs (Unexpected end of input)\n');
    expect(oneLine([], join(cwd, 'sub'))).toBe('mlsd: cannot load the team helpers ../tt/helpers.mjs (Unexpected end of input)\n');
    writeFileSync(join(cwd, 'tt/helpers.mjs'), 'throw new Error("helper boom");\n');
    expect(oneLine([], cwd)).toBe('mlsd: cannot load the team helpers tt/helpers.mjs (helper boom)\n');
  });

  it('a team type folder missing either file is named as the user sees it; a folder named "_…" is no type', () => {
    const cwd = tempRepo({ '.mlsdrc.yaml': 'templates: tt\n', 'tt/_drafts/notes.md': 'not a type\n', 'tt/fraud-detection/.keep': '', 'sub/.keep': '' });
    const missing = 'no questions.yaml (each folder of a templates folder is a problem type, unless its name starts with "_")';
    expect(oneLine([], cwd)).toBe(`mlsd: tt/fraud-detection: ${missing}\n`);
    expect(oneLine([], join(cwd, 'sub'))).toBe(`mlsd: ../tt/fraud-detection: ${missing}\n`);
    const listed = runCli(['templates'], { cwd });
    expect([listed.code, listed.stderr]).toEqual([2, `mlsd: tt/fraud-detection: ${missing}\n`]);
    writeFileSync(join(cwd, 'tt/fraud-detection/questions.yaml'), 'id: fraud-detection\ntitle: Fraud\n');
    expect(oneLine([], join(cwd, 'sub'))).toBe('mlsd: ../tt/fraud-detection: no template.md.hbs\n');
    writeFileSync(join(cwd, 'tt/fraud-detection/template.md.hbs'), '{{> layout}}\n');
    expect(runCli(['templates'], { cwd }).stdout).toMatch(/^fraud-detection +Fraud \(v1, team: tt, overrides built-in\)$/m);
  });
});

describe('team templates', () => {
  it('mlsd templates lists every template with its description and where it comes from', () => {
    const run = runCli(['templates', '--templates', TEAM]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/churn-prediction\s+Churn prediction \(v3, team: .*team-templates\)\n\s+Predict which subscribers/);
    expect(run.stdout).toMatch(/feed-ranking\s+Feed ranking \(team edition\) \(v7, team: .*, overrides built-in\)/);
    expect(run.stdout).toMatch(/rag-llm\s+RAG \/ LLM system \(v3, built-in\)/);
    expect(runCli(['templates']).stdout.trim().split('\n')).toHaveLength(20);
  });

  it('adds a problem type with its own partials and helpers', () => {
    const run = runCli(['new', 'churn-model', '--templates', TEAM, '--yes', '--dry-run'], { env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('problem_type: churn-prediction');
    expect(run.stdout).toContain('template_version: 3');
    expect(run.stdout).toContain('## Retention offer\n\nA one-month discount');
    expect(run.stdout).toContain('Reviewed in the ML PLATFORM design review');
    // The team's type serves in batch: the shared batch suggestions follow, not the online ones.
    expect(run.stdout).toContain('**Batch schedule.** Nightly from 02:00 UTC');
    expect(run.stdout).toContain('latency_budget: 90 min');
    expect(run.stdout).toContain('**Target:** each batch run finishes end-to-end within 90 min');
    expect(run.stderr).not.toContain('batch_schedule');
  });

  it('overrides a built-in type by id', () => {
    const run = runCli(['new', 'feed', '--templates', TEAM, '--yes', '--dry-run'], { env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('template_version: 7');
    expect(run.stdout).toContain('latency_budget: 90 ms');
  });

  it('reports a missing templates folder with exit 2', () => {
    const run = runCli(['templates', '--templates', 'no/such/dir']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('templates folder not found');
  });
});

describe('start-up cost', () => {
  /** The packages a run of the built CLI loaded from node_modules, as Node's own module debug log tells. */
  function packagesLoaded(args: string[]): Set<string> {
    const run = runCli(args, { cwd: tempDir(), env: { ...ENV, NODE_DEBUG: 'module,esm' } });
    return new Set([...run.stderr.matchAll(/node_modules\/((?:@[^/]+\/)?[^/"]+)\//g)].map((m) => m[1]!));
  }

  it('mlsd lint never loads handlebars, the prompts or the LSP library; the commands that need them do', () => {
    const lint = packagesLoaded(['lint', join(ROOT, 'examples')]);
    expect([...lint].filter((p) => /handlebars|inquirer|vscode-/.test(p))).toEqual([]);
    // The same log does show them when a command needs them, so the check above can fail.
    expect(packagesLoaded(['new', 'feed-ranking', '--yes', '--dry-run'])).toContain('handlebars');
    // The server loads its library, then ends when its standard input does (here, at once).
    expect(packagesLoaded(['lsp', '--stdio'])).toContain('vscode-languageserver');
  });
});

describe('answers as the front matter and lint read them', () => {
  it('quotes an answer YAML would read as a date, a boolean or a number in the front matter', () => {
    const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'title=2025-01-15', '--set', 'owner=yes', '--dry-run'], { cwd: tempDir(), env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('title: "2025-01-15"\nowner: "yes"\n');
    for (const plain of ['off', 'on', 'no', '1e3', 'null']) {
      expect(runCli(['new', 'x', '--type', 'generic', '--yes', '--set', `owner=${plain}`, '--dry-run'], { cwd: tempDir(), env: ENV }).stdout).toContain(`owner: "${plain}"\n`);
    }
    expect(runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'owner=risk-ml', '--dry-run'], { cwd: tempDir(), env: ENV }).stdout).toContain('owner: risk-ml\n');
  });

  it('refuses a latency budget of zero, and takes the units lint reads in prose (мс, сек, мин)', () => {
    const zero = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'owner=me', '--set', 'latency_budget=0 ms', '--dry-run'], { cwd: tempDir(), env: ENV });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('mlsd: --set: "latency_budget" "0 ms" is no latency budget: give a time above zero, e.g. "150 ms"\n');
    for (const [given, written] of [['120 мс', '120 ms'], ['p95 2 сек', '2 s'], ['90 мин', '90 min']]) {
      const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'owner=me', '--set', `latency_budget=${given}`, '--dry-run'], { cwd: tempDir(), env: ENV });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`latency_budget: ${written}\n`);
    }
  });

  it('says so when batch serving leaves a percentile stated with the budget unused, and saves only what is used', () => {
    const cwd = tempDir();
    const run = runCli(['new', 'x', '--type', 'generic', '--yes', '--set', 'owner=me', '--set', 'serving_mode=batch', '--set', 'latency_budget=p95 150ms', '--save-answers', 'a.yaml'], { cwd, env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('mlsd: the percentile p95 stated with "latency_budget" is not used: latency_percentile is asked only when serving_mode is not batch (serving_mode is batch)\n');
    const saved = readFileSync(join(cwd, 'a.yaml'), 'utf8');
    expect(saved).not.toContain('latency_percentile');
    const again = runCli(['new', 'x', '--type', 'generic', '--answers', 'a.yaml', '--yes', '--dry-run'], { cwd, env: ENV });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(readFileSync(join(cwd, 'docs/design/x.md'), 'utf8'));
  });
});
