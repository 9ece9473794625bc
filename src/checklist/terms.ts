/**
 * Term lists are data in the checklist schema: regular-expression fragments matched on word
 * boundaries. A term with no lower-case letter and two or more capitals is an acronym (AUC, TODO)
 * and matched case-sensitively, so "map" or "ks" in prose do not count; every other term ignores case.
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
export const WORD_CHAR = '[\\w\\u00C0-\\u024F]';

const isAcronym = (term: string) => !/\p{Ll}/u.test(term) && (term.match(/\p{Lu}/gu)?.length ?? 0) >= 2;

function alternation(terms: string[], flags: string): RegExp | undefined {
  if (terms.length === 0) return undefined;
  // Longest first, so "near-real-time" wins over "real-time" at the same place.
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<!${WORD_CHAR})(?:${sorted.join('|')})(?!${WORD_CHAR})`, flags);
}

export function compileTerms(terms: readonly string[]): TermMatcher {
  const regexes = [
    alternation(terms.filter(isAcronym), 'g'),
    alternation(terms.filter((t) => !isAcronym(t)), 'gi'),
  ].filter((r): r is RegExp => r !== undefined);

  return {
    find(text) {
      const found: TermMatch[] = [];
      for (const regex of regexes) {
        for (const m of text.matchAll(regex)) found.push({ text: m[0], index: m.index ?? 0 });
      }
      return found.sort((a, b) => a.index - b.index);
    },
    test(text) {
      return regexes.some((regex) => {
        regex.lastIndex = 0;
        const hit = regex.test(text);
        regex.lastIndex = 0;
        return hit;
      });
    },
  };
}
