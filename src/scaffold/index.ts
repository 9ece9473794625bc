export { acceptDefaults, parseAnswersFile, parseSets, pendingQuestions, resolveAnswers, type AnswerInputs, type Resolution } from './answers.js';
export { checkName, slugify, titleFromName } from './name.js';
export { applies, checkAnswer } from './questions.js';
export { PLACEHOLDER, placeholderText, renderDocument, renderSkeletons, type RenderInput } from './render.js';
export { BUILT_IN_DIR, GENERIC, inferType, loadTemplates } from './templates.js';
export { ScaffoldError, type Answers, type Question, type ScaffoldConfig, type TemplateSpec } from './types.js';
export { safeWrite } from './write.js';
export { apportion, splitTable, suggestionFor } from './suggest.js';
export { SECTIONS, SECTION_TITLES } from './types.js';
