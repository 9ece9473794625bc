import { parse as parseYaml } from 'yaml';
import { answerText, applies, checkAnswers, checkText } from './questions.js';
import { suggestionFor } from './suggest.js';
import { type Answers, type Question, type ScaffoldConfig } from './types.js';
import { ConfigError, type ConfigProblem } from '../config/file.js';
import { firstLine, UserError } from '../errors.js';
import { didYouMean } from '../suggest.js';

/** Where the answer to a question came from, lowest precedence first. */
export type AnswerSource = 'template' | 'config' | 'file' | 'flag' | 'prompt';

export interface AnswerInputs {
  questions: readonly Question[];
  /** Team defaults and templates folder (from the team config, when there is one). */
  config?: ScaffoldConfig;
  /** Parsed --answers file. */
  file?: Record<string, unknown>;
  /** --set key=value, in order. */
  sets?: readonly string[];
  /** Defaults computed from the call itself (the title from the doc name). */
  context?: Answers;
  /**
   * The keys the questions of every template ask: a team config's default answer to none of them is
   * a typo (`ownr`), refused at its line; one another template asks is that template's default.
   */
  askedAnywhere?: ReadonlySet<string>;
}

export interface Resolution {
  /** Answers given explicitly (answers file, --set), validated and normalised. */
  answers: Answers;
  /** Suggested values: template default, overridden by context and team config. */
  suggestions: Answers;
  /** Where each answer or suggestion came from. */
  sources: Record<string, AnswerSource>;
  /** Keys given that no question asks; kept, since a team template may use them. */
  unknown: string[];
  /** Answers another answer held, by the key that gave them: the percentile of "p95 150 ms" (latency_percentile → latency_budget). */
  heldBy: Record<string, string>;
  /**
   * Questions the answers file leaves for later (a key with no value, `business_goal:`): given, as an
   * answer is, so neither asked nor filled with the suggestion by --yes, but a placeholder in the doc.
   */
  leftForLater: string[];
}

/** An answer another answer contradicts ("p99" for the percentile, "p95 150 ms" for the budget): one wording for --set, answers files and the prompt. */
export function answeredTwice(key: string, first: string, firstBy: string, second: string, secondBy: string): string {
  return `${key} is answered twice, ${first} by "${firstBy}" and ${second} by "${secondBy}"`;
}

/** Parse --set key=value flags. */
export function parseSets(sets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const set of sets) {
    const at = set.indexOf('=');
    const key = at > 0 ? set.slice(0, at).trim() : '';
    if (!/^[a-z][a-z0-9_]*$/.test(key)) throw new UserError(`--set "${set}": expected key=value with a snake_case key`);
    out[key] = set.slice(at + 1);
  }
  return out;
}

/** Parse an answers file: YAML (a superset of JSON) holding one mapping of keys to values. */
export function parseAnswersFile(text: string, name: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new UserError(`answers file ${name} is not valid YAML or JSON: ${firstLine(error)}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new UserError(`answers file ${name} must hold a mapping of question keys to answers`);
  return data as Record<string, unknown>;
}

/**
 * Merge the answer sources, in precedence order: template defaults → context → team config →
 * answers file → --set. Defaults and team config are suggestions (what a prompt pre-fills and
 * --yes accepts); the answers file and --set are answers. Every value is validated.
 */
export function resolveAnswers(inputs: AnswerInputs): Resolution {
  const byKey = new Map(inputs.questions.map((q) => [q.key, q]));
  const res: Resolution = { answers: {}, suggestions: {}, sources: {}, unknown: [], heldBy: {}, leftForLater: [] };

  // The team config's answers are refused as the config loader refuses its other keys: all at once, each at its file and line.
  const placeOf = inputs.config?.placeOf;
  const configProblems: ConfigProblem[] = [];
  const take = (layer: Record<string, unknown> | undefined, source: AnswerSource, into: Answers, label: string) => {
    /**
     * Refuse the layer's answer to `key`: `why` is said of the key, or is a sentence of its own
     * (`whole`). A team default is refused at its line, with the config's other problems; any other answer at once.
     */
    const refuse = (key: string, why: string, whole = false) => {
      if (source !== 'config' || placeOf === undefined) throw new UserError(`${label}: ${whole ? why : `"${key}" ${why}`}`);
      configProblems.push({ ...placeOf(key), message: `answers.${key}${whole ? ':' : ''} ${why}` });
    };
    // Which key of this layer gave each answer: one answer may hold another's ("p95 150 ms"), and the two must agree.
    const givenBy: Record<string, string> = {};
    for (const [key, raw] of Object.entries(layer ?? {})) {
      // An answers file's key with no value leaves its question for later, as `-` does at the prompt (--save-answers writes it so).
      if (source === 'file' && raw === null) {
        if (!res.leftForLater.includes(key)) res.leftForLater.push(key);
        if (!byKey.has(key) && !res.unknown.includes(key)) res.unknown.push(key);
        res.sources[key] = source;
        continue;
      }
      if (source === 'file' && typeof raw === 'string' && raw.trim() === '') {
        refuse(key, `is empty: to leave it for later, give it no value at all (${key}:), not ""`);
        continue;
      }
      const value = answerText(raw);
      if (value === undefined) {
        refuse(key, 'must be a text, a number or a list');
        continue;
      }
      const question = byKey.get(key);
      if (!question) {
        const { askedAnywhere } = inputs;
        if (source === 'config' && askedAnywhere !== undefined && !askedAnywhere.has(key)) {
          refuse(key, `names no question of any template${didYouMean(key, [...askedAnywhere])}`);
          continue;
        }
        // Kept for a team template, which may insert it: checked as text.
        const text = checkText(value);
        if (!text.ok) {
          refuse(key, text.reason);
          continue;
        }
        if (!res.unknown.includes(key)) res.unknown.push(key);
        into[key] = value;
        res.sources[key] = source;
        continue;
      }
      const checked = checkAnswers(question, raw, inputs.questions);
      if (!checked.ok) {
        refuse(key, checked.reason);
        continue;
      }
      for (const [k, v] of Object.entries(checked.answers)) {
        // An answer given later (--set) answers what the file left for later.
        res.leftForLater = res.leftForLater.filter((left) => left !== k);
        const other = givenBy[k];
        if (other !== undefined && into[k] !== v) {
          refuse(key, answeredTwice(k, into[k]!, other, v, key), true);
          continue;
        }
        givenBy[k] = key;
        if (k !== key) res.heldBy[k] = key;
        into[k] = v;
        res.sources[k] = source;
      }
    }
  };

  for (const q of inputs.questions) {
    if (q.default !== undefined) {
      res.suggestions[q.key] = q.default;
      res.sources[q.key] = 'template';
    }
  }
  take(inputs.context, 'template', res.suggestions, 'default');
  take(inputs.config?.defaults, 'config', res.suggestions, inputs.config?.configFile === undefined ? 'team config' : `${inputs.config.configFile}, answers`);
  if (configProblems.length > 0) throw new ConfigError(configProblems);
  take(inputs.file, 'file', res.answers, 'answers file');
  take(parseSets(inputs.sets ?? []), 'flag', res.answers, '--set');
  return res;
}

/** The questions that apply and have no explicit answer yet (none left for later either), in asking order, given answers so far. */
export function pendingQuestions(questions: readonly Question[], answers: Answers, suggestions: Answers = {}, leftForLater: readonly string[] = []): Question[] {
  const sofar = { ...suggestions, ...answers };
  return questions.filter((q) => answers[q.key] === undefined && !leftForLater.includes(q.key) && applies(q, sofar));
}

/**
 * Accept suggestions for every applicable question without an answer (--yes), each suggestion
 * resolved from the answers before it. Questions with no suggestion stay unanswered and render as
 * placeholders; they are returned as `unanswered`, and so are those the user left empty at a prompt
 * (`leftEmpty`, kept for --resume): its suggestion was declined, not left to accept.
 */
export function acceptDefaults(questions: readonly Question[], resolution: Resolution, leftEmpty: readonly string[] = []): { answers: Answers; unanswered: string[] } {
  const answers: Answers = { ...resolution.answers };
  const unanswered: string[] = [];
  for (const q of questions) {
    if (answers[q.key] !== undefined || !applies(q, answers)) continue;
    const suggestion = leftEmpty.includes(q.key) ? undefined : suggestionFor(q, answers, resolution);
    if (suggestion !== undefined) answers[q.key] = suggestion;
    else unanswered.push(q.key);
  }
  return { answers, unanswered };
}

/** The questions given an answer (answers file, --set) that the final answers skip: those answers go unused. */
export function unusedAnswers(questions: readonly Question[], given: readonly string[], answers: Answers): Question[] {
  return questions.filter((q) => given.includes(q.key) && !applies(q, answers));
}

/**
 * The answers `--save-answers` writes, for `--answers <file> --yes` to draw the same doc: all but
 * those of questions the other answers skip, and the suggestions derived from other answers and
 * accepted as they were (a stage table split from the budget, a variant chosen by the serving mode).
 * Saved, they would be frozen: a budget edited in the file would keep the old table. Left out, --yes
 * derives them again. Answers given or typed stay, and so do the questions left for later (`-` at
 * the prompt), with no value (null), as an answers file leaves a question for later: left out, --yes
 * would fill them with the suggestion passed over. They come last, so one comment can say what they are.
 */
export function answersToSave(questions: readonly Question[], answers: Answers, resolution: Resolution, leftForLater: readonly string[] = []): Record<string, string | null> {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  // An answer to a question the others skip is not used, and would be reported unused when the file is read.
  const unused = (q: Question | undefined) => q !== undefined && !applies(q, answers);
  const derived = (q: Question | undefined) =>
    q !== undefined && (q.split !== undefined || q.variants !== undefined) && resolution.answers[q.key] === undefined && resolution.sources[q.key] !== 'config' && suggestionFor(q, answers, resolution) === answers[q.key];
  const kept = Object.entries(answers).filter(([key]) => !unused(byKey.get(key)) && !derived(byKey.get(key)));
  const left = leftForLater.filter((key) => answers[key] === undefined).map((key) => [key, null] as const);
  return Object.fromEntries([...kept, ...left]);
}
