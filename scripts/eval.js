#!/usr/bin/env node
// Agreement between `mlsd lint` and a careful reader's verdicts.
// Usage: npm run eval -- <folder>   (the folder holds the documents and labels.yaml)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { defaultChecklist } from '../dist/checklist/load.js';
import { lint } from '../dist/lint/index.js';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: npm run eval -- <folder with labels.yaml>');
  process.exit(2);
}

const labels = parse(readFileSync(join(folder, 'labels.yaml'), 'utf8'));
const checklist = defaultChecklist();
const itemIds = checklist.items.map((item) => item.id);
const tally = new Map(itemIds.map((id) => [id, { n: 0, exact: 0, presence: 0 }]));
const disagreements = [];

for (const doc of labels.documents) {
  const result = lint(readFileSync(join(folder, doc.file), 'utf8'), checklist);
  for (const id of itemIds) {
    const expected = doc.labels[id]?.verdict;
    if (!expected) continue;
    const got = result.checklist[id];
    const t = tally.get(id);
    t.n += 1;
    if (got === expected) t.exact += 1;
    if ((got === 'present') === (expected === 'present')) t.presence += 1;
    if (got !== expected) {
      const where = result.items[id]?.line ? ` (line ${result.items[id].line}, via ${result.items[id].via})` : '';
      disagreements.push(`${doc.file}  ${id}: reader ${expected}, mlsd ${got}${where} — reader: ${doc.labels[id].evidence}`);
    }
  }
}

const pct = (a, b) => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(0).padStart(4)}%`);
const rows = [...tally].map(([id, t]) => [id, t]);
const total = rows.reduce((s, [, t]) => ({ n: s.n + t.n, exact: s.exact + t.exact, presence: s.presence + t.presence }), { n: 0, exact: 0, presence: 0 });
console.log(`${'item'.padEnd(18)} ${'n'.padStart(3)}  3-state  present-vs-not`);
for (const [id, t] of [...rows, ['overall', total]]) {
  console.log(`${id.padEnd(18)} ${String(t.n).padStart(3)}  ${pct(t.exact, t.n)}    ${pct(t.presence, t.n)}`);
}
console.log(`\n${disagreements.length} disagreements:`);
for (const line of disagreements) console.log(`- ${line}`);
