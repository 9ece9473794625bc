import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countListedRuns, countWords } from '../src/checklist/letters.js';
import { compileChecklist, defaultChecklist } from '../src/checklist/load.js';
import { buildChecklistSchema } from '../src/config/checklist-schema.js';
import { lintText } from './helpers.js';

/** Characters that make the cases: letters of three scripts, digits, joiners, marks, an astral letter, an emoji and lone surrogates. */
const PIECES = ['a', 'Z', 'é', 'ж', 'Ё', '7', '²', ' ', '\n', "'", '’', '.', '-', '--', '_', '*', '|', '\u0301', '𝐀', '😀', '\ud800', '\udc00', 'the', 'и', 'не'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('countWords', () => {
  it('counts what the word pattern matches', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(countWords(t)).toBe(t.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('countListedRuns', () => {
  it('counts what each stop word pattern matches, for lists of letters-only words', () => {
    const words = ['the', 'и', 'не', 'a', 'é', 'ж'];
    const pattern = new RegExp(`(?<![\\p{L}])(?:${words.join('|')})(?![\\p{L}])`, 'gu');
    fc.assert(
      fc.property(text, (t) => {
        const english = ['the', 'a', 'é'];
        const englishPattern = new RegExp(`(?<![\\p{L}])(?:${english.join('|')})(?![\\p{L}])`, 'gu');
        expect(countListedRuns(t, [new Set(words), new Set(english)], 3)).toEqual([t.match(pattern)?.length ?? 0, t.match(englishPattern)?.length ?? 0]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('telling the language by its stop words', () => {
  const GERMAN = 'Die Metrik ist der Anteil der Sitzungen mit einem Kauf, und wir messen sie nicht nur offline. Das Modell wird mit den Daten der letzten Woche trainiert und ist für die Suche.';
  const detect = (stopwords: string[]) =>
    compileChecklist(buildChecklistSchema({}, undefined, { de: { name: 'Deutsch', stopwords } })).detectLanguage(GERMAN);

  it('reads letters-only lists run by run, and a list with a pattern in it as a pattern, alike', () => {
    expect(detect(['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'für'])).toBe('de');
    expect(detect(['de[rsn]', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'für'])).toBe('de');
    expect(detect(['zzz'])).toBe('en');
  });

  it('tells a text with none of any list\'s stop words by the script its letters are in', () => {
    const checklist = compileChecklist(buildChecklistSchema({}, undefined, { el: { name: 'Ελληνικά', stopwords: ['και', 'το', 'της', 'την', 'του'] } }));
    expect(checklist.detectLanguage('# Система\n\n## Цели\n\n- Задержка ответа — 100 мс.\n')).toBe('ru');
    expect(checklist.detectLanguage('# Σύστημα\n\nΚαθυστέρηση απόκρισης 100 ms.\n')).toBe('el');
    // English and a team's German are both Latin: the base language
    const german = compileChecklist(buildChecklistSchema({}, undefined, { de: { name: 'Deutsch', stopwords: ['der', 'die', 'das', 'und', 'ist'] } }));
    expect(german.detectLanguage('# Ranking\n\np99 latency: 100 ms.\n')).toBe('en');
    // and what it then reads: the Russian latency item, present
    expect(lintText('# Система\n\n## Цели\n\n- Задержка ответа — 100 мс.\n').checklist['latency-budget']).toBe('present');
  });

  it('reads a text in a language too when a tenth of its letters are in that language\'s own script', () => {
    // Russian headings over terse English notes: few Russian stop words, but the headings are Russian.
    const terse = '# Отток\n\n## Метрики\n\nPR-AUC on holdout, online: retention D30.\n\n## Разметка\n\nChurn = no payment in 30 days, from billing.\n';
    expect(defaultChecklist().detectLanguage(terse)).toBe('en+ru');
    expect(lintText(terse).items.labels).toMatchObject({ via: 'heading', sections: ['Разметка'] });
    // A Russian name in an English doc is not a tenth of it; Latin letters tell no language apart from English.
    expect(defaultChecklist().detectLanguage(`# Ranking\n\nOwner: Иван. ${'The model ranks the feed by the expected dwell time of each item. '.repeat(2)}\n`)).toBe('en');
    const german = compileChecklist(buildChecklistSchema({}, undefined, { de: { name: 'Deutsch', stopwords: ['der', 'die', 'das', 'und', 'ist'] } }));
    expect(german.detectLanguage('# Überblick\n\np99 latency: 100 ms. Zählung über Größe.\n')).toBe('en');
  });
});
