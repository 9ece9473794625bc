import picomatch from 'picomatch';
import type { LanguageSource } from '../checklist/assemble.js';
import { compileChecklist, defaultChecklist, readDefaultSchema } from '../checklist/load.js';
import type { Checklist } from '../checklist/types.js';
import { buildChecklistSchema, impliedRequired } from './checklist-schema.js';
import type { ItemConfig, Level, MergedConfig, OverrideConfig } from './load.js';

/** What applies to one file: the merged config with the overrides whose globs match it. */
export interface FileSettings {
  checklist: Record<string, ItemConfig>;
  /** The team's languages, added to the built-in ones. */
  languages?: Record<string, LanguageSource>;
  rules: Record<string, Level>;
  /** Indices of the overrides that matched; equal keys share one compiled checklist. */
  key: string;
  /** The team templates folder (absolute), where lint finds the text of a draft's template. */
  templatesDir?: string;
}

const toPosix = (p: string) => p.split('\\').join('/');

/** A path as globs for it and, when it is a folder, everything under it ("." or "": everything). */
export const withContents = (path: string): string[] => (path === '' || path === '.' ? ['**'] : path.endsWith('/**') ? [path] : [path, `${path}/**`]);

/**
 * A config glob as .gitignore reads it: one without a slash matches a name in any folder; a leading
 * `/` or `./` anchors it at the config's folder; and what names a folder (`docs/archive`,
 * `docs/archive/`) matches every file under it.
 */
function gitignoreGlobs(glob: string): string[] {
  const anchored = /^\.?\//.test(glob);
  const path = glob.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return withContents(anchored || path.includes('/') ? path : `**/${path}`);
}

export function matcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch(globs.flatMap(gitignoreGlobs), { dot: true });
  return (path) => {
    const p = toPosix(path);
    return !p.startsWith('../') && match(p);
  };
}

/** Whether an override applies to a file: its globs match the file's path (relative to the config root, posix); none applies to stdin. */
export type OverrideFilter = (override: OverrideConfig, index: number) => boolean;

export const matchingFile =
  (relPath: string | undefined): OverrideFilter =>
  (override) =>
    relPath !== undefined && matcher(override.files)(relPath);

/**
 * The config's items and rule levels with the overrides that apply to a file applied, in order:
 * the one place overrides apply. `credit` hears each key an override sets (`mlsd config`).
 */
export function withOverrides(
  config: MergedConfig,
  applies: OverrideFilter,
  credit?: (key: string, override: number) => void,
): { checklist: Record<string, ItemConfig>; rules: Record<string, Level>; matched: number[] } {
  const checklist = structuredClone(config.checklist);
  const rules = { ...config.rules };
  const matched: number[] = [];
  config.overrides.forEach((override, i) => {
    if (!applies(override, i)) return;
    matched.push(i);
    const added: Record<string, ItemConfig> = {};
    for (const [id, item] of Object.entries(override.checklist ?? {})) {
      if (!(id in checklist)) added[id] = item;
      checklist[id] = { ...(checklist[id] ?? {}), ...structuredClone(item) };
      for (const key of Object.keys(item)) credit?.(`checklist.${id}.${key}`, i);
    }
    // An item an override adds is required by default, as one the config adds (mergeLayers).
    impliedRequired(
      Object.fromEntries(Object.keys(added).map((id) => [id, checklist[id]!])),
      (id) => credit?.(`checklist.${id}.required`, i),
    );
    for (const [id, level] of Object.entries(override.rules ?? {})) {
      rules[id] = level;
      credit?.(`rules.${id}`, i);
    }
  });
  return { checklist, rules, matched };
}

function settingsWith(config: MergedConfig, applies: OverrideFilter): FileSettings {
  const { checklist, rules, matched } = withOverrides(config, applies);
  return { checklist, rules, languages: config.languages, key: matched.join(',') };
}

/** Settings for a file, given by its path relative to the config root (posix), or undefined for stdin. */
export const settingsFor = (config: MergedConfig, relPath: string | undefined): FileSettings => settingsWith(config, matchingFile(relPath));

/**
 * The settings of a file no override applies to, then of a file each override alone applies to:
 * between them, every item and rule the config declares (a team's may live in an override).
 */
export const settingsPerOverride = (config: MergedConfig): FileSettings[] =>
  [-1, ...config.overrides.keys()].map((only) => settingsWith(config, (_, i) => i === only));

/** Item id → severity, for the items whose config sets one. */
export function itemLevels(checklist: Record<string, ItemConfig>): Record<string, Level> {
  return Object.fromEntries(Object.entries(checklist).flatMap(([id, item]) => (item.severity ? [[id, item.severity]] : [])));
}

/** Compiled checklists for a run, one per distinct set of matching overrides. */
export class Checklists {
  private readonly cache = new Map<string, Checklist>();

  /** The compiled checklist for a file's settings, carrying the file's levels so lint applies them. */
  for(settings: FileSettings): Checklist {
    let checklist = this.cache.get(settings.key);
    if (!checklist) {
      // The config may restate the built-in items without changing them (the recommended preset does):
      // then it is the built-in checklist, whose validator the build compiled ahead of time.
      const schema = buildChecklistSchema(settings.checklist, undefined, settings.languages);
      const unchanged = JSON.stringify(schema) === JSON.stringify(readDefaultSchema());
      checklist = unchanged ? defaultChecklist() : compileChecklist(schema);
      this.cache.set(settings.key, checklist);
    }
    // Levels are not cached with the checklist: a pool process serves files of any settings.
    return { ...checklist, severities: { rules: settings.rules, items: itemLevels(settings.checklist) } };
  }
}
