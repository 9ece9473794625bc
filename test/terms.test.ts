import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultChecklist } from '../src/checklist/load.js';
import { compileTerms, expandWindows, startsWithWordChar, validateTerms, WORD_CHAR } from '../src/checklist/terms.js';
import { nextDocument } from '../src/checklist/text-memo.js';
import type { Checklist } from '../src/checklist/types.js';

describe('compileTerms', () => {
  it('matches acronyms case-sensitively and words case-insensitively', () => {
    const m = compileTerms(['MAP', 'log[- ]?loss']);
    expect(m.find('we report MAP and Log loss').map((x) => x.text)).toEqual(['MAP', 'Log loss']);
    expect(m.test('draw a map')).toBe(false);
  });
  it('matches a term that starts with (?-i) as written, whatever its letters', () => {
    const m = compileTerms(['(?-i)mAP', 'recall']);
    expect(m.find('We report mAP and Recall; map the ids first').map((x) => x.text)).toEqual(['mAP', 'Recall']);
    expect(m.test('Map the ids to names')).toBe(false);
    expect(m.test('MAP of the ranking')).toBe(false);
    // the whole term, a composed one too, and space after the marker ignored
    const composed = compileTerms(['(?-i) Fx ~2 score']);
    expect(composed.test('the Fx test score')).toBe(true);
    expect(composed.test('the fx test score')).toBe(false);
  });
  it('validates a term matched as written by its pattern, and refuses (?-i) anywhere but at the start', () => {
    expect(() => validateTerms(['(?-i)mAP@\\d+'])).not.toThrow();
    expect(() => validateTerms(['(?-i)(unclosed'])).toThrow();
    expect(() => validateTerms(['m(?-i)AP'])).toThrow();
  });
  it('respects word boundaries', () => {
    const m = compileTerms(['AUC']);
    expect(m.test('PR-AUC of 0.8')).toBe(true);
    expect(m.test('AUCTION')).toBe(false);
  });
  it('prefers the longest term at one place', () => {
    const m = compileTerms(['real[- ]time', 'near[- ]real[- ]time']);
    expect(m.find('near-real-time scoring').map((x) => x.text)).toEqual(['near-real-time']);
  });
  it('rejects an invalid pattern when validated, and on first use', () => {
    expect(() => validateTerms(['(unclosed'])).toThrow();
    expect(() => compileTerms(['(unclosed']).test('x')).toThrow();
    // An unclosed class compiles inside the list's alternation; alone, it does not.
    expect(() => validateTerms(['x['])).toThrow(/Unterminated character class/);
  });
  it('ignores space around a term: a term is matched on word boundaries anyway', () => {
    expect(compileTerms(['(?:1|0) — ']).find('(1 — the ticket was rejected)').map((x) => x.text)).toEqual(['1 —']);
  });
  it('finds an empty-matching team term without stalling', () => {
    expect(compileTerms(['x?']).find(' - ').length).toBeGreaterThan(0);
  });
  it('answers `test` and `find` alike in any order of calls: the two share one global regex', () => {
    const terms = ['ab', 'AB', 'b ~2 d', '(?:x|é)a', '<a'];
    const text = fc.array(fc.constantFrom('ab', 'AB', 'b', 'd', 'xa', 'éa', '<a', ' ', '. '), { maxLength: 12 }).map((words) => words.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.constantFrom('test', 'find')), { maxLength: 20 }), (calls) => {
        const shared = compileTerms(terms);
        for (const [t, call] of calls) {
          const expected = compileTerms(terms).find(t);
          if (call === 'test') expect(shared.test(t)).toBe(expected.length > 0);
          else expect(shared.find(t)).toEqual(expected);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('composed terms: A ~N B', () => {
  const m = compileTerms(['(?:online|synchronous) ~3 (?:calls?|(?:re-)?ranking)']);
  it('matches the parts with up to N words between them, in order', () => {
    expect(m.find('an online re-ranking').map((x) => x.text)).toEqual(['online re-ranking']);
    expect(m.find('a synchronous call from the checkout page').map((x) => x.text)).toEqual(['synchronous call']);
    expect(m.test('online, for the ranking')).toBe(true);
  });
  it('does not reach past N words or across a sentence end', () => {
    expect(m.test('online is where most of the ranking happens')).toBe(false);
    expect(m.test('We are online. Ranking runs nightly.')).toBe(false);
    expect(m.test('ranking online')).toBe(false);
  });
  it('steps over quotes around a word in the window', () => {
    expect(compileTerms(['(?:за|под)гляд[а-яё]* ~3 в будущее']).test('не «подглядывает» ли модель в будущее')).toBe(true);
  });
  it('steps over brackets around words in the window', () => {
    const holdout = compileTerms(['hold[- ]?out ~4 last ~2 days']);
    expect(holdout.test('Hold-out validation set (last 7 days)')).toBe(true);
    expect(holdout.test('Hold-out validation set [last 7 days]')).toBe(true);
  });
  it('expands to a plain term when there is no window', () => {
    expect(expandWindows('real[- ]time')).toBe('real[- ]time');
  });
  it('matches Russian words whole', () => {
    const ru = compileTerms(['разметк[а-яё]*']);
    expect(ru.find('Разметка делается вручную').map((x) => x.text)).toEqual(['Разметка']);
    expect(ru.test('переразметка')).toBe(false);
  });
});

describe("Markdown's emphasis and code marks between a term's words", () => {
  it('are stepped over, in plain and composed terms', () => {
    const m = compileTerms(['labell?ed by (?:\\w+ ){0,2}radiologists', '(?:1|0) if ~3 (?:rating|click)']);
    expect(m.find('Every scan is labelled by **two radiologists**.').map((x) => x.text)).toEqual(['labelled by **two radiologists']);
    expect(m.test('`y = 1` if the rating is above 3')).toBe(true);
  });
  it('leave an optional space optional', () => {
    const m = compileTerms(['data ?set', 'rate [<>]=? ?\\d+']);
    expect(m.test('the dataset')).toBe(true);
    expect(m.test('the data set')).toBe(true);
    expect(m.test('error rate >30% for a day')).toBe(true);
  });
  it('are stepped over where a term allows space between a word and its punctuation', () => {
    const m = compileTerms(['target variable\\s*[:=]\\s*\\w+']);
    expect(m.find('**Target Variable**: `actual_margin = home - away`').map((x) => x.text)).toEqual(['Target Variable**: `actual_margin']);
    expect(compileTerms(['x[\\s]*:']).test('x**:')).toBe(false); // a character class says what it means
  });
  it('do not join words a term does not join', () => {
    expect(compileTerms(['labell?ed by radiologists']).test('labelled**. By radiologists')).toBe(false);
    expect(compileTerms(['real[- ]time']).test('real*time')).toBe(false);
  });
});

describe('startsWithWordChar', () => {
  it.each([
    ['latency', true],
    ['\\d+ ms', true],
    ['(?:ROC|PR|P/R)[- ]?AUC', true],
    ['(?:a|(?:b|c))d', true],
    ['foo|bar', true],
    ['n?DCG', true],
    ['(?:ROC )?AUC', true],
    ['a{0,3}b', true],
    ['a{0,3}', false],
    ['a?', false],
    ['a?-b', false],
    ['(?:a|)b', false],
    ['(?:a|<b)', false],
    ['[<>] ?\\d', false],
    ['χ²', false],
    ['\\s+x', false],
    ['(?:a)*b', true],
    ['(?:a)*-', false],
    ['x|<y>', false],
    ['(a)b', false],
  ])('%s → %s', (source, expected) => {
    expect(startsWithWordChar(source)).toBe(expected);
  });
});

describe('the word-boundary shortcut', () => {
  // The reference: the plain lookbehind pattern, without the `\b` the matcher adds where it can.
  const reference = (terms: string[], text: string) => {
    const found: string[] = [];
    for (const flags of ['g', 'gi']) {
      const list = terms.filter((t) => (flags === 'g') === (!/[a-z]/.test(t) && (t.match(/[A-Z]/g)?.length ?? 0) >= 2));
      if (list.length === 0) continue;
      const sorted = [...list].sort((a, b) => b.length - a.length);
      const regex = new RegExp(`(?<!${WORD_CHAR})(?:${sorted.join('|')})(?!${WORD_CHAR})`, flags);
      for (const m of text.matchAll(regex)) found.push(`${m.index}:${m[0]}`);
    }
    return found.sort((a, b) => parseInt(a) - parseInt(b));
  };
  it('finds exactly what the plain lookbehind finds', () => {
    const term = fc.constantFrom('ab', 'AB', 'b(?:c|d)', '(?:a|b)c', 'c\\w*', '\\d+ ?ab', 'é', '(?:x|é)a', '<a', 'a_b', 'x?ab', 'b?-a', '(?:c )?d');
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'A', 'B', 'é', 'É', '_', '1', ' ', '-', '<', '\n', 'x'), { maxLength: 40 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(term, { minLength: 1, maxLength: 4 }), text, (terms, t) => {
        const matcher = compileTerms(terms);
        expect(matcher.find(t).map((m) => `${m.index}:${m.text}`)).toEqual(reference(terms, t));
        expect(matcher.test(t)).toBe(reference(terms, t).length > 0);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('what a matcher knows of a text', () => {
  it('answers a test from the matches it found, and finds none where a test found none, in either order', () => {
    nextDocument();
    const m = compileTerms(['churn(?: rate)?', 'AUC']);
    expect(m.find('the churn rate and AUC').map((x) => x.text)).toEqual(['churn rate', 'AUC']);
    expect(m.test('the churn rate and AUC')).toBe(true);
    expect(m.test('nothing here')).toBe(false);
    expect(m.find('nothing here')).toEqual([]);
    expect(m.test('Churn!')).toBe(true);
    expect(m.find('Churn!').map((x) => x.text)).toEqual(['Churn']);
    expect(m.find('no match, found first')).toEqual([]);
    expect(m.test('no match, found first')).toBe(false);
  });
});

describe('a checklist’s term lists', () => {
  it('compiles lists with the same terms once, for every fact and every language view that has them', () => {
    const en = defaultChecklist().inLanguage('en');
    const both = defaultChecklist().inLanguage('en+ru');
    const fact = (checklist: Checklist, item: string, name: string) => checklist.items.find((i) => i.id === item)!.facts.find((f) => f.name === name)!;
    const latencies = fact(en, 'latency-budget', 'latencies');
    const stages = fact(en, 'latency-budget', 'stages');
    expect(latencies.kind === 'quantity' && stages.kind === 'stages' && latencies.near === stages.quantity.near).toBe(true);
    // drift's thresholds wait on one plain list of nearby words, the same in every language view.
    const thresholds = (checklist: Checklist) => fact(checklist, 'drift-monitoring', 'thresholds') as { near?: unknown };
    expect(thresholds(en).near).toBeDefined();
    expect(thresholds(en).near).toBe(thresholds(both).near);
    // labels' sources are one plain list, the same in every language; its mentions differ by language.
    const sources = (checklist: Checklist) => fact(checklist, 'labels', 'sources');
    expect(sources(en)).not.toBe(sources(both));
    expect((sources(en) as { terms: unknown }).terms).toBe((sources(both) as { terms: unknown }).terms);
    expect(en.items[1]!.mentions).not.toBe(both.items[1]!.mentions);
  });
});
