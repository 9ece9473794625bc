import { describe, expect, it } from 'vitest';
import { insertSections } from '../src/lint/fix.js';
import { edit, lintText } from './helpers.js';

describe('insertSections', () => {
  const doc = '# T\n\n## A\na\n\n## C\nc\n';

  it('inserts before a line, with blank lines around, its heading at the level given', () => {
    expect(insertSections(doc, [{ before: 6, level: 2, section: '## B\n\nb' }])).toBe('# T\n\n## A\na\n\n## B\n\nb\n\n## C\nc\n');
    expect(insertSections(doc.replace(/## /g, '### '), [{ before: 6, level: 3, section: '## B\n\nb' }])).toContain('\n### B\n\nb\n\n### C');
  });

  it('appends after the last line, and keeps several sections at one point in order', () => {
    expect(insertSections(doc, [{ before: 9, level: 2, section: '## D\n\nd' }])).toBe(`${doc}\n## D\n\nd\n`);
    expect(insertSections('# T\nno newline', [{ before: 3, level: 2, section: '## D\n\nd' }, { before: 3, level: 2, section: '## E\n\ne' }])).toBe('# T\nno newline\n\n## D\n\nd\n\n## E\n\ne\n');
  });

  it('keeps CRLF line endings', () => {
    const crlf = doc.replace(/\n/g, '\r\n');
    const out = insertSections(crlf, [{ before: 6, level: 2, section: '## B\n\nb' }]);
    expect(out).toContain('## B\r\n\r\nb\r\n\r\n## C');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('underlines the heading where told, at levels 1 and 2, which Markdown can underline; deeper, or a title that would read as a list or a quote, keeps its #s', () => {
    expect(insertSections(doc, [{ before: 6, level: 2, setext: true, section: '## B ##\n\nb' }])).toBe('# T\n\n## A\na\n\nB\n---\n\nb\n\n## C\nc\n');
    expect(insertSections(doc, [{ before: 6, level: 1, setext: true, section: '## Label set\n\nb' }])).toContain('\nLabel set\n=========\n\nb\n');
    expect(insertSections(doc.replace(/\n/g, '\r\n'), [{ before: 6, level: 2, setext: true, section: '## B\n\nb' }])).toContain('\r\nB\r\n---\r\n\r\nb\r\n');
    for (const [level, title] of [[3, 'B'], [2, '1. B'], [2, '- B'], [2, '> B'], [2, 'B | C']] as const) {
      expect(insertSections(doc, [{ before: 6, level, setext: true, section: `## ${title}\n\nb` }]), title).toContain(`\n${'#'.repeat(level)} ${title}\n\nb\n`);
    }
  });

  it('keeps lone CR line endings (an old Mac file), its lines counted as lint counts them', () => {
    const cr = doc.replace(/\n/g, '\r');
    expect(insertSections(cr, [{ before: 6, level: 2, section: '## B\n\nb' }])).toBe(insertSections(doc, [{ before: 6, level: 2, section: '## B\n\nb' }]).replace(/\n/g, '\r'));
    expect(insertSections(cr, [{ before: 9, level: 2, section: '## D\n\nd' }])).toBe(`${cr}\r## D\r\rd\r`);
  });
});

describe('where lint says a missing section goes', () => {
  const metrics = '# Doc\n\n## Metrics\n\nOffline we track PR-AUC on a held-out month; online, the retention rate in an A/B test.\n\n';
  const missing = (text: string) => lintText(text).diagnostics.filter((d) => d.ruleId === 'required-section');

  it.each([
    ['a code fence', '```python\nprint(1)\n', 'code block'],
    ['an HTML comment', '<!-- notes\n\nmore notes\n', 'HTML comment'],
  ])('none --fix inserts when the document ends inside %s left open, where a section would be part of it: the finding says to close it', (_, end, kind) => {
    const found = missing(metrics + end);
    expect(found).toHaveLength(5);
    for (const d of found) {
      expect(d.fix).toBeUndefined();
      expect(d.line).toBe(7);
      expect(d.message).toMatch(new RegExp(`^Missing required section "[^"]+" \\(add it at the end, once the ${kind} opened at line 7 is closed\\)\\.$`));
    }
  });

  /** What --fix does to a text, with a plain section per missing item (the CLI renders the template's). */
  const fixed = (text: string) =>
    insertSections(text, missing(text).map((d) => ({ before: d.fix!.insertSectionBefore, level: d.fix!.headingLevel, setext: d.fix!.setext, section: `## ${d.itemId}\n\nTODO(mlsd): fill in` })));
  const sections = (ids: string[]) => ids.map((id) => `## ${id}\n\nTODO(mlsd): fill in\n`).join('\n');
  const ALL = ['metrics', 'labels', 'leakage-checks', 'latency-budget', 'serving-mode', 'drift-monitoring'];

  it.each([
    ['English', '# Ticket routing\n\nThis document describes how incoming support tickets reach the right team.\n\nIt is a first draft for discussion.\n'],
    ['Russian', '---\ntitle: Маршрутизация\n---\n\n# Маршрутизация обращений\n\nЭтот документ описывает, как обращения попадают в нужную команду.\n\nЭто первый черновик для обсуждения.\n'],
  ])('after the intro under the title when no item has a section (%s): the intro stays under the title', (_, text) => {
    expect(fixed(text)).toBe(`${text}\n${sections(ALL)}`);
  });

  it('before the heading that follows the intro', () => {
    const [intro, rest] = ['# Ticket routing\n\nHow incoming support tickets reach the right team.\n\n', '## Background\n\nToday a person reads every ticket.\n'];
    expect(fixed(intro + rest)).toBe(`${intro}${sections(ALL)}\n${rest}`);
  });

  it('after an item section that is a bold line, past the bold lines after it, at the next Markdown heading: their text stays where it was', () => {
    const text = `${metrics.replace('## Metrics', '**Metrics**')}**Open questions**\n\nWho owns the model?\n\n## Appendix\n\nA table.\n`;
    expect(fixed(text)).toBe(edit(text, '## Appendix', `${sections(ALL.slice(1))}\n## Appendix`));
  });

  it('not before an item section that is a bold line, which would then read as the inserted section\'s text, but after the intro', () => {
    const text = '# Doc\n\nHow incoming support tickets reach the right team.\n\n**Drift monitoring**\n\nWe compute PSI on the inputs daily; above 0.2 we page the owner and retrain.\n';
    expect(fixed(text)).toBe(`${text}\n${sections(ALL.slice(0, -1))}`);
  });

  it('at the level of the parsed headings around it: underlined ones count, a `#` line in code does not', () => {
    const setext = '# Doc\n\n### Scope\n\nOne team.\n\nMetrics\n-------\n\nOffline we track PR-AUC on a held-out month; online, the retention rate in an A/B test.\n\nAppendix\n--------\n\nA table.\n';
    const underlined = (ids: string[]) => sections(ids).replace(/^## (.+)$/gm, (_, title: string) => `${title}\n${'-'.repeat(title.length)}`);
    expect(fixed(setext)).toBe(edit(setext, 'Appendix\n', `${underlined(ALL.slice(1))}\nAppendix\n`));
    const nested = '# Doc\n\n### Metrics\n\nOffline we track PR-AUC on a held-out month; online, the retention rate in an A/B test.\n\n```bash\n# run the job\nmake train\n```\n';
    expect(missing(nested).map((d) => d.fix)).toEqual(Array(5).fill({ insertSectionBefore: 12, headingLevel: 3 }));
  });

  it.each([
    ['underlined where its level\'s headings mostly are', 'Doc\n===\n\nScope\n-----\n\nOne team.\n\n## Notes\n\nNone.\n\nAppendix\n--------\n', true],
    ['underlined where the title is and no heading has its level', 'Doc\n===\n\nHow incoming support tickets reach the right team.\n', true],
    ['with #s under an underlined title when its level\'s headings have them', 'Doc\n===\n\n## Scope\n\nOne team.\n', false],
    ['with #s where Markdown cannot underline its level', 'Doc\n===\n\n### Scope\n\nOne team.\n', false],
  ])('its heading %s', (_, text, setext) => {
    expect(missing(text).map((d) => d.fix!.setext ?? false)).toEqual(Array(6).fill(setext));
  });

  it('before an element wrapping blocks that the document never closes (a <details>), not folded away inside it', () => {
    const details = '<details>\n<summary>Serving</summary>\n\n## Serving mode\n\nBatch scoring every night.\n';
    expect(missing(metrics + details).map((d) => d.fix)).toEqual(Array(4).fill({ insertSectionBefore: 7, headingLevel: 2 }));
    // The outermost one left open: inner ones closed or not, and a closed one before it, change nothing.
    const nested = '<div>\n\nNotes.\n\n</div>\n\n<div>\n<details>\n\n## Serving mode\n\nNightly.\n\n</details>\n\n<details>\n\nMore.\n';
    expect(missing(metrics + nested).map((d) => d.fix!.insertSectionBefore)).toEqual(Array(4).fill(13));
    // Closed, it is passed: the end is outside it.
    expect(missing(`${metrics + details}\n</details>\n`).map((d) => d.fix!.insertSectionBefore)).toEqual(Array(4).fill(16));
  });

  it('above the comments that speak of the heading it goes before, not between them, but below one that closes the section before', () => {
    const text = `${metrics}<!-- markdownlint-disable-next-line MD001 -->\n\n<!-- mlsd-disable-next-line weak-section -- decided by the platform team -->\n## Drift monitoring\n\nWe will add dashboards later.\n`;
    const [first] = missing(text);
    expect(first!.fix).toEqual({ insertSectionBefore: 7, headingLevel: 2 });
    expect(first!.line).toBe(10); // reported at the heading it goes before
    const after = `${metrics}<!-- mlsd-disable leakage-checks -- rules only -->\n\n## Drift monitoring\n\nWe will add dashboards later.\n`;
    expect(missing(after)[0]!.fix).toEqual({ insertSectionBefore: 9, headingLevel: 2 });
  });

  it('at the end, after a fence that is closed', () => {
    expect(missing(`${metrics}\`\`\`\ncode\n\`\`\`\n`).map((d) => d.fix)).toEqual(Array(5).fill({ insertSectionBefore: 11, headingLevel: 2 }));
  });
});
