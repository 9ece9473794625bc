import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultChecklist, defaultVocabulary, readDefaultSchema } from '../src/checklist/load.js';
import { isEnum, isUnits } from '../src/checklist/vocabulary.js';
import { lint } from '../src/lint/index.js';
import { acceptDefaults, checkAnswer, loadTemplates, renderDocument, resolveAnswers, type Question } from '../src/scaffold/index.js';

/** One vocabulary (schemas/checklist/checklist.yaml) for what `mlsd new` writes and what `mlsd lint` accepts. */

const NOW = new Date('2025-01-15T12:00:00Z');
const templates = [...loadTemplates().values()];
const vocabulary = defaultVocabulary();
const FRONT_MATTER_RULES = new Set(['front-matter', 'front-matter-yaml']);

/** Front matter findings of a doc: what must stay empty for every answer `mlsd new` takes. */
const frontMatterFindings = (text: string) => lint(text, defaultChecklist()).diagnostics.filter((d) => FRONT_MATTER_RULES.has(d.ruleId));

const draft = async (template: (typeof templates)[number], sets: Record<string, string>) => {
  const resolution = resolveAnswers({ questions: template.questions, sets: Object.entries(sets).map(([k, v]) => `${k}=${v}`), context: { title: 'Vocabulary check' } });
  const { answers } = acceptDefaults(template.questions, resolution);
  return renderDocument({ template, answers, checklist: defaultChecklist(), name: 'vocabulary', now: NOW });
};

/** Every choice a person can give a choice question: its choices and, from a vocabulary, their synonyms. */
const choicesOf = (q: Question) => {
  const words = q.vocabulary === undefined ? undefined : vocabulary[q.vocabulary];
  return [...(q.choices ?? []), ...Object.keys(isEnum(words) ? (words.synonyms ?? {}) : {})];
};

const cases = templates.flatMap((t) => t.questions.filter((q) => q.type === 'choice').flatMap((q) => choicesOf(q).map((choice) => [t.id, q.key, choice, t] as const)));

describe('a draft from every template and every choice', () => {
  it('covers every template and the serving modes with their synonyms', () => {
    expect(new Set(cases.map(([id]) => id)).size).toBe(templates.length);
    expect(cases.filter(([, key]) => key === 'serving_mode').map(([, , choice]) => choice)).toContain('on-device');
  });

  it.each(cases)('%s, %s = %s: lint finds nothing wrong with its front matter', async (_id, key, choice, template) => {
    const doc = await draft(template, { [key]: choice });
    expect(frontMatterFindings(doc)).toEqual([]);
  });
});

describe('serving modes', () => {
  it('the question offers exactly the values lint accepts', () => {
    const serving = templates[0]!.questions.find((q) => q.key === 'serving_mode')!;
    const lintEnum = readDefaultSchema() as { properties: { frontMatter: { properties: { serving_mode: { enum: string[] } } } } };
    const values = isEnum(vocabulary.serving_mode) ? vocabulary.serving_mode.values : [];
    expect(serving.choices).toEqual(values);
    expect(lintEnum.properties.frontMatter.properties.serving_mode.enum).toEqual(values);
  });
});

describe('latency budgets', () => {
  const question: Question = { key: 'latency_budget', section: 'serving', message: 'Latency budget', type: 'latency' };
  const lintAccepts = (value: string) => frontMatterFindings(`---\nlatency_budget: ${JSON.stringify(value)}\n---\n`).length === 0;
  const units = isUnits(vocabulary.latency) ? Object.entries(vocabulary.latency.units).flatMap(([unit, others]) => [unit, ...others]) : [];

  it('every unit spelling the vocabulary lists is accepted by both, and what new writes, lint accepts', () => {
    expect(units).toEqual(expect.arrayContaining(['ms', 's', 'seconds', 'min', 'h']));
    for (const unit of units) {
      for (const given of [`150 ${unit}`, `2${unit}`, `p99 1.5 ${unit}`]) {
        const checked = checkAnswer(question, given);
        expect(checked, given).toMatchObject({ ok: true });
        expect(lintAccepts(given), given).toBe(true);
        if (checked.ok) expect(lintAccepts(checked.value), checked.value).toBe(true);
      }
    }
  });

  it('accepts what lint accepts and refuses what it refuses', () => {
    const samples = ['150ms', '150 ms', '2 seconds', '1h', '1.5 min', 'p99 150 ms', 'p99.9 ≤ 80 ms', '≤ 2 s', '500 µs', '500us', 'fast', '150', 'ms', '150 parsecs', '150 ms end-to-end', 'TODO(mlsd): latency budget'];
    for (const given of samples) expect(checkAnswer(question, given).ok, given).toBe(lintAccepts(given));
    expect(checkAnswer(question, '2 seconds')).toEqual({ ok: true, value: '2 s' });
    expect(checkAnswer(question, '150MS')).toEqual({ ok: true, value: '150 ms' });
  });
});

describe('front matter keys', () => {
  it('every key mlsd new writes is one the checklist declares', async () => {
    const doc = await draft(templates.find((t) => t.id === 'generic')!, {});
    const written = Object.keys(parse(doc.split('---')[1]!) as object);
    const declared = Object.keys((readDefaultSchema() as { properties: { frontMatter: { properties: object } } }).properties.frontMatter.properties);
    expect(written.filter((key) => !declared.includes(key))).toEqual([]);
  });

  it('a placeholder left in front matter is reported, at its line', () => {
    const found = lint('---\ntitle: Fraud\nowner: "TODO(mlsd): owning team or person"\n---\n# Fraud\n', defaultChecklist()).diagnostics.filter((d) => d.ruleId === 'placeholder');
    expect(found).toEqual([expect.objectContaining({ line: 3, column: 9, message: expect.stringContaining('"TODO"') })]);
  });
});
