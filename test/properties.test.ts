import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultChecklist } from '../src/checklist/load.js';
import { insertSections } from '../src/lint/fix.js';
import { parseFrontMatter } from '../src/lint/frontmatter.js';
import { buildOutline, type Block } from '../src/lint/outline.js';
import { parseMarkdown } from '../src/lint/parse.js';
import { isSubsequence, lintText } from './helpers.js';

// Deterministic and bounded: the same 200 cases on every machine, a few seconds in all.
const RUNS = { numRuns: 200, seed: 20240607 };

/** Markdown-flavoured fragments, so generated documents reach headings, lists, tables and front matter. */
const fragment = fc.oneof(
  fc.constantFrom('# ', '## ', '### Metrics\n', '## Latency budget\n', '- ', '* ', '1. ', '> ', '```\n', '| a | b |\n|---|---|\n', '---\n', '***', '__', '[', '](', '<!-- ', ' -->', '<!-- mlsd-disable weak-section -- x -->', '\n', '\r\n', '\r', '\t', '  ', 'p99 120 ms', 'TODO', '{{x}}', '- [ ] ', '- [x] ', 'AUC', '\u200b', '\uFEFF', '\uD800', '😀', 'é', '\0'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);
const markdown = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));
/** Whole lines of a design doc's outline: titles, sections, bold lines standing as headings, intro and other prose. */
const outlined = fc
  .array(
    fc.constantFrom('# Churn prediction', '## Background', '### Details', '## Metrics', '**Metrics**', 'Offline PR-AUC; online retention in an A/B test.', '**Notes**', 'We predict who cancels next month.', '- a point', '> a quote', '```', 'code', '<!-- note', '-->', '---', 'title: x', ''),
    { maxLength: 25 },
  )
  .map((lines) => `${lines.join('\n')}\n`);
const frontMatter = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom('__proto__: ', 'constructor: ', 'title: ', 'status: ', '- ', '  ', '&a ', '*a ', '[', '{', ': ', '"', '\n', '!!js/function ', '? '), fc.string({ maxLength: 8 })), { maxLength: 30 }), markdown)
  .map(([yaml, body]) => `---\n${yaml.join('')}\n---\n${body}`);

/** Every reported position lies inside the text: a real line (a lone CR ends one, as in an editor), a column at most one past its end. */
function expectInside(text: string, positions: { line: number; column: number; endLine: number; endColumn: number }[]) {
  const lines = text.split(/\r\n|\r|\n/);
  for (const p of positions) {
    for (const [line, column] of [[p.line, p.column], [p.endLine, p.endColumn]] as const) {
      expect(Number.isInteger(line) && line >= 1 && line <= lines.length, `line ${line} of ${lines.length}`).toBe(true);
      expect(Number.isInteger(column) && column >= 1 && column <= lines[line - 1]!.length + 1, `column ${column} on line ${line}`).toBe(true);
    }
  }
}

describe('lint never crashes, on any input', () => {
  const check = (text: string) => {
    const result = lintText(text);
    expect(Array.isArray(result.diagnostics)).toBe(true);
    expect(typeof result.checklist).toBe('object');
    expectInside(text, result.diagnostics);
    return true;
  };

  it('arbitrary Markdown fragments: always a result, every position inside the file', () => {
    fc.assert(fc.property(markdown, check), RUNS);
  });

  it('arbitrary front matter (including __proto__, anchors, aliases, tags): always a result, no prototype polluted', () => {
    fc.assert(
      fc.property(frontMatter, (text) => {
        check(text);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
        return true;
      }),
      RUNS,
    );
  });

  it('arbitrary Unicode, including lone surrogates and control characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), check), RUNS);
  });

  it('CRLF and mixed line endings: same findings at the same places as with LF', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('# Doc', '## Metrics', 'We track AUC offline and CTR online.', '## Latency budget', 'TBD', '- item', '| a | b |', '|---|---|', '', 'p99 latency 80 ms'), { maxLength: 25 }), (lines) => {
        const lf = lintText(lines.join('\n'));
        const crlf = lintText(lines.join('\r\n'));
        const place = (r: typeof lf) => r.diagnostics.map((d) => `${d.ruleId}@${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
        expect(place(crlf)).toEqual(place(lf));
        expectInside(lines.join('\n'), crlf.diagnostics); // columns never count the \r
        return true;
      }),
      RUNS,
    );
  });
});

describe('--fix never loses text', () => {
  it('the fixed document contains the original as a subsequence, for any document and insertion points', () => {
    const insertion = fc.record({ before: fc.integer({ min: -2, max: 80 }), level: fc.integer({ min: 2, max: 6 }), section: fc.constantFrom('## Labels\n\nTODO(mlsd): source', '## Drift monitoring\n\nTODO(mlsd): what is watched') });
    fc.assert(
      fc.property(markdown, fc.array(insertion, { maxLength: 4 }), (text, insertions) => {
        const fixed = insertSections(text, insertions);
        expect(isSubsequence(text, fixed)).toBe(true);
        for (const { section } of insertions) expect(fixed).toContain(section.split('\n')[2]);
      }),
      RUNS,
    );
  });

  it('lint --fix insertion points come from lint itself: fixing twice adds nothing the second time', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const once = fixText(text);
        expect(isSubsequence(text, once)).toBe(true);
        expect(fixText(once)).toBe(once);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });

  it("lint --fix never moves the writer's text under another heading", () => {
    const inserted = (b: Block) => b.text.includes('TODO(mlsd): fill in');
    fc.assert(
      // Lint is given text without a byte-order mark (it is decoded away, and --fix writes it back as it was).
      fc.property(fc.oneof(markdown, outlined).map((text) => text.replace(/^\uFEFF+/, '')), (text) => {
        expect(headingsAbove(fixText(text), inserted)).toEqual(headingsAbove(text));
      }),
      { ...RUNS, numRuns: 300 },
    );
  });
});

/**
 * The Markdown heading each of a text's blocks is under ("" above the first), in order: what a reader
 * sees a paragraph belong to. A bold line standing as a heading is a block like any other here.
 */
function headingsAbove(text: string, skip: (b: Block) => boolean = () => false): string[] {
  const { blocks, sections } = buildOutline(parseMarkdown(text), text);
  const isHeading = (b: Block) => b.kind === 'heading' && sections[b.sections.at(-1)!]!.level <= 6;
  return blocks.filter((b) => !isHeading(b) && !skip(b)).map((b) => sections[b.sections.findLast((i) => sections[i]!.level <= 6) ?? -1]?.title ?? '');
}

/** What --fix does to a text, with a plain section per missing item (the CLI renders the template's). */
function fixText(text: string): string {
  const missing = lintText(text).diagnostics.filter((d) => d.fix && d.itemId);
  return insertSections(text, missing.map((d) => ({ before: d.fix!.insertSectionBefore, level: d.fix!.headingLevel, section: `## ${TITLES[d.itemId!]}\n\nTODO(mlsd): fill in` })));
}
const TITLES: Record<string, string> = Object.fromEntries(defaultChecklist().items.map((i) => [i.id, i.title]));

describe('front matter read without the YAML parser', () => {
  // Plain `key: value` lines are read without the parser (frontmatter.ts); a comment line after
  // them sends the same keys and values through the parser, so the two readings can be compared.
  const key = fc.constantFrom('title', 'owner', 'a', '_x', 'k-1', 'constructor', 'y', 'no', 'null', 'True', '1', '~');
  const part = fc.oneof(
    fc.constantFrom('foo', 'foo bar', '300ms', 'near-real-time', 'Сервис', '2024-01-01', 'a:b', '...', '1e3', '0x1F', '.inf', 'null', 'FALSE', '007', '1_000'),
    fc.constantFrom(':', ': ', '#', ' #', ' ', '-', '?', '[', '{', '}', ',', '"', "'", '*', '&', '!', '|', '>', '%', '@', '`', '~', '\t', '\r', '\u00a0', '\u2028', '\ufeff', '😀', '\x7f'),
  );
  const line = fc.tuple(key, fc.constantFrom(': ', ':  ', ':'), fc.array(part, { minLength: 1, maxLength: 3 })).map(([k, colon, value]) => `${k}${colon}${value.join('')}`);
  const read = (yaml: string) => {
    const text = `---\n${yaml}\n---\n\n# Doc\n`;
    const { data, keys, errors, strings } = parseFrontMatter(buildOutline(parseMarkdown(text), text));
    return { data, keys: [...keys], errors, strings, types: Object.values(data).map((v) => typeof v) };
  };

  it('reads plain one-line strings as the parser does', () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (lines) => {
        const yaml = lines.join('\n');
        const fast = read(yaml);
        // Only where every line is a plain string, the case the parser is skipped for.
        const allPlain = fast.errors.length === 0 && fast.strings.length === lines.length && fast.strings.every((s, i) => fast.data[fast.keys[i]?.[0] ?? ''] === s.text);
        if (!allPlain) return;
        plain++;
        expect(fast).toEqual(read(`${yaml}\n# read by the parser`));
      }),
      { ...RUNS, numRuns: 500 },
    );
    expect(plain).toBeGreaterThan(25);
  });
});
