import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { assembleChecklist, parseRuleFile, type ChecklistSource, type ItemSource, type LanguageSource, type RuleSource } from './assemble.js';

/** The built-in checklist's files (see ./assemble.ts), shipped in the package. */
export const CHECKLIST_DIR = new URL('../../schemas/checklist/', import.meta.url);
/** Where a rule's file lives, relative to the package root: its page and its link. */
export const RULES_DIR_PATH = 'schemas/checklist/rules';

const names = (dir: URL, ext: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort();

/** Every rule file in a folder; `docDir` is how the folder is named in links (relative to the package root). */
export function readRuleFiles(dir: URL, docDir: string): RuleSource[] {
  return names(dir, '.md').map((file) => {
    const rule = parseRuleFile(readFileSync(new URL(file, dir), 'utf8'), `${docDir}/${file}`);
    if (rule.meta.id !== file.slice(0, -3)) throw new Error(`${docDir}/${file}: its id is "${rule.meta.id}"; a rule file is named after its id`);
    return rule;
  });
}

/** The built-in checklist's sources. */
export function readChecklistSources(dir: URL = CHECKLIST_DIR) {
  const checklist = parse(readFileSync(new URL('checklist.yaml', dir), 'utf8')) as ChecklistSource;
  const itemsDir = new URL('items/', dir);
  const items = names(itemsDir, '.yaml').map((file) => {
    const item = parse(readFileSync(new URL(file, itemsDir), 'utf8')) as ItemSource;
    if (item.id !== file.slice(0, -5)) throw new Error(`items/${file}: its id is "${item.id}"; an item file is named after its id`);
    return item;
  });
  const rules = readRuleFiles(new URL('rules/', dir), RULES_DIR_PATH);
  const languagesDir = new URL('languages/', dir);
  const languages = Object.fromEntries(names(languagesDir, '.yaml').map((file) => [file.slice(0, -5), parse(readFileSync(new URL(file, languagesDir), 'utf8')) as LanguageSource]));
  return { checklist, items, rules, languages };
}

/** The built-in checklist schema, assembled from its files (what `npm run build` writes to schemas/checklist.schema.json). */
export function assembleDefaultChecklist(dir: URL = CHECKLIST_DIR) {
  const { checklist, items, rules, languages } = readChecklistSources(dir);
  return assembleChecklist(checklist, items, rules, languages);
}

