import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { Checklists, matcher, type FileSettings } from '../config/settings.js';
import type { ResolvedConfig } from '../config/load.js';
import { configFor, fileSettings, relativeToRoot } from '../config/resolve.js';
import { designDocScope, type DesignDocScope } from '../run/design-docs.js';
import { sectionRenderer, type SectionRenderer } from '../run/fix.js';

/** A workspace folder's config, loaded once and shared by its documents. */
interface FolderConfig {
  resolved: ResolvedConfig;
  checklists: Checklists;
  ignored: (relPath: string) => boolean;
  scope: DesignDocScope;
  /** Renders missing sections from the config's templates, as `--fix` does. */
  render: SectionRenderer;
}

/** What applies to one document: as `mlsd lint` run from its workspace folder would lint it. */
export interface DocumentSettings {
  /** The folder `mlsd lint` would run in: the workspace folder holding the document. */
  cwd: string;
  resolved: ResolvedConfig;
  settings: FileSettings;
  checklists: Checklists;
  render: SectionRenderer;
  /**
   * `mlsd lint` in CI would not lint the document, so the editor shows nothing: the config's
   * `ignores` covers it, it is no design doc (outside the config's `paths`; without them, outside
   * the drafts folder and not declared by its front matter).
   */
  skipped: boolean;
}

const inside = (file: string, folder: string) => {
  const rel = relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * The editor's workspace folders and their configs. Each folder's config is discovered from the
 * folder upward, with the CLI's own loader, so the editor shows what `mlsd lint` run from that
 * folder reports. A document outside every folder is linted as if from its own directory.
 */
export class Workspaces {
  /** Innermost first, so a nested folder wins over the one around it. */
  private folders: string[] = [];
  private readonly configs = new Map<string, Promise<FolderConfig>>();

  setFolders(folders: readonly string[]): void {
    this.folders = [...folders].sort((a, b) => b.length - a.length);
    this.configs.clear();
  }

  get list(): readonly string[] {
    return this.folders;
  }

  /** A config file changed: load again on the next lint. */
  invalidate(): void {
    this.configs.clear();
  }

  /** Where `mlsd lint` would run for this document. */
  cwdFor(file: string): string {
    return this.folders.find((folder) => inside(file, folder)) ?? dirname(file);
  }

  /**
   * Settings for a document whose editor text is `text`; rejects with the config's error (a
   * ConfigError names file and line).
   */
  async settingsFor(file: string, text: string): Promise<DocumentSettings> {
    const cwd = this.cwdFor(file);
    let loaded = this.configs.get(cwd);
    if (!loaded) {
      loaded = loadFolder(cwd);
      this.configs.set(cwd, loaded);
    }
    const folder = await loaded;
    const relPath = relativeToRoot(folder.resolved, file, cwd);
    const settings = fileSettings(folder.resolved, relPath);
    folder.checklists.for(settings); // a broken team checklist fails here, as it does before a CLI run
    return {
      cwd,
      resolved: folder.resolved,
      settings,
      checklists: folder.checklists,
      render: folder.render,
      // Judged as the pre-commit hook judges the files it is given (lint --design-docs-only), with
      // the editor's text for the front matter: the doc as it will be saved.
      skipped: folder.ignored(relPath) || folder.scope.notDesignDoc(file, text) !== undefined,
    };
  }
}

async function loadFolder(cwd: string): Promise<FolderConfig> {
  const resolved = await configFor({}, cwd);
  const { templates, ignores } = resolved.config;
  return {
    resolved,
    checklists: new Checklists(),
    ignored: matcher(ignores),
    scope: designDocScope(resolved, cwd),
    render: sectionRenderer(templates === undefined ? undefined : resolve(resolved.root, templates), resolved.root),
  };
}
