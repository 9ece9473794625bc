import { WORD_CHAR, type TermMatcher } from '../checklist/terms.js';
import { remembered } from '../checklist/text-memo.js';
import type { FactSpec, QuantitySpec } from '../checklist/types.js';
import type { Block } from './outline.js';
import type { LineIndex } from './position.js';

/** One fact found in the text, with where it stands. */
export interface Fact {
  text: string;
  line: number;
  column: number;
  /** For choice facts: the option it names (e.g. serving mode "batch"). */
  value?: string;
  /** For quantities: the number as written, its unit, and the value in the base unit. */
  amount?: number;
  unit?: string;
  base?: number;
  /** For quantities: the percentile or aggregate it is tied to ("p99", "end-to-end"), if any. */
  percentile?: string;
  /** For a stage budget: the total, the stages' sum and the arithmetic, to show in the finding. */
  total?: number;
  sum?: number;
  arithmetic?: string;
}

// Not ';': a clause after it still speaks of the same thing. Not the dot of "e.g." or "т.е.".
// A bold label's colon ends one: "**Faithfulness**: is the answer grounded?" names a metric, then defines it.
// A question's parenthesis is still the question: "What are the business metrics? (CTR, revenue)".
// Each alternative reads its mark first and looks behind it after: a lookbehind ahead of the mark
// would run at every position of the text, five times slower (bench/README.md, "Tenth round").
const SENTENCE_END = /(?:[.!]|\?(?![ \t]+\())(?<!(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx|incl|resp|fig|[а-яё]\.[а-яё]|[а-яё]{1,2})[.!?])(?=\s)|:(?<=(?:\*\*|__):)(?=\s)|\n/giu;
/** No sentence is longer than this on either side of a match. */
const SENTENCE_WINDOW = 500;

/**
 * Offsets of the sentence ends in a text, found once per text: blocks are searched many times. With
 * them, each sentence as a string, cut once: every item's tests of a sentence find their answers
 * with it (text-memo.ts), and a string cut again would be hashed again.
 */
interface Sentences {
  ends: number[];
  cut: (string | undefined)[];
}
const sentencesOf = remembered((text: string): Sentences => {
  const ends: number[] = [];
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) ends.push(m.index);
  return { ends, cut: [] };
});

/**
 * The sentence of `text` that holds offset `at` (table rows and headings are one sentence).
 * A binary search over the sentence ends, so a long block with many matches stays linear-ish.
 */
export function sentenceAround(text: string, at: number): string {
  const { ends, cut } = sentencesOf(text);
  let lo = 0;
  let hi = ends.length; // first end >= at
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  // A "sentence" with no end in sight is cut to a window around the match: terms searched in it
  // per match would otherwise make a long unpunctuated block quadratic.
  const from = lo > 0 ? ends[lo - 1]! + 1 : 0;
  // The sentence keeps its closing mark: a question is guidance, not an answer.
  const to = lo < ends.length ? ends[lo]! + 1 : text.length;
  if (from >= at - SENTENCE_WINDOW && to <= at + SENTENCE_WINDOW) return (cut[lo] ??= text.slice(from, to));
  return text.slice(Math.max(from, at - SENTENCE_WINDOW), Math.min(to, at + SENTENCE_WINDOW));
}

// "**Response time**: < 2 s", "**Response time:** < 2 s" or "Latency: we measure TTFT. Target < 5 s.":
// the label a paragraph or list item opens with names what its sentences are about, as a heading does.
const LEAD_LABEL = /^\s*(?:\*\*|__)?([^\n:*_]{1,80}?)(?:(?:\*\*|__)?\s*:|\s*:(?:\*\*|__))(?=\s)/;
/** A block's opening label, read once per text: as written (`**Latency**:`), and its name (`Latency`); none is ''. */
const leadOf = remembered((text: string) => {
  const m = LEAD_LABEL.exec(text);
  return { written: m?.[0] ?? '', name: m?.[1] ?? '' };
});
const leadLabel = (text: string) => leadOf(text).name;

/**
 * What a match says: its sentence, and for a match in the label a block opens with ("**Overfitting**:"),
 * the sentence after the label too, which says what the label is about.
 */
export function sentenceOf(text: string, at: number): string {
  const sentence = sentenceAround(text, at);
  const label = leadOf(text).written;
  if (at >= label.length) return sentence;
  const next = label.length + (/\S/.exec(text.slice(label.length))?.index ?? 0);
  return next < text.length ? `${sentence} ${sentenceAround(text, next)}` : sentence;
}

/** A `near` term must stand in the same sentence, in the label the block opens with, or in the headings and table header around it. */
const isNear = (near: TermMatcher, block: Block, at: number) =>
  near.test(sentenceAround(block.text, at)) || near.test(block.context) || near.test(leadLabel(block.text));

/**
 * What a fact must stand in to count: a sentence that commits to something (no hedge, deferral,
 * negation or template guidance), and for a block outside the item's own sections, a sentence
 * about the item.
 */
export interface FactContext {
  notSubstance: TermMatcher;
  deferredSections: TermMatcher;
  /** Set for blocks outside the item's own sections: the sentence, or its headings, must match. */
  about?: TermMatcher;
  /** What the item is not (its mentionsExcept): a sentence about that, and not about the item, carries none of its facts. */
  other?: { except: TermMatcher; item: TermMatcher };
}

/**
 * Whether the sentence around a match can carry a fact of the item. `tied`: the fact is tied to the
 * item by a `near` condition of its own, so the sentence need not be about the item.
 */
function counts(context: FactContext | undefined, block: Block, at: number, tied: boolean): boolean {
  if (!context) return true;
  const sentence = sentenceAround(block.text, at);
  const label = leadOf(block.text).written;
  // A match in the label a block opens with says what the sentence after the label says: "**Metric**: which one?" is a question.
  const said = at < label.length ? sentenceOf(block.text, at) : sentence;
  if (context.notSubstance.test(said) || context.deferredSections.test(block.context)) return false;
  // A label frames its block as a heading does: "**Not intended for**: real-time use", "**Future**: an API".
  if (label && (context.notSubstance.test(label) || context.deferredSections.test(label))) return false;
  // The label frames it too: "**Latency**: alert if p99 > 120 ms" is about latency, though its sentence never says so.
  if (context.other && !context.other.item.test(sentence) && (context.other.except.test(sentence) || (label !== '' && context.other.except.test(label)))) return false;
  return tied || !context.about || context.about.test(sentence) || context.about.test(block.context);
}

/** A match that starts inside one of its `unless` phrases ("real-time prediction latency monitoring") states no fact. */
const isExcepted = (unless: TermMatcher | undefined, block: Block, at: number) =>
  unless !== undefined && unless.find(block.text).some((u) => u.index <= at && at < u.index + u.text.length);

/** Whether a terms or choice match states a fact: near its condition, outside its `unless` phrases, in a sentence that counts. */
const matchCounts = (spec: { near?: TermMatcher; unless?: TermMatcher }, context: FactContext | undefined, block: Block, at: number, tied: boolean) =>
  (!spec.near || isNear(spec.near, block, at)) && !isExcepted(spec.unless, block, at) && counts(context, block, at, tied);

/** A fact with a `near` condition of its own (every quantity has one) is tied to the item by it. */
const isTied = (spec: FactSpec) => spec.kind === 'quantity' || ('near' in spec && spec.near !== undefined);

const quantityRegexes = new WeakMap<object, RegExp>();

function quantityRegex(units: Record<string, number>): RegExp {
  let regex = quantityRegexes.get(units);
  if (!regex) {
    const names = Object.keys(units)
      .sort((a, b) => b.length - a.length)
      .map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // Thousands with commas ("1,500 ms"), or a decimal point or comma ("0.5 s", "0,5 с").
    const number = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?`;
    const spelled = names.filter((u) => u.length > 3).join('|'); // "a minute", never "a s"
    regex = new RegExp(
      String.raw`(?<![\w\u00C0-\u024F.,])(?:(${number})(?:\s|-)?(${names.join('|')})|([Aa]n?|[Oo]ne)\s(${spelled}))(?!${WORD_CHAR})`,
      'g',
    );
    quantityRegexes.set(units, regex);
  }
  return regex;
}

const THOUSANDS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const parseNumber = (s: string) => (/^(?:an?|one)$/i.test(s) ? 1 : Number(THOUSANDS.test(s) ? s.replace(/,/g, '') : s.replace(',', '.')));

/** A prose-only fact reads no code block: a keyword there (`return`) states nothing. */
const readsBlock = (spec: FactSpec, block: Block) => !(spec.prose && block.kind === 'code');

/** Extract one fact from the blocks in an item's scope. */
export function extractFact(spec: FactSpec, blocks: readonly Block[], lines: LineIndex, given?: FactContext): Fact[] {
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const add = (fact: Fact, key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    facts.push(fact);
  };
  const at = (block: Block, index: number) => lines.point(block.offset + index);
  const tied = isTied(spec);
  const context = given;

  const read = spec.prose ? blocks.filter((b) => readsBlock(spec, b)) : blocks;
  for (const block of read) {
    switch (spec.kind) {
      case 'terms':
        for (const m of spec.terms.find(block.text)) {
          if (!matchCounts(spec, context, block, m.index, tied)) continue;
          add({ text: m.text, ...at(block, m.index) }, m.text.toLowerCase());
        }
        break;
      case 'choice':
        for (const option of spec.options) {
          for (const m of option.terms.find(block.text)) {
            if (!matchCounts(spec, context, block, m.index, tied)) continue;
            add({ text: m.text, value: option.value, ...at(block, m.index) }, option.value);
          }
        }
        break;
      case 'quantity':
        for (const q of quantities(spec, block, lines)) {
          if (counts(context, block, q.index, tied)) add(q.fact, `${q.fact.line}:${q.fact.column}`);
        }
        break;
      case 'tasks':
        if (block.listItem?.checked === false && !spec.reason.test(block.text.replace(/^\s*[-*+]\s*\[ \]\s*/, ''))) {
          add({ text: block.text.split('\n')[0]!.trim(), ...at(block, 0) }, String(block.offset));
        }
        break;
      case 'stages':
        break; // whole-scope arithmetic, below
    }
  }
  if (spec.kind === 'stages') {
    const budget = stageBudget(spec.quantity, spec.total, read, lines);
    if (budget) facts.push(budget);
  }
  return facts;
}

/**
 * Whether a block states at least one fact of a kind: what `extractFact` on the block alone finds
 * something for, answered at the first fact that counts. Most blocks state none, and this is asked of
 * every block for every item, so it builds nothing a block without a fact does not need.
 */
export function hasFact(spec: FactSpec, block: Block, lines: LineIndex, context?: FactContext): boolean {
  if (!readsBlock(spec, block)) return false;
  const tied = isTied(spec);
  switch (spec.kind) {
    case 'terms':
      if (!spec.near && !context && !spec.unless) return spec.terms.test(block.text);
      for (const m of spec.terms.find(block.text)) {
        if (matchCounts(spec, context, block, m.index, tied)) return true;
      }
      return false;
    case 'choice':
      for (const option of spec.options) {
        for (const m of option.terms.find(block.text)) {
          if (matchCounts(spec, context, block, m.index, tied)) return true;
        }
      }
      return false;
    case 'quantity':
      for (const m of quantityMatches(spec, block.text)) {
        if (readsAsLatency(spec, block, m) && counts(context, block, m.index, tied)) return true;
      }
      return false;
    default:
      return extractFact(spec, [block], lines, context).length > 0;
  }
}

/**
 * Read a front matter value as a fact of the same kind the body states ("150ms" as a latency), so
 * the schema can compare the two. Only quantities are read this way; other kinds need no reading.
 */
export function readDeclared(spec: FactSpec, value: unknown, at: { line: number; column: number }): Fact | undefined {
  if (spec.kind !== 'quantity' || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
  const text = typeof value === 'number' ? `${value} ms` : value;
  const m = quantityRegex(spec.units).exec(text);
  quantityRegex(spec.units).lastIndex = 0;
  if (!m) return undefined;
  const amount = parseNumber(m[1] ?? m[3]!);
  const unit = (m[2] ?? m[4])!;
  return { text: m[0], amount, unit, base: amount * spec.units[unit]!, ...at };
}

/** Names a time in base units (ms) can be shown in, largest first. */
const SHOWN_UNITS: readonly (readonly [number, string])[] = [
  [60_000, 'min'],
  [1000, 's'],
  [1, 'ms'],
  [0.001, 'µs'],
];

/**
 * How to show the amounts of a stage budget: in the smallest unit the doc wrote them in (or the
 * largest of ours below it), so "50 минут, 40 минут" reads "40 min + 30 min", not milliseconds.
 */
function shownIn(spec: QuantitySpec, facts: readonly Fact[]): (ms: number) => string {
  const smallest = Math.min(...facts.map((f) => spec.units[f.unit!] ?? 1));
  const [size, name] = SHOWN_UNITS.find(([s]) => s <= smallest) ?? SHOWN_UNITS.at(-1)!;
  return (ms) => `${Number((ms / size).toFixed(3))} ${name}`;
}

/**
 * A per-stage budget: stages are table rows or list items that each carry one quantity, or the
 * clauses of a prose list ("feature fetch 60 ms, scoring 50 ms"); the total is a stage named like a
 * total, else the largest quantity stated in the prose around them, but not one a prose list's own
 * sentence gives untied to a percentile or a total: that is a stage the list did not make out
 * ("must fit in 2 hours — feature export 50 minutes, scoring 40 minutes", hours unread), not the total.
 */
function stageBudget(spec: QuantitySpec, totalTerms: TermMatcher, blocks: readonly Block[], lines: LineIndex): Fact | undefined {
  const stages: { name: string; fact: Fact }[] = [];
  const proseListed: { name: string; fact: Fact }[] = [];
  let total: Fact | undefined;
  let largestProse: Fact | undefined;
  const addStage = (name: string, fact: Fact) => {
    if (totalTerms.test(name)) total ??= fact;
    else stages.push({ name, fact });
  };
  for (const block of blocks) {
    const found = quantities(spec, block, lines);
    if (found.length === 0) continue;
    const stageLike = (block.kind === 'row' && !block.text.includes('---')) || block.listItem !== undefined;
    if (stageLike) {
      addStage(block.text.replace(/^[\s|*+-]*/, '').split(/[|:]|\s[–—-]\s/)[0]!.trim(), found[0]!.fact);
      continue;
    }
    const { listed, unplaced } = proseStages(spec, totalTerms, block.text, found);
    proseListed.push(...listed);
    const notTotal = new Set([...listed, ...unplaced].map((x) => x.fact));
    for (const { fact } of found) if (!notTotal.has(fact) && (!largestProse || fact.base! > largestProse.base!)) largestProse = fact;
  }
  // A table or list of stages is the breakdown; prose beside it comments on it.
  if (stages.length < 2) for (const { name, fact } of proseListed) addStage(name, fact);
  total ??= largestProse;
  if (!total || stages.length < 2) return undefined;
  const sum = stages.reduce((s, x) => s + x.fact.base!, 0);
  const shown = shownIn(spec, [total, ...stages.map((x) => x.fact)]);
  const arithmetic = `${stages.map((x) => shown(x.fact.base!)).join(' + ')} = ${shown(sum)} ${sum > total.base! ? '>' : '≤'} ${shown(total.base!)} total`;
  return { text: total.text, line: total.line, column: total.column, total: total.base!, sum, arithmetic };
}

/** Clause separators of a prose list: semicolons, colons and commas (not the comma in "1,000"). */
const CLAUSE = /[;:]|,\s/g;
const SENTENCE = /[.!?](?=\s)|\n/g;

/**
 * The stages of prose lists: within one sentence, two or more clauses that each name something and
 * give one latency not tied to a percentile ("feature fetch 60 ms, scoring 50 ms"). A clause like
 * "p99 ≤ 150 ms" is the total the list is measured against, not a stage. `unplaced`: the other
 * quantities of a list's sentence, in no clause tied to a percentile or a total.
 */
function proseStages(spec: QuantitySpec, totalTerms: TermMatcher, text: string, found: readonly QuantityMatch[]) {
  const stages: { name: string; fact: Fact }[] = [];
  const unplaced: { fact: Fact }[] = [];
  if (found.length < 2) return { listed: stages, unplaced };
  const cuts = (regex: RegExp) => [...text.matchAll(regex)].map((m) => m.index ?? 0);
  const sentenceEnds = [...cuts(SENTENCE), text.length];
  const clauseEnds = [...cuts(CLAUSE), text.length];
  let sentenceStart = 0;
  for (const sentenceEnd of sentenceEnds) {
    const listed: { name: string; fact: Fact }[] = [];
    const others: { fact: Fact }[] = [];
    let clauseStart = sentenceStart;
    for (const clauseEnd of clauseEnds.filter((c) => c > sentenceStart && c <= sentenceEnd).concat(sentenceEnd)) {
      if (clauseEnd <= clauseStart) continue;
      const inClause = found.filter((q) => q.index >= clauseStart && q.index < clauseEnd);
      const clause = text.slice(clauseStart, clauseEnd);
      const q = inClause[0];
      const name = q ? text.slice(clauseStart, q.index).replace(/[*_`(]+/g, ' ').replace(/\s+/g, ' ').trim() : '';
      // "scoring 50 ms" or "scoring (50 ms)": a name, then the quantity closing the clause.
      const closes = q !== undefined && /^[\s)*_.!?]*$/.test(text.slice(q.index + q.fact.text.length, clauseEnd));
      const tied = spec.percentiles?.test(clause) === true || totalTerms.test(clause);
      if (inClause.length === 1 && closes && name !== '' && name.split(' ').length <= 6 && !spec.percentiles?.test(clause)) listed.push({ name, fact: q.fact });
      else if (!tied) others.push(...inClause.map((x) => ({ fact: x.fact })));
      clauseStart = clauseEnd + 1;
    }
    if (listed.length >= 2) {
      stages.push(...listed);
      unplaced.push(...others);
    }
    sentenceStart = sentenceEnd + 1;
  }
  return { listed: stages, unplaced };
}

interface QuantityMatch {
  /** Offset of the quantity in the block's text. */
  index: number;
  fact: Fact;
}

/** Every time quantity in a text, found before any is read (the search's regex is shared). */
function quantityMatches(spec: QuantitySpec, text: string): RegExpExecArray[] {
  const regex = quantityRegex(spec.units);
  const found: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) found.push(m);
  regex.lastIndex = 0;
  return found;
}

/** Whether a quantity reads as a latency: near a latency word, not a pipeline's run time, not tentative. */
function readsAsLatency(spec: QuantitySpec, block: Block, m: RegExpExecArray): boolean {
  const sentence = sentenceAround(block.text, m.index);
  const tentative = /^\s*\?/.test(block.text.slice(m.index + m[0].length));
  return !tentative && !spec.unless?.test(sentence) && isNear(spec.near, block, m.index);
}

/** Time quantities in a block that read as a latency. */
function quantities(spec: QuantitySpec, block: Block, lines: LineIndex): QuantityMatch[] {
  const found: QuantityMatch[] = [];
  for (const m of quantityMatches(spec, block.text)) {
    if (!readsAsLatency(spec, block, m)) continue;
    const index = m.index;
    const sentence = sentenceAround(block.text, index);
    const amount = parseNumber(m[1] ?? m[3]!);
    const unit = (m[2] ?? m[4])!;
    const framing = block.kind === 'row' ? `${sentence}\n${block.context.split('\n').at(-1) ?? ''}` : sentence;
    const percentile = spec.percentiles?.find(framing)[0]?.text;
    const fact = { text: m[0], amount, unit, base: amount * spec.units[unit]!, ...(percentile ? { percentile } : {}), ...lines.point(block.offset + index) };
    found.push({ fact, index });
  }
  return found;
}
