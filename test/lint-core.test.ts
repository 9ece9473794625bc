import { describe, expect, it } from 'vitest';
import { example, fixture, lintText } from './helpers.js';

/** A complete design doc: every checklist item present (test/fixtures). */
const COMPLETE = fixture('complete-search-ranking.md');

describe('lint core', () => {
  it('finds every item present in a complete document', () => {
    const result = lintText(COMPLETE);
    expect(result.diagnostics).toEqual([]);
    expect(Object.values(result.checklist)).toEqual(Array(6).fill('present'));
  });

  it('reports an absent item where its section belongs, not at line 1', () => {
    const text = COMPLETE.replace(/## Labels\n.*\n\n/, '');
    const result = lintText(text);
    expect(result.checklist.labels).toBe('absent');
    const d = result.diagnostics.find((x) => x.itemId === 'labels')!;
    expect(d).toMatchObject({ ruleId: 'required-section', severity: 'error' });
    const leakageLine = text.split('\n').indexOf('## Leakage checks') + 1;
    expect(d.line).toBe(leakageLine);
    expect(d.message).toContain('after "Metrics"');
  });

  it.each([
    ['an empty section', 'p99 end-to-end latency ≤ 120 ms.', ''],
    ['a placeholder', 'p99 end-to-end latency ≤ 120 ms.', 'Latency: TBD'],
    ['a tentative number', 'p99 end-to-end latency ≤ 120 ms.', 'Latency should be low, maybe 200ms?'],
    ['a template placeholder', 'p99 end-to-end latency ≤ 120 ms.', 'p99 latency ≤ {{latency_ms}} ms'],
    ['an X placeholder', 'p99 end-to-end latency ≤ 120 ms.', 'p99 latency under X ms'],
  ])('rates the latency budget weak for %s', (_name, from, to) => {
    const result = lintText(COMPLETE.replace(from, to));
    expect(result.checklist['latency-budget']).toBe('weak');
    expect(result.diagnostics.find((d) => d.itemId === 'latency-budget')?.ruleId).toBe('weak-section');
  });

  it('rates generic metric words weak', () => {
    const result = lintText(COMPLETE.replace(/Offline: NDCG.*/, 'We will track accuracy and business metrics.'));
    expect(result.checklist.metrics).toBe('weak');
  });

  it('rates a bare "avoid leakage" weak', () => {
    const result = lintText(COMPLETE.replace(/Time-based split.*/, 'We will make sure to avoid leakage.'));
    expect(result.checklist['leakage-checks']).toBe('weak');
  });

  it('matches numbered, emoji and bold headings at any level', () => {
    const text = COMPLETE.replace('## Metrics', '#### 2. 📊 Success Metrics:').replace('## Labels', '**Labels**');
    const result = lintText(text);
    expect(result.checklist.metrics).toBe('present');
    expect(result.checklist.labels).toBe('present');
    expect(result.items.labels?.via).toBe('heading');
  });

  it('reads a heading escaped by a converter (\\## Labels) as the heading of its depth, and its title as the title', () => {
    const escaped = COMPLETE.replace(/^(#{1,6}) /gm, '\\$1 ');
    expect(escaped).toContain('\\## Labels');
    const result = lintText(escaped);
    expect(result.checklist).toEqual(lintText(COMPLETE).checklist);
    expect(result.items.labels).toMatchObject({ via: 'heading', sections: ['Labels'] });
    const crlf = lintText(escaped.replace(/\n/g, '\r\n'));
    expect(crlf.items.labels).toMatchObject({ via: 'heading', sections: ['Labels'] });
  });

  it('finds an item from evidence inside another section and says where', () => {
    const text = COMPLETE.replace(/## Labels\n.*\n/, '## Data\nEach impression is labelled positive when the user clicks within 30 s; negatives are impressions with no click.\n');
    const result = lintText(text);
    expect(result.checklist.labels).toBe('present');
    expect(result.items.labels).toMatchObject({ via: 'mention', sections: ['Data'] });
    expect(result.items.labels?.line).toBe(text.split('\n').indexOf('## Data') + 2);
  });

  it('quotes a long line around its evidence, never cutting a character in two', () => {
    const padding = 'Longer context about how the ranking team weighs what it reads, sentence after sentence. '.repeat(8);
    const late = lintText(`# Doc\n\n## Metrics\n\n- ${padding}The offline metric is NDCG@10 and the online one is CTR.\n`).items.metrics!.evidence![0]!;
    expect(late.quote).toMatch(/^…\S.*NDCG@10 and the online one is CTR\.$/);
    expect(late.quote.length).toBeLessThanOrEqual(160);
    const emoji = lintText(`# Doc\n\n## Metrics\n\nWe track NDCG@10 offline and CTR online. ${'a'.repeat(117)}${'🚀'.repeat(5)}\n`).items.metrics!.evidence![0]!;
    // 159 units would end inside the first rocket: the quote stops before it.
    expect(emoji.quote).toBe(`We track NDCG@10 offline and CTR online. ${'a'.repeat(117)}…`);
  });

  it('reports a front matter YAML error at its line instead of throwing', () => {
    const result = lintText(COMPLETE.replace('status: draft', 'status: [draft'));
    const d = result.diagnostics.find((x) => x.ruleId === 'front-matter-yaml');
    expect(d).toBeDefined();
    expect(d!.line).toBeGreaterThanOrEqual(2);
    expect(d!.line).toBeLessThanOrEqual(4);
  });

  it('lints every bundled complete example clean and the draft with several kinds of findings', () => {
    for (const name of ['feed-ranking.md', 'fraud-detection.md', 'rag-support-assistant.md']) {
      expect(lintText(example(name)).diagnostics, name).toEqual([]);
    }
    const draft = lintText(example('churn-prediction-draft.md'));
    expect(new Set(draft.diagnostics.map((d) => d.ruleId))).toEqual(new Set(['required-section', 'weak-section', 'placeholder']));
    expect(draft.checklist).toMatchObject({ labels: 'absent', 'drift-monitoring': 'absent', metrics: 'weak' });
  });
});

describe("findings in the document's language", () => {
  // Labels and the latency budget have sections of their own; leakage and serving are only mentioned in them.
  const RU = '---\ntitle: Отток\n---\n\n## Разметка\n\nМетка положительная, если клиент ушёл в течение 30 дней после даты прогноза; мы следим, чтобы не было утечки.\n\n## Бюджет задержки\n\nОтвет сервиса не более 100 мс на 99-й перцентиль.\n';

  it('names an item only mentioned in passing as its missing section is named, not by its English title', () => {
    const result = lintText(RU);
    expect(result.language).toBe('ru');
    const weak = (id: string) => result.diagnostics.find((d) => d.itemId === id && d.ruleId === 'weak-section')?.message;
    expect(weak('leakage-checks')).toMatch(/^Утечки only mentioned in passing \(in "Разметка"\), not addressed: /);
    expect(weak('serving-mode')).toMatch(/^Инференс only mentioned in passing \(in "Бюджет задержки"\), not addressed: /);
    // The same name as the finding of the item when it is missing altogether.
    const missing = lintText(RU.replace(' мы следим, чтобы не было утечки.', '')).diagnostics.find((d) => d.itemId === 'leakage-checks')?.message;
    expect(missing).toMatch(/^Missing required section "Утечки"/);
  });

  it('names it by its title in an English document', () => {
    const result = lintText('---\ntitle: Churn\n---\n\n## Labels\n\nA customer is labelled churned when billing records no payment within 30 days; we make sure nothing leaks.\n');
    expect(result.diagnostics.find((d) => d.itemId === 'leakage-checks')?.message).toMatch(/^Leakage checks only mentioned in passing \(in "Labels"\), not addressed: /);
  });
});

describe('a byte-order mark', () => {
  // The CLI's decoder drops the mark; a library user may hand lint the text with it.
  const BOM = '\uFEFF';

  it('changes no finding, position, heading or fingerprint', () => {
    for (const text of [example('churn-prediction-draft.md'), COMPLETE.replace('## Labels', '## Labels TBD'), '# {{title}}\n\n## Metrics\n\nWe will track accuracy.\n']) {
      const plain = lintText(text);
      const marked = lintText(`${BOM}${text}`);
      expect(plain.diagnostics.length).toBeGreaterThan(0);
      expect(marked).toEqual(plain);
    }
  });

  it('reads the headings whole', () => {
    const result = lintText(`${BOM}${example('churn-prediction-draft.md')}`);
    expect(result.items.metrics?.sections).toEqual(['Metrics']);
    expect(result.diagnostics.find((d) => d.itemId === 'labels')?.message).toBe('Missing required section "Labels" (add it after "Metrics").');
  });
});
