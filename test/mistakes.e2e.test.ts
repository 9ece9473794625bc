import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, example, runCli, tempDir, tempTree } from './helpers.js';

const DOC = example('feed-ranking.md');
const DRAFT = example('churn-prediction-draft.md'); // problem_type in its front matter

describe('a suppression naming an unknown rule or item', () => {
  it('is a finding that names it and the closest known one; item ids are valid targets', () => {
    const text = DOC.replace('## Metrics', '<!-- mlsd-disable-next-line weak-sectoin, labels, latency-percentile -- numbers owned by analytics -->\n## Metrics');
    const run = runCli(['lint', '-', '--format', 'compact'], { input: text });
    expect(run.stdout).toMatch(
      /^<stdin>:\d+:1: warning suppression-unknown mlsd-disable-next-line names "weak-sectoin", which is neither a rule nor a checklist item, so it suppresses nothing; did you mean "weak-section"\?$/m,
    );
    expect(run.stdout).not.toMatch(/names "labels"/); // an item id is a valid target
    expect(run.stdout).not.toMatch(/names "latency-percentile"/); // and so is a rule the checklist schema declares
    expect(run.stdout.match(/suppression-unknown/g)).toHaveLength(1);
  });
});

describe('an unknown item in the config', () => {
  it('without a title is a config error: exit 2, file and line, did you mean', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'extends: mlsd:recommended\nchecklist:\n  drift:\n    severity: off\n');
    writeFileSync(join(dir, 'doc.md'), DOC);
    const run = runCli(['lint', 'doc.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: .mlsdrc.yaml:3: checklist.drift is not a checklist item (did you mean "drift-monitoring"?); a new item needs a "title"\n');
  });

  it('with a title is a new item, and later layers and overrides may refer to it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'team.yaml'), 'checklist:\n  privacy-review:\n    title: Privacy review\n    required: false\n');
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'extends: ./team.yaml\nchecklist:\n  privacy-review:\n    severity: warning\noverrides:\n  - files: ["old/**"]\n    checklist:\n      privacy-review:\n        required: false\n');
    writeFileSync(join(dir, 'doc.md'), DOC);
    expect(runCli(['lint', 'doc.md'], { cwd: dir }).code).toBe(0);
  });
});

describe('--fix', () => {
  it('says what it inserted where', () => {
    const dir = tempDir();
    const draft = example('churn-prediction-draft.md');
    writeFileSync(join(dir, 'draft.md'), draft);
    const run = runCli(['lint', 'draft.md', '--fix', '--format', 'compact'], { cwd: dir });
    expect(run.stderr).toMatch(/^mlsd: fixed draft\.md: inserted "Labels" before line \d+(, "[^"]+" (before line \d+|at the end))*\n$/);
    const line = Number(/"Labels" before line (\d+)/.exec(run.stderr)![1]);
    // The line named is where the section went: the original's line there now follows the new section.
    const fixed = readFileSync(join(dir, 'draft.md'), 'utf8').split('\n');
    const originalLine = draft.split('\n')[line - 1]!;
    const labels = fixed.findIndex((l) => /^#+ Labels/.test(l));
    expect(fixed.indexOf(originalLine, labels)).toBeGreaterThan(labels);
    expect(runCli(['lint', 'draft.md', '--fix'], { cwd: dir }).stderr).toBe(''); // nothing more to insert
  });
});

describe('--output', () => {
  it('into a folder that cannot be created: exit 2 at once, one line, nothing linted', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'doc.md'), DOC);
    writeFileSync(join(dir, 'file'), '');
    const run = runCli(['lint', 'doc.md', '--output', 'file/sub/report.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    // Named as the user named them, not as absolute paths of this machine.
    expect(run.stderr).toBe('mlsd: cannot write file/sub/report.json: a parent of the path is a file (file is not a directory); nothing was changed\n');
  });

  it.skipIf(!existsSync('/proc/self'))('under /proc, where Node\'s recursive mkdir never returns: exit 2', () => {
    const run = runCli(['lint', '-', '--output', '/proc/mlsd-no-such/report.json'], { input: DOC });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlsd: cannot write \/proc\/mlsd-no-such\/report\.json/);
  });
});

describe('mlsd explain', () => {
  it('with no id lists every rule and every item, a team\'s included', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'checklist:\n  privacy-review:\n    title: Privacy review\n');
    const run = runCli(['explain'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}weak-section +error +A checklist item is mentioned/m);
    expect(run.stdout).toMatch(/^ {2}latency-stage-sum +warning /m);
    expect(run.stdout).toMatch(/^ {2}drift-monitoring +required +Drift monitoring$/m);
    expect(run.stdout).toMatch(/^ {2}privacy-review +required +Privacy review$/m);
    expect(run.stdout).not.toContain('required*');
  });

  it('lists an item required only by front matter as such, not as optional', () => {
    const dir = tempTree({ '.mlsdrc.yaml': 'checklist:\n  rollback-plan:\n    title: Rollback plan\n    required: { when: { status: [review, approved] } }\n' });
    const run = runCli(['explain'], { cwd: dir });
    expect(run.stdout).toMatch(/^ {2}rollback-plan +required\* +Rollback plan$/m);
    expect(run.stdout).toContain('\n* required when the front matter says so: `mlsd explain <item-id>` says when\n');
  });

  it('with an item id says what makes it present, weak or absent, and which rules look at it', () => {
    const run = runCli(['explain', 'latency-budget']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^latency-budget: Latency budget \(required\)$/m);
    expect(run.stdout).toMatch(/^present +addressed with substance, under a heading such as "Latency budget"/m);
    expect(run.stdout).toMatch(/^weak +the heading or a mention is there/m);
    expect(run.stdout).toMatch(/^absent +no heading and no mention anywhere: reported as required-section\.$/m);
    expect(run.stdout).toMatch(/^ {2}latency-percentile \(warning\): /m);
  });

  it('with an item id lists every reason lint gives for it being weak, one its schema writes per keyword too', () => {
    const reasons = runCli(['explain', 'leakage-checks', '--no-config']).stdout.split('\n').filter((line) => line.startsWith('           - ')).map((line) => line.trim().slice(2));
    expect(reasons).toEqual([
      'names no concrete leakage mechanism: e.g. a time-based split with a gap, point-in-time joins, features available at prediction time, grouping by user across splits',
      'does not tie the split or features to leakage: say what future information could leak and how it is kept out',
    ]);
    // The reasons lint gives: a split by time, with no word of what it keeps out, in another section.
    const doc = '---\ntitle: x\n---\n\n## Validation\n\nThe training data is split by time: the last month is the test set.\n';
    const report = JSON.parse(runCli(['lint', '-', '--no-config', '--format', 'json'], { input: doc }).stdout) as { files: { items: Record<string, { lacks?: string[] }> }[] };
    const lacks = report.files[0]!.items['leakage-checks']!.lacks!;
    expect(lacks.length).toBeGreaterThan(0);
    for (const reason of lacks) expect(reasons).toContain(reason);
  });

  it('with an unknown id: exit 2 and the closest rule or item', () => {
    const run = runCli(['explain', 'drift-monitorng']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: unknown rule or item "drift-monitorng" (did you mean "drift-monitoring"?); `mlsd explain` lists them all\n');
  });

  it('with a heading of the team\'s doc: the item lint finds under it', () => {
    const run = runCli(['explain', '2.3. Утечки данных', '--no-config']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^The heading "2\.3\. Утечки данных" names leakage-checks\.\n\nleakage-checks: Leakage checks \(required\)$/m);
    expect(runCli(['explain', '4.2. Требования к работе системы', '--no-config']).stdout).toMatch(/^latency-budget: /m);
    const two = runCli(['explain', 'Metrics and monitoring', '--no-config']);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe('mlsd: the heading "Metrics and monitoring" names metrics and drift-monitoring: `mlsd explain <item-id>` explains one\n');
    const none = runCli(['explain', 'Привет, мир', '--no-config']);
    expect(none.code).toBe(2);
    // A heading that names no item may still be one lint finds an item under, by its words: not "unknown".
    expect(none.stderr).toBe('mlsd: no rule or item is named by the heading "Привет, мир"; lint may still find one under it from what the section says: `mlsd lint <doc> --verbose` shows each item\'s section, `mlsd explain` lists them all\n');
  });
});

describe('flags', () => {
  it('-o is --output and -f is --format wherever they exist; new says --force in full', () => {
    const help = (command: string) => runCli([command, '--help']).stdout;
    expect(help('lint')).toMatch(/-o, --output <file>/);
    expect(help('new')).toMatch(/-o, --output <file>/);
    expect(help('lint')).toMatch(/-f, --format <name>/);
    expect(help('config')).toMatch(/-f, --format <name>/);
    expect(help('new')).not.toMatch(/-f,/);
    expect(help('new')).toMatch(/ {2}--force /);
  });

  it('new -o writes there (and the old --out still works)', () => {
    const dir = tempDir();
    expect(runCli(['new', 'feed-ranking', '--yes', '-o', 'a.md'], { cwd: dir }).code).toBe(0);
    expect(runCli(['new', 'feed-ranking', '--yes', '--out', 'b.md'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'a.md')) && existsSync(join(dir, 'b.md'))).toBe(true);
  });

  it('--stdin-filename names standard input in the report and picks the config\'s overrides', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'legacy'));
    writeFileSync(join(dir, '.mlsdrc.yaml'), 'overrides:\n  - files: ["legacy/**"]\n    rules:\n      required-section: warning\n');
    const legacy = runCli(['lint', '--stdin-filename', 'legacy/old.md', '--format', 'compact'], { cwd: dir, input: '# Old design\n' });
    expect(legacy.code).toBe(0);
    expect(legacy.stdout).toMatch(/^legacy\/old\.md:\d+:\d+: warning required-section /m);
    const current = runCli(['lint', '-', '--stdin-filename', 'docs/new.md', '--format', 'compact'], { cwd: dir, input: '# New design\n' });
    expect(current.code).toBe(1);
    expect(current.stdout).toMatch(/^docs\/new\.md:\d+:\d+: error required-section /m);
    // Beside a file named, it is linted too: a gate never passes on the file alone.
    writeFileSync(join(dir, 'done.md'), '# Done design\n');
    const both = runCli(['lint', 'done.md', '--stdin-filename', 'docs/new.md', '--format', 'compact'], { cwd: dir, input: '# New design\n' });
    expect(new Set(both.stdout.trim().split('\n').map((l) => l.slice(0, l.indexOf(':'))))).toEqual(new Set(['done.md', 'docs/new.md']));
  });

  it('--stdin-filename selects standard input by its name, as a named file: ignored or outside paths, it is skipped', () => {
    const dir = tempTree({ '.mlsdrc.yaml': 'paths: [docs]\nignores: ["docs/archive/**"]\n' });
    const lint = (name: string) => runCli(['lint', '--stdin-filename', name, '--format', 'compact'], { cwd: dir, input: '# Old design\n' });
    for (const [name, why] of [['docs/archive/x.md', 'ignored by the config\'s "ignores"'], ['README.md', 'outside the config\'s "paths"']] as const) {
      const run = lint(name);
      expect([run.code, run.stdout], name).toEqual([0, '']);
      expect(run.stderr, name).toContain(`mlsd: ${name} (standard input) skipped: ${why}`);
    }
    expect(lint('docs/x.md').stdout).toMatch(/^docs\/x\.md:\d+:\d+: error required-section /m);
  });

  it('--design-docs-only skips standard input named outside the config\'s paths, as it does without the flag', () => {
    // An editor or hook wrapper that copies the pre-commit entry and pipes the buffer in.
    const dir = tempTree({ '.mlsdrc.yaml': 'paths: [docs]\n' });
    const lint = (name: string) => runCli(['lint', '--design-docs-only', '--stdin-filename', name, '--format', 'compact'], { cwd: dir, input: '# Service\n' });
    const readme = lint('README.md');
    expect([readme.code, readme.stdout]).toEqual([0, '']);
    expect(readme.stderr).toBe('mlsd: README.md (standard input) skipped: outside the config\'s "paths"\n');
    expect(lint('docs/x.md').code).toBe(1);
  });

  describe('--design-docs-only without paths judges standard input as it judges a file: by its name\'s folder or its own front matter', () => {
    // The pre-commit entry with the buffer piped in, in a repository that never ran mlsd init. The
    // README.md on disk declares itself a design doc: standard input, not that file, is judged.
    const dir = tempTree({ 'README.md': DRAFT, 'docs/usage.md': '# Usage\n' });
    const WHY = 'not a design doc (outside docs/design/, no problem_type in its front matter)';
    const piped = (name: string, input: string, extra: string[] = []) => runCli(['lint', '--design-docs-only', '--stdin-filename', name, ...extra], { cwd: dir, input });

    it('a plain README is skipped with the output and exit code of a skipped file', () => {
      const file = runCli(['lint', '--design-docs-only', 'docs/usage.md'], { cwd: dir });
      expect(file).toEqual({ code: 0, stdout: '', stderr: `mlsd: docs/usage.md skipped: ${WHY}\n` });
      expect(piped('README.md', '# Service\n\nHow to run it.\n')).toEqual({ code: 0, stdout: '', stderr: `mlsd: README.md (standard input) skipped: ${WHY}\n` });
      // A program reading JSON gets the same empty report as for the skipped file.
      const json = piped('README.md', '# Service\n', ['--format', 'json']);
      expect([json.code, json.stdout]).toEqual([0, runCli(['lint', '--design-docs-only', 'docs/usage.md', '--format', 'json'], { cwd: dir }).stdout]);
      // Beside a design doc it is left out of the report, and --verbose says so.
      writeFileSync(join(dir, 'ranking.md'), DOC);
      const both = piped('README.md', '# Service\n', ['-', 'ranking.md', '--format', 'json', '--verbose']);
      expect([both.code, both.stderr]).toEqual([0, `mlsd: README.md (standard input) skipped: ${WHY}\n`]);
      expect((JSON.parse(both.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(['ranking.md']);
    });

    it('a doc whose front matter declares it a design doc is linted, under its name', () => {
      const run = piped('notes/churn.md', DRAFT, ['--format', 'compact']);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^notes\/churn\.md:\d+:\d+: error required-section /m);
    });

    it('a doc named inside the drafts folder is linted, front matter or not', () => {
      expect(piped('docs/design/new.md', '# A new design\n', ['--format', 'compact']).stdout).toMatch(/^docs\/design\/new\.md:\d+:\d+: error required-section /m);
    });

    it('input too large to lint is judged by its first bytes, as a file is', () => {
      expect(piped('README.md', '# Service\n\nHow to run it.\n', ['--max-file-size', '10'])).toEqual({ code: 0, stdout: '', stderr: `mlsd: README.md (standard input) skipped: ${WHY}\n` });
      expect(piped('notes/churn.md', DRAFT, ['--max-file-size', '200', '--format', 'compact']).stdout).toMatch(/^notes\/churn\.md:1:1: error file-too-large /m);
    });

    it('--fix and --changed-since are refused before standard input is read', () => {
      expect(piped('README.md', '# Service\n', ['--fix'])).toMatchObject({ code: 2, stderr: 'mlsd: --fix cannot be used with standard input ("-"): it writes files\n' });
      expect(piped('README.md', '# Service\n', ['--changed-since', 'HEAD'])).toMatchObject({ code: 2, stderr: 'mlsd: --changed-since cannot be used with standard input ("-")\n' });
    });
  });
});

describe('a working folder deleted after the shell entered it', () => {
  it('is said in one line, exit 2: the user\'s to fix, not an internal error', () => {
    const gone = join(tempDir(), 'gone');
    mkdirSync(gone);
    // Only a shell can stand in a folder while it is removed.
    const run = spawnSync('sh', ['-c', 'cd "$1" && rmdir "$1" && exec "$3" "$2" lint doc.md', 'sh', gone, BIN, process.execPath], { encoding: 'utf8' });
    expect(run.stderr).toBe('mlsd: the current folder no longer exists (deleted or moved since the shell entered it): cd to one that does\n');
    expect(run.status).toBe(2);
  });
});
