import type { Nodes, Paragraph, Root, Table } from 'mdast';
import { normalizeHeading } from '../checklist/headings.js';
import { openWrappers } from './html-nesting.js';
import { LineIndex, type Span } from './position.js';

/** A run of prose lint can search: a heading, a paragraph, one table row, a code block's or a diagram's lines. */
export interface Block {
  kind: 'heading' | 'paragraph' | 'row' | 'code' | 'diagram';
  /** The block's source text, with link targets and bare URLs blanked so they match no term. */
  text: string;
  /** Offset of `text` in the document. */
  offset: number;
  span: Span;
  /** Indices of the sections that enclose this block, outermost first. */
  sections: number[];
  /** Text that frames the block: enclosing headings, and a table's header row. */
  context: string;
  /** For a paragraph that opens a list item: whether it is a task, and ticked (`- [x]`) or not. */
  listItem?: { checked: boolean | null };
}

export interface Section {
  title: string;
  normalized: string;
  /** 1–6 for Markdown headings (escaped ones too); 7 for a bold line standing as a heading. */
  level: number;
  /** Its title underlined (`Title` over `-----`), a setext heading, not one after #s. */
  setext?: boolean;
  span: Span;
  /** The last line that belongs to the section. */
  endLine: number;
  /**
   * Whether its heading's line opens a block of the document itself (the heading, or a list or
   * blockquote it starts): text inserted before that line splits no list item or blockquote.
   */
  opensTopBlock: boolean;
}

/** An HTML comment block: where inline directives such as `mlsd-disable` live. */
export interface Comment {
  /** The comment's text between `<!--` and `-->`. */
  body: string;
  span: Span;
  /** As a section's: text inserted before its line splits no list item or blockquote. */
  opensTopBlock: boolean;
}

export interface Outline {
  blocks: Block[];
  comments: Comment[];
  sections: Section[];
  frontMatter?: { value: string; span: Span; offset: number };
  /** Line after the front matter and the document title, where a section can be added at the top. */
  bodyStartLine: number;
  /** The block the document ends inside, when nothing closes it: text added at the end would be part of it. */
  openAtEnd?: OpenBlock;
  /**
   * The line of the HTML block that opens the outermost element wrapping blocks (a `<details>`)
   * that nothing closes: text added at the end would fold away in it, and a section goes before it.
   */
  wrappedFromLine?: number;
  lines: LineIndex;
}

/** A code fence or an HTML block left open, which runs to the end of the document. */
export interface OpenBlock {
  /** What it is, as a reader would name it. */
  kind: 'code block' | 'HTML comment' | 'HTML block';
  /** The line that opens it. */
  line: number;
}

const PSEUDO_HEADING_LEVEL = 7;

/** A heading Markdown itself reads as one, not a bold line standing as a heading (which is a paragraph to it). */
export const isMarkdownHeading = (section: Section) => section.level < PSEUDO_HEADING_LEVEL;

/** Fenced blocks that draw rather than say. */
const DIAGRAMS = /^(?:mermaid|plantuml|puml|dot|graphviz|ascii|svg)$/i;
/** A file tree drawn with box-drawing branches names files, as a diagram's boxes name what they draw. */
const TREE_BRANCH = /[├└]──/;
const fileTree = (body: string) => {
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.filter((l) => TREE_BRANCH.test(l)).length * 3 >= lines.length;
};

function maskUrls(text: string): string {
  if (!text.includes('](') && !text.includes('://')) return text; // most blocks have no link at all
  const blank = (s: string) => ' '.repeat(s.length);
  return text
    .replace(/(\]\()([^)]*)\)/g, (_m, open: string, target: string) => `${open}${blank(target)})`)
    .replace(/https?:\/\/[^\s)>\]]+/g, blank);
}

const blankOut = (s: string) => s.replace(/[^\n]/g, ' ');

/**
 * The comments of an HTML block: where each `<!--` opens and its `-->` closes (-1 for one left open,
 * which runs to the end). indexOf, not a lazy regex: thousands of unclosed "<!--" would make the
 * regex quadratic.
 */
function htmlComments(source: string): { open: number; close: number }[] {
  const found: { open: number; close: number }[] = [];
  for (let open = source.indexOf('<!--'); open !== -1; ) {
    const close = source.indexOf('-->', open + 4);
    found.push({ open, close });
    if (close === -1) break;
    open = source.indexOf('<!--', close + 3);
  }
  return found;
}

/** An HTML block's text with its comments blanked, so offsets still point into the source. */
function blankComments(source: string, comments: readonly { open: number; close: number }[]): string {
  let out = '';
  let from = 0;
  for (const { open, close } of comments) {
    const end = close === -1 ? source.length : close + 3;
    out += source.slice(from, open) + blankOut(source.slice(open, end));
    from = end;
  }
  return out + source.slice(from);
}

/** An HTML block's text as prose: tags and comments blanked. */
const maskHtml = (source: string, comments: readonly { open: number; close: number }[]) => blankComments(source, comments).replace(/<[^<>]*>/g, blankOut);

/**
 * A bold line standing as a heading: `**Metrics**` or `**Metrics:**` alone on a paragraph's first
 * line. Returns its title and where the line ends, so the rest of the paragraph stays prose.
 */
function pseudoHeading(node: Paragraph): { title: string; lineEnd: number } | undefined {
  const [first, ...rest] = node.children;
  // Bold, or bold italic (***Title***, which parses as emphasis around strong).
  const bold = first?.type === 'emphasis' && first.children.length === 1 ? first.children[0] : first;
  if (bold?.type !== 'strong' || first!.position?.start.line !== first!.position?.end.line) return undefined;
  const next = rest[0];
  const alone = rest.length === 0 || (rest.length === 1 && next?.type === 'text' && /^\s*[:.]?\s*$/.test(next.value));
  const lineBreak = next?.type === 'break' || (next?.type === 'text' && /^\s*[:.]?\s*\n/.test(next.value));
  if (!alone && !lineBreak) return undefined;
  const title = bold.children.map((c) => ('value' in c ? c.value : '')).join('');
  const lineEnd = alone ? (node.position?.end.offset ?? 0) : (first!.position?.end.offset ?? 0);
  return { title, lineEnd };
}

/**
 * A heading escaped by a converter (`\## The goal`), which Markdown reads as a paragraph beginning "## The
 * goal" but every reader as the heading of its depth. Returns its depth, title and where its line ends.
 */
function escapedHeading(node: Paragraph, text: string): { title: string; depth: number; lineEnd: number } | undefined {
  const start = node.position?.start.offset ?? 0;
  if (!text.startsWith('\\#', start)) return undefined; // nearly every paragraph: no slice, no regex
  const line = /^\\(#{1,6})[ \t]+([^\n]*?)[ \t#]*\r?(?:\n|$)/.exec(text.slice(start, node.position?.end.offset ?? 0));
  if (!line?.[2]) return undefined;
  return { title: line[2], depth: line[1]!.length, lineEnd: start + line[0].trimEnd().length };
}

/** CommonMark's HTML blocks that end only where their end condition is met (types 1 to 5), not at a blank line. */
const HTML_BLOCKS_ENDED_BY: readonly { start: RegExp; end: RegExp; kind: OpenBlock['kind'] }[] = [
  { start: /^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i, kind: 'HTML block' },
  { start: /^ {0,3}<!--/, end: /-->/, kind: 'HTML comment' },
  { start: /^ {0,3}<\?/, end: /\?>/, kind: 'HTML block' },
  { start: /^ {0,3}<![A-Za-z]/, end: />/, kind: 'HTML block' },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/, kind: 'HTML block' },
];

/** The document's last block, when it is a code fence or an HTML block that nothing closes. */
function leftOpen(root: Root, text: string, lines: LineIndex): OpenBlock | undefined {
  const last = root.children.at(-1);
  if (last?.type !== 'code' && last?.type !== 'html') return undefined;
  const start = last.position?.start.offset ?? 0;
  const source = text.slice(start, last.position?.end.offset ?? 0);
  const line = lines.point(start).line;
  if (last.type === 'html') {
    const kind = HTML_BLOCKS_ENDED_BY.find((block) => block.start.test(source) && !block.end.test(source))?.kind;
    return kind && { kind, line };
  }
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source)?.[1];
  if (!fence) return undefined; // an indented code block ends at the first line that is not indented
  const closing = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}[ \\t]*$`);
  const sourceLines = source.split(/\r?\n/);
  return sourceLines.length > 1 && closing.test(sourceLines.at(-1)!) ? undefined : { kind: 'code block', line };
}

/** What ends a setext heading's source: its underline. */
const SETEXT_UNDERLINE = /\r?\n[ \t]*(?:=+|-+)[ \t]*$/;

/**
 * A heading as the document writes it, on one line: an ATX heading without its #s, a setext one
 * without its underline, its lines joined (a message quotes it, and a line break would split it).
 */
function headingTitle(source: string): string {
  const setext = SETEXT_UNDERLINE.exec(source);
  const title = setext ? source.slice(0, setext.index) : source.replace(/^\s*#+\s*|\s*#*\s*$/g, '');
  return title.replace(/\s*\r?\n\s*/g, ' ').trim();
}

export function buildOutline(root: Root, text: string): Outline {
  const lines = new LineIndex(text);
  const blocks: Block[] = [];
  const sections: Section[] = [];
  const comments: Comment[] = [];
  const open: number[] = [];
  let frontMatter: Outline['frontMatter'];
  let bodyStartLine = 1;

  const offsets = (node: Nodes) => [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0] as const;
  // The line that introduces a list ("Target metrics:") frames its items as a heading does.
  const leads: string[] = [];
  const headingContext = () => {
    const headings = open.map((i) => sections[i]!.title);
    return (leads.length > 0 ? [...headings, ...leads] : headings).join('\n');
  };
  const leadIn = (node: Nodes | undefined) => {
    if (node?.type !== 'paragraph') return undefined;
    const source = text.slice(...offsets(node)).trimEnd();
    return /:[*_]*$/.test(source) ? source.slice(source.lastIndexOf('\n') + 1) : undefined;
  };
  // The line the document's own block being visited starts on: a heading there starts no container's inside,
  // unless an HTML element that wraps blocks (a <details>) is open around it.
  let topBlockLine = 0;
  let wrappers: string[] = [];
  let wrappedFromLine = 0; // where the outermost of `wrappers` opened
  const opensTopBlock = (offset: number) => lines.point(offset).line === topBlockLine && wrappers.length === 0;
  const visitAll = (children: readonly Nodes[], topLevel: boolean) => {
    children.forEach((child, i) => {
      if (topLevel) topBlockLine = lines.point(offsets(child)[0]).line;
      const lead = child.type === 'list' ? leadIn(children[i - 1]) : undefined;
      if (lead !== undefined) leads.push(lead);
      visit(child, topLevel);
      if (lead !== undefined) leads.pop();
    });
  };

  const closeSections = (level: number, line: number) => {
    while (open.length > 0 && sections[open.at(-1)!]!.level >= level) {
      sections[open.pop()!]!.endLine = line - 1;
    }
  };

  const openSection = (title: string, level: number, node: Nodes, lineEnd?: number, setext = false) => {
    const [start, nodeEnd] = offsets(node);
    const end = lineEnd ?? nodeEnd;
    const span = lines.span(start, end);
    closeSections(level, span.start.line);
    sections.push({ title, normalized: normalizeHeading(title), level, ...(setext ? { setext } : {}), span, endLine: lines.lineCount, opensTopBlock: opensTopBlock(start) });
    open.push(sections.length - 1);
    blocks.push({ kind: 'heading', text: maskUrls(text.slice(start, end)), offset: start, span, sections: [...open], context: headingContext() });
  };

  const openHeading = (title: string, depth: number, node: Nodes, lineEnd?: number, setext = false) => {
    if (depth === 1 && sections.length === 0) bodyStartLine = lines.point(lineEnd ?? offsets(node)[1]).line + 1;
    openSection(title, depth, node, lineEnd, setext);
  };

  let listItem: Block['listItem'];
  const addSpan = (kind: Block['kind'], start: number, end: number, context: string, source = text.slice(start, end)) => {
    blocks.push({ kind, text: maskUrls(source), offset: start, span: lines.span(start, end), sections: [...open], context, ...(listItem ? { listItem } : {}) });
    listItem = undefined;
  };

  const addBlock = (kind: Block['kind'], node: Nodes, context: string) => addSpan(kind, ...offsets(node), context);

  const addTable = (table: Table) => {
    const [header, ...rows] = table.children;
    if (!header) return;
    const [hs, he] = offsets(header);
    const headerText = text.slice(hs, he);
    addBlock('row', header, headingContext());
    for (const row of rows) addBlock('row', row, `${headingContext()}\n${headerText}`);
  };

  const visit = (node: Nodes, topLevel: boolean) => {
    switch (node.type) {
      case 'yaml': {
        const [start, end] = offsets(node);
        frontMatter = { value: node.value, span: lines.span(start, end), offset: start };
        bodyStartLine = frontMatter.span.end.line + 1;
        return;
      }
      case 'heading': {
        const source = text.slice(...offsets(node));
        openHeading(headingTitle(source), node.depth, node, undefined, SETEXT_UNDERLINE.test(source));
        return;
      }
      case 'paragraph': {
        const escaped = topLevel ? escapedHeading(node, text) : undefined;
        const pseudo = topLevel && !escaped ? pseudoHeading(node) : undefined;
        const heading = escaped ?? (pseudo && { ...pseudo, depth: PSEUDO_HEADING_LEVEL });
        if (!heading) {
          addBlock('paragraph', node, headingContext());
          return;
        }
        const end = offsets(node)[1];
        openHeading(heading.title, heading.depth, node, heading.lineEnd);
        const rest = text.indexOf('\n', heading.lineEnd) + 1;
        if (rest > 0 && rest < end) addSpan('paragraph', rest, end, headingContext());
        return;
      }
      case 'table':
        addTable(node);
        return;
      case 'code': {
        // Design docs state metrics, budgets and label rules in code and config blocks too; each
        // line reads as a sentence (a line break ends one). A diagram's boxes name what they draw
        // (a mention) but state nothing, and so do a file tree's branches ("└── drift_detection.py").
        const [start, end] = offsets(node);
        const open = text.indexOf('\n', start) + 1;
        const close = text.lastIndexOf('\n', end - 1);
        const kind = (node.lang && DIAGRAMS.test(node.lang)) || (close >= open && fileTree(text.slice(open, close))) ? 'diagram' : 'code';
        if (open > 0 && close >= open) addSpan(kind, open, close, headingContext());
        return;
      }
      case 'listItem':
        listItem = { checked: node.checked ?? null };
        visitAll(node.children, false);
        listItem = undefined;
        return;
      case 'html': {
        const [start, end] = offsets(node);
        const source = text.slice(start, end);
        const found = htmlComments(source);
        for (const { open, close } of found) {
          if (close !== -1) comments.push({ body: source.slice(open + 4, close), span: lines.span(start + open, start + close + 3), opensTopBlock: opensTopBlock(start + open) });
        }
        // Prose written in HTML (a <p>, a table of <td>s) says what Markdown would.
        const prose = maskHtml(source, found);
        if (topLevel) {
          const outside = wrappers.length === 0;
          wrappers = openWrappers(wrappers, blankComments(source, found));
          if (outside) wrappedFromLine = lines.point(start).line;
        }
        if (/[\p{L}\p{N}]/u.test(prose)) addSpan('paragraph', start, end, headingContext(), prose);
        return;
      }
      case 'root':
      case 'blockquote':
      case 'list':
      case 'footnoteDefinition':
        visitAll(node.children, node.type === 'root');
        return;
      default:
        return; // thematic breaks, images: not prose
    }
  };

  visit(root, true);
  closeSections(0, lines.lineCount + 1);
  const openAtEnd = leftOpen(root, text, lines);
  return { blocks, comments, sections, frontMatter, bodyStartLine, ...(openAtEnd ? { openAtEnd } : {}), ...(wrappers.length > 0 ? { wrappedFromLine } : {}), lines };
}
