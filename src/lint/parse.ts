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

// One frozen processor each per process: building one is not free, parsing with it is re-entrant.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmTablesAndTasks).freeze();
const inPlace = unified().use(remarkParse).use(gfmTablesAndTasks).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/**
 * A slice that starts on a line of its document past the first: parsed as in place, where a `---`
 * opening it is a thematic break or a setext underline, never front matter.
 */
export function parseSlice(text: string): Root {
  return inPlace.parse(text);
}
