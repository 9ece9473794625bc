import { relative, resolve, sep } from 'node:path';
import { settingsFor, type FileSettings } from './settings.js';
import { loadConfig, type ResolvedConfig } from './load.js';
import { defaultChecklist } from '../checklist/load.js';

export interface ConfigFlags {
  /** --config <file> gives a path; --no-config gives false; neither leaves it undefined. */
  config?: string | boolean;
}

/**
 * The config for a run, from the flags: --config wins over discovery, --no-config skips both.
 * `onRead` hears each config file's contents as read, before they are validated.
 */
export function configFor(flags: ConfigFlags, cwd: string, onRead?: (data: unknown) => void): Promise<ResolvedConfig> {
  return loadConfig({
    cwd,
    configFile: typeof flags.config === 'string' ? flags.config : undefined,
    noConfig: flags.config === false,
    // The built-in rule catalogue: lint's own rules and the checklist's best-practice rules.
    knownRules: [...defaultChecklist().catalogue.keys()],
    ...(onRead ? { onRead } : {}),
  });
}

/** A path as the config's globs see it: relative to the config root, posix separators. */
export function relativeToRoot(resolved: ResolvedConfig, file: string, cwd: string): string {
  return relative(resolved.root, resolve(cwd, file)).split(sep).join('/');
}

/** Configured `paths` (or others relative to the config root) as paths the working directory can use. */
export function configuredPaths(resolved: ResolvedConfig, cwd: string, paths: readonly string[] = resolved.config.paths ?? []): string[] {
  const base = relative(cwd, resolved.root).split(sep).join('/');
  return paths.map((p) => (base ? `${base}/${p}` : p));
}

/** A file's settings from its config: the checklist and rule levels, and the team templates folder (absolute). */
export function fileSettings(resolved: ResolvedConfig, relPath: string | undefined): FileSettings {
  const { templates } = resolved.config;
  return { ...settingsFor(resolved.config, relPath), ...(templates === undefined ? {} : { templatesDir: resolve(resolved.root, templates) }) };
}
