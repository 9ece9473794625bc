import { constants, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError } from '../errors.js';
import { STDIN } from '../run/lint-files.js';
import { readFailure } from '../run/read-document.js';

export { STDIN };

export const MARKDOWN = '**/*.{md,markdown}';
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
/**
 * How a folder is walked for docs: dot files are docs like any other (a named one is linted, and
 * config globs match them), but hidden folders (.venv, .cache, .github) hold other tools' files and
 * are entered only when named, or by a glob.
 */
export const WALK = { ignore: [...ALWAYS_IGNORED, '**/.*/**'], dot: true } as const;

const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

const toPosix = (p: string) => p.split('\\').join('/');

export interface FoundFile {
  path: string;
  /** Named on the command line (or in `paths`) as a file, not found by expanding a folder or glob. */
  explicit: boolean;
  /**
   * A pipe or a device, not a file of the repository (`<(git show HEAD:doc.md)` names /dev/fd/N):
   * like standard input, it has no place in the config's `paths`, no front matter to peek at
   * without consuming it, and nothing git could report as changed.
   */
  stream?: boolean;
}

/**
 * Which directory entry a path names, however it is spelled: relative or absolute, through `.`,
 * `..` or a symlinked folder. The entry itself is not resolved: a symlink to a doc is a doc of its
 * own name. Each folder's real path is looked up once.
 */
function directoryEntry(cwd: string): (path: string) => string {
  const realFolders = new Map<string, string>();
  const realFolder = (dir: string) => {
    let real = realFolders.get(dir);
    if (real === undefined) {
      try {
        real = realpathSync(dir);
      } catch {
        real = dir;
      }
      realFolders.set(dir, real);
    }
    return real;
  };
  return (path) => {
    const absolute = resolve(cwd, path);
    return join(realFolder(dirname(absolute)), basename(absolute));
  };
}

/**
 * Why a path stat finds missing is there all the same: a symbolic link whose target does not exist
 * (a chain of links named hop by hop, to the one that is missing). Undefined when it is no link.
 */
function brokenLink(path: string): string | undefined {
  const hops: string[] = [];
  // stat said missing, not a loop: the chain ends (the bound only guards against a link changed meanwhile).
  for (let at = path; hops.length < 40; ) {
    let link = false;
    try {
      link = lstatSync(at).isSymbolicLink();
    } catch {
      // The end of the chain: missing, or under a parent that is not a folder.
    }
    if (!link) break;
    const target = readlinkSync(at);
    hops.push(target);
    at = resolve(dirname(at), target);
  }
  return hops.length === 0 ? undefined : `${hops.map((target) => `a symbolic link to ${target}`).join(', ')}, which does not exist`;
}

/** The folders not inside another of them (tinyglobby ends a folder with "/"). */
function outermost(folders: string[]): string[] {
  const kept: string[] = [];
  // Sorted, whatever lies between a folder and one inside it is inside it too: the last one kept is the only candidate.
  for (const folder of [...folders].sort()) {
    const last = kept.at(-1);
    if (last === undefined || !folder.startsWith(last)) kept.push(folder);
  }
  return kept.map((folder) => folder.slice(0, -1));
}

/**
 * Expand paths into the files to lint: a folder means every Markdown file under it, a glob the
 * files it matches and the Markdown files in the folders it matches, a file itself; "-" is standard input. Missing paths and empty globs are errors, unless
 * `missingOk` (configured paths: a folder no doc has been written to yet is not a mistake).
 */
export async function findFiles(paths: readonly string[], cwd: string, { missingOk = false } = {}): Promise<FoundFile[]> {
  const files = new Map<string, FoundFile>();
  const entryOf = directoryEntry(cwd);
  // A file found twice (named twice, spelled ./x.md and x.md, or named and in a folder named) is linted once, under its first name.
  const add = (file: string, explicit: boolean, stream = false) => {
    const key = file === STDIN ? STDIN : entryOf(file);
    const seen = files.get(key);
    if (seen) seen.explicit ||= explicit;
    else files.set(key, stream ? { path: file, explicit, stream } : { path: file, explicit });
  };
  const walk = async (folder: string) => {
    const found = await glob(MARKDOWN, { cwd: folder, ...WALK, ignore: [...WALK.ignore], followSymbolicLinks: true });
    for (const f of found) add(toPosix(relative(cwd, `${folder}/${f}`)) || f, false);
  };
  for (const path of paths.length > 0 ? paths : ['.']) {
    if (path === STDIN) {
      add(STDIN, true);
      continue;
    }
    const info = await stat(path).catch((error: unknown) => {
      // Only a path that is not there is missing (or a glob); one that is there but cannot be reached
      // (a symlink loop or one to nothing, a folder without permission) says why, not "no such file".
      if (isMissing(error)) return undefined;
      throw readFailure(path, error);
    });
    const broken = info ? undefined : brokenLink(path);
    if (broken !== undefined) throw new UserError(`cannot read ${path}: ${broken}`);
    // Symlinks are followed, to a doc or into a folder (a loop is walked once; a doc reached twice is
    // one entry, linted once); in a folder walked, a broken link or a loop of links to files is passed over.
    if (info?.isDirectory()) {
      // A folder that cannot be listed would otherwise hold "no Markdown files".
      await access(path, constants.R_OK | constants.X_OK).catch((error: unknown) => {
        throw readFailure(path, error);
      });
      await walk(path);
    } else if (info) {
      add(toPosix(path), true, !info.isFile());
    } else if (isDynamicPattern(path)) {
      // A glob matches as the config's globs match (dot files and folders too): CI's walk of `paths` finds what the pre-commit hook names.
      const pattern = toPosix(path);
      const options = { cwd, ignore: ALWAYS_IGNORED, followSymbolicLinks: true };
      const found = await glob(pattern, { ...options, dot: true, onlyFiles: true });
      // A folder it matches is walked, as if the shell had expanded the glob (`'teams/*'` lints what
      // `teams/*` does; like the shell's, a wildcard matches no hidden folder); one walk covers the folders inside.
      const folders = outermost(await glob(pattern, { ...options, onlyDirectories: true }));
      if (found.length === 0 && folders.length === 0 && !missingOk) throw new UserError(`no files match "${path}"`);
      for (const f of found) add(f, false);
      for (const folder of folders) await walk(folder);
    } else if (!missingOk) {
      throw new UserError(`no such file or directory: ${path}`);
    }
  }
  return [...files.values()].sort((a, b) => (a.path === STDIN ? -1 : b.path === STDIN ? 1 : a.path.localeCompare(b.path)));
}
