import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, runCliWithFileLimit, tempDir } from './helpers.js';

/**
 * Hostile inputs, one case each, with the behaviour each must get: a finding, or exit 2 with one
 * line on stderr. Never a stack trace, never a hang. SECURITY.md lists these cases.
 */
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |Error:.*\n.*node:/);
const lintJson = (args: string[], cwd: string) => {
  const run = runCli(['lint', ...args, '--format', 'json'], { cwd });
  noStack(run.stderr);
  return { ...run, files: run.stdout ? (JSON.parse(run.stdout).files as { file: string; diagnostics: { ruleId: string; line: number; message: string }[] }[]) : [] };
};
const rules = (file: { diagnostics: { ruleId: string }[] } | undefined) => file?.diagnostics.map((d) => d.ruleId) ?? [];
const DOC = '---\ntitle: T\n---\n# Doc\n\n## Metrics\n\nWe track AUC offline and CTR online.\n\n## Latency budget\n\np99 latency 80 ms end to end.\n';

describe('hostile files (the CLI)', () => {
  const dir = tempDir('mlsd-hostile-');
  writeFileSync(join(dir, 'good.md'), DOC);

  it('terminal control sequences in a doc reach no terminal: the formats people read print them as U+FFFD, JSON keeps them escaped', () => {
    const heading = 'Metrics \u001b[31mred\u001b]0;title\u0007';
    writeFileSync(join(dir, 'controls.md'), `# Plan\n\n## ${heading}\n\nTBD\n`);
    for (const format of ['stylish', 'compact', 'github', 'markdown']) {
      const run = runCli(['lint', 'controls.md', '--format', format, '--verbose'], { cwd: dir });
      expect(run.code, format).toBe(1);
      expect(run.stdout, format).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      // The scorecard names items, not headings; the others quote the heading.
      if (format !== 'markdown') expect(run.stdout, format).toContain('Metrics \ufffd[31mred\ufffd]0;title\ufffd');
    }
    const json = runCli(['lint', 'controls.md', '--format', 'json'], { cwd: dir });
    expect(json.stdout).not.toContain('\u001b');
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(heading).slice(1, -1));
  });

  it('a 50 MB file: file-too-large from stat, without reading it; the run completes', () => {
    const big = join(dir, 'big', 'huge.md');
    mkdirSync(join(dir, 'big'));
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024); // sparse: no 50 MB written to disk
    writeFileSync(join(dir, 'big', 'good.md'), DOC);
    const started = Date.now();
    const run = lintJson(['big'], dir);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code).toBe(1);
    expect(rules(run.files.find((f) => f.file.endsWith('huge.md')))).toEqual(['file-too-large']);
    expect(run.files.find((f) => f.file.endsWith('huge.md'))!.diagnostics[0]!.message).toMatch(/50 MB, more than the 5 MB/);
    expect(run.files.find((f) => f.file.endsWith('good.md'))!.diagnostics.length).toBeGreaterThan(0); // linted
    // One byte over: in bytes, where "5 MB, more than the 5 MB" would say nothing.
    truncateSync(big, 5 * 1024 * 1024 + 1);
    expect(lintJson(['big/huge.md'], dir).files[0]!.diagnostics[0]!.message).toMatch(/^The file is 5,242,881 bytes, more than the 5,242,880 bytes mlsd reads/);
  });

  it('a 1 MB single line: linted; --max-file-size 512KB reports it instead', () => {
    writeFileSync(join(dir, 'line.md'), `# Doc ${'word '.repeat(200_000)}`);
    expect(rules(lintJson(['line.md'], dir).files[0])).toContain('required-section');
    expect(rules(lintJson(['line.md', '--max-file-size', '512KB'], dir).files[0])).toEqual(['file-too-large']);
    const bad = runCli(['lint', 'line.md', '--max-file-size', 'huge'], { cwd: dir });
    expect(bad.code).toBe(2);
  });

  it('"maxFileSize" in the config sets the limit; the flag wins over it', () => {
    const sub = join(dir, 'cfg');
    mkdirSync(sub);
    writeFileSync(join(sub, '.mlsdrc.yaml'), 'maxFileSize: 1KB\n');
    writeFileSync(join(sub, 'doc.md'), DOC + 'x'.repeat(2000));
    expect(rules(lintJson(['doc.md'], sub).files[0])).toEqual(['file-too-large']);
    expect(rules(lintJson(['doc.md', '--max-file-size', '1MB'], sub).files[0])).not.toContain('file-too-large');
    writeFileSync(join(sub, '.mlsdrc.yaml'), 'maxFileSize: lots\n');
    const bad = runCli(['lint', 'doc.md'], { cwd: sub });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/maxFileSize must be a size/);
  });

  it('a binary file and invalid UTF-8: not-text; a few stray bytes are linted', () => {
    const sub = join(dir, 'enc');
    mkdirSync(sub);
    writeFileSync(join(sub, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(join(sub, 'latin1.md'), Buffer.from('# Résumé café naïve été déjà\n'.repeat(20), 'latin1'));
    writeFileSync(join(sub, 'stray.md'), Buffer.concat([Buffer.from(DOC), Buffer.from([0xff]), Buffer.from('\n'.repeat(200))]));
    const run = lintJson(['.'], sub);
    const byName = (name: string) => run.files.find((f) => f.file.endsWith(name));
    expect(rules(byName('image.md'))).toEqual(['not-text']);
    expect(rules(byName('latin1.md'))).toEqual(['not-text']);
    // A Russian doc saved as Windows-1251 is text in another encoding, and the message says so.
    expect(byName('latin1.md')!.diagnostics[0]!.message).toMatch(/^The file is not UTF-8 text \(\d+ byte sequences are not valid UTF-8: saved as Windows-1251 or Latin-1, say\?\); save it as UTF-8\. It was not linted\.$/);
    expect(rules(byName('stray.md'))).not.toContain('not-text');
  });

  it('UTF-8 and UTF-16 (LE, BE) byte-order marks: the same findings as plain UTF-8', () => {
    const sub = join(dir, 'bom');
    mkdirSync(sub);
    const utf16be = Buffer.from(DOC, 'utf16le');
    utf16be.swap16();
    writeFileSync(join(sub, 'a-plain.md'), DOC);
    writeFileSync(join(sub, 'b-utf8.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DOC)]));
    writeFileSync(join(sub, 'c-utf16le.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DOC, 'utf16le')]));
    writeFileSync(join(sub, 'd-utf16be.md'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]));
    const files = lintJson(['.'], sub).files;
    expect(files).toHaveLength(4);
    const shape = (f: (typeof files)[number]) => JSON.stringify(f.diagnostics.map((d) => [d.ruleId, d.line, d.message]));
    for (const f of files.slice(1)) expect(shape(f), f.file).toBe(shape(files[0]!));
  });

  it('a pipe stat gives no size for (<(cat doc.md)): read to the end, still within the size limit and only if it is text', () => {
    const sub = join(dir, 'piped');
    mkdirSync(sub);
    writeFileSync(join(sub, 'doc.md'), DOC);
    writeFileSync(join(sub, 'big.md'), DOC + 'x'.repeat(2000));
    writeFileSync(join(sub, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    /** Lint what bash's process substitution hands over: a path whose stat says size 0. */
    const piped = (file: string, ...args: string[]) => {
      const run = spawnSync('bash', ['-c', `"$0" "$1" lint <(cat "$2") --format json ${args.join(' ')}`, process.execPath, BIN, file], { cwd: sub, encoding: 'utf8' });
      noStack(run.stderr);
      return (JSON.parse(run.stdout).files as Parameters<typeof rules>[0][])[0];
    };
    const direct = lintJson(['doc.md'], sub).files[0]!;
    expect(piped('doc.md')?.diagnostics).toEqual(direct.diagnostics.map((d) => ({ ...d, file: expect.stringMatching(/^\/(dev|proc)\//) })));
    expect(rules(piped('big.md', '--max-file-size', '1KB'))).toEqual(['file-too-large']);
    expect(rules(piped('image.md'))).toEqual(['not-text']);
  });

  it('CRLF files through the CLI: findings on the same lines and columns as LF', () => {
    const sub = join(dir, 'crlf');
    mkdirSync(sub);
    writeFileSync(join(sub, 'a.md'), DOC);
    writeFileSync(join(sub, 'b.md'), DOC.replace(/\n/g, '\r\n'));
    const run = runCli(['lint', '.', '--format', 'compact'], { cwd: sub });
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('a.md')).map((l) => l.slice(1))).toEqual(lines.filter((l) => l.startsWith('b.md')).map((l) => l.slice(1)));
  });

  it('a pathological parse (100,000 unclosed brackets): timeout for that file, the rest of the run completes', () => {
    const sub = join(dir, 'slow');
    mkdirSync(sub);
    writeFileSync(join(sub, 'brackets.md'), `${'['.repeat(100_000)}a${']'.repeat(100_000)}`);
    writeFileSync(join(sub, 'good.md'), DOC);
    const started = Date.now();
    const run = lintJson(['.', '--timeout', '1000'], sub);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.code).toBe(1);
    expect(rules(run.files.find((f) => f.file === 'brackets.md'))).toEqual(['timeout']);
    expect(rules(run.files.find((f) => f.file === 'good.md'))).toContain('required-section');
  });

  it('a file past 1 MB gets the time limit per MB, so a large file is not stopped for its size alone', () => {
    const sub = join(dir, 'slow-large');
    mkdirSync(sub);
    writeFileSync(join(sub, 'brackets.md'), `${'['.repeat(750_000)}a${']'.repeat(750_000)}`); // 1.43 MB
    const run = lintJson(['brackets.md', '--timeout', '1000'], sub);
    expect(rules(run.files[0])).toEqual(['timeout']);
    expect(run.files[0]!.diagnostics[0]!.message).toMatch(/^Linting took longer than the 2 s per-file limit/);
  });

  it('files queued behind a file that times out on a worker are linted by its replacement', () => {
    const sub = join(dir, 'slow-queue');
    mkdirSync(sub);
    // Two workers, two files in flight each: a.md times out with c.md already queued behind it.
    writeFileSync(join(sub, 'a.md'), `${'['.repeat(100_000)}a${']'.repeat(100_000)}`);
    for (const name of ['b.md', 'c.md', 'd.md', 'e.md']) writeFileSync(join(sub, name), DOC);
    const run = lintJson(['.', '--timeout', '1000', '--threads', '2'], sub);
    expect(run.code).toBe(1);
    expect(run.files.map((f) => f.file)).toEqual(['a.md', 'b.md', 'c.md', 'd.md', 'e.md']);
    expect(rules(run.files[0])).toEqual(['timeout']);
    for (const file of run.files.slice(1)) expect(rules(file)).toContain('required-section');
  });

  it('__proto__ and constructor keys in a config: refused as unknown keys, exit 2, one line each', () => {
    const sub = join(dir, 'proto');
    mkdirSync(sub);
    writeFileSync(join(sub, 'doc.md'), DOC);
    writeFileSync(join(sub, '.mlsdrc.yaml'), '__proto__:\n  polluted: true\nconstructor: x\nchecklist:\n  metrics:\n    __proto__: { title: x }\n');
    const run = runCli(['lint', 'doc.md'], { cwd: sub });
    noStack(run.stderr);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/__proto__ is not a known key/);
    expect(run.stderr).toMatch(/constructor is not a known key/);
  });

  it('an invalid regex and a catastrophic-backtracking regex in a team checklist: refused, exit 2', () => {
    const sub = join(dir, 'regex');
    mkdirSync(sub);
    writeFileSync(join(sub, 'doc.md'), DOC);
    writeFileSync(join(sub, '.mlsdrc.yaml'), 'checklist:\n  rollback-plan:\n    title: Rollback plan\n    mentions: ["roll(back"]\n');
    const invalid = runCli(['lint', 'doc.md'], { cwd: sub });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/mentions has an invalid pattern/);
    // An unclosed class is named for what it is, not as backtracking: inside the list's alternation it would compile.
    writeFileSync(join(sub, '.mlsdrc.yaml'), 'checklist:\n  rollback-plan:\n    title: Rollback plan\n    mentions: ["x["]\n');
    const unclosed = runCli(['lint', 'doc.md'], { cwd: sub });
    expect(unclosed.code).toBe(2);
    expect(unclosed.stderr).toMatch(/mentions has an invalid pattern \(.*Unterminated character class\)/);
    // Nested quantifiers (safe-regex2), and alternatives of a repeated group that can start with the same character.
    for (const pattern of ['(a+)+', '(.*)*', '(\\\\w+\\\\s?)*', '(?:\\\\w|[a-z])+ly', '(a|a)+b', '(a|aa)+']) {
      writeFileSync(join(sub, '.mlsdrc.yaml'), `checklist:\n  rollback-plan:\n    title: Rollback plan\n    facts:\n      plan:\n        terms: ["rollback", "${pattern}"]\n`);
      const run = runCli(['lint', 'doc.md'], { cwd: sub });
      noStack(run.stderr);
      expect(run.code, pattern).toBe(2);
      expect(run.stderr).toMatch(/rollback-plan\.facts\.plan\.terms\[1\] ".*" can backtrack catastrophically/);
    }
    // Alternation teams write: alternatives that start apart, or not repeated.
    for (const pattern of ['roll(?:back|out)s?', '(?:\\\\w|-)+', '(?:[a-z]|[0-9])+', '(?:pre|post)-?prod']) {
      writeFileSync(join(sub, '.mlsdrc.yaml'), `checklist:\n  rollback-plan:\n    title: Rollback plan\n    facts:\n      plan:\n        terms: ["${pattern}"]\n`);
      expect(runCli(['lint', 'doc.md'], { cwd: sub }).code, pattern).toBe(1);
    }
  });

  it('a team pattern the config check lets through that backtracks on a doc: timeout naming its config key, also for one file and standard input', () => {
    const sub = join(dir, 'redos');
    mkdirSync(sub);
    // Ten adjacent \w*: safe-regex2 sees no nesting, yet on a 42-letter word the term takes many minutes to fail.
    writeFileSync(join(sub, '.mlsdrc.yaml'), `checklist:\n  metrics:\n    mentions: ["${'\\\\w*'.repeat(10)}ly"]\n`);
    const slow = '---\ntitle: x\n---\n\n## Problem\n\nThe internationalizationofeverythingwhatsoever matters.\n';
    writeFileSync(join(sub, 'slow.md'), slow);
    writeFileSync(join(sub, 'good.md'), DOC);
    const timedOut = (run: ReturnType<typeof runCli>, file: string) => {
      noStack(run.stderr);
      expect(run.code).toBe(1); // null: killed, the run hung
      const found = JSON.parse(run.stdout).files as { file: string; diagnostics: { ruleId: string; message: string }[] }[];
      expect(found.map((f) => [f.file, rules(f)])).toEqual([[file, ['timeout']]]);
      expect(found[0]!.diagnostics[0]!.message).toMatch(new RegExp(`pattern from the config \\(checklist\\.metrics\\.mentions\\).*mlsd config ${file}`));
    };
    timedOut(runCli(['lint', 'slow.md', '--timeout', '2000', '--format', 'json'], { cwd: sub, timeoutMs: 20_000 }), 'slow.md');
    timedOut(runCli(['lint', '-', '--stdin-filename', 'slow.md', '--threads', '1', '--timeout', '2000', '--format', 'json'], { cwd: sub, input: slow, timeoutMs: 20_000 }), 'slow.md');
    // A doc the patterns do not trip on is linted as before, in the same worker set-up.
    expect(rules(lintJson(['good.md'], sub).files[0])).toContain('required-section');
  });

  it('a directory named x.md: its contents are linted, an empty one is exit 2 with one line', () => {
    const sub = join(dir, 'dirmd');
    mkdirSync(join(sub, 'x.md'), { recursive: true });
    const run = runCli(['lint', 'x.md'], { cwd: sub });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['mlsd: no Markdown files found in x.md']);
    writeFileSync(join(sub, 'real.md'), DOC);
    expect(lintJson(['.'], sub).files.map((f) => f.file)).toEqual(['real.md']); // the folder is not read as a file
  });

  it('a symlink loop: exit 2 with one line naming the file and the loop', () => {
    const sub = join(dir, 'loop');
    mkdirSync(sub);
    symlinkSync('b.md', join(sub, 'a.md'));
    symlinkSync('a.md', join(sub, 'b.md'));
    const run = runCli(['lint', 'a.md'], { cwd: sub });
    noStack(run.stderr);
    expect(run.code).toBe(2);
    // The file is there (ls lists it): the line says why it cannot be read, not that it is missing.
    expect(run.stderr).toBe('mlsd: cannot read a.md: too many symbolic links (a symlink loop?)\n');
  });

  it('a symlink to nothing: exit 2 with one line naming the link and the target that is missing, also through a chain and in the config\'s paths', () => {
    const sub = join(dir, 'dangling');
    mkdirSync(join(sub, 'docs'), { recursive: true });
    symlinkSync('gone.md', join(sub, 'docs', 'a.md'));
    symlinkSync(join('docs', 'a.md'), join(sub, 'b.md'));
    writeFileSync(join(sub, 'good.md'), DOC);
    for (const [args, said] of [
      [['docs/a.md'], 'mlsd: cannot read docs/a.md: a symbolic link to gone.md, which does not exist\n'],
      [['b.md', 'good.md'], 'mlsd: cannot read b.md: a symbolic link to docs/a.md, a symbolic link to gone.md, which does not exist\n'],
    ] as const) {
      const run = runCli(['lint', ...args, '--no-config'], { cwd: sub });
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr, args[0]).toBe(said);
    }
    // A configured path that does not exist yet is no mistake; a broken link there is.
    writeFileSync(join(sub, '.mlsdrc.yaml'), 'paths: [notes, docs/a.md]\n');
    const configured = runCli(['lint'], { cwd: sub });
    expect(configured.code).toBe(2);
    expect(configured.stderr).toBe('mlsd: cannot read docs/a.md: a symbolic link to gone.md, which does not exist\n');
    // Found by walking a folder, it is passed over, as before.
    writeFileSync(join(sub, 'docs', 'real.md'), DOC);
    expect(lintJson(['docs', '--no-config'], sub).files.map((f) => f.file)).toEqual(['docs/real.md']);
  });

  it('a doc in a folder the user may not enter, and the folder named: "permission denied", not missing or empty', () => {
    const sub = join(dir, 'locked');
    mkdirSync(join(sub, 'secret'), { recursive: true });
    writeFileSync(join(sub, 'secret', 'doc.md'), DOC);
    chmodSync(join(sub, 'secret'), 0o700);
    // Root may enter any folder: the run is made as nobody then, as another user of a shared checkout.
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
    if (process.getuid?.() !== 0) chmodSync(join(sub, 'secret'), 0o000);
    for (const [named, said] of [['secret/doc.md', 'mlsd: cannot read secret/doc.md: permission denied\n'], ['secret', 'mlsd: cannot read secret: permission denied\n']]) {
      const run = spawnSync(asUser[0]!, [...asUser.slice(1), BIN, 'lint', named!, '--no-config'], { cwd: sub, encoding: 'utf8', env: { ...process.env, HOME: sub } });
      expect(run.status, named).toBe(2);
      expect(run.stderr, named).toBe(said);
    }
    chmodSync(join(sub, 'secret'), 0o700);
  });

  // Root reads any file whatever its mode, and these tests may run as root (containers).
  it.skipIf(process.getuid?.() === 0)('an unreadable file: exit 2 with "permission denied"', async () => {
    const file = join(dir, 'secret.md');
    writeFileSync(file, DOC);
    chmodSync(file, 0o000);
    const run = runCli(['lint', 'secret.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('mlsd: cannot read secret.md: permission denied');
  });

  it('a glob that matches nothing: exit 2 with one line', () => {
    const run = runCli(['lint', 'nothing/**/*.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('mlsd: no files match "nothing/**/*.md"');
  });

  it('a closed stdout pipe (| head -1): no unhandled error, no stack trace', () => {
    for (const args of ['lint --help', `lint ${JSON.stringify(join(dir, 'good.md'))} --format json`]) {
      const run = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args} | head -c 1 >/dev/null; exit 0`], { encoding: 'utf8' });
      expect(run.stderr, args).toBe('');
    }
  });

  it('a reader that reads nothing (| true) does not turn failing docs into a pass: the findings decide the exit status', () => {
    const draft = JSON.stringify(join(ROOT, 'examples', 'churn-prediction-draft.md'));
    for (const reader of ['true', 'head -c 1 >/dev/null']) {
      const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lint ${draft} | ${reader}; exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
      expect(run.stderr, reader).toBe('');
      expect(run.status, reader).toBe(1);
    }
  });

  it('standard output that cannot take the text (disk full, a file size limit): one line, exit 2, not "a bug in mlsd"', () => {
    for (const args of [['lint', 'good.md'], ['explain']]) {
      const run = runCliWithFileLimit(args, { cwd: dir, maxFileBlocks: 0, stdout: join(dir, 'stdout.txt') });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toEqual(['mlsd: cannot write to standard output: file too large (a file size limit)']);
    }
  });

  it('an unexpected error inside mlsd: "internal error" in one line, exit 2, the stack only with MLSD_DEBUG=1', () => {
    // Every error a user can cause is a UserError by now: a fault is injected instead, preloaded into
    // the CLI's process (the JSON report fails to serialise, as no input can make it).
    const fault = join(dir, 'fault.cjs');
    writeFileSync(fault, "const s = JSON.stringify;\nJSON.stringify = (v, ...r) => { if (v && typeof v === 'object' && 'files' in v) throw new Error('report exploded'); return s(v, ...r); };\n");
    writeFileSync(join(dir, 'doc.md'), '# Doc\n');
    const env = { NODE_OPTIONS: `--require ${fault}` };
    const run = runCli(['lint', 'doc.md', '--format', 'json'], { cwd: dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlsd: internal error: report exploded\nmlsd: this is a bug in mlsd; please report it with the command you ran (MLSD_DEBUG=1 prints the stack trace)\n');
    expect(runCli(['lint', 'doc.md', '--format', 'json'], { cwd: dir, env: { ...env, MLSD_DEBUG: '1' } }).stderr).toMatch(/\n\s+at /);
  });
});

describe('hostile scaffolding (mlsd new)', () => {
  const dir = tempDir('mlsd-hostile-new-');
  const env = { MLSD_NOW: '2024-06-01' };

  it('answers with {{ }}, HTML and Markdown are written as text, never evaluated or escaped', () => {
    const answer = '{{#each this}}{{/each}} }} {{> partial}} <script>alert(1)</script> **bold** [x](javascript:1) &amp;';
    const run = runCli(['new', 'feed-ranking', '--yes', '--dry-run', '--set', `owner=${answer}`, '--set', `business_goal=${answer}`], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(answer);
  });

  it('names with "..", "/", an absolute path or a reserved device name are refused', () => {
    for (const name of ['../evil', 'a/b', '/etc/passwd', 'a\\b', '..', 'con', 'NUL', 'com1', 'lpt9']) {
      const run = runCli(['new', name, '--yes'], { cwd: dir, env });
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toMatch(/^mlsd: the doc name/);
    }
    expect(existsSync(join(dir, 'docs'))).toBe(false);
  });

  it('a write that fails (the target is a directory; a parent is a file) leaves everything as it was, no temp files', () => {
    mkdirSync(join(dir, 'taken.md'));
    writeFileSync(join(dir, 'taken.md', 'keep.txt'), 'keep');
    const onDir = runCli(['new', 'feed-ranking', '--yes', '--force', '--out', 'taken.md'], { cwd: dir, env });
    expect(onDir.code).toBe(2);
    expect(onDir.stderr.trim().split('\n').at(-1)).toMatch(/^mlsd: cannot write .*taken\.md: it is a directory; nothing was changed$/);
    expect(readdirSync(join(dir, 'taken.md'))).toEqual(['keep.txt']);
    writeFileSync(join(dir, 'plain'), 'keep');
    const underFile = runCli(['new', 'feed-ranking', '--yes', '--out', 'plain/doc.md'], { cwd: dir, env });
    expect(underFile.code).toBe(2);
    expect(underFile.stderr.trim().split('\n').at(-1)).toMatch(/^mlsd: cannot write .*plain\/doc\.md: a parent of the path is a file/);
    noStack(underFile.stderr);
    expect(readFileSync(join(dir, 'plain'), 'utf8')).toBe('keep');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('two concurrent runs on the same name: one complete doc and one clean refusal, never a mixed file', async () => {
    const expected = runCli(['new', 'race-doc', '--yes', '--dry-run'], { cwd: dir, env }).stdout;
    const start = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'new', 'race-doc', '--yes'], { cwd: dir, env: { ...process.env, ...env } });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const runs = await Promise.all([start(), start()]);
    expect(runs.map((r) => r.code).sort()).toEqual([0, 2]);
    expect(runs.find((r) => r.code === 2)!.stderr).toMatch(/already exists; use --force/);
    expect(readFileSync(join(dir, 'docs', 'design', 'race-doc.md'), 'utf8')).toBe(expected);
    expect(readdirSync(join(dir, 'docs', 'design')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
