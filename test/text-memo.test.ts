import { describe, expect, it } from 'vitest';
import { nextDocument, TextMemo } from '../src/checklist/text-memo.js';

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
