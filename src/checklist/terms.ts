/**
 * Term lists are data in the checklist schema: regular-expression fragments matched on word
 * boundaries. A term with no lower-case letter and two or more capitals is an acronym (AUC, TODO)
 * and matched case-sensitively, so "map" or "ks" in prose do not count; every other term ignores case,
 * unless it starts with `(?-i)`, which makes the whole term match only as written: `(?-i)mAP` is the
 * metric, never the verb "Map".
 *
 * Terms compose: `A ~N B` matches A, then B within N words of the same sentence, so a checklist can
 * say "a mode word near a serving noun" once instead of listing every phrase that joins them.
 */

import { builtPatterns } from './term-patterns-file.js';
import { answersOf, newSlot, type Answers } from './text-memo.js';

export interface TermMatch {
  /** The text that matched, as written in the document. */
  text: string;
  /** Offset of the match in the searched string. */
  index: number;
}

export interface TermMatcher {
  /** The terms it was compiled from. */
  readonly terms: readonly string[];
  /** The matches in document order; shared by every caller that asks about the same text. */
  find(text: string): readonly TermMatch[];
  test(text: string): boolean;
}

/**
 * Word characters for the boundaries: ASCII and Latin letters. Plain character classes rather than
 * Unicode property escapes: with the `u` and `i` flags V8 takes far longer to compile these large
 * alternations, and compiling is a large part of a one-file lint (bench/README.md, "Measurements
 * behind the code").
 */
export const WORD_CHAR = '[\\w\\u00C0-\\u024F\\u0400-\\u04FF]';

const isAcronym = (term: string) => !/\p{Ll}/u.test(term) && (term.match(/\p{Lu}/gu)?.length ?? 0) >= 2;

/** What makes a term match only as written: Perl's flag that turns case-insensitivity off, written first. */
const AS_WRITTEN = '(?-i)';

/** A term's pattern, without the `(?-i)` a term matched as written starts with, and whether it is matched as written. */
export function termCase(term: string): { pattern: string; asWritten: boolean } {
  const trimmed = term.trim();
  const asWritten = trimmed.startsWith(AS_WRITTEN);
  const pattern = asWritten ? trimmed.slice(AS_WRITTEN.length).trim() : trimmed;
  return { pattern, asWritten: asWritten || isAcronym(pattern) };
}

/**
 * Visit a pattern's syntax characters (outside escapes and character classes) with the group depth
 * after each; stop when `visit` returns true.
 */
function scanSyntax(source: string, visit: (char: string, index: number, depth: number) => boolean | void): void {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      if (visit(c, i, depth)) return;
    }
  }
}

/** Split a pattern at its top-level `|` (outside groups and character classes). */
export function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let start = 0;
  scanSyntax(source, (c, i, depth) => {
    if (c !== '|' || depth !== 0) return;
    parts.push(source.slice(start, i));
    start = i + 1;
  });
  parts.push(source.slice(start));
  return parts;
}

/** The length of the group opening at `source[0]`, parentheses included; -1 if it never closes. */
export function groupLength(source: string): number {
  let length = -1;
  scanSyntax(source, (c, i, depth) => {
    if (c === ')' && depth === 0) length = i + 1;
    return length !== -1;
  });
  return length;
}

/**
 * Whether every match of the pattern surely begins with an ASCII word character: a letter, digit or
 * `\w`, or a non-capturing group whose alternatives all do; an optional one (`n?DCG`) only when
 * what follows does too. Conservative: a pattern it cannot read may start with punctuation.
 */
export function startsWithWordChar(source: string): boolean {
  // Most terms are a plain word: a letter not made optional by what follows, and no alternation.
  if (/^[A-Za-z0-9_](?![?*{])/.test(source) && !source.includes('|')) return true;
  return topLevelAlternatives(source).every((alt) => {
    let atom: number;
    let inner: string | undefined;
    if (/^[A-Za-z0-9_]/.test(alt)) atom = 1;
    else if (/^\\[wd]/.test(alt)) atom = 2;
    else if (alt.startsWith('(?:')) {
      atom = groupLength(alt);
      if (atom < 0) return false;
      inner = alt.slice(3, atom - 1);
    } else return false;
    if (inner !== undefined && !startsWithWordChar(inner)) return false;
    const optional = /^(?:[?*]|\{0(?:,\d*)?\})\??/.exec(alt.slice(atom));
    // A skippable atom: the match may start with whatever comes after it.
    return !optional || startsWithWordChar(alt.slice(atom + optional[0].length));
  });
}

/** Space, or Markdown's emphasis and code marks ("by **radiologists**", "`y = 1` if"). */
const MARKS_OR_SPACE = '[\\s*_`]';
/** Between two words of a term. */
const GAP = `(?:${MARKS_OR_SPACE}+)`;

/**
 * A pattern whose spaces also step over emphasis and code marks: a literal space, and a `\s*` or
 * `\s+` outside character classes ("**Target variable**: `y`" is "target variable: y").
 */
function markupTolerant(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const escaped = source.slice(i, i + 2);
      if (!inClass && escaped === '\\s' && (source[i + 2] === '*' || source[i + 2] === '+')) {
        out += MARKS_OR_SPACE + source[i + 2]!;
        i += 2;
      } else {
        out += escaped;
        i++;
      }
    } else if (inClass) {
      inClass = c !== ']';
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else out += c === ' ' ? GAP : c;
  }
  return out;
}

/** What may stand between the words of a window besides space: punctuation inside a sentence, marks, quotes, brackets. */
const WINDOW_MARKS = ',;:*_`«»“”"()[\\]';
const BETWEEN_WORDS = `[\\s${WINDOW_MARKS}]`;
/** A word of a window: none of those, nor a sentence end, so a window reads one way only (no backtracking). */
const WINDOW_WORD = `[^\\s${WINDOW_MARKS}.!?]+`;

/** `A ~N B`: the parts of a composed term, and the word windows between them. */
const WINDOW = /\s+~(\d{1,2})\s+/;

/**
 * Expand `A ~N B` into a regular expression: up to N words between the parts, none of them ending a
 * sentence, so the parts speak of the same thing. Every part's spaces step over Markdown marks.
 */
export function expandWindows(term: string): string {
  const parts = term.split(WINDOW);
  if (parts.length === 1) return markupTolerant(term);
  let source = `(?:${markupTolerant(parts[0]!)})`;
  for (let i = 1; i < parts.length; i += 2) {
    source += `(?:${BETWEEN_WORDS}+${WINDOW_WORD}){0,${parts[i]}}?${BETWEEN_WORDS}+(?:${markupTolerant(parts[i + 1]!)})`;
  }
  return source;
}

/** One regular expression of a term list: its source and flags, and whether it searches the lower-cased text. */
export interface TermPattern {
  source: string;
  flags: string;
  lower: boolean;
}

function alternation(terms: string[], lower: boolean, boundary: boolean): TermPattern | undefined {
  if (terms.length === 0) return undefined;
  // Longest first, so "near-real-time" wins over "real-time" at the same place.
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  // When every term starts with a word character, a leading `\b` is implied by the lookbehind and
  // lets V8 skip most positions cheaply: the same matches, faster on prose.
  return { source: `${boundary ? '\\b' : ''}(?<!${WORD_CHAR})(?:${sorted.join('|')})(?!${WORD_CHAR})`, flags: 'g', lower };
}

/** A pattern with its letters lower-cased, escapes (`\\S`, `\\W`, `\\u04FF`) left as they are. */
const lowerPattern = (source: string) => source.replace(/\\.|[^\\]+/g, (part) => (part[0] === '\\' ? part : part.toLowerCase()));

/** The lower-cased text, remembered with the text: every matcher searches the same blocks and sentences. */
const LOWER = newSlot();
const lowerOf = (text: string, answers: Answers) => {
  let low = answers[LOWER] as string | undefined;
  if (low === undefined) answers[LOWER] = low = text.toLowerCase();
  return low;
};

/** What a matcher knows of a text: nothing yet, whether it matches, or its matches. */
type Known = undefined | boolean | readonly TermMatch[];

/** The matches of a text a test found nothing in. */
const NO_MATCHES: readonly TermMatch[] = [];

/**
 * The regular expressions a term list is searched with. Terms that start with a word character get
 * the fast leading `\b`; the few that cannot (a question's `^`, a bracket) are kept apart so they
 * do not slow the rest down. Case is ignored by matching lower-cased patterns against lower-cased
 * text: V8 compiles such patterns faster than with the `i` flag (bench/README.md, "Measurements
 * behind the code").
 */
export function termPatterns(terms: readonly string[]): TermPattern[] {
  // A composed term starts where its first part does.
  const expanded = terms
    .map(termCase)
    .map(({ pattern, asWritten }) => ({ asWritten, source: expandWindows(pattern), wordStart: startsWithWordChar(pattern.split(WINDOW, 1)[0]!) }));
  const group = (asWritten: boolean, wordStart: boolean) =>
    expanded.filter((t) => t.asWritten === asWritten && t.wordStart === wordStart).map((t) => (asWritten ? t.source : lowerPattern(t.source)));
  return [alternation(group(true, true), false, true), alternation(group(true, false), false, false), alternation(group(false, true), true, true), alternation(group(false, false), true, false)].filter(
    (p): p is TermPattern => p !== undefined,
  );
}

export function compileTerms(terms: readonly string[]): TermMatcher {
  // The bundles carry the built-in lists' patterns, made by the build: building them took a
  // one-file lint several milliseconds (term-patterns-file.ts).
  const build = () =>
    (builtPatterns()?.[JSON.stringify(terms)] ?? termPatterns(terms)).map(({ source, flags, lower }) => ({ regex: new RegExp(source, flags), lower }));
  // Built on first use: a document that never needs a list (another language's, an item it lacks)
  // does not pay for it. A team's patterns are checked when its config is read (validateTerms).
  // The same sentences and headings are searched for every item, and again after each edit: what
  // the matcher knows of a text (whether it matches, or its matches) is kept with the text, in the
  // matcher's slot (text-memo.ts), taken on first use too.
  let searches: { regex: RegExp; lower: boolean }[] | undefined;
  let KNOWN = -1;
  const ready = () => {
    if (searches === undefined) {
      searches = build();
      KNOWN = newSlot();
    }
    return searches;
  };
  // Lower-casing keeps every offset except for a few letters (İ); such a text is searched as written.
  const subject = (text: string, answers: Answers, lower: boolean) => {
    if (!lower) return text;
    const low = lowerOf(text, answers);
    return low.length === text.length ? low : text;
  };
  // `test` runs the same global regex as `find`, from the start: a copy without the `g` flag would be
  // compiled again, and compiling the large lists costs more than running them.
  const test = (text: string, answers: Answers) => {
    for (const { regex, lower } of ready()) {
      regex.lastIndex = 0;
      if (regex.test(subject(text, answers, lower))) return true;
    }
    return false;
  };
  const find = (text: string, answers: Answers): readonly TermMatch[] => {
    const searches = ready();
    const matches: TermMatch[] = [];
    for (const { regex, lower } of searches) {
      const searched = subject(text, answers, lower);
      regex.lastIndex = 0;
      for (let m = regex.exec(searched); m !== null; m = regex.exec(searched)) {
        if (m[0] === '') regex.lastIndex++; // a team term that can match nothing must not stall
        matches.push({ text: text.slice(m.index, m.index + m[0].length), index: m.index });
      }
    }
    // Several lists' matches interleave; one list's come in order already.
    return searches.length > 1 && matches.length > 1 ? matches.sort((a, b) => a.index - b.index) : matches;
  };

  // A test's no is the matches' none, and known matches answer a test.
  return {
    terms,
    find: (text) => {
      ready();
      const answers = answersOf(text);
      const known = answers[KNOWN] as Known;
      if (typeof known === 'object') return known;
      const matches = known === false ? NO_MATCHES : find(text, answers);
      answers[KNOWN] = matches;
      return matches;
    },
    test: (text) => {
      ready();
      const answers = answersOf(text);
      const known = answers[KNOWN] as Known;
      if (typeof known === 'object') return known.length > 0;
      if (known !== undefined) return known;
      const hit = test(text, answers);
      answers[KNOWN] = hit;
      return hit;
    },
  };
}

/** Compile a term list now, so an invalid pattern throws here rather than in the middle of a lint. */
export function validateTerms(terms: readonly string[]): void {
  // Each term alone first: inside the list's alternation an unclosed "[" takes in the rest of the
  // pattern and compiles, to be refused later for a reason that is not the writer's mistake.
  for (const term of terms) new RegExp(termCase(term).pattern);
  compileTerms(terms).test('');
}
