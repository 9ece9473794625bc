import { closeSync, openSync, readSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/load.js';
import { relativeToRoot } from '../config/resolve.js';
import { withContents } from '../config/settings.js';
import { DEFAULT_DESIGN_FOLDER } from '../scaffold/design-folder.js';
import { repositoryRoot } from '../io/repository.js';
import { decodeDocument, HEAD_BYTES } from './read-document.js';

/** Front matter keys that `mlsd new` writes and only a design doc has. */
const DECLARING_KEYS = /^(problem_type|template_version)[ \t]*:/m;

/**
 * The document's front matter marks it as a design doc: read from `text` when the caller holds it
 * (an editor's unsaved buffer), else from the file's first few KB.
 */
export function declaresDesignDoc(file: string, text?: string): boolean {
  let head = text?.slice(0, HEAD_BYTES);
  if (head === undefined) {
    try {
      const fd = openSync(file, 'r');
      try {
        const buffer = Buffer.alloc(HEAD_BYTES);
        // Decoded as the file is when linted, so a UTF-16 doc's front matter counts too.
        const read = decodeDocument(buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0)));
        if ('unreadable' in read) return false;
        head = read.text;
      } finally {
        closeSync(fd);
      }
    } catch {
      return false;
    }
  }
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(head);
  return match !== null && DECLARING_KEYS.test(match[1]!);
}

/** A `paths` entry as a matcher: a file itself, a folder everything under it, a glob its matches. */
function pathsMatcher(paths: readonly string[]): (relPath: string) => boolean {
  return picomatch(paths.flatMap((p) => withContents(p.replace(/^\.\//, '').replace(/\/+$/, ''))), { dot: true });
}

export const OUTSIDE_PATHS = 'outside the config\'s "paths"';

/**
 * Where a run's design docs are: the config file's folder; without one, the root of the git
 * repository `cwd` is in (else `cwd`), so that `mlsd new` and `mlsd lint` run anywhere in the
 * repository write and find the same docs.
 */
export function designRoot(resolved: ResolvedConfig, cwd: string): string {
  return resolved.file !== undefined ? resolved.root : (repositoryRoot(cwd) ?? resolve(cwd));
}

/** The folder `mlsd new` writes to and `mlsd lint` with no paths lints (absolute): the config's "drafts", else the default, from the design root. */
export function draftsFolder(resolved: ResolvedConfig, cwd: string): string {
  return resolve(designRoot(resolved, cwd), resolved.config.drafts ?? DEFAULT_DESIGN_FOLDER);
}

/** A folder as messages name it: from `cwd`, posix separators, with a trailing slash ("./" for `cwd` itself). */
export function shownFolder(folder: string, cwd: string): string {
  return `${relative(cwd, folder).split(sep).join('/') || '.'}/`;
}

/**
 * Which files are design docs to a config: what `mlsd lint` checks with no paths named (as in CI),
 * what the pre-commit hook keeps of the files it is given, and what the editor shows findings for.
 */
export interface DesignDocScope {
  /** Where the Markdown files that declare themselves design docs are looked for (absolute): see designRoot. */
  root: string;
  /** Where `mlsd new` writes (absolute): see draftsFolder. */
  drafts: string;
  /** A path (relative to `cwd`, or absolute) inside the drafts folder. */
  inDrafts: (path: string) => boolean;
  /** Inside the config's `paths`; every file when it has none. */
  inPaths: (relPath: string) => boolean;
  /**
   * Why a file is not a design doc, or undefined when it is: inside `paths`; without them, where
   * `new` writes or declared so by its front matter (from `text` when given, else the file).
   */
  notDesignDoc: (path: string, text?: string) => string | undefined;
}

/** The design doc scope of a config, for paths relative to `cwd` (or absolute). */
export function designDocScope(resolved: ResolvedConfig, cwd: string): DesignDocScope {
  const rel = (path: string) => relativeToRoot(resolved, path, cwd);
  const configured = resolved.config.paths;
  const root = designRoot(resolved, cwd);
  const drafts = draftsFolder(resolved, cwd);
  const inDrafts = (path: string) => {
    const inside = relative(drafts, resolve(cwd, path));
    return inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
  };
  const inPaths = configured ? pathsMatcher(configured) : () => true;
  const notDesignDoc = (path: string, text?: string): string | undefined => {
    if (configured) return inPaths(rel(path)) ? undefined : OUTSIDE_PATHS;
    if (inDrafts(path) || declaresDesignDoc(path, text)) return undefined;
    return `not a design doc (outside ${shownFolder(drafts, cwd)}, no problem_type in its front matter)`;
  };
  return { root, drafts, inDrafts, inPaths, notDesignDoc };
}
