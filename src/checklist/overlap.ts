import { groupLength, topLevelAlternatives } from './terms.js';

/**
 * A static check safe-regex2 lacks: a repeated group whose alternatives can start with the same
 * character, as in `(?:\w|[a-z])+` or `(a|aa)+`. A word then splits between the alternatives in
 * exponentially many ways, all tried before the match fails. Which characters an alternative can
 * start with is asked of the regex engine itself, over a sample of characters, so character
 * classes and escapes need no model of their own. It errs towards passing: what it cannot read
 * (a backreference, say) counts as matching nothing, and the worker's time limit stays the
 * guarantee (src/run/team-patterns.ts).
 */

/** ASCII, and a letter or mark of each script and kind a design doc holds besides. */
const SAMPLE = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', '\n', 'é', 'ß', 'ж', 'Ж', '—', '’', '中'];

const QUANTIFIER = /^(?:[*+?]|\{(\d+)(,\d*)?\})\??/;

interface Atom {
  end: number;
  /** What the atom is, as a pattern of its own; undefined when it matches no character (^, $, \b, a lookaround). */
  pattern?: string;
  /** A group's content. */
  inner?: string;
}

function atomAt(source: string, i: number): Atom {
  const c = source[i]!;
  if (c === '^' || c === '$') return { end: i + 1 };
  if (c === '\\') {
    const escape = /^\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|\d+|[pP]\{[^}]*\}|.)/s.exec(source.slice(i))![0];
    const zeroWidth = escape === '\\b' || escape === '\\B' || /^\\\d/.test(escape);
    return zeroWidth ? { end: i + escape.length } : { end: i + escape.length, pattern: escape };
  }
  if (c === '[') {
    let j = i + 1;
    if (source[j] === '^') j++;
    if (source[j] === ']') j++;
    while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
    return { end: j + 1, pattern: source.slice(i, j + 1) };
  }
  if (c === '(') {
    const length = groupLength(source.slice(i));
    const end = length < 0 ? source.length : i + length;
    const body = source.slice(i + 1, end - 1);
    if (/^\?<?[=!]/.test(body)) return { end };
    const prefix = /^\?(?::|<[^>]*>)/.exec(body)?.[0] ?? '';
    return { end, inner: body.slice(prefix.length) };
  }
  return { end: i + 1, pattern: c };
}

const sampled = new Map<string, string[]>();

/** The sample characters one atom matches, case ignored as lint ignores it for most terms. */
function charsOf(pattern: string): string[] {
  let chars = sampled.get(pattern);
  if (!chars) {
    const regex = new RegExp(`^(?:${pattern})$`, 'i');
    chars = SAMPLE.filter((c) => regex.test(c));
    sampled.set(pattern, chars);
  }
  return chars;
}

/** The characters an alternative can start with, and whether it can match nothing. */
function firstChars(alternative: string): { chars: Set<string>; empty: boolean } {
  const chars = new Set<string>();
  for (let i = 0; i < alternative.length; ) {
    const atom = atomAt(alternative, i);
    const quantifier = QUANTIFIER.exec(alternative.slice(atom.end));
    i = atom.end + (quantifier?.[0].length ?? 0);
    if (atom.pattern === undefined && atom.inner === undefined) continue;
    let empty = quantifier !== null && (quantifier[0][0] === '*' || quantifier[0][0] === '?' || quantifier[1] === '0');
    if (atom.inner !== undefined) {
      const inner = topLevelAlternatives(atom.inner).map(firstChars);
      for (const first of inner) for (const c of first.chars) chars.add(c);
      empty ||= inner.some((first) => first.empty);
    } else {
      for (const c of charsOf(atom.pattern!)) chars.add(c);
    }
    if (!empty) return { chars, empty: false };
  }
  return { chars, empty: true };
}

/** Two alternatives of one repeated group (`*`, `+`, `{n,}`) that can start with the same character, and that character. */
export function overlappingAlternatives(source: string): { alternatives: [string, string]; char: string } | undefined {
  for (const alternative of topLevelAlternatives(source)) {
    for (let i = 0; i < alternative.length; ) {
      const atom = atomAt(alternative, i);
      const quantifier = QUANTIFIER.exec(alternative.slice(atom.end));
      i = atom.end + (quantifier?.[0].length ?? 0);
      if (atom.inner === undefined) continue;
      const nested = overlappingAlternatives(atom.inner);
      if (nested) return nested;
      const repeated = quantifier !== null && (quantifier[0][0] === '*' || quantifier[0][0] === '+' || (quantifier[2] !== undefined && quantifier[2].length === 1));
      if (!repeated) continue;
      const branches = topLevelAlternatives(atom.inner);
      const firsts = branches.map((branch) => firstChars(branch).chars);
      for (let a = 0; a < branches.length; a++) {
        for (let b = a + 1; b < branches.length; b++) {
          const char = [...firsts[a]!].find((c) => firsts[b]!.has(c));
          if (char !== undefined) return { alternatives: [branches[a]!, branches[b]!], char };
        }
      }
    }
  }
  return undefined;
}
