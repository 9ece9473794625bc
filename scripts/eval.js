#!/usr/bin/env node
// Agreement between `mlsd lint` and a careful reader's verdicts: HELP below says what it prints and
// how it is called. A mistake in the call or in the files it reads ends it with one line and exit 2.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultChecklist } from '../dist/checklist/load.js';
import { lint } from '../dist/lint/index.js';
import { STATES, cacheFolder, fail, load, parseCall, readDoc, splitOf, usageError, verdicts } from './verdict-corpus.js';

const HELP = `Usage: npm run eval -- <folder> [options]

Measures how often the state \`mlsd lint\` gives each checklist item (present, weak or absent)
agrees with a careful reader's verdict, as listed in <folder>/labels.yaml. Prints, per split: the
agreement per item, per language and overall, three-state and present-vs-not, with false alarms
(reader present, lint not) and false passes (the other way), a 95% interval from resampling whole
documents, the confusion matrix, and where each item's disagreements fall; then how often a second
reader (<folder>/second-reader.yaml, if there is one) agrees with the first; then the disagreements,
except those of the dev and sealed splits, which nobody tuning lint may read.

Documents are read from <folder>/docs/, <folder>, or a cache for those that may not be
redistributed ($MLSD_VERDICTS_CACHE, default ~/.cache/mlsd/verdicts/), and only if their bytes
are the ones labelled (SHA-256); the rest are counted as not found.

Options:
  --split NAME    measure one split only (those labels.yaml names: tune, dev, sealed); default all
  --round N       measure one collection round only; default all
  --quiet         do not list the disagreements
  --save FILE     write lint's state for every item to FILE (JSON); default none
  --against FILE  print what changed since FILE, written by --save on another build: how many items
                  moved between which states, per split and item (naming the documents for tune)
  -h, --help      print this help

Exit status: 0 when measured, 2 for a mistake in the call or in the files it reads.

Examples:
  npm run eval -- bench/verdicts --split tune
  npm run eval -- bench/verdicts --quiet --save before.json      (on the old build)
  npm run eval -- bench/verdicts --quiet --against before.json   (on the new one)
`;

const { values, positionals } = parseCall(
  { split: { type: 'string' }, round: { type: 'string' }, quiet: { type: 'boolean' }, save: { type: 'string' }, against: { type: 'string' } },
  HELP,
);
if (positionals.length !== 1) usageError(positionals.length === 0 ? 'which folder? give the one holding labels.yaml' : `one folder only, not ${positionals.join(', ')}`);
const [folder] = positionals;
const { split: onlySplit, round: onlyRound, quiet, save: savePath, against: againstPath } = values;
const cache = cacheFolder();
const checklist = defaultChecklist();
const itemIds = checklist.items.map((item) => item.id);

const labelsPath = join(folder, 'labels.yaml');
const documents = verdicts(labelsPath, 'documents', itemIds);
// A second reader's verdicts on some of them: the ceiling to hold lint to. Read now, as the labels
// are, so that a mistake in either shows before the long run rather than after it.
const secondPath = join(folder, 'second-reader.yaml');
const readings = existsSync(secondPath) ? verdicts(secondPath, 'readings', itemIds) : undefined;
const splitNames = [...new Set(documents.map(splitOf))];
if (onlySplit !== undefined && !splitNames.includes(onlySplit)) fail(`no split '${onlySplit}' in ${labelsPath} (its splits: ${splitNames.join(', ')})`);
const inSplit = documents.filter((doc) => onlySplit === undefined || splitOf(doc) === onlySplit);
const chosen = inSplit.filter((doc) => onlyRound === undefined || String(doc.round) === onlyRound);
if (chosen.length === 0) {
  const rounds = [...new Set(inSplit.map((doc) => doc.round).filter((round) => round !== undefined))].sort((a, b) => a - b);
  const where = onlySplit === undefined ? '' : ` of the ${onlySplit} split`;
  fail(onlyRound === undefined ? `no documents in ${labelsPath}` : `no documents in round ${onlyRound}${where} (its rounds: ${rounds.join(', ') || 'none'})`);
}

/** States written by --save: item key → one of STATES. */
const isStates = (data) => typeof data === 'object' && data !== null && !Array.isArray(data) && Object.values(data).every((state) => STATES.includes(state));
const against =
  againstPath === undefined
    ? undefined
    : load(againstPath, JSON.parse, `no such file: ${againstPath} (write one with --save on the build to compare against)`);
if (against !== undefined && !isStates(against)) fail(`${againstPath} holds no states written by --save`);

const newTally = () => ({ n: 0, exact: 0, presence: 0, readerPresent: 0, falseAlarms: 0, readerNot: 0, falsePasses: 0, matrix: {} });
function count(t, expected, got) {
  t.n += 1;
  if (got === expected) t.exact += 1;
  if ((got === 'present') === (expected === 'present')) t.presence += 1;
  if (expected === 'present') {
    t.readerPresent += 1;
    if (got !== 'present') t.falseAlarms += 1;
  } else {
    t.readerNot += 1;
    if (got === 'present') t.falsePasses += 1;
  }
  t.matrix[`${expected}>${got}`] = (t.matrix[`${expected}>${got}`] ?? 0) + 1;
}

const splits = new Map(); // split → { overall, byItem, byLanguage, missing, docs }
const disagreements = [];
const states = {}; // "file item" → lint's state, for --save and --against
const changes = new Map(); // split → Map("item reader=x: a → b" → { count, files })
const UNLISTED = new Set(['dev', 'sealed']);
for (const doc of chosen) {
  const split = splitOf(doc);
  if (!splits.has(split)) splits.set(split, { overall: newTally(), byItem: new Map(), byLanguage: new Map(), missing: [], docs: 0, perDoc: [] });
  const s = splits.get(split);
  const text = readDoc(doc, folder, cache);
  if (text === undefined) {
    s.missing.push(doc.file);
    continue;
  }
  s.docs += 1;
  const result = lint(text, checklist);
  const language = doc.language ?? result.language;
  const own = newTally();
  s.perDoc.push(own);
  for (const id of itemIds) {
    const expected = doc.labels[id]?.verdict;
    if (!expected) continue;
    const got = result.checklist[id];
    for (const [map, key] of [[s.byItem, id], [s.byLanguage, language]]) {
      if (!map.has(key)) map.set(key, newTally());
      count(map.get(key), expected, got);
    }
    count(s.overall, expected, got);
    count(own, expected, got);
    const key = `${doc.file} ${id}`;
    states[key] = got;
    const before = against?.[key];
    if (before && before !== got) {
      if (!changes.has(split)) changes.set(split, new Map());
      const label = `${id} reader=${expected}: ${before} → ${got}`;
      const change = changes.get(split).get(label) ?? { count: 0, net: (got === expected) - (before === expected), files: [] };
      change.count += 1;
      change.files.push(doc.file);
      changes.get(split).set(label, change);
    }
    if (got !== expected && !UNLISTED.has(split)) {
      const report = result.items[id];
      const where = report?.line ? ` (line ${report.line}, via ${report.via})` : '';
      disagreements.push(`${doc.file}  ${id}: reader ${expected}, mlsd ${got}${where} — reader: ${doc.labels[id].evidence}`);
    }
  }
}

/**
 * A 95% interval for overall agreement, resampling whole documents (their items are not
 * independent): how far a figure on this many documents may sit from the same measure on others.
 * Seeded, so the same labels print the same interval.
 */
function interval(perDoc, key) {
  let seed = 12345;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rates = [];
  for (let r = 0; r < 2000; r++) {
    let hits = 0;
    let n = 0;
    for (let i = 0; i < perDoc.length; i++) {
      const doc = perDoc[Math.floor(random() * perDoc.length)];
      hits += doc[key];
      n += doc.n;
    }
    rates.push(n === 0 ? 0 : hits / n);
  }
  rates.sort((a, b) => a - b);
  return `${(100 * rates[50]).toFixed(1)}–${(100 * rates[1949]).toFixed(1)}%`;
}

const pct = (a, b) => (b === 0 ? '   n/a' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
const row = (name, t) =>
  `${name.padEnd(18)} ${String(t.n).padStart(4)}  ${pct(t.exact, t.n)}   ${pct(t.presence, t.n)}    ${pct(t.falseAlarms, t.readerPresent)}     ${pct(t.falsePasses, t.readerNot)}`;

/** Documents not found, or whose bytes are not the ones labelled: a few named, and where they are looked for. */
function missingNote(missing) {
  if (missing.length === 0) return '';
  const named = missing.length > 3 ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more` : missing.join(', ');
  return `, ${missing.length} not found or changed (${named}; read from ${folder} and the cache ${cache}, $MLSD_VERDICTS_CACHE: see the folder's README)`;
}

for (const [split, s] of splits) {
  console.log(`\n== ${split === 'all' ? 'all documents' : `${split} split`}: ${s.docs} documents${missingNote(s.missing)}`);
  console.log(`${''.padEnd(18)} ${'n'.padStart(4)}  3-state  present-vs-not  false alarms  false passes`);
  for (const [id, t] of s.byItem) console.log(row(id, t));
  for (const [lang, t] of s.byLanguage) console.log(row(`language ${lang}`, t));
  console.log(row('overall', s.overall));
  if (s.perDoc.length > 1) {
    console.log(`95% interval, documents resampled: 3-state ${interval(s.perDoc, 'exact')}, present-vs-not ${interval(s.perDoc, 'presence')}`);
  }
  console.log('\nconfusion (rows: reader, columns: mlsd)');
  console.log(`${''.padEnd(10)}${STATES.map((x) => x.padStart(9)).join('')}`);
  for (const expected of STATES) {
    console.log(`${expected.padEnd(10)}${STATES.map((got) => String(s.overall.matrix[`${expected}>${got}`] ?? 0).padStart(9)).join('')}`);
  }
  // Where each item's disagreements fall: weak read as absent is a different fix from present read as weak.
  const cells = STATES.flatMap((expected) => STATES.filter((got) => got !== expected).map((got) => `${expected}>${got}`));
  console.log('\ndisagreements per item (reader>mlsd)');
  console.log(`${''.padEnd(18)}${cells.map((c) => c.replace(/(\w)\w*>(\w)\w*/, '$1>$2').padStart(6)).join('')}`);
  for (const [id, t] of s.byItem) console.log(`${id.padEnd(18)}${cells.map((c) => String(t.matrix[c] ?? 0).padStart(6)).join('')}`);
}

// How often a second reader, by the same rules, agrees with the first.
if (readings) {
  const first = new Map(chosen.map((doc) => [doc.file, doc]));
  const bySplit = new Map();
  for (const reading of readings) {
    const doc = first.get(reading.file);
    if (!doc) continue;
    const split = splitOf(doc);
    if (!bySplit.has(split)) bySplit.set(split, { tally: newTally(), docs: 0 });
    const s = bySplit.get(split);
    s.docs += 1;
    for (const id of itemIds) {
      if (doc.labels[id] && reading.labels[id]) count(s.tally, doc.labels[id].verdict, reading.labels[id].verdict);
    }
  }
  if (bySplit.size > 0) console.log('\n== a second reader against the first (false alarms: first says present, second does not)');
  for (const [split, s] of bySplit) console.log(row(`${split} (${s.docs} docs)`, s.tally));
}

if (against) {
  // What a change fixed and broke, item by item: the overall figure alone hides a trade.
  console.log(`\n== changes against ${againstPath}`);
  for (const [split, byLabel] of changes) {
    let net = 0;
    for (const [label, change] of [...byLabel].sort()) {
      net += change.net * change.count;
      const where = UNLISTED.has(split) ? '' : ` (${change.files.join(', ')})`;
      console.log(`${split.padEnd(7)} ${label}  ${change.count}${where}`);
    }
    console.log(`${split.padEnd(7)} net: ${net >= 0 ? '+' : ''}${net} items agreeing with the reader`);
  }
  if (changes.size === 0) console.log('no item changed state');
}

if (!quiet) {
  const unlisted = [...splits.keys()].filter((split) => UNLISTED.has(split));
  console.log(`\n${disagreements.length} disagreements${unlisted.length ? ` (${unlisted.join(' and ')} documents not listed)` : ''}:`);
  for (const line of disagreements) console.log(`- ${line}`);
}

if (savePath !== undefined) {
  // Written last, so a path that cannot be written still leaves the report printed.
  try {
    writeFileSync(savePath, `${JSON.stringify(states, null, 1)}\n`);
  } catch (error) {
    if (!error.code) throw error;
    fail(`cannot write ${savePath} (${error.code})`);
  }
}
