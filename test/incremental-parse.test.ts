import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutWindows, IncrementalParser, parseLong } from '../src/lint/incremental-parse.js';
import { parseMarkdown } from '../src/lint/parse.js';
import { edit, example, ROOT } from './helpers.js';

// Deterministic and bounded, as properties.test.ts: the same cases on every machine.
const RUNS = { numRuns: 60, seed: 20261129 };
const SLOW = 60_000; // hundreds of parses on a loaded machine

/** Typing as it comes: Markdown syntax that opens, closes or joins blocks, line endings of every kind. */
const typed = fc.constantFrom(
  'x', ' word', '\n', '\n\n', '\r\n', '\r', '# ', '## ', '- ', '1. ', '> ', '```', '```\n', '~~~\n', '---\n', '===', '    ', '\t',
  '| a | b |\n|---|---|\n', '[a]', '[a]: https://example.com\n', '<!--', '-->', '<div>', '- [ ] ', '**', '\\', '`', '\u00a0', '\0',
);
const anEdit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 12 }), insert: fc.array(typed, { maxLength: 3 }).map((parts) => parts.join('')) });

/** The first sections of real docs: enough blocks of every kind, small enough to parse hundreds of times. */
const opening = (text: string) => text.slice(0, text.split('\n## ', 6).join('\n## ').length);
const docs = ['churn-prediction-draft.md', 'feed-ranking.md'].map((name) => opening(example(name)));
/** The same document with carriage returns: a line ending can be split or joined by an edit. */
docs.push(docs[0]!.replace(/\n/g, '\r\n'), docs[1]!.replace(/\n/g, '\r'));

const applyEdit = (text: string, { at, remove, insert }: { at: number; remove: number; insert: string }) => {
  const i = Math.floor(at * text.length);
  return text.slice(0, i) + insert + text.slice(i + remove);
};

describe('IncrementalParser', () => {
  it('gives the tree a full parse gives, positions included, through any series of edits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.array(anEdit, { minLength: 1, maxLength: 8 }), (doc, edits) => {
        const parser = new IncrementalParser();
        let text = doc;
        parser.parse(text);
        for (const e of edits) {
          text = applyEdit(text, e);
          // As JSON: a deep equality over thousands of nodes would take most of the test's time.
          expect(JSON.stringify(parser.parse(text))).toBe(JSON.stringify(parseMarkdown(text)));
        }
      }),
      RUNS,
    );
  }, SLOW);

  it('re-parses only what an edit touched: the blocks before it are the same objects', () => {
    const parser = new IncrementalParser();
    const doc = example('feed-ranking.md');
    const before = parser.parse(doc);
    const typedNearEnd = doc.slice(0, doc.length - 40) + 'x' + doc.slice(doc.length - 40);
    const after = parser.parse(typedNearEnd);
    expect(after).toEqual(parseMarkdown(typedNearEnd));
    expect(after.children[1]).toBe(before.children[1]);
  });

  const cases: [string, string, string | RegExp, string][] = [
    // A fence opened mid-document takes in every block after it.
    ['an opened code fence', '# T\n\nOne.\n\nTwo.\n\n## H\n\nThree.\n', 'Two.', '```\nTwo.'],
    // The paragraph edited into a list item joins the list before it.
    ['a list item after a list', '- a\n\nOne.\n\n# H\n', 'One.', '- One.'],
    // A link reference resolves against a definition anywhere in the document.
    ['a definition', '[x]: https://example.com\n\n# T\n\nSee [x].\n', 'See', 'Read'],
    ['a new definition', '# T\n\nSee [x].\n\nOne.\n', 'One.', '[x]: https://example.com'],
    // After an opening fence with no front matter, no list or blockquote is read anywhere.
    ['front matter broken', '---\na: 1\n---\n\n# T\n\n- a\n\n> q\n', /---\n\n/, '\n\n'],
    ['a fence at a cut', '# T\n\nOne.\n> q\n', 'One.', '---'],
  ];
  it.each(cases)('parses whole what depends on more than the edited blocks: %s', (_name, doc, from, to) => {
    const parser = new IncrementalParser();
    parser.parse(doc);
    const edited = edit(doc, from, to);
    expect(parser.parse(edited)).toEqual(parseMarkdown(edited));
  });
});

describe('parseLong', () => {
  const pieces = [...['churn-prediction-draft.md', 'feed-ranking.md', 'fraud-detection.md', 'rag-support-assistant.md'].map(example), ...readdirSync(join(ROOT, 'test', 'fixtures')).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(ROOT, 'test', 'fixtures', f), 'utf8'))];
  /** References whose definitions sit in other windows, and definitions inside containers. */
  pieces.push('See [the budget][b], [Drift] and [not defined].\n\n> [drift]: https://example.com/drift\n\n- [b]: /budget "Budget"\n');
  /** What joins two docs: nothing, blank lines, a block left open that runs on into the next, a thematic break (front matter only at the start). */
  const joins = ['', '\n', '\n\n', '```\n', '<!--\n', '- item\n', '> quote\n', '| a | b |\n|---|---|\n', '\r\n', '\n\n---\n\n'];

  it('gives the tree a whole parse gives, for documents long enough to be parsed window by window', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...joins)), { minLength: 40, maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'), (parts, eol) => {
        const text = parts.map(([doc, join]) => doc + join).join('').replace(/\r?\n/g, eol);
        expect(text.length).toBeGreaterThan(200_000); // more than two windows
        expect(JSON.stringify(parseLong(text))).toBe(JSON.stringify(parseMarkdown(text)));
      }),
      { numRuns: 12, seed: 20261202 },
    );
  }, SLOW);

  it('parses whole what it cannot cut: one long line, or a window without a blank line between blocks', () => {
    for (const text of [`# Title ${'word '.repeat(60_000)}`, `# Title\n${'a line of one paragraph\n'.repeat(12_000)}`]) {
      expect(JSON.stringify(parseLong(text))).toBe(JSON.stringify(parseMarkdown(text)));
    }
  });

  it('reads a definition at the end into a reference near the start, as a whole parse does', () => {
    const text = `See [the budget][b].\n\n${pieces.join('\n\n').repeat(8)}\n\n[b]: https://example.com/budget\n`;
    expect(cutWindows(text)!.length).toBeGreaterThan(2);
    const tree = parseLong(text);
    expect(JSON.stringify(tree)).toBe(JSON.stringify(parseMarkdown(text)));
    expect(JSON.stringify(tree.children[0])).toContain('"linkReference"');
  });

  it('still cuts a document whose windows start at a thematic break, where a whole parse would grow with its length', () => {
    const text = pieces.join('\n\n---\n\n').repeat(8);
    expect(cutWindows(text)!.length).toBeGreaterThan(2);
    expect(JSON.stringify(parseLong(text))).toBe(JSON.stringify(parseMarkdown(text)));
  });

  it('parses whole a document whose last window would take in the definitions (a code fence left open)', () => {
    const text = `See [b].\n\n${pieces.join('\n\n').repeat(8)}\n\n[b]: /budget\n\n\`\`\`\ncode to the end\n`;
    const tree = parseLong(text);
    expect(JSON.stringify(tree)).toBe(JSON.stringify(parseMarkdown(text)));
    expect(JSON.stringify(tree.children[0])).toContain('"linkReference"');
  });
});
