#!/usr/bin/env node
// Benchmark: mlsd lint against its own parse floor and against markdownlint-cli2, on the same
// generated corpora, in the same run. Prints wall time, CPU time and peak RSS, and the ratios the
// performance targets are stated in. Run it as `npm run bench` (which builds first).
//
//   node bench/run.js [--quick] [--sizes 100,1000] [--seed N] [--reps N]
//
// Every child process runs under GNU time (`/usr/bin/time -f '%e %U %S %M'`) for CPU and peak RSS;
// wall time is taken around the child with a monotonic clock, since GNU time rounds it to 10 ms.
// Within one repetition the commands run back to back, in an order rotated from one repetition to
// the next, so that noise from the machine lands on all of them alike; each figure is a median.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, generateDoc, GENERATOR_VERSION } from './generate.js';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
// Outside the repository: the repo's .gitignore would otherwise hide the corpus from mlsd (which
// honours .gitignore when it walks folders) but not from markdownlint-cli2, and the runs would differ.
const CORPUS_ROOT = process.env.MLSD_BENCH_DIR ?? join(tmpdir(), 'mlsd-bench');
const MLSD = join(ROOT, 'bin', 'mlsd.js');
const FLOOR = join(BENCH, 'parse-floor.js');
const TIME = '/usr/bin/time';

// Its bin file, run with node directly (no npx start-up); its exports map hides package.json.
const MDL_PKG = join(ROOT, 'node_modules', 'markdownlint-cli2', 'package.json');
const MDL_BIN = join(dirname(MDL_PKG), JSON.parse(readFileSync(MDL_PKG, 'utf8')).bin['markdownlint-cli2']);
const MDL_VERSION = JSON.parse(readFileSync(MDL_PKG, 'utf8')).version;

// Targets, as ratios from the same run (see bench/README.md).
const TARGET = {
  versionVsNode: 1.5,
  oneFileVsMdl: 0.5,
  lintVsMdl: 0.6,
  lintVsMdlFrom: 300, // the mlsd/markdownlint-cli2 target applies from this corpus size up
  lintVsFloor: 1.2,
  rssGrowth: 1.25, // peak RSS at the largest corpus over the smallest: "does not grow"
};

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = { quick: false, sizes: undefined, seed: 1, reps: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') opts.quick = true;
    else if (flag === '--sizes') opts.sizes = value().split(',').map(Number);
    else if (flag === '--seed') opts.seed = Number(value());
    else if (flag === '--reps') opts.reps = Number(value());
    else {
      process.stderr.write(`unknown argument ${argv[i]}\nusage: node bench/run.js [--quick] [--sizes 100,1000] [--seed N] [--reps N]\n`);
      process.exit(2);
    }
  }
  opts.sizes ??= opts.quick ? [100, 300, 1000] : [100, 300, 1000, 10000];
  if (opts.sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(opts.seed)) {
    process.stderr.write('--sizes takes positive integers, --seed an integer\n');
    process.exit(2);
  }
  return opts;
}

/** Repetitions: more where a run is cheap and noise is relatively large, one at 10,000 files. */
function repsFor(files, opts) {
  if (opts.reps) return opts.reps;
  if (files === 0) return opts.quick ? 5 : 11; // start-up rows
  if (files <= 100) return opts.quick ? 3 : 5;
  if (files <= 1000) return opts.quick ? 1 : 3;
  return 1;
}

// ---------------------------------------------------------------- corpora

const generatorHash = createHash('sha256').update(readFileSync(join(BENCH, 'generate.js'))).digest('hex').slice(0, 12);

/** Generate the corpus of `count` docs for `seed`, or reuse it if an identical generator made it. */
function ensureCorpus(count, seed) {
  const dir = join(CORPUS_ROOT, `seed-${seed}-n${count}`);
  const marker = join(dir, '.complete.json');
  const key = { generator: GENERATOR_VERSION, generatorHash, seed, count };
  if (existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8'));
    if (JSON.stringify(saved.key) === JSON.stringify(key)) return { dir, stats: saved.stats };
  }
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`generating ${count} docs (seed ${seed})…\n`);
  const stats = generateCorpus(count, dir, seed);
  writeFileSync(marker, JSON.stringify({ key, stats }));
  return { dir, stats };
}

/** One doc for the single-file rows: the first of the corpus whose size is closest to 10 KB. */
function ensureOneDoc(seed) {
  const dir = join(CORPUS_ROOT, `seed-${seed}-one`);
  mkdirSync(dir, { recursive: true });
  let best;
  for (let i = 0; i < 100; i++) {
    const text = generateDoc(seed, i);
    const size = Buffer.byteLength(text);
    if (!best || Math.abs(size - 10240) < Math.abs(best.size - 10240)) best = { text, size };
  }
  const file = join(dir, 'one.md');
  if (!existsSync(file) || readFileSync(file, 'utf8') !== best.text) writeFileSync(file, best.text);
  return { dir, file: 'one.md', bytes: best.size };
}

// ---------------------------------------------------------------- measuring

const scratch = mkdtempSync(join(tmpdir(), 'mlsd-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/**
 * Run `node ...args` in `cwd` under GNU time, output discarded (stdout kept only when asked).
 * Returns wall (s, monotonic clock), cpu (user+sys s) and rss (peak resident KB).
 */
function runOnce(task) {
  const out = join(scratch, 'time.txt');
  const start = process.hrtime.bigint();
  const child = spawnSync(TIME, ['-o', out, '-f', '%e %U %S %M', process.execPath, ...task.args], {
    cwd: task.cwd,
    stdio: ['ignore', task.keepStdout ? 'pipe' : 'ignore', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.error) throw child.error;
  if (!task.okCodes.includes(child.status)) {
    throw new Error(`${task.label}: \`node ${task.args.join(' ')}\` in ${relative(ROOT, task.cwd) || '.'} exited ${child.status}`);
  }
  const line = readFileSync(out, 'utf8').trim().split('\n').at(-1);
  const [, user, sys, rss] = line.split(' ').map(Number);
  return { wall, cpu: user + sys, rss, stdout: task.keepStdout ? child.stdout.toString() : undefined };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Run every task `reps` times, interleaved and rotated; medians per task. */
function measure(tasks, reps, heading) {
  const samples = tasks.map(() => []);
  for (let r = 0; r < reps; r++) {
    process.stderr.write(`${heading}: repetition ${r + 1}/${reps}\n`);
    for (let k = 0; k < tasks.length; k++) {
      const i = (k + r) % tasks.length;
      samples[i].push(runOnce(tasks[i]));
    }
  }
  return tasks.map((task, i) => ({
    label: task.label,
    reps,
    wall: median(samples[i].map((s) => s.wall)),
    cpu: median(samples[i].map((s) => s.cpu)),
    rss: median(samples[i].map((s) => s.rss)),
    stdout: samples[i].at(-1).stdout,
  }));
}

// ---------------------------------------------------------------- printing

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const mb = (kb) => (kb / 1024).toFixed(0);

function verdict(value, limit) {
  return value <= limit ? 'met' : 'MISSED';
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist', 'lint', 'parse.js'))) {
    process.stderr.write('dist/ is missing: run `npm run build` first (or use `npm run bench`)\n');
    process.exit(2);
  }
  mkdirSync(CORPUS_ROOT, { recursive: true });

  const lines = [];
  const say = (s = '') => lines.push(s);
  const targets = [];
  const target = (name, value, limit, note = '') => targets.push({ name, value, limit, note });

  // ---- start-up and one file
  const one = ensureOneDoc(opts.seed);
  const startupReps = repsFor(0, opts);
  const startup = measure(
    [
      { label: 'node -e 0', args: ['-e', '0'], cwd: ROOT, okCodes: [0] },
      { label: 'mlsd --version', args: [MLSD, '--version'], cwd: ROOT, okCodes: [0] },
      { label: `mlsd lint one.md`, args: [MLSD, 'lint', one.file, '--format', 'json'], cwd: one.dir, okCodes: [0, 1] },
      { label: `markdownlint-cli2 one.md`, args: [MDL_BIN, one.file], cwd: one.dir, okCodes: [0, 1] },
    ],
    startupReps,
    'start-up',
  );
  const [node0, version, lintOne, mdlOne] = startup;

  // ---- corpora
  const rows = [];
  for (const count of opts.sizes) {
    const { dir, stats } = ensureCorpus(count, opts.seed);
    const reps = repsFor(count, opts);
    const [floor, single, mlsd, mdl] = measure(
      [
        { label: 'parse floor', args: [FLOOR, '.'], cwd: dir, okCodes: [0], keepStdout: true },
        { label: 'mlsd lint --threads 1', args: [MLSD, 'lint', '.', '--format', 'json', '--threads', '1'], cwd: dir, okCodes: [0, 1] },
        { label: 'mlsd lint', args: [MLSD, 'lint', '.', '--format', 'json'], cwd: dir, okCodes: [0, 1] },
        { label: 'markdownlint-cli2', args: [MDL_BIN, '**/*.md'], cwd: dir, okCodes: [0, 1] },
      ],
      reps,
      `${count} files`,
    );
    const inside = JSON.parse(floor.stdout.trim().split('\n').at(-1));
    rows.push({ count, stats, reps, floor, single, mlsd, mdl, inside });
  }

  // ---- report
  say(`mlsd bench: seed ${opts.seed}, node ${process.version}, ${availableParallelism()} CPUs, markdownlint-cli2 ${MDL_VERSION}`);
  say('Figures are medians of the repetitions shown; compare ratios, not absolute times (noisy machine).');
  say();
  say('Corpora');
  for (const { count, stats } of rows) {
    say(`  ${lpad(count, 6)} files  ${lpad(fmt(stats.total / 1048576), 7)} MB  mean ${fmt(stats.mean / 1024, 1)} KB, median ${fmt(stats.median / 1024, 1)} KB, range ${fmt(stats.min / 1024, 1)}–${fmt(stats.max / 1024, 1)} KB`);
  }
  say(`  one.md: ${fmt(one.bytes / 1024, 1)} KB`);
  say();
  say(`Start-up (${startupReps} reps)           wall ms   cpu ms   peak RSS MB`);
  for (const r of startup) say(`  ${pad(r.label, 28)} ${lpad(fmt(r.wall * 1000, 0), 7)}  ${lpad(fmt(r.cpu * 1000, 0), 7)}  ${lpad(mb(r.rss), 8)}`);
  say();
  say('Corpus runs                       reps   wall s    cpu s  peak RSS MB   MB/s (wall)');
  for (const { count, stats, reps, floor, single, mlsd, mdl } of rows) {
    for (const r of [floor, single, mlsd, mdl]) {
      say(`  ${lpad(count, 6)}  ${pad(r.label, 24)} ${lpad(reps, 4)}  ${lpad(fmt(r.wall), 7)}  ${lpad(fmt(r.cpu), 7)}  ${lpad(mb(r.rss), 11)}  ${lpad(fmt(stats.total / 1048576 / r.wall, 3), 12)}`);
    }
  }
  say();
  say('Parse floor throughput (unified + mlsd\'s remark plugins)');
  for (const { count, stats, floor, inside } of rows) {
    say(`  ${lpad(count, 6)} files: ${fmt(stats.total / 1048576 / floor.wall, 3)} MB/s whole process, ${fmt(inside.bytes / 1048576 / (inside.parseMs / 1000), 3)} MB/s parsing alone; reading ${fmt((100 * inside.readMs) / (inside.readMs + inside.parseMs), 1)} % of read+parse`);
  }
  say();
  say('Ratios (same run)                              wall    cpu   target   verdict (on wall)');
  const ratioRow = (name, a, b, limit) => {
    const w = a.wall / b.wall;
    const c = a.cpu / b.cpu;
    if (limit !== undefined) target(name, w, limit);
    say(`  ${pad(name, 50)} ${lpad(fmt(w), 5)}  ${lpad(fmt(c), 5)}   ${limit === undefined ? '     -' : lpad(`≤ ${limit}`, 6)}   ${limit === undefined ? '(no target)' : verdict(w, limit)}`);
  };
  ratioRow('mlsd --version / node -e 0', version, node0, TARGET.versionVsNode);
  ratioRow('mlsd lint one.md / markdownlint-cli2 one.md', lintOne, mdlOne, TARGET.oneFileVsMdl);
  for (const { count, mlsd, mdl } of rows) {
    ratioRow(`${count} files: mlsd / markdownlint-cli2`, mlsd, mdl, count >= TARGET.lintVsMdlFrom ? TARGET.lintVsMdl : undefined);
  }
  for (const { count, single, floor } of rows) ratioRow(`${count} files: mlsd --threads 1 / parse floor`, single, floor, TARGET.lintVsFloor);
  for (const { count, single, mlsd } of rows) ratioRow(`${count} files: mlsd / mlsd --threads 1`, mlsd, single);
  say();
  say('Peak RSS MB by corpus size      ' + rows.map((r) => lpad(r.count, 7)).join(''));
  for (const key of ['floor', 'single', 'mlsd', 'mdl']) {
    say(`  ${pad(rows[0][key].label, 30)}${rows.map((r) => lpad(mb(r[key].rss), 7)).join('')}`);
  }
  if (rows.length > 1) {
    const first = rows[0];
    const last = rows.at(-1);
    // As users run it (the default picks workers from 200 files); the one-process figure beside it.
    const growth = last.mlsd.rss / first.mlsd.rss;
    target(`mlsd peak RSS ${last.count} / ${first.count} files`, growth, TARGET.rssGrowth);
    say(`  mlsd peak RSS at ${last.count} over ${first.count} files: ${fmt(growth)} (target ≤ ${TARGET.rssGrowth}, i.e. flat): ${verdict(growth, TARGET.rssGrowth)}`);
    say(`  mlsd --threads 1 peak RSS at ${last.count} over ${first.count} files: ${fmt(last.single.rss / first.single.rss)} (one process; see bench/README.md)`);
  }
  say();
  const missed = targets.filter((t) => t.value > t.limit);
  say(`Targets: ${targets.length - missed.length} of ${targets.length} met${missed.length ? `; missed: ${missed.map((t) => `${t.name} (${fmt(t.value)} > ${t.limit})`).join('; ')}` : ''}`);

  process.stdout.write(`${lines.join('\n')}\n`);
  writeFileSync(
    join(CORPUS_ROOT, 'last-run.json'),
    JSON.stringify({ seed: opts.seed, node: process.version, markdownlintCli2: MDL_VERSION, startup, rows, targets }, null, 2),
  );
}

main();
