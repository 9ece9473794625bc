import { closeSync, openSync, readSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { matcher } from '../config/settings.js';
import type { ResolvedConfig } from '../config/load.js';
import { DEFAULT_DESIGN_FOLDER } from '../scaffold/design-folder.js';
import { configuredPaths, relativeToRoot } from '../config/resolve.js';
import { ALWAYS_IGNORED, findFiles, MARKDOWN, STDIN, type FoundFile } from './files.js';
import { GitIgnore } from './ignore.js';

/**
 * Which files `mlsd lint` checks. Design docs, not every Markdown file:
 *
 * - no paths on the command line: the config's `paths`, or without them the folder `mlsd new`
 *   writes to (the config's `drafts`, default docs/design) and every Markdown file whose front matter marks it as a design doc;
 * - folders and globs on the command line replace that selection;
 * - a file named on the command line is linted, unless the config has `paths` and the file is
 *   outside them: then it is skipped, which is what a pre-commit hook (it names every changed
 *   Markdown file) needs. Without `paths`, naming a file is asking for it.
 *
 * `ignores` (and, for files found by expanding a folder or glob, .gitignore) apply throughout.
 */
export interface Selection {
  files: FoundFile[];
  /** Files named on the command line and left out, with why. */
  skipped: { path: string; why: string }[];
  /** What was looked for, for a message when nothing is found. */
  searched: string;
  /** The selection came from the command line (an empty one is then a mistake). */
  fromCommandLine: boolean;
}

/** Front matter keys that `mlsd new` writes and only a design doc has. */
const DECLARING_KEYS = /^(problem_type|template_version)[ \t]*:/m;
const HEAD_BYTES = 4096;

/** The file's front matter marks it as a design doc (read from its first few KB only). */
export function declaresDesignDoc(file: string): boolean {
  let head: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(head);
  return match !== null && DECLARING_KEYS.test(match[1]!);
}

/** A `paths` entry as a matcher: a file itself, a folder everything under it, a glob its matches. */
function pathsMatcher(paths: readonly string[]): (relPath: string) => boolean {
  const patterns = paths.flatMap((p) => {
    const entry = p.replace(/^\.\//, '').replace(/\/+$/, '');
    return entry === '' || entry === '.' ? ['**'] : [entry, `${entry}/**`];
  });
  return picomatch(patterns, { dot: true });
}

export async function selectFiles(cliPaths: readonly string[], resolved: ResolvedConfig, cwd: string): Promise<Selection> {
  const rel = (path: string) => relativeToRoot(resolved, path, cwd);
  const ignoredByConfig = matcher(resolved.config.ignores);
  const gitignore = resolved.config.gitignore ? new GitIgnore(cwd) : undefined;
  const configured = resolved.config.paths;
  // Where `mlsd new` writes: the config's "drafts", else the default folder.
  const designFolder = resolved.config.drafts ?? DEFAULT_DESIGN_FOLDER;
  const inDesignFolder = pathsMatcher([designFolder]);
  const inPaths = configured ? pathsMatcher(configured) : () => true;

  let found: FoundFile[];
  let searched: string;
  if (cliPaths.length > 0) {
    found = await findFiles(cliPaths, cwd);
    searched = cliPaths.join(', ');
  } else if (configured) {
    found = await findFiles(configuredPaths(resolved, cwd), cwd, { missingOk: true });
    searched = `the config's "paths" (${configured.join(', ')})`;
  } else {
    found = await designDocs(resolved, cwd, designFolder, inDesignFolder, (path) => ignoredByConfig(rel(path)) || gitignore?.ignores(path) === true);
    searched = `${designFolder}/ or Markdown files with problem_type in their front matter`;
  }

  const skipped: Selection['skipped'] = [];
  const files = found.filter(({ path, explicit }) => {
    if (path === STDIN) return true;
    if (ignoredByConfig(rel(path))) {
      if (explicit) skipped.push({ path, why: 'ignored by the config\'s "ignores"' });
      return false;
    }
    if (explicit && cliPaths.length > 0 && !inPaths(rel(path))) {
      skipped.push({ path, why: 'outside the config\'s "paths"' });
      return false;
    }
    return explicit || !gitignore?.ignores(path);
  });
  return { files, skipped, searched, fromCommandLine: cliPaths.length > 0 };
}

/** With neither paths nor config: the design folder, and the Markdown files that declare themselves. */
async function designDocs(resolved: ResolvedConfig, cwd: string, designFolder: string, inDesignFolder: (rel: string) => boolean, ignored: (path: string) => boolean): Promise<FoundFile[]> {
  const found = await findFiles(configuredPaths(resolved, cwd, [designFolder]), cwd, { missingOk: true });
  const inFolder = new Set(found.map((f) => f.path));
  const everywhere = await glob(MARKDOWN, { cwd: resolved.root, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false });
  for (const file of everywhere) {
    const path = relative(cwd, resolve(resolved.root, file)).split(sep).join('/');
    if (inFolder.has(path) || inDesignFolder(file) || ignored(path)) continue;
    if (declaresDesignDoc(path)) found.push({ path, explicit: false });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
