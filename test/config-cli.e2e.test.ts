import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir, tempRepo, tempTree } from './helpers.js';

/** Write files under a fresh temp dir; returns the dir. */
const tree = (files: Record<string, string>) => tempTree(files, 'mlsd-config-');

/** A complete design doc: every checklist item present (test/fixtures). */
const DOC = fixture('complete-search-ranking.md');
const WITH_ROLLBACK = `${DOC}\n## Rollback\nA feature flag sends traffic back to the previous model within five minutes.\n`;
const ROLLBACK_YAML = `checklist:
  rollback-plan:
    title: Rollback plan
    aliases: [Rollback, Rollback strategy]
    hint: How a bad model leaves production, and how fast.
`;
const json = (stdout: string) =>
  (JSON.parse(stdout) as { files: { file: string; diagnostics: { ruleId: string; itemId: string | null; severity: string }[] }[] }).files;

describe('config discovery', () => {
  it.each(['.mlsdrc.yaml', '.mlsdrc.yml', 'mlsd.config.yaml'])('finds %s from a nested working directory', (name) => {
    const root = tree({ [name]: ROLLBACK_YAML, 'a/b/doc.md': DOC });
    const run = runCli(['lint', 'doc.md', '--format', 'json'], { cwd: join(root, 'a', 'b') });
    expect(run.code).toBe(1);
    expect(json(run.stdout)[0]!.diagnostics).toMatchObject([{ ruleId: 'required-section', itemId: 'rollback-plan' }]);
  });

  it('reads .mlsdrc.json and the mlsd key of package.json', () => {
    const config = { checklist: { 'rollback-plan': { title: 'Rollback plan' } } };
    for (const [name, text] of [['.mlsdrc.json', JSON.stringify(config)], ['package.json', JSON.stringify({ name: 'x', mlsd: config })]] as const) {
      const root = tree({ [name]: text, 'doc.md': DOC });
      expect(runCli(['lint', 'doc.md'], { cwd: root }).code).toBe(1);
    }
  });

  it('passes over a package.json without an mlsd key to a config further up', () => {
    const root = tree({ '.mlsdrc.yaml': ROLLBACK_YAML, 'pkg/package.json': '{"name":"pkg"}', 'pkg/doc.md': DOC });
    expect(runCli(['lint', 'doc.md'], { cwd: join(root, 'pkg') }).code).toBe(1);
  });

  it('lets --config override discovery and --no-config skip it', () => {
    const root = tree({ '.mlsdrc.yaml': ROLLBACK_YAML, 'ci/lenient.yaml': 'rules:\n  required-section: warning\n', 'doc.md': DOC });
    expect(runCli(['lint', 'doc.md'], { cwd: root }).code).toBe(1);
    expect(runCli(['lint', '--config', 'ci/lenient.yaml', 'doc.md'], { cwd: root }).code).toBe(0);
    expect(runCli(['lint', '--no-config', 'doc.md'], { cwd: root }).code).toBe(0);
  });

  it('refuses --config with --no-config, in either order and in every command: exit 2, one line', () => {
    const root = tree({ '.mlsdrc.yaml': ROLLBACK_YAML, 'doc.md': DOC });
    for (const args of [['lint', '-c', '.mlsdrc.yaml', '--no-config', 'doc.md'], ['lint', '--no-config', '--config=.mlsdrc.yaml', 'doc.md'], ['config', '--no-config', '-c', '.mlsdrc.yaml'], ['explain', '-c', '.mlsdrc.yaml', '--no-config']]) {
      const run = runCli(args, { cwd: root });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toBe('mlsd: --config and --no-config contradict each other: give one of them\n');
      expect(run.stdout, args.join(' ')).toBe('');
    }
  });

  it('fails with exit 2 when --config names no file', () => {
    const root = tree({ 'doc.md': DOC });
    const run = runCli(['lint', '--config', 'missing.yaml', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing.yaml: no such config file');
  });

  it('says plainly when --config names a directory: exit 2, one line, no errno', () => {
    const root = tree({ 'doc.md': DOC, 'ci/keep': '' });
    const run = runCli(['lint', '--config', 'ci', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['mlsd: ci: is a directory, not a config file']);
  });

  // Root reads any file whatever its mode, and these tests may run as root (containers).
  it.skipIf(process.getuid?.() === 0)('says plainly when --config names an unreadable file', () => {
    const root = tree({ 'doc.md': DOC, 'secret.yaml': 'rules: {}\n' });
    chmodSync(join(root, 'secret.yaml'), 0o000);
    const run = runCli(['lint', '--config', 'secret.yaml', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['mlsd: secret.yaml: permission denied']);
  });
});

describe('config validation', () => {
  it('checks a language\'s hedges and deferred-section headings, and a fact\'s exceptions, as it checks an item\'s terms: when the config is read', () => {
    const root = tree({
      '.mlsdrc.yaml': [
        'languages:',
        '  ru:',
        '    notSubstance:',
        '      hedge: ["(неточно"]',
        '    deferredSections: ["(\\\\w+\\\\s?)*!"]',
        'checklist:',
        '  labels:',
        '    facts:',
        '      sources:',
        '        unless: ["(a+)+b"]',
        '',
      ].join('\n'),
      // An English doc: the Russian lists are checked all the same, not first when a Russian doc is linted.
      'doc.md': DOC,
    });
    for (const args of [['lint', 'doc.md'], ['config']]) {
      const run = runCli(args, { cwd: root });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toEqual([
        'mlsd: .mlsdrc.yaml:10: checklist.labels.facts.sources.unless[0] "(a+)+b" can backtrack catastrophically (nested quantifiers such as (a+)+ or (\\w+\\s?)*); rewrite it without a quantifier inside a repeated group',
        'mlsd: .mlsdrc.yaml:4: languages.ru.notSubstance.hedge has an invalid pattern (Invalid regular expression: /(неточно/: Unterminated group)',
        'mlsd: .mlsdrc.yaml:5: languages.ru.deferredSections[0] "(\\w+\\s?)*!" can backtrack catastrophically (nested quantifiers such as (a+)+ or (\\w+\\s?)*); rewrite it without a quantifier inside a repeated group',
      ]);
    }
  });

  it('names the file, line and key of every problem, exit 2', () => {
    const root = tree({
      '.mlsdrc.yaml': `checklist:
  rollback-plan:
    title: Rollback plan
    required: yes please
    titel: typo
rules:
  weak-section: loud
  no-such-rule: error
`,
      'doc.md': DOC,
    });
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toContain('mlsd: .mlsdrc.yaml:4: checklist.rollback-plan.required must be boolean or {when}, e.g. { when: { status: [review, approved] } }');
    expect(lines).toContain('mlsd: .mlsdrc.yaml:5: checklist.rollback-plan.titel is not a known key');
    expect(lines).toContain('mlsd: .mlsdrc.yaml:7: rules.weak-section must be error, warning or off');
  });

  it('rejects a rule id lint does not define', () => {
    const root = tree({ '.mlsdrc.yaml': 'rules:\n  latency-stage-summ: error\n', 'doc.md': DOC });
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: \.mlsdrc\.yaml:2: rules\.latency-stage-summ is not a rule mlsd knows/);
  });

  it('reports YAML syntax errors with their line', () => {
    const root = tree({ '.mlsdrc.yaml': 'checklist:\n  a: [\n', 'doc.md': DOC });
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: \.mlsdrc\.yaml:\d+: cannot parse/);
  });

  it('says each problem once, on one line: the first YAML error, the one message a key gets', () => {
    const cases: [string, string, RegExp][] = [
      ['.mlsdrc.json', '{"rules": {', /^mlsd: \.mlsdrc\.json:1: cannot parse: [^\n]+$/],
      ['.mlsdrc.yaml', 'extends: 5\n', /^mlsd: \.mlsdrc\.yaml:1: extends must be a preset, a file or a package name, or a list of them$/],
      ['.mlsdrc.yaml', 'checklist:\n  metrics:\n    mentions: [5]\n', /^mlsd: \.mlsdrc\.yaml:3: checklist\.metrics\.mentions must be a list of terms, or lists keyed by language code$/],
    ];
    for (const [name, text, line] of cases) {
      const run = runCli(['lint', 'doc.md'], { cwd: tree({ [name]: text, 'doc.md': DOC }) });
      expect(run.code).toBe(2);
      expect(run.stderr.trimEnd().split('\n'), text).toEqual([expect.stringMatching(line)]);
    }
  });

  it('refuses a templates folder that is not there, in lint as in every command (exit 2, one line)', () => {
    const root = tree({ '.mlsdrc.yaml': 'paths: [docs]\ntemplates: team-templats\n', 'team-templates/.keep': '', 'notes.txt': '', 'docs/doc.md': DOC });
    for (const args of [['lint', 'docs/doc.md'], ['lint'], ['templates'], ['config', '--print']]) {
      const run = runCli(args, { cwd: root });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toBe('mlsd: .mlsdrc.yaml:2: templates: cannot find the folder "team-templats"\n');
    }
    writeFileSync(join(root, '.mlsdrc.yaml'), 'templates: notes.txt\n');
    expect(runCli(['lint', 'docs/doc.md'], { cwd: root }).stderr).toBe('mlsd: .mlsdrc.yaml:1: templates: "notes.txt" is not a folder\n');
    writeFileSync(join(root, '.mlsdrc.yaml'), 'templates: team-templates\n');
    expect(runCli(['lint', 'docs/doc.md'], { cwd: root }).code).toBe(0);
  });

  it('finds the templates folder an extended config names beside that config, as a package ships its own', () => {
    const root = tree({
      '.mlsdrc.yaml': 'extends: ./org/base.yaml\n',
      'org/base.yaml': 'templates: team\n',
      'org/team/churn/questions.yaml': 'id: churn\ntitle: Churn\n',
      'org/team/churn/template.md.hbs': '{{> layout}}\n',
    });
    const run = runCli(['templates'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^churn +Churn \(v1, team: org\/team\)$/m);
    // A path it does not find is named as that file wrote it, at its line.
    writeFileSync(join(root, 'org/base.yaml'), 'templates: teams\n');
    expect(runCli(['templates'], { cwd: root }).stderr).toBe('mlsd: org/base.yaml:1: templates: cannot find the folder "teams"\n');
  });

  it('names a bad pattern or item schema at its line', () => {
    const root = tree({
      '.mlsdrc.yaml': 'checklist:\n  rollback-plan:\n    facts:\n      speed:\n        terms: ["(unclosed"]\n    schema: { properties: { words: { minimum: "five" } } }\n',
      'doc.md': DOC,
    });
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mlsd: .mlsdrc.yaml:5: checklist.rollback-plan.facts.speed.terms has an invalid pattern');
    expect(run.stderr).toContain('mlsd: .mlsdrc.yaml:6: checklist.rollback-plan.schema is not a valid JSON Schema');
  });

  it('refuses an item named as a rule, and a team rule named as an item: explain and mlsd-disable could not tell them apart', () => {
    const root = tree({
      '.mlsdrc.yaml': `checklist:
  placeholder:
    title: Placeholder policy
  rollback-plan:
    title: Rollback plan
    schema:
      allOf:
        - mlsd: { rule: labels }
          properties: { words: { minimum: 3 } }
`,
      'doc.md': DOC,
    });
    for (const args of [['lint', 'doc.md'], ['explain', 'placeholder']]) {
      const run = runCli(args, { cwd: root });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.split('\n'), args.join(' ')).toEqual([
        'mlsd: .mlsdrc.yaml:2: checklist.placeholder is the id of a rule; an item needs an id of its own, since mlsd explain and mlsd-disable take either',
        'mlsd: .mlsdrc.yaml:8: checklist.rollback-plan.schema.allOf[0].mlsd.rule "labels" is the id of a checklist item; a team rule needs an id of its own, since mlsd explain and mlsd-disable take either',
        '',
      ]);
    }
  });

  it('rejects a bad item id', () => {
    const root = tree({ '.mlsdrc.yaml': 'checklist:\n  Rollback_Plan:\n    title: x\n', 'doc.md': DOC });
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.stderr).toContain('mlsd: .mlsdrc.yaml:2: checklist.Rollback_Plan is not a valid id');
  });
});

describe('extends', () => {
  it('chains a preset, a relative file and an npm package', () => {
    const root = tree({
      '.mlsdrc.yaml': 'extends: [mlsd:recommended, ./shared/org.yaml]\nchecklist:\n  drift-monitoring:\n    severity: warning\n',
      'shared/org.yaml': 'extends: "@acme/mlsd-config"\nchecklist:\n  rollback-plan:\n    title: Rollback plan\n    aliases: [Rollback]\n',
      'node_modules/@acme/mlsd-config/package.json': JSON.stringify({ name: '@acme/mlsd-config', main: 'mlsd.yaml' }),
      'node_modules/@acme/mlsd-config/mlsd.yaml': 'checklist:\n  model-card:\n    title: Model card\n    required: { when: { status: approved } }\n',
      'doc.md': WITH_ROLLBACK.replace('status: draft', 'status: approved').replace(/## Drift monitoring\n.*\n/, '## Drift monitoring\nTBD\n'),
    });
    const run = runCli(['lint', 'doc.md', '--format', 'json'], { cwd: root });
    expect(run.stderr).toBe('');
    const diagnostics = json(run.stdout)[0]!.diagnostics;
    expect(diagnostics).toContainEqual(expect.objectContaining({ itemId: 'model-card', ruleId: 'required-section', severity: 'error' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ itemId: 'drift-monitoring', severity: 'warning' }));
    expect(diagnostics.some((d) => d.itemId === 'rollback-plan')).toBe(false);

    const print = runCli(['config', '--print', '--format', 'json'], { cwd: root });
    const out = JSON.parse(print.stdout) as { layers: string[]; sources: Record<string, string> };
    expect(out.layers).toEqual(['mlsd:recommended', '@acme/mlsd-config (node_modules/@acme/mlsd-config/mlsd.yaml)', 'shared/org.yaml', '.mlsdrc.yaml']);
    expect(out.sources['checklist.model-card.title']).toContain('@acme/mlsd-config');
    expect(out.sources['checklist.drift-monitoring.severity']).toBe('.mlsdrc.yaml');
  });

  it('takes a package whose main is a JavaScript module exporting the config', () => {
    const root = tree({
      '.mlsdrc.yaml': 'extends: acme-mlsd\n',
      'node_modules/acme-mlsd/package.json': JSON.stringify({ name: 'acme-mlsd', main: 'index.mjs' }),
      'node_modules/acme-mlsd/index.mjs': "export default { checklist: { 'rollback-plan': { title: 'Rollback plan' } } };\n",
      'doc.md': DOC,
    });
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Missing required section "Rollback plan"');
  });

  it('takes a relative JavaScript file as a module exporting the config, as a package\'s', () => {
    const rollback = "{ checklist: { 'rollback-plan': { title: 'Rollback plan' } } }";
    const modules: [string, string][] = [
      ['org.js', `module.exports = ${rollback};\n`],
      ['org.cjs', `module.exports = ${rollback};\n`],
      ['org.mjs', `export default ${rollback};\n`],
    ];
    for (const [name, text] of modules) {
      const root = tree({ '.mlsdrc.yaml': `extends: ./shared/${name}\n`, [`shared/${name}`]: text, 'doc.md': DOC });
      const run = runCli(['lint', 'doc.md'], { cwd: root });
      expect(run.stderr, name).toBe('');
      expect(run.code, name).toBe(1);
      expect(run.stdout, name).toContain('Missing required section "Rollback plan"');
      const print = JSON.parse(runCli(['config', '--print', '--format', 'json'], { cwd: root }).stdout) as { layers: string[] };
      expect(print.layers).toEqual(['mlsd:recommended', `shared/${name}`, '.mlsdrc.yaml']);
    }
    // A module that fails, or is not there, is a config error on one line, naming the entry.
    const failing: [Record<string, string>, string][] = [
      [{ 'org.mjs': "throw new Error('no network here');\n" }, 'mlsd: .mlsdrc.yaml:1: extends: cannot load "./org.mjs" (no network here)'],
      [{}, 'mlsd: .mlsdrc.yaml:1: extends: cannot find "./org.mjs"'],
      [{ 'org.mjs': 'export const config = {};\n' }, 'mlsd: org.mjs: has no default export (it exports config): write `export default { … }`'],
    ];
    for (const [files, message] of failing) {
      const run = runCli(['lint', 'doc.md'], { cwd: tree({ '.mlsdrc.yaml': 'extends: ./org.mjs\n', ...files, 'doc.md': DOC }) });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`${message}\n`);
    }
  });

  it('mlsd:strict makes a mention in passing weak and every rule an error', () => {
    const text = DOC.replace(/## Latency budget\n.*\n/, '').replace('per request.', 'per request; p99 latency is 120 ms.');
    const root = tree({ '.mlsdrc.yaml': 'extends: mlsd:strict\n', 'doc.md': text });
    expect(runCli(['lint', '--no-config', 'doc.md'], { cwd: root }).code).toBe(0);
    const run = runCli(['lint', 'doc.md', '--format', 'json'], { cwd: root });
    expect(run.code).toBe(1);
    expect(json(run.stdout)[0]!.diagnostics).toMatchObject([{ itemId: 'latency-budget', ruleId: 'weak-section' }]);
  });

  it('detects a cycle and names the chain', () => {
    const root = tree({ '.mlsdrc.yaml': 'extends: ./a.yaml\n', 'a.yaml': 'extends: ./b.yaml\n', 'b.yaml': 'extends: ./a.yaml\n', 'doc.md': DOC });
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mlsd: b.yaml:1: extends: extends cycle: a.yaml → b.yaml → a.yaml');
  });

  it('names a missing file, package or preset', () => {
    for (const [entry, message] of [
      ['./nope.yaml', 'cannot find "./nope.yaml"'],
      ['@acme/absent', 'cannot load package "@acme/absent"'],
      ['mlsd:lenient', 'unknown preset "mlsd:lenient"'],
    ]) {
      const root = tree({ '.mlsdrc.yaml': `checklist: {}\nextends: ["${entry}"]\n`, 'doc.md': DOC });
      const run = runCli(['lint', 'doc.md'], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`mlsd: .mlsdrc.yaml:2: extends[0]: ${message}`);
    }
  });
});

describe('team checklist in a run', () => {
  it('finds a team item by alias, and reports it absent otherwise', () => {
    const root = tree({ '.mlsdrc.yaml': ROLLBACK_YAML, 'good.md': WITH_ROLLBACK, 'bad.md': DOC });
    const run = runCli(['lint', '.', '--format', 'json'], { cwd: root });
    expect(run.code).toBe(1);
    const results = json(run.stdout);
    expect(results.find((r) => r.file === 'good.md')!.diagnostics).toEqual([]);
    expect(results.find((r) => r.file === 'bad.md')!.diagnostics).toMatchObject([{ itemId: 'rollback-plan', ruleId: 'required-section' }]);
  });

  it('requires an item only when front matter matches', () => {
    const root = tree({
      '.mlsdrc.yaml': `${ROLLBACK_YAML}    required: { when: { status: [review, approved] } }\n`,
      'draft.md': DOC,
      'approved.md': DOC.replace('status: draft', 'status: approved'),
    });
    expect(runCli(['lint', 'draft.md'], { cwd: root }).code).toBe(0);
    const run = runCli(['lint', 'approved.md'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Missing required section "Rollback plan"');
    expect(runCli(['explain', 'rollback-plan'], { cwd: root }).stdout).toMatch(/^rollback-plan: Rollback plan \(required when front matter has status: \["review","approved"\]\)$/m);
  });

  it('changes exit codes through item and rule severities', () => {
    const root = tree({ 'doc.md': DOC.replace(/## Drift monitoring\n.*\n/, '## Drift monitoring\nTBD\n') });
    expect(runCli(['lint', 'doc.md'], { cwd: root }).code).toBe(1);
    writeFileSync(join(root, '.mlsdrc.yaml'), 'checklist:\n  drift-monitoring:\n    severity: warning\n');
    const warned = runCli(['lint', 'doc.md'], { cwd: root });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('warning');
    writeFileSync(join(root, '.mlsdrc.yaml'), 'rules:\n  weak-section: off\n  placeholder: off\n');
    expect(runCli(['lint', 'doc.md'], { cwd: root }).stdout).toContain('no problems');
  });

  it("says an item's own message, instead of the generated reasons, wherever a weak item's reason shows", () => {
    const root = tree({
      '.mlsdrc.yaml': `checklist:
  labels:
    message: Labels need a source.
  cost:
    title: Cost
    minWords: 50
    message: Say what serving costs per month
  rollback-plan:
    title: Rollback plan
    mentions: [rollback]
    heading: true
    message: The rollback plan needs a section of its own.
`,
      'doc.md': `${DOC.replace(/## Labels\n.*\n/, '## Labels\nWe will have labels.\n').replace('and retrain.', 'and retrain, or rollback.')}\n## Cost\nAbout a thousand dollars.\n`,
    });
    const run = runCli(['lint', 'doc.md', '--format', 'json'], { cwd: root });
    const report = (JSON.parse(run.stdout) as { files: { items: Record<string, { lacks?: string[] }>; diagnostics: { itemId: string; message: string }[] }[] }).files[0]!;
    const said = { labels: 'Labels need a source.', cost: 'Say what serving costs per month', 'rollback-plan': 'The rollback plan needs a section of its own.' };
    for (const [id, message] of Object.entries(said)) {
      expect(report.items[id]!.lacks, id).toEqual([message]);
      const diagnostic = report.diagnostics.find((d) => d.itemId === id)!;
      expect(diagnostic.message, id).toMatch(/^(?:Section "[^"]+" \([a-z-]+\) lacks substance|Rollback plan only mentioned in passing \(in "Drift monitoring"\), not addressed): /);
      expect(diagnostic.message.endsWith(`: ${message.replace(/\.$/, '')}.`), diagnostic.message).toBe(true);
    }
    const verbose = runCli(['lint', 'doc.md', '--verbose'], { cwd: root }).stdout;
    expect(verbose).toMatch(/^ {2}labels +weak +\d+ +"Labels": Labels need a source\.$/m);
    expect(verbose).not.toContain('does not say where ground truth comes from');
    expect(runCli(['explain', 'labels'], { cwd: root }).stdout).toContain('Reported as weak-section, saying: Labels need a source.');
  });

  it("judges a team item's minWords by its own section, not by a paragraph elsewhere that mentions it", () => {
    const root = tree({
      '.mlsdrc.yaml': 'checklist:\n  rollback-plan:\n    title: Rollback plan\n    minWords: 8\n    mentions: [roll ?back]\n',
      'doc.md': `${DOC}\n## Notes\n\nThe on-call engineer can roll back the model from the admin page when it misbehaves.\n\n## Rollback plan\n\nFlip the flag.\n`,
    });
    const run = runCli(['lint', 'doc.md', '--format', 'json'], { cwd: root });
    const report = (JSON.parse(run.stdout) as { files: { items: Record<string, { state: string; lacks?: string[] }>; diagnostics: { itemId: string; ruleId: string }[] }[] }).files[0]!;
    expect(report.items['rollback-plan']).toMatchObject({ state: 'weak', lacks: ['has too little prose (fewer than 8 words that are not placeholders)'] });
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ itemId: 'rollback-plan', ruleId: 'weak-section' }));
    expect(run.code).toBe(1);
    // Said in the section itself, it is enough.
    writeFileSync(join(root, 'doc.md'), `${DOC}\n## Rollback plan\n\nThe on-call engineer flips the flag back to the previous model within five minutes.\n`);
    expect(runCli(['lint', 'doc.md'], { cwd: root }).code).toBe(0);
  });

  it('quotes the prose that makes a team item with no facts present, in its section or where it is mentioned', () => {
    const root = tree({
      '.mlsdrc.yaml': 'checklist:\n  rollback-plan:\n    title: Rollback plan\n    mentions: [roll ?back]\n',
      'doc.md': `${DOC}\n## Notes\n\nIf the model misbehaves,\nthe on-call engineer can roll back from the admin page.\n`,
    });
    type Report = { files: { items: Record<string, { state: string; evidence?: { line: number; column: number; quote: string }[] }> }[] };
    const item = () => (JSON.parse(runCli(['lint', 'doc.md', '--format', 'json'], { cwd: root }).stdout) as Report).files[0]!.items['rollback-plan']!;
    const lines = `${DOC}\n## Notes\n\n`.split('\n').length;
    expect(item()).toMatchObject({ state: 'present', evidence: [{ line: lines + 1, column: 26, quote: 'the on-call engineer can roll back from the admin page.' }] });
    writeFileSync(join(root, 'doc.md'), `${DOC}\n## Rollback plan\n\nThe on-call engineer flips the flag back to the previous model.\n`);
    expect(item()).toMatchObject({ state: 'present', evidence: [{ column: 1, quote: 'The on-call engineer flips the flag back to the previous model.' }] });
    expect(runCli(['lint', 'doc.md', '--verbose'], { cwd: root }).stdout).toMatch(/^ {2}rollback-plan +present +\d+ +"The on-call engineer flips the flag back to the previous model\."$/m);
  });

  it('explains a team item without a hint with no empty lines in its place', () => {
    const root = tree({ '.mlsdrc.yaml': 'checklist:\n  cost-estimate:\n    title: Cost estimate\n' });
    const run = runCli(['explain', 'cost-estimate'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual(['cost-estimate: Cost estimate (required)', '', expect.stringMatching(/^present {2}addressed with substance, under a heading such as "Cost estimate"$/)]);
  });

  it('explains an item at the level the config sets it, as lint reports it', () => {
    const root = tree({ '.mlsdrc.yaml': 'checklist:\n  labels:\n    severity: "off"\n  metrics:\n    severity: warning\n' });
    expect(runCli(['explain', 'labels'], { cwd: root }).stdout).toMatch(/^labels: Labels \(required; the config turns it off: nothing is reported for it\)$/m);
    expect(runCli(['explain', 'metrics'], { cwd: root }).stdout).toMatch(/^metrics: Metrics \(required; the config reports its findings as warnings\)$/m);
    expect(runCli(['explain'], { cwd: root }).stdout).toMatch(/^ {2}labels +off +Labels$/m);
    expect(runCli(['explain', 'labels', '--no-config']).stdout).toMatch(/^labels: Labels \(required\)$/m);
  });

  it('explains an item whose aliases are keyed by language, each language\'s on a line of its own', () => {
    const root = tree({
      '.mlsdrc.yaml': 'checklist:\n  metrics:\n    aliases: { ru: [Показатели успеха] }\n  rollback-plan:\n    title: Rollback plan\n    aliases: { en: [Rollback], ru: [Откат, План отката] }\n',
    });
    const metrics = runCli(['explain', 'metrics'], { cwd: root });
    expect(metrics.stderr).toBe('');
    expect(metrics.code).toBe(0);
    expect(metrics.stdout).toMatch(/^present +addressed with substance, under a heading such as "Metrics", "Success metrics", .* \(17 in all\)\n +in a document in ru, also "Показатели успеха"\n/m);
    const rollback = runCli(['explain', 'rollback-plan'], { cwd: root });
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toMatch(/^present +addressed with substance, under a heading such as "Rollback plan", "Rollback"\n +in a document in ru, also "Откат", "План отката"\n/m);
  });

  it('explains the head words that name an item, the built-in Russian ones and a team\'s, each language\'s on a line of its own', () => {
    const builtIn = runCli(['explain', 'leakage-checks', '--no-config']);
    expect(builtIn.code).toBe(0);
    // "2.3. Утечки данных" is found by its head word: explain says so, not only the English aliases.
    expect(builtIn.stdout).toMatch(/\n +or a heading with a word that starts with "leak", .*\n +in a document in ru, also a heading with a word that starts with "утеч"\n/);
    const root = tree({ '.mlsdrc.yaml': 'checklist:\n  leakage-checks:\n    heads: { ru: [заглядыв] }\n' });
    const team = runCli(['explain', 'leakage-checks'], { cwd: root });
    expect(team.code).toBe(0);
    expect(team.stdout).toMatch(/^ +in a document in ru, also a heading with a word that starts with "утеч", "заглядыв"$/m);
  });

  it('explains a Russian title once, though the Russian aliases repeat it', () => {
    const root = tree({ '.mlsdrc.yaml': 'checklist:\n  rollback-plan:\n    title: План отката\n    aliases: { ru: [Откат модели, План отката] }\n' });
    const run = runCli(['explain', 'rollback-plan'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^present +addressed with substance, under a heading such as "План отката"\n +in a document in ru, also "Откат модели"\n/m);
  });

  it('refuses a config that is not UTF-8, whose Russian aliases would match no heading', () => {
    const root = tree({ 'doc.md': DOC });
    const alias = Buffer.from([0xd0, 0xe0, 0xe7, 0xec, 0xe5, 0xf2, 0xea, 0xe0]); // "Разметка" in Windows-1251
    writeFileSync(join(root, '.mlsdrc.yaml'), Buffer.concat([Buffer.from('checklist:\n  labels:\n    aliases: { ru: ['), alias, Buffer.from('] }\n')]));
    const run = runCli(['lint', 'doc.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: .mlsdrc.yaml: cannot read config: it is not UTF-8 text (saved as Windows-1251, say?): save it as UTF-8\n');
  });

  it('finds a team\'s Russian heading whether it is written with ё or е', () => {
    const config = 'checklist:\n  quality-report:\n    title: Quality report\n    heads: { ru: [отчет] }\n  rollout-plan:\n    title: Rollout plan\n    aliases: { ru: [Развёртывание] }\n';
    const doc = '# Отток\n\n## Отчёт о качестве\n\nКаждую неделю отчёт о качестве модели уходит владельцу продукта и команде.\n\n## Развертывание\n\nСначала модель работает в теневом режиме, потом на десяти процентах трафика.\n';
    const root = tree({ '.mlsdrc.yaml': config, 'doc.md': doc });
    const run = runCli(['lint', 'doc.md', '--format', 'json'], { cwd: root });
    const items = (JSON.parse(run.stdout) as { files: { items: Record<string, { state: string; via?: string }> }[] }).files[0]!.items;
    expect(items['quality-report']).toMatchObject({ state: 'present', via: 'heading' });
    expect(items['rollout-plan']).toMatchObject({ state: 'present', via: 'heading' });
  });

  it('applies overrides by glob relative to the config file', () => {
    const noLabels = DOC.replace(/## Labels\n.*\n/, '');
    const root = tree({
      '.mlsdrc.yaml': 'overrides:\n  - files: ["docs/rfc/**"]\n    checklist: { labels: { required: false } }\n',
      'docs/rfc/a.md': noLabels,
      'docs/design/b.md': noLabels,
    });
    const run = runCli(['lint', 'docs', '--format', 'json'], { cwd: join(root) });
    const results = json(run.stdout);
    expect(results.find((r) => r.file === 'docs/rfc/a.md')!.diagnostics).toEqual([]);
    expect(results.find((r) => r.file === 'docs/design/b.md')!.diagnostics).toMatchObject([{ itemId: 'labels' }]);
    // From a sub-folder the globs still mean the same files.
    expect(runCli(['lint', 'a.md'], { cwd: join(root, 'docs', 'rfc') }).code).toBe(0);
  });
});

describe("a team's fact with a built-in fact's name extends it", () => {
  const GERMAN = 'languages:\n  de:\n    name: Deutsch\n    stopwords: [der, die, das, und, ist, nicht, mit, für, auf, wir, ein, eine]\n';
  const METRICS = '# Fraud\n\n## Metrics\n\nOffline we measure PR-AUC on a held-out month; online we measure the chargeback rate in an A/B test.\n';
  const states = (root: string, doc: string) =>
    (JSON.parse(runCli(['lint', doc, '--format', 'json'], { cwd: root }).stdout) as { files: { checklist: Record<string, string> }[] }).files[0]!.checklist;

  it('adds a language\'s terms to the built-in ones, which still read the English doc, and adds no requirement', () => {
    const config = `${GERMAN}checklist:\n  metrics:\n    facts:\n      offline:\n        terms: { de: [Trefferquote] }\n`;
    const root = tree({ '.mlsdrc.yaml': config, 'en.md': METRICS, 'de.md': '# Betrug\n\n## Metrics\n\nWir messen die Trefferquote auf den letzten zwei Wochen, und das ist nicht alles.\n' });
    expect(states(root, 'en.md').metrics).toBe('present');
    expect(states(root, 'de.md').metrics).toBe('present');
  });

  it('adds a unit to latency-budget\'s latencies, keeping its near words and units', () => {
    const config = 'checklist:\n  latency-budget:\n    facts:\n      latencies:\n        quantity:\n          units: { Sekunden: 1000 }\n';
    const doc = (latency: string) => `# Fraud\n\n## Latency budget\n\n${latency}\n`;
    const root = tree({ '.mlsdrc.yaml': config, 'de-unit.md': doc('The p99 latency stays under 2 Sekunden.'), 'ms.md': doc('The p99 latency stays under 80 ms.') });
    expect(states(root, 'de-unit.md')['latency-budget']).toBe('present');
    expect(states(root, 'ms.md')['latency-budget']).toBe('present');
  });

  it('sets whether an evidence fact counts beside a section of the item\'s own, as it sets evidence', () => {
    const doc = '# Churn\n\n## Training data\n\nWe keep a year of account history for every customer.\n\n## Outcomes\n\nA customer counts as churned if they cancel within 30 days of renewal.\n';
    expect(states(tree({ 'doc.md': doc }), 'doc.md').labels).toBe('present');
    const config = 'checklist:\n  labels:\n    facts:\n      definitions:\n        everywhere: false\n';
    expect(states(tree({ '.mlsdrc.yaml': config, 'doc.md': doc }), 'doc.md').labels).toBe('weak');
  });

  it('refuses a fact that does not fit the built-in one, and a new quantity without its near words', () => {
    const config = 'checklist:\n  latency-budget:\n    facts:\n      latencies:\n        terms: [fast]\n      speed:\n        quantity: { units: { ms: 1 } }\n';
    const run = runCli(['lint', 'doc.md'], { cwd: tree({ '.mlsdrc.yaml': config, 'doc.md': DOC }) });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'mlsd: .mlsdrc.yaml:5: checklist.latency-budget.facts.latencies.terms does not apply: the built-in fact "latencies" is a quantity fact, which a config extends with quantity (units, near, unless, percentiles), evidence, everywhere, prose or min',
      'mlsd: .mlsdrc.yaml:7: checklist.latency-budget.facts.speed.quantity needs "near"',
    ]);
  });
});

describe('which files', () => {
  const files = {
    '.mlsdrc.yaml': 'ignores: ["docs/archive/**"]\npaths: [docs]\n',
    '.gitignore': 'build/\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    'docs/a.md': DOC,
    'docs/archive/old.md': '# old\n',
    'docs/build/gen.md': '# generated\n',
    'notes/n.md': '# notes\n',
  };
  const linted = (stdout: string) => json(stdout).map((r) => r.file).sort();

  it('uses configured paths when none are given, skipping ignores and .gitignore', () => {
    const root = tree(files);
    const run = runCli(['lint', '--format', 'json'], { cwd: root });
    expect(linted(run.stdout)).toEqual(['docs/a.md']);
  });

  it('replaces configured paths with those on the command line, never adding to them', () => {
    const root = tree(files);
    expect(linted(runCli(['lint', 'notes', '--format', 'json'], { cwd: root }).stdout)).toEqual(['notes/n.md']);
  });

  it('skips an explicitly named file the config ignores, with a note, but lints one git ignores', () => {
    const root = tree(files);
    const ignored = runCli(['lint', 'docs/archive/old.md'], { cwd: root });
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toContain('docs/archive/old.md skipped');
    const run = runCli(['lint', 'docs/build/gen.md', '--format', 'json'], { cwd: root });
    expect(linted(run.stdout)).toEqual(['docs/build/gen.md']);
  });

  it('lints git-ignored files when gitignore: false', () => {
    const root = tree({ ...files, '.mlsdrc.yaml': 'gitignore: false\nignores: ["docs/archive/**"]\n' });
    expect(linted(runCli(['lint', 'docs', '--format', 'json'], { cwd: root }).stdout)).toEqual(['docs/a.md', 'docs/build/gen.md']);
  });

  describe('.git/info/exclude, as git reads it', () => {
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=mlsd test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });
    /** A repository whose info/exclude leaves out a folder (anchored at the root) and a name anywhere, one of them taken back by .gitignore. */
    function repo() {
      const root = tempRepo({ 'docs/a.md': DOC, 'docs/scratch/mine.md': DOC, 'docs/sub/local.md': DOC, 'docs/local.md': DOC, 'docs/kept/local.md': DOC, 'docs/kept/.gitignore': '!local.md\n' });
      appendFileSync(join(root, '.git', 'info', 'exclude'), '/docs/scratch/\nlocal.md\n');
      return root;
    }

    it('a full lint skips what it excludes, as --changed-since does, its patterns relative to the repository root', () => {
      const root = repo();
      const kept = ['docs/a.md', 'docs/kept/local.md'];
      expect(linted(runCli(['lint', 'docs', '--format', 'json'], { cwd: root }).stdout)).toEqual(kept);
      expect(linted(runCli(['lint', '.', '--format', 'json'], { cwd: join(root, 'docs') }).stdout)).toEqual(['a.md', 'kept/local.md']);
      // What git itself leaves out of the untracked files, which --changed-since lints.
      const untracked = git(root, 'ls-files', '--others', '--exclude-standard', 'docs').toString().trim().split('\n');
      expect(untracked.filter((f) => f.endsWith('.md')).sort()).toEqual(kept);
    });

    it('in a linked worktree, the one of the repository it shares', () => {
      const root = repo();
      git(root, 'add', 'docs/a.md');
      git(root, 'commit', '-q', '-m', 'base');
      const worktree = join(root, '..', `${root.split(/[\\/]/).at(-1)}-wt`);
      git(root, 'worktree', 'add', '-q', worktree);
      writeFileSync(join(worktree, 'docs', 'local.md'), DOC);
      expect(linted(runCli(['lint', 'docs', '--format', 'json'], { cwd: worktree }).stdout)).toEqual(['docs/a.md']);
    });

    it('but not with gitignore: false', () => {
      const root = repo();
      writeFileSync(join(root, '.mlsdrc.yaml'), 'gitignore: false\n');
      expect(linted(runCli(['lint', 'docs', '--format', 'json'], { cwd: root }).stdout)).toHaveLength(5);
    });
  });

  describe("git's global excludes file, as git reads it", () => {
    /** Git's config and this file come from a home of the test's own: HOME set, XDG_CONFIG_HOME and GIT_CONFIG_GLOBAL unset unless given. */
    const asUser = (home: string, env: NodeJS.ProcessEnv = {}) => ({ HOME: home, XDG_CONFIG_HOME: undefined, GIT_CONFIG_GLOBAL: undefined, GIT_CONFIG_NOSYSTEM: '1', ...env });
    const lintedAs = (root: string, env: NodeJS.ProcessEnv) => linted(runCli(['lint', 'docs', '--format', 'json'], { cwd: root, env }).stdout);
    /** What git leaves out of the untracked files (what --changed-since lints), run as the same user. */
    const untrackedAs = (root: string, env: NodeJS.ProcessEnv) =>
      execFileSync('git', ['ls-files', '--others', '--exclude-standard', 'docs'], { cwd: root, env: { ...process.env, ...env } })
        .toString()
        .trim()
        .split('\n')
        .filter((f) => f.endsWith('.md'))
        .sort();
    const docs = { 'docs/a.md': DOC, 'docs/a.wip.md': DOC, 'docs/b.wip.md': DOC, 'docs/keep/c.wip.md': DOC, 'docs/private.md': DOC };

    it('a full lint skips what it excludes, as --changed-since does: ~/.config/git/ignore, $XDG_CONFIG_HOME/git/ignore, core.excludesFile with ~', () => {
      const home = tempTree({ '.config/git/ignore': '*.wip.md\n', 'xdg/git/ignore': 'a.md\n', 'mine': 'private.md\n' });
      const root = tempRepo(docs);
      const byDefault = asUser(home);
      expect(lintedAs(root, byDefault)).toEqual(['docs/a.md', 'docs/private.md']);
      expect(untrackedAs(root, byDefault)).toEqual(['docs/a.md', 'docs/private.md']);
      // Without git on PATH, the default file all the same.
      expect(lintedAs(root, { ...byDefault, PATH: tempDir() })).toEqual(['docs/a.md', 'docs/private.md']);
      const xdg = asUser(home, { XDG_CONFIG_HOME: join(home, 'xdg') });
      expect(lintedAs(root, xdg)).toEqual(['docs/a.wip.md', 'docs/b.wip.md', 'docs/keep/c.wip.md', 'docs/private.md']);
      expect(untrackedAs(root, xdg)).toEqual(lintedAs(root, xdg));
      // Set in ~/.gitconfig, the setting replaces the default file; "~" is the home folder.
      writeFileSync(join(home, '.gitconfig'), '[core]\n\texcludesFile = ~/mine\n');
      expect(lintedAs(root, byDefault)).toEqual(['docs/a.md', 'docs/a.wip.md', 'docs/b.wip.md', 'docs/keep/c.wip.md']);
      expect(untrackedAs(root, byDefault)).toEqual(lintedAs(root, byDefault));
    });

    it('is the weakest: info/exclude and .gitignore files take back what it excludes, and it takes back nothing of theirs', () => {
      const home = tempTree({ '.config/git/ignore': '*.wip.md\n!private.md\n' });
      const root = tempRepo({ ...docs, 'docs/keep/.gitignore': '!c.wip.md\n' });
      appendFileSync(join(root, '.git', 'info', 'exclude'), '!/docs/b.wip.md\nprivate.md\n');
      const env = asUser(home);
      expect(lintedAs(root, env)).toEqual(['docs/a.md', 'docs/b.wip.md', 'docs/keep/c.wip.md']);
      expect(untrackedAs(root, env)).toEqual(lintedAs(root, env));
    });

    it('a named file is linted all the same, and gitignore: false lints every file', () => {
      const home = tempTree({ '.config/git/ignore': '*.wip.md\n' });
      const root = tempRepo(docs);
      expect(linted(runCli(['lint', 'docs/a.wip.md', '--format', 'json'], { cwd: root, env: asUser(home) }).stdout)).toEqual(['docs/a.wip.md']);
      writeFileSync(join(root, '.mlsdrc.yaml'), 'gitignore: false\n');
      expect(lintedAs(root, asUser(home))).toHaveLength(5);
    });
  });
});

describe('mlsd config --print', () => {
  it('shows the merged config with the source of each value', () => {
    const root = tree({ '.mlsdrc.yaml': `extends: ./org.yaml\n${ROLLBACK_YAML}rules:\n  weak-section: warning\n`, 'org.yaml': 'checklist:\n  drift-monitoring:\n    severity: warning\n', 'sub/x': '' });
    const run = runCli(['config', '--print'], { cwd: join(root, 'sub') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# mlsd config: ../.mlsdrc.yaml');
    expect(run.stdout).toContain('layers, first to last: mlsd:recommended → ../org.yaml → ../.mlsdrc.yaml');
    expect(run.stdout).toContain('    title: Metrics # mlsd:recommended');
    expect(run.stdout).toContain('    severity: warning # ../org.yaml');
    expect(run.stdout).toContain('    title: Rollback plan # ../.mlsdrc.yaml');
    expect(run.stdout).toContain('  weak-section: warning # ../.mlsdrc.yaml');
  });

  it('shows the config for one file, its overrides applied', () => {
    const root = tree({ '.mlsdrc.yaml': 'overrides:\n  - files: ["rfc/**"]\n    checklist: { labels: { required: false } }\n' });
    const run = runCli(['config', '--print', '--format', 'json', 'rfc/a.md'], { cwd: root });
    const out = JSON.parse(run.stdout) as { config: { checklist: Record<string, { required: boolean }> }; sources: Record<string, string> };
    expect(out.config.checklist.labels!.required).toBe(false);
    expect(out.sources['checklist.labels.required']).toBe('.mlsdrc.yaml overrides[0]');
  });

  it('shows the required: true a new item has without saying so, and what an item that says so has', () => {
    const root = tree({
      '.mlsdrc.yaml': `${ROLLBACK_YAML}  cost:\n    title: Cost\n    required: false\noverrides:\n  - files: ["rfc/**"]\n    checklist: { privacy: { title: Privacy } }\n`,
    });
    const run = runCli(['config'], { cwd: root });
    expect(run.stdout).toMatch(/^ {4}title: Rollback plan # \.mlsdrc\.yaml\n(?: {4}.*\n)* {4}required: true # default for a new item\n {2}cost:/m);
    expect(run.stdout).toContain('    required: false # .mlsdrc.yaml');
    const json = JSON.parse(runCli(['config', '--format', 'json'], { cwd: root }).stdout) as { config: { checklist: Record<string, { required?: boolean }> }; sources: Record<string, string> };
    expect(json.config.checklist['rollback-plan']!.required).toBe(true);
    expect(json.sources['checklist.rollback-plan.required']).toBe('default for a new item');
    const rfc = JSON.parse(runCli(['config', '--format', 'json', 'rfc/a.md'], { cwd: root }).stdout) as typeof json;
    expect(rfc.config.checklist.privacy!.required).toBe(true);
  });

  it('prints a value holding text of several lines (a skeleton) as a block under its source, not folded into one line', () => {
    const skeleton = '## Разметка\n\nTODO(mlsd): откуда берутся метки и через сколько дней\n';
    const root = tree({ '.mlsdrc.yaml': `languages:\n  ru:\n    skeletons:\n      labels: ${JSON.stringify(skeleton)}\n  de:\n    name: Deutsch\n    stopwords: [und, der, die, das, ist]\n` });
    const run = runCli(['config'], { cwd: root });
    expect(run.code).toBe(0);
    // The header says how to read it.
    expect(run.stdout).toContain('# each value is followed by the layer that set it; a value holding text of several lines is preceded by it\n');
    expect(run.stdout).toContain('  ru:\n    # .mlsdrc.yaml\n    skeletons:\n      labels: |\n        ## Разметка\n\n        TODO(mlsd): откуда берутся метки и через сколько дней\n');
    // a value of one-line strings stays on one line, its source beside it
    expect(run.stdout).toContain('  de: { name: Deutsch, stopwords: [ und, der, die, das, ist ] } # .mlsdrc.yaml\n');
  });

  it('takes a team language\'s stop words as words, not patterns ("c++", "z.B.", an unbalanced bracket)', () => {
    const root = tree({
      '.mlsdrc.yaml': 'languages:\n  de:\n    name: Deutsch\n    stopwords: [und, der, "(ist", "c++", "z.B."]\n',
      'a.md': '# Betrug\n\nDas (ist und der Plan, z.B. c++ und der.\n',
    });
    const run = runCli(['lint', 'a.md', '--format', 'json'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { files: { language: string }[] }).files[0]!.language).toBe('de');
  });

  it('a best-practice rule turned off or lowered stays so under mlsd:strict, which sets every item at error', () => {
    const doc = DOC.replace('p99 end-to-end latency ≤ 120 ms.', 'Scoring takes 120 ms.');
    const findings = (config: string) => json(runCli(['lint', 'doc.md', '--format', 'json'], { cwd: tree({ '.mlsdrc.yaml': config, 'doc.md': doc }) }).stdout)[0]!.diagnostics.map((d) => `${d.ruleId} ${d.severity}`);
    expect(findings('extends: mlsd:strict\n')).toEqual(['latency-percentile error']);
    expect(findings('extends: mlsd:strict\nrules:\n  latency-percentile: warning\n')).toEqual(['latency-percentile warning']);
    expect(findings('extends: mlsd:strict\nrules:\n  latency-percentile: "off"\n')).toEqual([]);
    expect(findings('extends: mlsd:strict\nchecklist:\n  latency-budget:\n    severity: "off"\n')).toEqual([]);
  });

  it('refuses two configs in one folder, naming both, wherever it is run from below them', () => {
    const root = tree({ '.mlsdrc.yaml': 'rules:\n  weak-section: warning\n', '.mlsdrc.yml': 'rules:\n  placeholder: off\n', 'docs/a.md': '# A\n' });
    for (const [cwd, shown] of [[root, '.mlsdrc.yml'], [join(root, 'docs'), '../.mlsdrc.yml']]) {
      for (const args of [['config'], ['lint', '.']]) {
        const run = runCli(args, { cwd });
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr, args.join(' ')).toBe(`mlsd: ${shown}: is a second config beside .mlsdrc.yaml: mlsd reads only one; merge .mlsdrc.yml into .mlsdrc.yaml\n`);
      }
    }
    // package.json counts when it holds an mlsd key, and only then.
    const withPackage = tree({ '.mlsdrc.yaml': 'rules:\n  weak-section: warning\n', 'package.json': '{ "name": "x", "mlsd": { "rules": { "placeholder": "off" } } }\n' });
    expect(runCli(['config'], { cwd: withPackage }).stderr).toBe('mlsd: package.json: is a second config beside .mlsdrc.yaml: mlsd reads only one; merge the mlsd key of package.json into .mlsdrc.yaml\n');
    const plainPackage = tree({ '.mlsdrc.yaml': 'rules:\n  weak-section: warning\n', 'package.json': '{ "name": "x" }\n' });
    expect(runCli(['config'], { cwd: plainPackage }).code).toBe(0);
  });

  it('prints the built-in checklist with --no-config', () => {
    const run = runCli(['config', '--print', '--no-config'], { cwd: tree({}) });
    expect(run.stdout).toContain('(none: built-in checklist)');
  });

  it('prints the config without --print: showing it is what the command does', () => {
    const root = tree({ '.mlsdrc.yaml': 'rules:\n  weak-section: warning\n' });
    const plain = runCli(['config'], { cwd: root });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(runCli(['config', '--print'], { cwd: root }).stdout);
    expect(plain.stdout).toContain('weak-section: warning');
  });
});
