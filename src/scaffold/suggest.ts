import { applies, parseLatency } from './questions.js';
import type { Answers, Question, Split } from './types.js';

/** What a suggestion is resolved from: the merged suggestions and where each came from. */
export interface SuggestionSource {
  suggestions: Answers;
  sources: Record<string, string>;
}

/**
 * The suggestion for a question given the answers so far, so that it never contradicts them: a team
 * default (config) is the team's decision and stands; otherwise the first variant whose condition
 * holds (batch serving gets a batch suggestion), else the question's own. A split is derived from
 * the answer it splits (the stages of a latency budget add up to the budget chosen).
 */
export function suggestionFor(question: Question, sofar: Answers, source: SuggestionSource): string | undefined {
  const fixed = source.suggestions[question.key];
  if (source.sources[question.key] === 'config') return fixed;
  const variant = question.variants?.find((v) => applies({ ...question, when: v.when }, sofar));
  if (variant) return (variant.split && splitTable(variant.split, sofar[variant.split.of])) ?? variant.default ?? fixed;
  return (question.split && splitTable(question.split, sofar[question.split.of])) ?? fixed;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Split an amount across weights so the parts add up to it exactly: each part is rounded down to
 * the step, and the steps left over go to the parts that lost most to rounding (largest remainder).
 */
export function apportion(total: number, weights: readonly number[], step: number): number[] {
  const units = Math.round(total / step);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (units * w) / sum);
  const parts = exact.map(Math.floor);
  let left = units - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]! += 1;
  }
  return parts.map((p) => Number((p * step).toFixed(3)));
}

/** The next smaller unit a stage can be stated in, and how many of it make one of the larger. */
const SMALLER: Record<string, [string, number]> = { min: ['s', 60], s: ['ms', 1000] };

/**
 * The stage table for a budget answer ("100 ms"): one row per stage and a total row equal to the
 * budget, in the budget's unit, or in a smaller one when the smallest stage would be under one of it
 * (for 1.5 s, 0.45 s would round to 0.4 s and headroom to 0 s; 450 ms of 1500 ms is exact).
 * Undefined when the budget is not answered (or not a latency).
 */
export function splitTable(split: Split, budget: string | undefined): string | undefined {
  const latency = budget === undefined ? undefined : parseLatency(budget);
  if (!latency) return undefined;
  const weights = Object.values(split.stages);
  const smallest = Math.min(...weights) / weights.reduce((a, b) => a + b, 0);
  let amount = Number(latency.amount);
  let unit = latency.unit;
  for (let smaller = SMALLER[unit]; smaller && amount * smallest < 1; smaller = SMALLER[unit]) {
    amount = Number((amount * smaller[1]).toFixed(6));
    unit = smaller[0];
  }
  const names = Object.keys(split.stages);
  const step = amount / names.length >= 5 && Number.isInteger(amount) ? 1 : 0.1;
  const parts = apportion(amount, weights, step);
  const rows = names.map((name, i) => `| ${capitalize(name)} | ${parts[i]} ${unit} |`);
  return ['| Stage | Budget |', '| --- | ---: |', ...rows, `| **Total** | **${amount} ${unit}** |`].join('\n');
}
