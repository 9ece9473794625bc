import type { Root } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/**
 * Only the GFM syntax lint reads: tables (stage budgets, metric tables) and task lists (leakage
 * checks). Autolink literals, footnotes and strikethrough would double the parse cost for nothing.
 */
function gfmTablesAndTasks(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

// One frozen processor per process: building it is not free, parsing with it is re-entrant.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmTablesAndTasks).freeze();
// Built on first use: only long documents and the editor's re-parses cut slices.
const inPlaceProcessor = () => unified().use(remarkParse).use(gfmTablesAndTasks).freeze();
let inPlace: ReturnType<typeof inPlaceProcessor> | undefined;

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/**
 * A slice that starts on a line of its document past the first, after a blank line: parsed as in
 * place, where a `---` opening it is a thematic break, never front matter.
 */
export function parseSlice(text: string): Root {
  return (inPlace ??= inPlaceProcessor()).parse(text);
}
