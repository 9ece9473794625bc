#!/usr/bin/env node
// Which of a checklist item's terms earn their place: HELP below says what it prints and how it is
// called. A mistake in the call or in the files it reads ends it with one line and exit 2.
import { join } from 'node:path';
import { compileChecklist, defaultChecklist, readDefaultSchema } from '../dist/checklist/load.js';
import { compileTerms } from '../dist/checklist/terms.js';
import { lint } from '../dist/lint/index.js';
import { cacheFolder, fail, parseCall, readDoc, splitOf, usageError, verdicts } from './verdict-corpus.js';

const HELP = `Usage: npm run ablate -- <folder> <item> [options]

Which of a checklist item's terms earn their place. For each term in the item's lists (mentions,
head words, hints, each fact's terms; not its heading aliases), lints the documents of
<folder>/labels.yaml without that term and prints how many of the item's verdicts then agree with
the reader's, against the whole list, per split. Only terms whose removal moves a verdict are
listed, those whose removal helps dev most first.

A term whose removal makes tune worse and leaves dev even was fitted to the documents it was read
from; one whose removal makes dev better is a candidate to narrow or drop, to be judged by what the
reader's rules say, as any change is. Sealed documents are never read: they are only measured, by
npm run eval.

Options:
  --split NAME    tune or dev only; default both
  -h, --help      print this help

Exit status: 0 when measured, 2 for a mistake in the call or in the files it reads.

Example:
  npm run ablate -- bench/verdicts labels
`;

const SPLITS = ['tune', 'dev'];
const { values, positionals } = parseCall({ split: { type: 'string' } }, HELP);
const checklist = defaultChecklist();
const itemIds = checklist.items.map((item) => item.id);
if (positionals.length !== 2) usageError(`give the folder holding labels.yaml and one checklist item (${itemIds.join(', ')})`);
const [folder, itemId] = positionals;
if (!itemIds.includes(itemId)) usageError(`no checklist item ${itemId} (items: ${itemIds.join(', ')})`);
const splits = values.split === undefined ? SPLITS : [values.split];
if (!SPLITS.includes(splits[0])) usageError(`split ${values.split}: only ${SPLITS.join(' and ')} are read here; sealed documents are only measured, by npm run eval`);

const cache = cacheFolder();
const chosen = verdicts(join(folder, 'labels.yaml'), 'documents', itemIds).filter((doc) => splits.includes(splitOf(doc)) && doc.labels[itemId]);
const docs = [];
let missing = 0;
for (const doc of chosen) {
  const text = readDoc(doc, folder, cache);
  if (text === undefined) missing += 1;
  else docs.push({ split: splitOf(doc), expected: doc.labels[itemId].verdict, text });
}
if (docs.length === 0) fail(`no ${splits.join(' or ')} document of ${join(folder, 'labels.yaml')} could be read (from ${folder} and the cache ${cache})`);

/** Items agreeing with the reader per split, when lint judges by `judge`; `fullStates` for the documents it skips. */
function agreement(judge, fullStates, skip = () => false) {
  const agree = Object.fromEntries(splits.map((split) => [split, 0]));
  const states = docs.map((doc, i) => (skip(doc) ? fullStates[i] : lint(doc.text, judge).checklist[itemId]));
  docs.forEach((doc, i) => (agree[doc.split] += states[i] === doc.expected));
  return { agree, states };
}

/** Every term list of the item: its path under `mlsd` and the terms. Aliases match headings, not text; notAbout names items. */
function termLists(mlsd) {
  const lists = [];
  const walk = (value, path) => {
    if (Array.isArray(value)) {
      if (value.every((term) => typeof term === 'string')) lists.push({ path, terms: value });
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
    }
  };
  for (const [key, value] of Object.entries(mlsd)) if (key !== 'aliases' && key !== 'notAbout') walk(value, [key]);
  return lists;
}

const schema = readDefaultSchema();
const mlsdOf = (s) => s.properties.items.properties[itemId].mlsd;
const lists = termLists(mlsdOf(schema));
const total = lists.reduce((n, list) => n + list.terms.length, 0);
const full = agreement(checklist, []);
const counts = (split) => `${split} ${docs.filter((d) => d.split === split).length} docs (${full.agree[split]} agree)`;
console.log(`${itemId}: ${total} terms; ${splits.map(counts).join(', ')}${missing ? `; ${missing} documents not found or changed` : ''}`);

// Progress on a terminal only: the run takes minutes, and a log needs none of it.
const progress = process.stderr.isTTY ? (done) => process.stderr.write(`\r${done}/${total} terms`) : () => {};
const moved = [];
let done = 0;
for (const { path, terms } of lists) {
  for (const [index, term] of terms.entries()) {
    progress(done++);
    const without = structuredClone(schema);
    path.reduce((value, key) => value[key], mlsdOf(without)).splice(index, 1);
    let judge;
    try {
      // The validator checks an item's model, which term lists do not shape: compiled once, not per term.
      judge = compileChecklist(without, checklist.validate);
    } catch (error) {
      moved.push({ where: `${path.join('.')}[${index}]`, term, note: `cannot be removed: ${error.message}` });
      continue;
    }
    // Only a document the term matches somewhere can change state without it.
    const alone = compileTerms([term]);
    const { agree } = agreement(judge, full.states, (doc) => alone.find(doc.text).length === 0);
    const delta = Object.fromEntries(splits.map((split) => [split, agree[split] - full.agree[split]]));
    if (splits.some((split) => delta[split] !== 0)) moved.push({ where: `${path.join('.')}[${index}]`, term, delta });
  }
}
if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

const signed = (n) => (n > 0 ? `+${n}` : String(n));
// Dev first: it holds documents nobody tuned on.
const order = [...splits].reverse();
const gain = (entry, split) => entry.delta?.[split] ?? -Infinity;
moved.sort((a, b) => order.reduce((by, split) => by || gain(b, split) - gain(a, split), 0));
console.log(`\nwithout the term: items agreeing with the reader, against the whole list\n${splits.map((s) => s.padStart(5)).join('')}  list and term`);
for (const entry of moved) {
  const cells = entry.delta ? splits.map((split) => signed(entry.delta[split]).padStart(5)).join('') : ''.padStart(5 * splits.length);
  console.log(`${cells}  ${entry.where}  ${entry.term}${entry.note ? `  (${entry.note})` : ''}`);
}
console.log(`\n${total - moved.length} of ${total} terms moved no verdict of these documents when removed`);
