import { describe, expect, it } from 'vitest';
import { Interview, loadTemplates, resolveAnswers } from '../src/scaffold/index.js';

const fraud = loadTemplates().get('fraud-detection')!;
const start = (file: Record<string, unknown> = {}) => new Interview(fraud.questions, resolveAnswers({ questions: fraud.questions, file, context: { title: 'T' } }));

/** Answer the interview's questions up to (not including) `key` with their suggestions. */
function answerUntil(interview: Interview, key: string) {
  for (let step = interview.next(); step && step.question.key !== key; step = interview.next()) interview.answer(step.question.key, step.suggestion ?? 'x');
}

describe('the interview', () => {
  it('counts only the questions it asks, and says where the user is', () => {
    const interview = start({ owner: 'risk' });
    const first = interview.next()!;
    expect([first.question.key, first.position, first.canGoBack]).toEqual(['title', 1, false]);
    expect(first.total).toBe(fraud.questions.filter((q) => q.key !== 'owner' && q.key !== 'batch_schedule').length);
    interview.answer('title', 'T');
    expect(interview.next()!.question.key).toBe('business_goal'); // owner was answered by the file
    expect(interview.next()!.position).toBe(2);
  });

  it('goes back one question, suggesting the answer that was given', () => {
    const interview = start();
    interview.answer('title', 'T');
    interview.answer('owner', 'risk-ml');
    expect(interview.back()).toBe('owner');
    const step = interview.next()!;
    expect([step.question.key, step.suggestion, step.canGoBack]).toEqual(['owner', 'risk-ml', true]);
    expect(interview.back()).toBe('title');
    expect(interview.back()).toBeUndefined();
  });

  it('derives later suggestions from earlier answers, and drops answers that no longer apply', () => {
    const interview = start();
    answerUntil(interview, 'serving_mode');
    interview.answer('serving_mode', 'batch');
    expect(interview.next()!.question.key).toBe('serving_details');
    answerUntil(interview, 'latency_budget');
    expect(interview.next()!.suggestion).toBe('90 min');
    interview.answer('latency_budget', '40 min');
    expect(interview.next()!.suggestion).toContain('| **Total** | **40 min** |');
    const { answers } = interview.final();
    expect(answers.batch_schedule).toBeDefined();
    expect(answers.latency_percentile).toBeUndefined();
  });

  it('gives the percentile a typed budget holds as given, and takes it back with the budget', () => {
    const interview = start();
    answerUntil(interview, 'serving_mode');
    interview.answer('serving_mode', 'batch');
    answerUntil(interview, 'latency_budget');
    interview.answer('latency_budget', 'p95 40 min');
    expect(interview.final().held).toEqual({ answers: { latency_percentile: 'p95' }, heldBy: { latency_percentile: 'latency_budget' } });
    const resumed = new Interview(fraud.questions, resolveAnswers({ questions: fraud.questions }), interview.state());
    expect(resumed.final().held.heldBy).toEqual({ latency_percentile: 'latency_budget' }); // kept for --resume
    expect(interview.back()).toBe('latency_budget');
    interview.answer('latency_budget', '40 min');
    expect(interview.final().held).toEqual({ answers: {}, heldBy: {} });
    expect(interview.state().answers.latency_percentile).toBeUndefined();
  });

  it('going back over a budget that repeated the percentile keeps the one answered before', () => {
    const interview = start();
    answerUntil(interview, 'latency_percentile');
    interview.answer('latency_percentile', 'p95');
    interview.answer('latency_budget', 'p95 150 ms');
    expect(interview.state().answers.latency_percentile).toBe('p95');
    interview.back();
    expect(interview.state().answers.latency_percentile).toBe('p95');
    expect(interview.final().held.answers).toEqual({});
  });

  it('does not let a typed budget replace the percentile answered at its own prompt', () => {
    const interview = start();
    answerUntil(interview, 'latency_percentile');
    interview.answer('latency_percentile', 'p99');
    expect(interview.contradiction('latency_budget', 'p95 150 ms')).toMatch(/^latency_percentile is answered twice, p99 by "latency_percentile" and p95 by "latency_budget"/);
    expect(interview.contradiction('latency_budget', 'p99 150 ms')).toBeUndefined();
    interview.answer('latency_budget', 'p95 150 ms');
    expect(interview.state().answers).toMatchObject({ latency_percentile: 'p99', latency_budget: '150 ms' });
  });

  it('does not ask what the answers file leaves for later (a key with no value), and leaves it a placeholder', () => {
    const interview = start({ owner: 'risk', business_goal: null });
    interview.answer('title', 'T');
    expect(interview.next()!.question.key).toBe('proxy_metric');
    expect(interview.final().unanswered).toEqual(['business_goal']);
  });

  it('suggests the answers taken back in another interview (the type chosen again) where it asks them and takes them', () => {
    const interview = start();
    interview.answer('title', 'Card fraud');
    interview.answer('owner', 'risk-ml');
    interview.back();
    interview.back();
    expect(interview.takenBack()).toEqual({ title: 'Card fraud', owner: 'risk-ml' });
    const generic = loadTemplates().get('generic')!;
    const again = new Interview(generic.questions, resolveAnswers({ questions: generic.questions, file: { owner: 'given' }, context: { title: 'T' } }));
    again.suggestAgain({ title: 'Card fraud', owner: 'risk-ml', serving_mode: 'sometimes', no_such_key: 'x' });
    expect(again.next()!.suggestion).toBe('Card fraud');
    again.answer('title', 'Card fraud');
    expect(again.next()!.question.key).toBe('business_goal'); // the owner the file gives is not asked
    answerUntil(again, 'serving_mode');
    expect(again.next()!.suggestion).toBe('online'); // a value no choice takes is not suggested
  });

  it('keeps what was answered and left empty, to resume from', () => {
    const interview = start();
    interview.answer('title', 'T');
    interview.answer('owner', undefined);
    const state = interview.state();
    expect(state).toEqual({ answers: { title: 'T' }, skipped: ['owner'], asked: ['title', 'owner'] });
    const resumed = new Interview(fraud.questions, resolveAnswers({ questions: fraud.questions }), state);
    expect(resumed.next()!.question.key).toBe('business_goal');
    expect(resumed.final().unanswered).toEqual(['owner']);
    expect(resumed.back()).toBe('owner'); // a left-empty question can be gone back to
    expect(resumed.next()!.question.key).toBe('owner');
  });
});
