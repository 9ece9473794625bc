import { describe, expect, it } from 'vitest';
import { configHasTeamPatterns } from '../src/run/team-patterns.js';

describe('configHasTeamPatterns (a config file as read, before it is validated)', () => {
  it('finds a pattern key in the checklist, an override or a language', () => {
    expect(configHasTeamPatterns({ checklist: { metrics: { mentions: ['north star'] } } })).toBe(true);
    expect(configHasTeamPatterns({ overrides: [{ files: ['a/**'], checklist: { labels: { facts: {} } } }] })).toBe(true);
    expect(configHasTeamPatterns({ languages: { de: { stopwords: ['der'] } } })).toBe(true);
    expect(configHasTeamPatterns({ languages: { ru: { skeletons: {}, deferredSections: ['позже'] } } })).toBe(true);
  });

  it('finds none in words, flags and levels, nor in what is not a config', () => {
    expect(configHasTeamPatterns({ checklist: { metrics: { title: 'KPIs', aliases: ['KPIs'], heads: ['kpi'], required: true, severity: 'error' } }, rules: { 'latency-percentile': 'off' } })).toBe(false);
    // a language's own --fix sections and name are text: a team that only words Russian sections its way keeps the fast path
    expect(configHasTeamPatterns({ languages: { ru: { skeletons: { labels: '## Разметка\n\nTODO(mlsd): откуда метки' } }, en: { name: 'English' } } })).toBe(false);
    for (const data of [undefined, null, 'checklist', [], { checklist: ['mentions'] }, { checklist: { metrics: null } }, { overrides: 'x' }, { languages: [] }]) {
      expect(configHasTeamPatterns(data)).toBe(false);
    }
  });
});
