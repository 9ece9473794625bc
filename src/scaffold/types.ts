import type { ConfigProblem } from '../config/file.js';

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
  /** Suggestions that depend on earlier answers; the first whose condition holds wins over `default`. */
  variants?: Variant[];
  /** A suggestion derived from an earlier answer: a budget split across stages (see suggest.ts). */
  split?: Split;
  /** For a latency: the question that holds the percentile it is set at, answered by one stated with it ("p95 150 ms"). */
  percentile?: string;
  /** An empty answer is refused at the prompt when nothing is suggested. */
  required?: boolean;
}

export interface Variant {
  when: Condition;
  default?: string;
  split?: Split;
}

/** Split the answer to `of` (a latency) across stages in proportion to their weights. */
export interface Split {
  of: string;
  stages: Record<string, number>;
}

export interface Condition {
  key: string;
  equals?: string;
  in?: string[];
  notIn?: string[];
}

export const SECTIONS = [
  'framing',
  'scope',
  'data',
  'features',
  'model',
  'evaluation',
  'serving',
  'monitoring',
  'responsible-ai',
  'launch',
  'review',
  'specifics',
] as const;
export type Section = (typeof SECTIONS)[number];

/** What the prompts call each stage of the framework as they move on. */
export const SECTION_TITLES: Record<Section, string> = {
  framing: 'Problem framing',
  scope: 'Scope and constraints',
  data: 'Data and labels',
  features: 'Features',
  model: 'Model',
  evaluation: 'Evaluation',
  serving: 'Serving and latency',
  monitoring: 'Monitoring and drift',
  'responsible-ai': 'Responsible AI',
  launch: 'Rollout and cost',
  review: 'Review',
  specifics: 'Specific to the problem type',
};

/** A problem type: its template, questions and where it comes from. */
export interface TemplateSpec {
  id: string;
  title: string;
  description: string;
  version: number;
  /** Name fragments that select this type when inferring it from a doc name. */
  keywords: string[];
  questions: Question[];
  /** The reviewer sections the draft carries, in order (partials `section-<id>`); undefined: the default list. */
  sections?: string[];
  /** Handlebars source of template.md.hbs. */
  source: string;
  /** Folder the template was read from. */
  dir: string;
  origin: 'built-in' | 'team';
  /** Set when a team template replaces a built-in one of the same id. */
  overrides?: boolean;
}

export type Answers = Record<string, string>;

/**
 * The answers the front matter records (render.ts, frontMatter): in the doc even when no slot of the
 * body inserts them, and each on one line there, so a list or several lines is refused for them.
 */
export const FRONT_MATTER_ANSWERS = ['title', 'owner', 'serving_mode', 'latency_budget'] as const;

/** Team-level input, wired by the config layer: default answers and a folder of team templates. */
export interface ScaffoldConfig {
  defaults?: Record<string, unknown>;
  templatesDir?: string;
  /** The reviewer sections drafts carry, in order; wins over a template's own list. */
  sections?: string[];
  /** The config file these come from, as shown to the user, for messages about them. */
  configFile?: string;
  /** Where the config sets a default answer (the file of the layer that set it, and its line), to report a bad one there. */
  placeOf?: (key: string) => Omit<ConfigProblem, 'message'>;
}


/** The file beside a template's questions.yaml where its suggested text is recorded for lint. */
export const FINGERPRINTS_FILE = 'fingerprints.json';

/** What a template's fingerprints.json holds: per version, the fingerprints of its suggested sentences. */
export interface FingerprintsFile {
  template: string;
  versions: Record<string, string[]>;
}
