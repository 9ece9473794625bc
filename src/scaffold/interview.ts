import { answeredTwice, type Resolution } from './answers.js';
import { applies, checkAnswer, checkAnswers } from './questions.js';
import { suggestionFor } from './suggest.js';
import type { Answers, Question } from './types.js';

/** The question to ask next, with where it stands and its suggestion given the answers so far. */
export interface Step {
  question: Question;
  /** 1-based position among the questions this interview asks. */
  position: number;
  total: number;
  suggestion?: string;
  /** Whether there is an earlier question to go back to. */
  canGoBack: boolean;
}

/** What an interrupted interview leaves behind, so `--resume` continues it. */
export interface InterviewState {
  answers: Answers;
  /** Questions the user left empty (they render as placeholders). */
  skipped: string[];
  /** Keys in the order they were asked, for going back. */
  asked: string[];
  /** Answers a typed answer held for another question (the percentile of "p95 150 ms"), by key. */
  held?: Record<string, Held>;
}

/** An answer a typed answer held for another question: the key typed, and the answer it replaced (going back restores it). */
export interface Held {
  by: string;
  before?: string;
}

/** Answers given for questions, and which of them another answer held: what `mlsd new` reports unused. */
export type Given = Pick<Resolution, 'answers' | 'heldBy'>;

/**
 * The interactive interview, as data: which question comes next, going back one question, and the
 * state to keep when the user stops. Questions answered before it starts (answers file, --set) are
 * not asked; a question that no longer applies after an earlier answer changes is dropped.
 */
export class Interview {
  readonly answers: Answers;
  private readonly skipped: Set<string>;
  private readonly asked: string[];
  private readonly given: ReadonlySet<string>;
  private readonly held: Map<string, Held>;
  /** Answers the user wrote, taken back by going back: asked again with that answer as the suggestion. */
  private readonly previous = new Map<string, string>();

  constructor(
    readonly questions: readonly Question[],
    private readonly resolution: Resolution,
    resumed?: InterviewState,
  ) {
    // What the answers file leaves for later is given as its answers are: not asked, a placeholder.
    this.given = new Set([...Object.keys(resolution.answers), ...resolution.leftForLater]);
    this.answers = { ...(resumed?.answers ?? {}), ...resolution.answers };
    this.skipped = new Set([...(resumed?.skipped ?? []), ...resolution.leftForLater]);
    this.asked = [...(resumed?.asked ?? [])];
    this.held = new Map(Object.entries(resumed?.held ?? {}));
  }

  /** The questions this interview asks, given the answers so far (suggestions stand in for the rest). */
  private asking(): Question[] {
    const sofar = { ...this.resolution.suggestions, ...this.answers };
    return this.questions.filter((q) => !this.given.has(q.key) && applies(q, sofar));
  }

  next(): Step | undefined {
    const asking = this.asking();
    const index = asking.findIndex((q) => this.answers[q.key] === undefined && !this.skipped.has(q.key) && applies(q, this.answers));
    if (index < 0) return undefined;
    const question = asking[index]!;
    return {
      question,
      position: index + 1,
      total: asking.length,
      suggestion: this.previous.get(question.key) ?? suggestionFor(question, this.answers, this.resolution),
      canGoBack: this.asked.length > 0,
    };
  }

  /**
   * Why a typed answer cannot be taken as it is: it holds an answer for another question that
   * already has a different one (the percentile of "p95 150 ms" after p99 was chosen at its own
   * prompt, or given with --set). The answer given first is not replaced without a word: the prompt
   * refuses this one, as --set refuses the two together.
   */
  contradiction(key: string, value: string): string | undefined {
    const question = this.questions.find((q) => q.key === key);
    const checked = question ? checkAnswers(question, value, this.questions) : undefined;
    if (!checked?.ok) return undefined;
    for (const [k, v] of Object.entries(checked.answers)) {
      const before = this.answers[k];
      if (k === key || before === undefined || before === v) continue;
      return `${answeredTwice(k, before, this.held.get(k)?.by ?? k, v, key)}; leave ${v} out of the answer`;
    }
    return undefined;
  }

  /**
   * Record an answer, normalised as its question checks it, with any answer it holds for another
   * question (the percentile of "p95 150 ms"); undefined, or an answer the question refuses, leaves
   * the question unanswered (a placeholder in the doc).
   */
  answer(key: string, value: string | undefined): void {
    const question = this.questions.find((q) => q.key === key);
    const checked = question && value !== undefined ? checkAnswers(question, value, this.questions) : undefined;
    if (checked?.ok) {
      for (const [k, v] of Object.entries(checked.answers)) {
        if (k === key) continue;
        // An answer it contradicts stays (the prompt refuses such an answer; see contradiction()).
        if (this.answers[k] !== undefined && this.answers[k] !== v) continue;
        this.held.set(k, this.answers[k] === undefined ? { by: key } : { by: key, before: this.answers[k] });
        this.answers[k] = v;
      }
      this.answers[key] = checked.answers[key]!;
    } else this.skipped.add(key);
    this.asked.push(key);
  }

  /**
   * Go back one question: it is asked again, with the answer it had as the suggestion. An answer that
   * was the suggestion it was offered is not kept as one: its suggestion is derived again, so it
   * follows the earlier answers if they change (a batch suggestion does not outlive batch serving).
   */
  back(): string | undefined {
    const key = this.asked.pop();
    if (key === undefined) return undefined;
    const previous = this.answers[key];
    delete this.answers[key];
    this.skipped.delete(key);
    // What it held for other questions goes with it: they have the answers they had before.
    for (const [k, held] of this.held) {
      if (held.by !== key) continue;
      if (held.before === undefined) delete this.answers[k];
      else this.answers[k] = held.before;
      this.held.delete(k);
    }
    // The answers before it are as they were when it was asked, so this is the suggestion it had.
    const question = this.questions.find((q) => q.key === key);
    const derived = question && suggestionFor(question, this.answers, this.resolution);
    if (previous !== undefined && previous !== derived) this.previous.set(key, previous);
    else this.previous.delete(key);
    return key;
  }

  /** The answers the user wrote and took back by going back (they are suggested when asked again): for an interview of another type to suggest. */
  takenBack(): Answers {
    return Object.fromEntries(this.previous);
  }

  /**
   * Suggest answers taken back from an interview of another type (the problem type chosen again)
   * when their questions are asked: those this one asks, and takes as they are (a choice among its choices).
   */
  suggestAgain(answers: Answers): void {
    for (const [key, value] of Object.entries(answers)) {
      const question = this.questions.find((q) => q.key === key);
      if (question && !this.given.has(key) && checkAnswer(question, value).ok) this.previous.set(key, value);
    }
  }

  /**
   * The answers to render: only those of questions that still apply (an earlier answer may have
   * changed); and the answers typed answers held for other questions, given as --set gives them, so
   * one a later answer skips (the percentile of "p95 150 ms" with batch serving) is reported unused.
   */
  final(): { answers: Answers; unanswered: string[]; held: Given } {
    const answers: Answers = {};
    const byKey = new Map(this.questions.map((q) => [q.key, q]));
    for (const [key, value] of Object.entries(this.answers)) {
      const q = byKey.get(key);
      if (!q || applies(q, this.answers)) answers[key] = value;
    }
    const unanswered = [...this.skipped].filter((key) => {
      const q = byKey.get(key);
      return q !== undefined && applies(q, answers);
    });
    const held: Given = { answers: {}, heldBy: {} };
    for (const [k, { by }] of this.held) {
      held.answers[k] = this.answers[k]!;
      held.heldBy[k] = by;
    }
    return { answers, unanswered, held };
  }

  /** What to keep when the user stops: the answers given so far, explicit ones included. */
  state(): InterviewState {
    const state: InterviewState = { answers: { ...this.answers }, skipped: [...this.skipped], asked: [...this.asked] };
    return this.held.size > 0 ? { ...state, held: Object.fromEntries(this.held) } : state;
  }

  /** How many questions the user has answered in this interview (for "7 answers are kept"). */
  get answeredCount(): number {
    return this.asked.filter((key) => this.answers[key] !== undefined).length;
  }
}
