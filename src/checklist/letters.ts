/**
 * Letters and digits as Unicode defines them (`\p{L}`, `\p{N}`), read code unit by code unit from a
 * table instead of by a regular expression. Counting words and stop words asks this of every
 * character of every document: a `u`-flag pattern's lookbehind or property class at each position
 * took longer (bench/README.md, "Twelfth round"). The loops read the table themselves: with mlsd's
 * inlining budget (src/runtime/v8-flags.ts) a helper called per character would stay a call.
 */

const LETTER = 1;
const NUMBER = 2;
/** A surrogate: the code point is read from it and the one after it. */
const SURROGATE = 4;

const isLetter = /^\p{L}$/u;
const isNumber = /^\p{N}$/u;
const kindOf = (char: string) => (isLetter.test(char) ? LETTER : isNumber.test(char) ? NUMBER : 0);

/** Each code unit's kind, filled a block of 256 at a time as documents use them (most use a few). */
const kinds = new Uint8Array(0x10000);
const filled = new Uint8Array(0x100);

function fill(block: number): void {
  for (let unit = block << 8, end = unit + 0x100; unit < end; unit++) {
    kinds[unit] = unit >= 0xd800 && unit <= 0xdfff ? SURROGATE : kindOf(String.fromCharCode(unit));
  }
  filled[block] = 1;
}

/** The kind of the code point at a surrogate, and its width: `kind | width << 3`. A lone surrogate is neither letter nor digit. */
function astral(text: string, at: number): number {
  const point = text.codePointAt(at)!;
  return point > 0xffff ? kindOf(String.fromCodePoint(point)) | (2 << 3) : 1 << 3;
}

/** The kind of the code point at `at` and its width in code units: `kind | width << 3`. */
const read = (text: string, at: number): number => {
  const unit = text.charCodeAt(at);
  if (filled[unit >> 8] === 0) fill(unit >> 8);
  const kind = kinds[unit]!;
  return kind === SURROGATE ? astral(text, at) : kind | (1 << 3);
};

/**
 * How many whole runs of letters in a text each set holds: for each set, what
 * `(?<!\p{L})(?:w1|w2|…)(?!\p{L})` counts when its words are letters only (a match is then a run
 * that the code points either side of do not extend). `longest`: the longest word's length, so
 * longer runs are not cut out to be looked up.
 */
export function countListedRuns(text: string, sets: readonly ReadonlySet<string>[], longest: number): number[] {
  const counts = sets.map(() => 0);
  const length = text.length;
  let at = 0;
  while (at < length) {
    let unit = text.charCodeAt(at);
    if (filled[unit >> 8] === 0) fill(unit >> 8);
    let kind = kinds[unit]!;
    let width = 1;
    if (kind === SURROGATE) {
      const both = astral(text, at);
      kind = both & 7;
      width = both >> 3;
    }
    if ((kind & LETTER) === 0) {
      at += width;
      continue;
    }
    const start = at;
    for (;;) {
      at += width;
      if (at >= length) break;
      unit = text.charCodeAt(at);
      if (filled[unit >> 8] === 0) fill(unit >> 8);
      kind = kinds[unit]!;
      width = 1;
      if (kind === SURROGATE) {
        const both = astral(text, at);
        kind = both & 7;
        width = both >> 3;
      }
      if ((kind & LETTER) === 0) break;
    }
    if (at - start > longest) continue;
    const run = text.slice(start, at);
    for (let i = 0; i < sets.length; i++) if (sets[i]!.has(run)) counts[i]!++;
  }
  return counts;
}

/** What may join two runs of letters and digits into one word: "don't", "co-op", "3.5". */
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
const DOT = 46;
const HYPHEN = 45;

/**
 * How many words a text holds: runs of letters or digits, with runs joined by one of `' ’ . -`
 * counted as one word. The same count as matching `/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*\/gu`.
 */
export function countWords(text: string): number {
  const length = text.length;
  let words = 0;
  let inWord = false;
  let at = 0;
  while (at < length) {
    const unit = text.charCodeAt(at);
    if (filled[unit >> 8] === 0) fill(unit >> 8);
    let kind = kinds[unit]!;
    let width = 1;
    if (kind === SURROGATE) {
      const both = astral(text, at);
      kind = both & 7;
      width = both >> 3;
    }
    if (kind !== 0) {
      if (!inWord) words++;
      inWord = true;
    } else if (inWord && (unit === APOSTROPHE || unit === RIGHT_QUOTE || unit === DOT || unit === HYPHEN) && at + 1 < length && (read(text, at + 1) & 7) !== 0) {
      // A joiner between two runs: the word goes on.
    } else inWord = false;
    at += width;
  }
  return words;
}

/** `text` as a regular expression that matches just that text ("c++", "z.B."). */
export const literalPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
