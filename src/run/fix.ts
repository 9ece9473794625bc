import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Checklists, FileSettings } from '../config/settings.js';
import type { Checklist } from '../checklist/types.js';
import type { FileResult } from './result.js';
import { leadingHeading } from '../checklist/headings.js';
import { insertSections, type SectionInsertion } from '../lint/fix.js';
import { withLineFeeds } from '../lint/line-breaks.js';
import type { Diagnostic } from '../lint/types.js';
import type { TemplateSpec } from '../scaffold/index.js';
import { lintDocument } from './lint-file.js';
import { utf8Text } from '../io/text.js';
import { safeWrite } from '../io/write.js';
import { UserError } from '../errors.js';
import { lintsInWorker } from './guard.js';
import type { ProcessPool } from './process-pool.js';

export interface FixContext {
  checklists: Checklists;
  settings: (path: string) => FileSettings;
  /** Team templates folder (absolute), whose partials give the skeletons. */
  templatesDir?: string;
  cwd: string;
  /** Told what was inserted where, or why nothing was: one line per file with something to fix. */
  report: (line: string) => void;
  /** The per-file limit for a fixed file linted again in a worker. */
  timeoutMs: number;
  /** A pool the run started ahead (the guard worker of a team's patterns): the fixed file is linted there, not in a second worker. */
  guard?: ProcessPool;
}

/** `--fix` for a run: fixes one file's findings at a time; `close` stops its worker, if it started one. */
export interface Fixer {
  fix: (result: FileResult) => Promise<FileResult>;
  close: () => void;
}

/** "Labels" before line 12, "Drift monitoring" at the end: lines of the file as it was. */
export function describeInsertions(inserted: readonly { title: string; before: number }[], lineCount: number): string {
  return inserted.map(({ title, before }) => `"${title}" ${before > lineCount ? 'at the end' : `before line ${before}`}`).join(', ');
}

/**
 * The file's text when it is plain UTF-8 (a BOM kept as it is), the only encoding --fix writes back:
 * a UTF-16 or mis-encoded file is left untouched rather than rewritten in another encoding.
 */
function plainUtf8(bytes: Buffer): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  return utf8Text(bytes, { keepBom: true });
}

/** A missing required section that is not suppressed: --fix inserts its skeleton. */
export const fixable = (d: Diagnostic) => d.fix !== undefined && d.itemId !== undefined && d.suppressed === undefined;

/** Renders the sections to insert for a document's findings, in the document's language (as lint detected it) where the checklist has them in it. */
export type SectionRenderer = (diagnostics: readonly Diagnostic[], checklist: Checklist, language?: string) => Promise<SectionInsertion[]>;

/**
 * The skeleton of each missing required section among the findings, and where it goes: the same
 * section `mlsd new` renders. What `--fix` inserts, and what the editor's quick fix inserts. The
 * templates load once per renderer, with the first section to render.
 */
export function sectionRenderer(templatesDir?: string, cwd?: string): SectionRenderer {
  let loaded: Promise<{ scaffold: typeof import('../scaffold/index.js'); template: TemplateSpec }> | undefined;
  const load = async () => {
    const scaffold = await import('../scaffold/index.js'); // Handlebars loads only when something needs fixing
    return { scaffold, template: scaffold.loadTemplates(templatesDir, scaffold.BUILT_IN_DIR, cwd).get(scaffold.GENERIC)! };
  };
  return async (diagnostics, base, language) => {
    const missing = diagnostics.filter(fixable);
    if (missing.length === 0) return [];
    const { scaffold, template } = await (loaded ??= load());
    const checklist = language === undefined ? base : base.inLanguage(language);
    const items = missing.map((d) => checklist.items.find((item) => item.id === d.itemId)!).filter(Boolean);
    const skeletons = await scaffold.renderSkeletons({ template, answers: {}, checklist, teamDir: templatesDir, cwd }, items);
    return missing.map((d) => ({ before: d.fix!.insertSectionBefore, level: d.fix!.headingLevel, ...(d.fix!.setext ? { setext: true } : {}), section: skeletons.get(d.itemId!)! }));
  };
}

/**
 * `mlsd lint --fix`: insert the skeleton of every missing required section where it belongs, the
 * same section `mlsd new` renders, and lint the fixed file again for the report. Only adds text;
 * a second run finds nothing to add. Files without a fixable finding are not touched. One file at a
 * time, as results stream to the report; the templates load once, with the first file to fix.
 */
export function fixer(context: FixContext): Fixer {
  const render = sectionRenderer(context.templatesDir, context.cwd);
  // The fixed file is linted where the original was (lint-files.ts): a team's pattern may stall on the inserted sections.
  let own: ProcessPool | undefined;
  let tasks = 0;
  const relint = async (file: string, text: string, settings: FileSettings): Promise<FileResult> => {
    if (!lintsInWorker(text, settings)) return lintDocument(file, text, settings, context.checklists);
    const guard = context.guard ?? (own ??= new (await import('./process-pool.js')).ProcessPool(1, { timeoutMs: context.timeoutMs }));
    return guard.lint({ index: tasks++, path: file, settings, maxFileSize: Infinity, text });
  };
  const fix = async (result: FileResult): Promise<FileResult> => {
    if (!result.diagnostics.some(fixable)) return result;
    const settings = context.settings(result.file);
    const checklist = context.checklists.for(settings);
    const insertions = await render(result.diagnostics, checklist, result.language);

    const path = resolve(context.cwd, result.file);
    const original = plainUtf8(await readFile(path));
    if (original === undefined) {
      context.report(`${result.file} not fixed: --fix writes UTF-8 only, and this file is UTF-16 or not valid UTF-8; save it as UTF-8 to fix it`);
      return result;
    }
    const text = insertSections(original, insertions);
    try {
      await safeWrite(path, text, { force: true, shown: result.file }); // --fix rewrites the file it read
    } catch (error) {
      // One file that can't be written (read-only, say) leaves it as it was; the others are still fixed.
      if (!(error instanceof UserError)) throw error;
      context.report(`${result.file} not fixed: ${error.message}`);
      return result;
    }
    // Named by the heading inserted, which is in the document's language when the checklist has the section in it.
    const fixes = result.diagnostics.filter(fixable);
    const inserted = insertions.map(({ section, before }, i) => ({ title: (section === undefined ? undefined : leadingHeading(section)) ?? checklist.items.find((item) => item.id === fixes[i]!.itemId)?.title ?? fixes[i]!.itemId!, before }));
    context.report(`fixed ${result.file}: inserted ${describeInsertions(inserted, withLineFeeds(original).split('\n').length)}`);
    return relint(result.file, text, settings);
  };
  return { fix, close: () => own?.close() }; // a pool the run gave is the run's to close
}
