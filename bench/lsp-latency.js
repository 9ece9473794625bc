#!/usr/bin/env node
// Benchmark: how long after an edit the editor shows fresh diagnostics, through `mlsd lsp --stdio`.
// Run it on a build (`npm run build` first): `node bench/lsp-latency.js`. About 2 minutes.
//
//   node bench/lsp-latency.js [--size 20] [--edits 200] [--warmup 50] [--seed N] [--against <checkout>]
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
// floor), and the load average: on a shared machine the figures move with it. --against runs a
// second server from another built checkout on the same edits, in turn, and prints the ratios.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../test/lsp-client.js';
import { generateDoc } from './generate.js';

const GOAL_P95_MS = 50;
const BURST_EDITS = 10;
const BURST_GAP_MS = 40;
/** Longer than the server's debounce window after a lint as slow as this machine makes them. */
const PAUSE_MS = 300;

function parseArgs(argv) {
  const opts = { size: 20, edits: 200, warmup: 50, seed: 1, against: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--size') opts.size = value();
    else if (flag === '--edits') opts.edits = value();
    else if (flag === '--warmup') opts.warmup = value();
    else if (flag === '--seed') opts.seed = value();
    else if (flag === '--against') opts.against = inline ?? argv[++i];
    else {
      process.stderr.write(`unknown argument ${argv[i]}\nusage: node bench/lsp-latency.js [--size 20] [--edits 200] [--warmup 50] [--seed N] [--against <checkout>]\n`);
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

// This build's server, and with --against another checkout's (built), each sent the same edits
// in turn, so the load on the machine falls on both alike and their ratio is the figure to read.
const servers = [{ label: 'this build' }, ...(opts.against ? [{ label: `--against ${opts.against}`, bin: join(resolve(opts.against), 'bin', 'mlsd.js') }] : [])];

// Typing at the end of the first paragraph after the title: a character added, then removed.
const line = text.split('\n').findIndex((l, i) => i > 10 && /^[A-Za-z]/.test(l) && l.length > 20);
const at = { line, character: text.split('\n')[line].length };

for (const server of servers) {
  server.client = new LspClient(dir, { stderr: 'inherit', bin: server.bin });
  const { connection } = server.client;
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }], capabilities: {} });
  await connection.sendNotification(InitializedNotification.type, {});
  const opened = performance.now();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const { at: openedAt, diagnostics } = await server.client.published(uri, 1);
  Object.assign(server, { version: 1, typed: 0, openMs: openedAt - opened, findings: diagnostics.length, single: [], bursts: [] });
}

async function edit(server) {
  server.version += 1;
  const change = server.typed % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
  server.typed += 1;
  const sent = performance.now();
  await server.client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: server.version }, contentChanges: [change] });
  return { version: server.version, sent };
}

// Each in turn, the order swapped every round: neither is always the first after a pause.
const inTurn = (i) => (i % 2 === 0 ? servers : [...servers].reverse());

for (let i = 0; i < opts.warmup + opts.edits; i++) {
  for (const server of inTurn(i)) {
    const { version, sent } = await edit(server);
    const { at: time } = await server.client.published(uri, version);
    if (i >= opts.warmup) server.single.push(time - sent);
    await sleep(PAUSE_MS);
  }
}

const burstCount = Math.max(5, Math.round(opts.edits / 10));
for (let i = 0; i < Math.ceil(opts.warmup / 10) + burstCount; i++) {
  for (const server of inTurn(i)) {
    let last;
    for (let k = 0; k < BURST_EDITS; k++) {
      last = await edit(server);
      if (k < BURST_EDITS - 1) await sleep(BURST_GAP_MS);
    }
    const { at: time } = await server.client.published(uri, last.version);
    if (i >= Math.ceil(opts.warmup / 10)) server.bursts.push(time - last.sent);
    await sleep(PAUSE_MS); // a pause: the next burst starts fresh
  }
}

for (const { client } of servers) {
  await client.connection.sendRequest(ShutdownRequest.type);
  await client.connection.sendNotification(ExitNotification.type);
  await client.exited();
  client.connection.dispose();
}
rmSync(dir, { recursive: true, force: true });

// The floor: the same texts linted in this process, as the server lints them (each version parsed
// from the last one's tree), without the protocol; and as `mlsd lint` lints a file, parsed whole.
const { lintDocument } = await import('../dist/run/lint-file.js');
const { IncrementalParser } = await import('../dist/lint/incremental-parse.js');
const { Checklists, settingsFor } = await import('../dist/config/settings.js');
const { configFor } = await import('../dist/config/resolve.js');
const resolved = await configFor({}, dir);
const checklists = new Checklists();
const settings = settingsFor(resolved.config, 'design.md');
const lines = text.split('\n');
const edited = `${lines.slice(0, at.line).join('\n')}\n${lines[at.line]}x\n${lines.slice(at.line + 1).join('\n')}`;
const floors = { incremental: { wall: [], cpu: [] }, whole: { wall: [], cpu: [] } };
const parser = new IncrementalParser();
for (let i = 0; i < opts.warmup + opts.edits; i++) {
  // In turn, as the servers above: CPU time is what the wall time would be with a core to itself.
  for (const [kind, parse] of [['incremental', (source) => parser.parse(source)], ['whole', undefined]]) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    lintDocument('design.md', i % 2 === 0 ? edited : text, settings, checklists, parse);
    const used = process.cpuUsage(cpu);
    if (i >= opts.warmup) {
      floors[kind].wall.push(performance.now() - start);
      floors[kind].cpu.push((used.user + used.system) / 1000);
    }
  }
}

const row = (label, samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (ms) => `${ms.toFixed(1)} ms`.padStart(9);
  return `${label.padEnd(34)} ${String(sorted.length).padStart(5)} ${f(sorted[0])} ${f(percentile(sorted, 50))} ${f(percentile(sorted, 95))} ${f(sorted.at(-1))}`;
};
const median = (samples) => percentile([...samples].sort((a, b) => a - b), 50);
const p95Of = (samples) => percentile([...samples].sort((a, b) => a - b), 95);
console.log(`mlsd lsp: ${Buffer.byteLength(text)} byte doc (${text.split('\n').length} lines, ${servers[0].findings} findings), Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const server of servers) {
  console.log(`\n${server.label}: open to first diagnostics ${server.openMs.toFixed(1)} ms (cold: loads the checklist and compiles)`);
  console.log(`${'change to diagnostics'.padEnd(34)} ${'n'.padStart(5)} ${'min'.padStart(9)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}`);
  console.log(row('one edit after a pause (warm)', server.single));
  console.log(row(`end of a ${BURST_EDITS}-edit burst, ${BURST_GAP_MS} ms apart`, server.bursts));
}
if (servers.length > 1) {
  const [mine, theirs] = servers;
  const ratio = (f, kind) => (f(mine[kind]) / f(theirs[kind])).toFixed(2);
  console.log(`\nthis build / --against, same run: after a pause p50 ${ratio(median, 'single')}, p95 ${ratio(p95Of, 'single')}; end of a burst p50 ${ratio(median, 'bursts')}, p95 ${ratio(p95Of, 'bursts')}`);
}
console.log(`\n${'lint alone, in process (this build)'.padEnd(34)} ${'n'.padStart(5)} ${'min'.padStart(9)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}`);
console.log(row('floor: as the server lints', floors.incremental.wall));
console.log(row('floor, CPU time', floors.incremental.cpu));
console.log(row('parsed whole, as `mlsd lint`', floors.whole.wall));
console.log(row('parsed whole, CPU time', floors.whole.cpu));
const p95 = p95Of(servers[0].single);
console.log(`goal: p95 <= ${GOAL_P95_MS} ms for an edit after a pause: ${p95 <= GOAL_P95_MS ? 'met' : 'NOT met'} (${p95.toFixed(1)} ms)`);
