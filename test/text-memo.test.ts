import { describe, expect, it } from 'vitest';
import { answersOf, nextDocument, remembered, TextMemo } from '../src/checklist/text-memo.js';

describe('TextMemo', () => {
  const counting = () => {
    const asked: string[] = [];
    return { asked, compute: (text: string) => (asked.push(text), text.length) };
  };

  it('answers a text once, however often it is asked', () => {
    const memo = new TextMemo<number>(4);
    const { asked, compute } = counting();
    expect([memo.get('ab', compute), memo.get('ab', compute), memo.get('abc', compute)]).toEqual([2, 2, 3]);
    expect(asked).toEqual(['ab', 'abc']);
  });

  it('keeps a working set as large as its limit once it is full of older texts', () => {
    // Full of another document's texts, then a document of 3 texts linted again and again.
    const memo = new TextMemo<number>(3);
    const { asked, compute } = counting();
    for (const text of ['x', 'y', 'z']) memo.get(text, compute);
    for (let lint = 0; lint < 5; lint++) for (const text of ['a', 'bb', 'ccc']) memo.get(text, compute);
    expect(asked).toEqual(['x', 'y', 'z', 'a', 'bb', 'ccc']);
  });

  it('carries an answer still in use over into the next generation', () => {
    const memo = new TextMemo<number>(2);
    const { asked, compute } = counting();
    for (const text of ['a', 'b', 'c', 'a', 'd', 'a']) memo.get(text, compute);
    expect(asked).toEqual(['a', 'b', 'c', 'd']);
  });

  it("remembers the last document's texts for the next, and forgets those of the one before", () => {
    const memo = new TextMemo<number>(100);
    const { asked, compute } = counting();
    nextDocument();
    for (const text of ['a', 'b']) memo.get(text, compute);
    nextDocument(); // the same document after an edit: 'a' is still there, 'c' is new
    for (const text of ['a', 'c']) memo.get(text, compute);
    nextDocument(); // 'b' was in the document before last only
    for (const text of ['a', 'b']) memo.get(text, compute);
    expect(asked).toEqual(['a', 'b', 'c', 'b']);
  });

  it('forgets what is no longer asked for, so memory stays bounded', () => {
    const memo = new TextMemo<number>(2);
    const { asked, compute } = counting();
    for (const text of ['a', 'b', 'c', 'd', 'e', 'a']) memo.get(text, compute);
    expect(asked).toEqual(['a', 'b', 'c', 'd', 'e', 'a']);
  });
});

describe('remembered', () => {
  const counting = (answer: (text: string) => number) => {
    const asked: string[] = [];
    return { asked, ask: remembered((text: string) => (asked.push(text), answer(text))) };
  };

  it('answers each question about a text once, each in a slot of its own', () => {
    nextDocument();
    const length = counting((text) => text.length);
    const vowels = counting((text) => text.replace(/[^aeiou]/g, '').length);
    expect([length.ask('banana'), vowels.ask('banana'), length.ask('banana'), vowels.ask('banana')]).toEqual([6, 3, 6, 3]);
    expect([length.asked, vowels.asked]).toEqual([['banana'], ['banana']]);
  });

  it("keeps a text's answers together, found in one lookup, for the next document and not the one after", () => {
    nextDocument();
    const length = counting((text) => text.length);
    length.ask('kiwi');
    const answers = answersOf('kiwi');
    expect(answers).toContain(4);
    nextDocument(); // an edit: the text is still there
    expect(answersOf('kiwi')).toBe(answers);
    length.ask('kiwi');
    nextDocument();
    nextDocument(); // two documents without it
    length.ask('kiwi');
    expect(length.asked).toEqual(['kiwi', 'kiwi']);
  });
});
