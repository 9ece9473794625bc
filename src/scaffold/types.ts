/** A question of the design framework, declared as data in a template's questions.yaml. */
export interface Question {
  key: string;
  /** Framework stage the question belongs to; questions are asked in stage order. */
  section: Section;
  message: string;
  /** What a good answer says; shown under the prompt and in the placeholder when left unanswered. */
  hint?: string;
  type: 'text' | 'choice' | 'latency' | 'number';
  choices?: string[];
  /** The checklist vocabulary its choices come from (e.g. serving_mode): answers may use its synonyms. */
  vocabulary?: string;
  /** Suggested content: the prompt's pre-filled value, taken as is with --yes. */
  default?: string;
  /** Ask only when an earlier answer matches. */
  when?: Condition;
}

export interface Condition {
  key: string;
  equals?: string;
  in?: string[];
  notIn?: string[];
}

export const SECTIONS = [
  'framing',
  'data',
  'features',
  'model',
  'evaluation',
  'serving',
  'monitoring',
  'responsible-ai',
  'specifics',
] as const;
export type Section = (typeof SECTIONS)[number];

/** A problem type: its template, questions and where it comes from. */
export interface TemplateSpec {
  id: string;
  title: string;
  description: string;
  version: number;
  /** Name fragments that select this type when inferring it from a doc name. */
  keywords: string[];
  questions: Question[];
  /** Handlebars source of template.md.hbs. */
  source: string;
  /** Folder the template was read from. */
  dir: string;
  origin: 'built-in' | 'team';
  /** Set when a team template replaces a built-in one of the same id. */
  overrides?: boolean;
}

export type Answers = Record<string, string>;

/** Team-level input, wired by the config layer: default answers and a folder of team templates. */
export interface ScaffoldConfig {
  defaults?: Record<string, unknown>;
  templatesDir?: string;
}

/** A problem with templates, answers or the target file; the CLI prints it as one line and exits 2. */
export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}
