import { resolve } from 'node:path';
import type { Checklists, FileSettings } from '../checklist/build.js';
import type { FileResult } from '../format/index.js';
import { insertSections, type SectionInsertion } from '../lint/fix.js';
import { readText } from './io.js';
import { lintDocument } from './lint-file.js';
import { writeAtomic } from './write.js';

export interface FixContext {
  checklists: Checklists;
  settings: (path: string) => FileSettings;
  /** Team templates folder (absolute), whose partials give the skeletons. */
  templatesDir?: string;
  cwd: string;
}

/**
 * `mlsd lint --fix`: insert the skeleton of every missing required section where it belongs, the
 * same section `mlsd new` renders, and lint the fixed file again for the report. Only adds text;
 * a second run finds nothing to add. Files without a fixable finding are not touched.
 */
export async function fixFiles(results: FileResult[], context: FixContext): Promise<FileResult[]> {
  const scaffold = await import('../scaffold/index.js'); // Handlebars loads only when something needs fixing
  const fixed: FileResult[] = [];
  for (const result of results) {
    const missing = result.diagnostics.filter((d) => d.fix && d.itemId && d.suppressed === undefined);
    if (missing.length === 0) {
      fixed.push(result);
      continue;
    }
    const settings = context.settings(result.file);
    const checklist = context.checklists.for(settings);
    const items = missing.map((d) => checklist.items.find((item) => item.id === d.itemId)!).filter(Boolean);
    const template = scaffold.loadTemplates(context.templatesDir).get(scaffold.GENERIC)!;
    const skeletons = await scaffold.renderSkeletons({ template, answers: {}, checklist, teamDir: context.templatesDir }, items);
    const insertions: SectionInsertion[] = missing.map((d) => ({ before: d.fix!.insertSectionBefore, section: skeletons.get(d.itemId!)! }));

    const path = resolve(context.cwd, result.file);
    const text = insertSections(await readText(path), insertions);
    await writeAtomic(path, text);
    fixed.push(lintDocument(result.file, text, settings, context.checklists));
  }
  return fixed;
}
