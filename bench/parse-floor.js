#!/usr/bin/env node
// Parse floor: read every Markdown file under <dir> and parse it with the very processor mlsd lint
// uses (dist/lint/parse.js), and nothing else. Whatever lint does on top of this is our own cost.
//
//   node bench/parse-floor.js <dir>
//
// Prints one JSON line: files, bytes, and the time spent reading and parsing (ms), measured inside.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
// The floor is by definition mlsd's own parser: if src/lint/parse.ts drops or adds a syntax
// extension, the floor follows after `npm run build`.
import { parseMarkdown } from '../dist/lint/parse.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/parse-floor.js <dir>\n');
  process.exit(2);
}

const files = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.md') || f.endsWith('.markdown'))
  .sort();

let bytes = 0;
let readMs = 0;
let parseMs = 0;
let nodes = 0;
for (const file of files) {
  const t0 = performance.now();
  const text = readFileSync(join(dir, file), 'utf8');
  const t1 = performance.now();
  const root = parseMarkdown(text);
  const t2 = performance.now();
  readMs += t1 - t0;
  parseMs += t2 - t1;
  bytes += Buffer.byteLength(text);
  nodes += root.children.length; // keep the tree observably used
}

process.stdout.write(`${JSON.stringify({ files: files.length, bytes, readMs: Math.round(readMs), parseMs: Math.round(parseMs), topLevelNodes: nodes })}\n`);
