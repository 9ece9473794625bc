import { describe, expect, it } from 'vitest';
import { countWords } from '../src/checklist/letters.js';
import { defaultChecklist } from '../src/checklist/load.js';
import { nextDocument } from '../src/checklist/text-memo.js';
import type { Checklist } from '../src/checklist/types.js';
import { extractFact, hasFact, sentenceAround, type FactContext } from '../src/lint/facts.js';
import { buildOutline } from '../src/lint/outline.js';
import { parseMarkdown } from '../src/lint/parse.js';
import { example, fixture } from './helpers.js';

/** The contexts lint reads facts in: none, an item's own sections, and elsewhere (about the item), as model.ts builds them. */
function contexts(checklist: Checklist) {
  const { notSubstance, deferredSections } = checklist;
  return checklist.items.flatMap((item) => {
    const other = item.mentionsExcept && { except: item.mentionsExcept, item: item.mentions };
    const own: FactContext = { notSubstance, deferredSections, ...(other ? { other } : {}) };
    const elsewhere: FactContext = { notSubstance, deferredSections, about: item.mentions };
    return item.facts.flatMap((spec) => [undefined, own, elsewhere].map((context) => ({ item: item.id, spec, context })));
  });
}

const DOCS = [
  example('feed-ranking.md'),
  example('fraud-detection.md'),
  example('churn-prediction-draft.md'),
  fixture('complete-search-ranking.md'),
  fixture('styles/russian.md'),
  fixture('styles/vague.md'),
  [
    '# Latency',
    '',
    'We may add dashboards later. p99 latency ≤ 150 ms, maybe 200ms? The **Future**: a 50 ms budget for search.',
    '',
    '**Latency**: feature fetch 60 ms, scoring 50 ms; total p99 under 150 ms.',
    '',
    '| stage | budget |',
    '|---|---|',
    '| feature fetch | 40 ms |',
    '| total | 120 ms |',
    '',
    '- [ ] point-in-time joins',
    '- [ ] time-based split: not needed, the data is static',
    '',
    'The label is 1 if the user buys within 7 days, else 0. Labels come from the orders table. Serving is a synchronous call from the checkout page, and a nightly batch job scores the rest.',
  ].join('\n'),
];

describe('hasFact', () => {
  it('finds a fact in a block exactly when extractFact finds one, for every fact of every item and every context', () => {
    for (const text of DOCS) {
      nextDocument();
      const outline = buildOutline(parseMarkdown(text), text);
      const checklist = defaultChecklist().inLanguage(defaultChecklist().detectLanguage(text));
      for (const { spec, context } of contexts(checklist)) {
        for (const block of outline.blocks) {
          expect(hasFact(spec, block, outline.lines, context)).toBe(extractFact(spec, [block], outline.lines, context).length > 0);
        }
      }
    }
  });
});

describe('sentenceAround', () => {
  /** The sentence as it was cut before sentences were kept: the ends, then a window of 500 on either side. */
  const reference = (text: string, at: number) => {
    const ends = [...text.matchAll(/(?:[.!]|\?(?![ \t]+\())(?<!(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx|incl|resp|fig|[а-яё]\.[а-яё]|[а-яё]{1,2})[.!?])(?=\s)|:(?<=(?:\*\*|__):)(?=\s)|\n/giu)].map((m) => m.index);
    const lo = ends.findIndex((end) => end >= at);
    const start = Math.max(lo > 0 ? ends[lo - 1]! + 1 : lo === -1 && ends.length > 0 ? ends.at(-1)! + 1 : 0, at - 500);
    const end = Math.min(lo === -1 ? text.length : ends[lo]! + 1, at + 500);
    return text.slice(start, end);
  };

  it('gives the same sentence every time it is asked, and cuts a long one to a window around the offset', () => {
    const long = `${'word '.repeat(300)}end. Short one here! ${'more '.repeat(250)}`;
    const texts = ['One. Two? Three!\nFour e.g. five.', '**Label**: value. Next', long];
    for (const text of texts) {
      for (let at = 0; at < text.length; at += 7) {
        expect(sentenceAround(text, at)).toBe(reference(text, at));
        expect(sentenceAround(text, at)).toBe(reference(text, at)); // remembered the second time
      }
    }
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['one', 1],
    ["Don't split co-op, 3.5 or e-mail — twice", 7],
    ['Метрики: доля сессий с покупкой', 5],
    ['| a | b |\n|---|---|', 2],
  ])('counts the words of %j', (text, words) => {
    expect(countWords(text)).toBe(words);
    expect(countWords(text)).toBe(words); // from the start each time
    expect(words).toBe(text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0);
  });
});
