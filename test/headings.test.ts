import { describe, expect, it } from 'vitest';
import { headingMatches, normalizeHeading } from '../src/checklist/headings.js';

describe('normalizeHeading', () => {
  it.each([
    ['3. Metrics', 'metrics'],
    ['Step 3: Metrics', 'metrics'],
    ['3.2) Success Metrics:', 'success metrics'],
    ['📊 Metrics', 'metrics'],
    ['**Latency budget**', 'latency budget'],
    ['Monitoring & Alarms!', 'monitoring and alarms'],
    ['IV. Drift monitoring', 'drift monitoring'],
    ['2.2 Quality Metrics and Success Criteria', 'quality metrics and success criteria'],
    ['4.3. Отчёт о качестве', 'отчет о качестве'],
  ])('%s → %s', (heading, expected) => {
    expect(normalizeHeading(heading)).toBe(expected);
  });
});

describe('headingMatches', () => {
  it('matches equal headings and whole-word containment', () => {
    expect(headingMatches('metrics', 'metrics')).toBe(true);
    expect(headingMatches('scaling monitoring and updates', 'monitoring')).toBe(true);
  });
  it('does not match inside words', () => {
    expect(headingMatches('biometrics', 'metrics')).toBe(false);
    expect(headingMatches('labelsmith', 'labels')).toBe(false);
  });
  it('finds a whole-word match after a match inside a word', () => {
    expect(headingMatches('biometrics and metrics', 'metrics')).toBe(true);
    expect(headingMatches('biometrics and metricsx', 'metrics')).toBe(false);
  });
});
