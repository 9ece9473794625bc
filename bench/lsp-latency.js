#!/usr/bin/env node
// Benchmark: how long after an edit the editor shows fresh diagnostics, through `mlsd lsp --stdio`.
// Run it on a build (`npm run build` first): `node bench/lsp-latency.js`. About 2 minutes.
//
//   node bench/lsp-latency.js [--size 20] [--edits 200] [--warmup 50] [--seed N]
//
// A client (vscode-languageserver-protocol, as VS Code's) opens a generated design doc of about
// --size KB and sends single-character edits, each an incremental didChange, as typing does. Two
// figures, each from the moment the edit is written to the server's pipe to the moment the
// diagnostics for that very version arrive:
//   - an edit after a pause: one edit, then a pause longer than any debounce window before the next;
//   - the end of a burst: ten edits 40 ms apart (typing), timed from the last one, so this one
//     includes the debounce window that spares a lint per keystroke.
// The first --warmup edits of each kind are not counted (JIT warm-up). Prints p50, p95 and max,
// next to the same edits linted in this process without a server (the lint core's own time, its
// floor), and the load average: on a shared machine the figures move with it.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { generateDoc } from './generate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_P95_MS = 50;
const BURST_EDITS = 10;
const BURST_GAP_MS = 40;
/** Longer than the server's debounce window after a lint as slow as this machine makes them. */
const PAUSE_MS = 300;

function parseArgs(argv) {
  const opts = { size: 20, edits: 200, warmup: 50, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--size') opts.size = value();
    else if (flag === '--edits') opts.edits = value();
    else if (flag === '--warmup') opts.warmup = value();
    else if (flag === '--seed') opts.seed = value();
    else {
      process.stderr.write(`unknown argument ${argv[i]}\nusage: node bench/lsp-latency.js [--size 20] [--edits 200] [--warmup 50] [--seed N]\n`);
      process.exit(2);
    }
  }
  return opts;
}

/** The first generated doc within 2.5 % of the size asked for: a realistic doc, the same every run. */
function docOfSize(kb, seed) {
  const want = kb * 1024;
  for (let i = 0; i < 100_000; i++) {
    const text = generateDoc(seed, i);
    if (Math.abs(Buffer.byteLength(text) - want) <= want * 0.025) return text;
  }
  throw new Error(`no generated doc of about ${kb} KB`);
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

const opts = parseArgs(process.argv.slice(2));
const text = docOfSize(opts.size, opts.seed);
const dir = mkdtempSync(join(tmpdir(), 'mlsd-lsp-bench-'));
const file = join(dir, 'design.md');
writeFileSync(file, text);
const uri = pathToFileURL(file).href;

const server = spawn(process.execPath, [join(ROOT, 'bin', 'mlsd.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const arrived = new Map(); // version -> [time, number of diagnostics]
let wake;
connection.onNotification(PublishDiagnosticsNotification.type, ({ uri: u, version, diagnostics }) => {
  if (u !== uri) return;
  arrived.set(version, [performance.now(), diagnostics.length]);
  wake?.();
});
connection.listen();
async function diagnosticsFor(version) {
  while (!arrived.has(version)) await new Promise((done) => (wake = done));
  return arrived.get(version);
}

await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }], capabilities: {} });
await connection.sendNotification(InitializedNotification.type, {});
let version = 1;
const opened = performance.now();
await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version, text } });
const [openedAt, findings] = await diagnosticsFor(version);

// Typing at the end of the first paragraph after the title: a character added, then removed.
const line = text.split('\n').findIndex((l, i) => i > 10 && /^[A-Za-z]/.test(l) && l.length > 20);
const at = { line, character: text.split('\n')[line].length };
let typed = 0;
async function edit() {
  version += 1;
  const change = typed % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
  typed += 1;
  const sent = performance.now();
  await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
  return { version, sent };
}

const single = [];
for (let i = 0; i < opts.warmup + opts.edits; i++) {
  const { version: v, sent } = await edit();
  const [time] = await diagnosticsFor(v);
  if (i >= opts.warmup) single.push(time - sent);
  await sleep(PAUSE_MS);
}

const bursts = [];
const burstCount = Math.max(5, Math.round(opts.edits / 10));
for (let i = 0; i < Math.ceil(opts.warmup / 10) + burstCount; i++) {
  let last;
  for (let k = 0; k < BURST_EDITS; k++) {
    last = await edit();
    if (k < BURST_EDITS - 1) await sleep(BURST_GAP_MS);
  }
  const [time] = await diagnosticsFor(last.version);
  if (i >= Math.ceil(opts.warmup / 10)) bursts.push(time - last.sent);
  await sleep(PAUSE_MS); // a pause: the next burst starts fresh
}

await connection.sendRequest(ShutdownRequest.type);
await connection.sendNotification(ExitNotification.type);
await new Promise((done) => server.on('exit', done));
connection.dispose();
rmSync(dir, { recursive: true, force: true });

// The floor: the same texts linted in this process, as the server lints them, without the protocol.
const { lintDocument } = await import('../dist/run/lint-file.js');
const { Checklists, settingsFor } = await import('../dist/config/settings.js');
const { configFor } = await import('../dist/config/resolve.js');
const resolved = await configFor({}, dir);
const checklists = new Checklists();
const settings = settingsFor(resolved.config, 'design.md');
const lines = text.split('\n');
const edited = `${lines.slice(0, at.line).join('\n')}\n${lines[at.line]}x\n${lines.slice(at.line + 1).join('\n')}`;
const floor = [];
const floorCpu = []; // CPU time: what the wall time would be with the cores to itself
for (let i = 0; i < opts.warmup + opts.edits; i++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  lintDocument('design.md', i % 2 === 0 ? edited : text, settings, checklists);
  const used = process.cpuUsage(cpu);
  if (i >= opts.warmup) {
    floor.push(performance.now() - start);
    floorCpu.push((used.user + used.system) / 1000);
  }
}

const row = (label, samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (ms) => `${ms.toFixed(1)} ms`.padStart(9);
  return `${label.padEnd(34)} ${String(sorted.length).padStart(5)} ${f(sorted[0])} ${f(percentile(sorted, 50))} ${f(percentile(sorted, 95))} ${f(sorted.at(-1))}`;
};
console.log(`mlsd lsp: ${Buffer.byteLength(text)} byte doc (${text.split('\n').length} lines, ${findings} findings), Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`open to first diagnostics: ${(openedAt - opened).toFixed(1)} ms (cold: loads the checklist and compiles)`);
console.log(`${'change to diagnostics'.padEnd(34)} ${'n'.padStart(5)} ${'min'.padStart(9)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}`);
console.log(row('one edit after a pause (warm)', single));
console.log(row(`end of a ${BURST_EDITS}-edit burst, ${BURST_GAP_MS} ms apart`, bursts));
console.log(row('floor: lint alone, in process', floor));
console.log(row('floor, CPU time', floorCpu));
const p95 = percentile([...single].sort((a, b) => a - b), 95);
console.log(`goal: p95 <= ${GOAL_P95_MS} ms for an edit after a pause: ${p95 <= GOAL_P95_MS ? 'met' : 'NOT met'} (${p95.toFixed(1)} ms)`);
