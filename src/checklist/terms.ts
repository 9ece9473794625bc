/**
 * Term lists are data in the checklist schema: regular-expression fragments matched on word
 * boundaries. A term with no lower-case letter and two or more capitals is an acronym (AUC, TODO)
 * and matched case-sensitively, so "map" or "ks" in prose do not count; every other term ignores case.
 *
 * Terms compose: `A ~N B` matches A, then B within N words of the same sentence, so a checklist can
 * say "a mode word near a serving noun" once instead of listing every phrase that joins them.
 */

export interface TermMatch {
  /** The text that matched, as written in the document. */
  text: string;
  /** Offset of the match in the searched string. */
  index: number;
}

export interface TermMatcher {
  find(text: string): TermMatch[];
  test(text: string): boolean;
}

/**
 * Word characters for the boundaries: ASCII and Latin letters. Plain character classes rather than
 * Unicode property escapes: with the `u` and `i` flags V8 takes ten times longer to compile these
 * large alternations, and compiling is most of a one-file lint.
 */
export const WORD_CHAR = '[\\w\\u00C0-\\u024F\\u0400-\\u04FF]';

const isAcronym = (term: string) => !/\p{Ll}/u.test(term) && (term.match(/\p{Lu}/gu)?.length ?? 0) >= 2;

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
function topLevelAlternatives(source: string): string[] {
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
function groupLength(source: string): number {
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

/** `A ~N B`: the parts of a composed term, and the word windows between them. */
const WINDOW = /\s+~(\d{1,2})\s+/;

/**
 * Expand `A ~N B` into a regular expression: up to N words between the parts, none of them ending a
 * sentence, so the parts speak of the same thing. A term without `~` is returned as it is.
 */
export function expandWindows(term: string): string {
  const parts = term.split(WINDOW);
  if (parts.length === 1) return term;
  let source = `(?:${parts[0]})`;
  for (let i = 1; i < parts.length; i += 2) {
    source += `(?:[\\s,;:]+[^\\s.!?;]+){0,${parts[i]}}?[\\s,;:]+(?:${parts[i + 1]})`;
  }
  return source;
}

function alternation(raw: string[], flags: string): RegExp | undefined {
  if (raw.length === 0) return undefined;
  const terms = raw.map(expandWindows);
  // Longest first, so "near-real-time" wins over "real-time" at the same place.
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  // When every term starts with a word character, a leading `\b` is implied by the lookbehind and
  // lets V8 skip most positions cheaply: the same matches, about twice as fast on prose.
  const boundary = sorted.every(startsWithWordChar) ? '\\b' : '';
  return new RegExp(`${boundary}(?<!${WORD_CHAR})(?:${sorted.join('|')})(?!${WORD_CHAR})`, flags);
}

export function compileTerms(terms: readonly string[]): TermMatcher {
  const regexes = [
    alternation(terms.filter(isAcronym), 'g'),
    alternation(terms.filter((t) => !isAcronym(t)), 'gi'),
  ].filter((r): r is RegExp => r !== undefined);
  // Sticky-free copies for `test`, so a test never depends on or disturbs a `lastIndex`.
  const testers = regexes.map((r) => new RegExp(r.source, r.flags.replace('g', '')));

  return {
    find(text) {
      const found: TermMatch[] = [];
      for (const regex of regexes) {
        regex.lastIndex = 0;
        for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
          if (m[0] === '') regex.lastIndex++; // a team term that can match nothing must not stall
          found.push({ text: m[0], index: m.index });
        }
      }
      // Two lists' matches interleave; one list's come in order already.
      return regexes.length > 1 && found.length > 1 ? found.sort((a, b) => a.index - b.index) : found;
    },
    test(text) {
      for (const tester of testers) if (tester.test(text)) return true;
      return false;
    },
  };
}
