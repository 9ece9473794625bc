import { describe, expect, it } from 'vitest';
import { insertSections } from '../src/lint/fix.js';

describe('insertSections', () => {
  const doc = '# T\n\n## A\na\n\n## C\nc\n';

  it('inserts before a line, with blank lines around, at the level of the sections there', () => {
    expect(insertSections(doc, [{ before: 6, section: '## B\n\nb' }])).toBe('# T\n\n## A\na\n\n## B\n\nb\n\n## C\nc\n');
    expect(insertSections(doc.replace(/## /g, '### '), [{ before: 6, section: '## B\n\nb' }])).toContain('\n### B\n\nb\n\n### C');
  });

  it('appends after the last line, and keeps several sections at one point in order', () => {
    expect(insertSections(doc, [{ before: 9, section: '## D\n\nd' }])).toBe(`${doc}\n## D\n\nd\n`);
    expect(insertSections('# T\nno newline', [{ before: 3, section: '## D\n\nd' }, { before: 3, section: '## E\n\ne' }])).toBe('# T\nno newline\n\n## D\n\nd\n\n## E\n\ne\n');
  });

  it('keeps CRLF line endings', () => {
    const crlf = doc.replace(/\n/g, '\r\n');
    const out = insertSections(crlf, [{ before: 6, section: '## B\n\nb' }]);
    expect(out).toContain('## B\r\n\r\nb\r\n\r\n## C');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
