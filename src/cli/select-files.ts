import { relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { matcher } from '../config/settings.js';
import type { ResolvedConfig } from '../config/load.js';
import { configuredPaths, relativeToRoot } from '../config/resolve.js';
import { declaresDesignDoc, designDocScope, OUTSIDE_PATHS, shownFolder, type DesignDocScope } from '../run/design-docs.js';
import { findFiles, MARKDOWN, STDIN, WALK, type FoundFile } from './files.js';
import { GitIgnore } from './ignore.js';

/**
 * Which files `mlsd lint` checks. Design docs, not every Markdown file:
 *
 * - no paths on the command line: the config's `paths`, or without them the folder `mlsd new`
 *   writes to (the config's `drafts`, default docs/design) and every Markdown file whose front matter
 *   marks it as a design doc, both from where `new` finds the drafts folder (designRoot), wherever the command runs;
 * - folders and globs on the command line replace that selection;
 * - a file named on the command line is linted, unless the config has `paths` and the file is
 *   outside them: then it is skipped. Without `paths`, naming a file is asking for it;
 * - with `designDocsOnly` the command line gives candidates, not choices (a pre-commit hook names
 *   every changed Markdown file): of the files it names or finds, only the design docs are linted,
 *   by the same test as the selection with no paths; the others are skipped. Standard input named
 *   with --stdin-filename is judged by the same test, on its text once it is read (`pendingStdin`).
 *
 * `ignores` (and, for files found by expanding a folder or glob, .gitignore) apply throughout.
 */
const IGNORED = 'ignored by the config\'s "ignores"';

export interface Selection {
  files: FoundFile[];
  /** Files named on the command line and left out, with why. */
  skipped: { path: string; why: string }[];
  /** What was looked for, for a message when nothing is found. */
  searched: string;
  /** The selection came from the command line (an empty one is then a mistake). */
  fromCommandLine: boolean;
  /**
   * Standard input in `files` whose own text decides whether it is linted: named with
   * --stdin-filename, --design-docs-only and no `paths`, so its front matter can make it a design
   * doc. The caller reads it, and skips it under `path` when `notDesignDoc` gives a reason.
   */
  pendingStdin?: { path: string; notDesignDoc: (text: string) => string | undefined };
}

export interface SelectOptions {
  /** The files on the command line are candidates: keep only the design docs among them. */
  designDocsOnly?: boolean;
  /** The name standard input stands for (--stdin-filename): selected by it as a named file is. */
  stdinName?: string;
}

export async function selectFiles(cliPaths: readonly string[], resolved: ResolvedConfig, cwd: string, options: SelectOptions = {}): Promise<Selection> {
  const rel = (path: string) => relativeToRoot(resolved, path, cwd);
  const ignoredByConfig = matcher(resolved.config.ignores);
  const gitignore = resolved.config.gitignore ? new GitIgnore(cwd) : undefined;
  const configured = resolved.config.paths;
  const scope = designDocScope(resolved, cwd);
  const { inPaths, notDesignDoc } = scope;
  /** Why a file the command line gives is left out, or undefined when it is linted. */
  const leftOut = (path: string, explicit: boolean): string | undefined => {
    if (options.designDocsOnly) return notDesignDoc(path);
    return explicit && !inPaths(rel(path)) ? OUTSIDE_PATHS : undefined;
  };

  let found: FoundFile[];
  let searched: string;
  if (cliPaths.length > 0) {
    found = await findFiles(cliPaths, cwd);
    searched = cliPaths.join(', ');
  } else if (configured) {
    found = await findFiles(configuredPaths(resolved, cwd), cwd, { missingOk: true });
    searched = `the config's "paths" (${configured.join(', ')})`;
  } else {
    found = await designDocs(scope, cwd, (path) => ignoredByConfig(rel(path)) || gitignore?.ignores(path) === true);
    // Named from here, as the files are: from a sub-folder or with --config elsewhere, the folders searched are not ./docs/design.
    const under = resolve(cwd) === scope.root ? '' : ` under ${shownFolder(scope.root, cwd)}`;
    searched = `${shownFolder(scope.drafts, cwd)} or Markdown files${under} with problem_type in their front matter`;
  }

  const skipped: Selection['skipped'] = [];
  let pendingStdin: Selection['pendingStdin'];
  const files = found.filter(({ path, explicit, stream }) => {
    // A pipe (`<(git show …)`) is read as standard input is: no place in the repository to judge it by.
    if (stream) return true;
    if (path === STDIN) {
      // An editor that pipes a buffer names its file: that file's place decides, as if it were named.
      // Only the front matter test (--design-docs-only without paths) needs the text, which is
      // standard input itself, not the file of that name: it waits until standard input is read.
      const name = options.stdinName;
      if (name === undefined) return true;
      const shown = `${name} (standard input)`;
      if (!ignoredByConfig(rel(name)) && options.designDocsOnly && !configured) {
        pendingStdin = { path: shown, notDesignDoc: (text) => notDesignDoc(name, text) };
        return true;
      }
      const why = ignoredByConfig(rel(name)) ? IGNORED : leftOut(name, true);
      if (why !== undefined) skipped.push({ path: shown, why });
      return why === undefined;
    }
    if (ignoredByConfig(rel(path))) {
      if (explicit) skipped.push({ path, why: IGNORED });
      return false;
    }
    if (!explicit && gitignore?.ignores(path) === true) return false;
    const why = cliPaths.length > 0 ? leftOut(path, explicit) : undefined;
    if (why !== undefined) skipped.push({ path, why });
    return why === undefined;
  });
  return { files, skipped, searched, fromCommandLine: cliPaths.length > 0, ...(pendingStdin ? { pendingStdin } : {}) };
}

/** With neither paths nor config: the design folder, and the Markdown files that declare themselves. */
async function designDocs({ root, drafts, inDrafts }: DesignDocScope, cwd: string, ignored: (path: string) => boolean): Promise<FoundFile[]> {
  const found = await findFiles([relative(cwd, drafts) || '.'], cwd, { missingOk: true });
  const inFolder = new Set(found.map((f) => f.path));
  const everywhere = await glob(MARKDOWN, { cwd: root, ...WALK, ignore: [...WALK.ignore], followSymbolicLinks: false });
  for (const file of everywhere) {
    const path = relative(cwd, resolve(root, file)).split(sep).join('/');
    if (inFolder.has(path) || inDrafts(path) || ignored(path)) continue;
    if (declaresDesignDoc(path)) found.push({ path, explicit: false });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
