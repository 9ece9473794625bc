import type { Nodes, Root, RootContent } from 'mdast';
import type { Point, Position } from 'unist';
import { parseMarkdown, parseSlice } from './parse.js';

/**
 * Parses successive versions of one document, re-parsing only the top-level blocks an edit touched:
 * an editor's lint after a keystroke need not parse 20 KB for one changed paragraph. The tree is
 * the one a full parse gives, positions included (the tests compare them on random edits).
 *
 * Markdown's block structure is line-based: after a blank line, once a paragraph, heading, table,
 * blockquote, thematic break, front matter or closed fence has ended, nothing is left open, and the
 * next line is parsed as at the start of a document. Cut at such places, the text between two cuts
 * parses alone as it does in place, with one exception: a link reference (`[x]`) depends on a
 * definition (`[x]: url`) anywhere in the document, so a document with definitions is always
 * parsed whole. So is one that opens with a front matter fence it never closes: after that, the
 * parser reads no list or blockquote anywhere in the document (micromark-extension-frontmatter 2).
 * Where no clean cut lies close to the edit, the span re-parsed grows to the nearest ones.
 */
export class IncrementalParser {
  /** `whole`: the next version is parsed whole (a definition, or an unclosed front matter fence). */
  private last: { text: string; tree: Root; whole: boolean } | undefined;

  parse(text: string): Root {
    const last = this.last;
    if (last?.text === text) return last.tree;
    const tree = (last && !last.whole && reparse(last.text, last.tree, text)) || parseLong(text);
    this.last = { text, tree, whole: hasDefinitions(tree) || unclosedFrontMatter(text, tree) };
    return tree;
  }
}

/** Blocks after which, past a blank line, nothing is left open. */
function endsAtBlankLine(node: RootContent, text: string): boolean {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'thematicBreak':
    case 'table':
    case 'blockquote':
    case 'yaml':
      return true;
    case 'code':
      return closedFence(text.slice(node.position!.start.offset!, node.position!.end.offset!));
    default:
      return false; // lists and indented code continue past blank lines; HTML blocks may
  }
}

/** A fenced code block with its closing fence (an unclosed one runs to the end of the document). */
function closedFence(source: string): boolean {
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(source);
  if (!open) return false;
  const lastLine = source.slice(source.lastIndexOf('\n') + 1);
  const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lastLine);
  return source.includes('\n') && close !== null && close[1]![0] === open[1]![0] && close[1]!.length >= open[1]!.length;
}

const hasDefinitions = (node: Nodes): boolean =>
  node.type === 'definition' || node.type === 'footnoteDefinition' || ('children' in node && node.children.some(hasDefinitions));

/** A front matter fence, read only at the start of a document (and of a slice parsed alone). */
const FENCE = /^---[ \t]*(?:\r|\n|$)/;
/** The document opens with a fence but has no front matter: the parser's state differs to its end. */
const unclosedFrontMatter = (text: string, tree: Root) => FENCE.test(text) && tree.children[0]?.type !== 'yaml';

/** Markdown's line endings: a carriage return alone ends a line too. */
const LINE_END = /\r\n?|\n/g;
const lineEnds = (text: string) => text.match(LINE_END)?.length ?? 0;
const lineStart = (text: string, offset: number) => Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;

/** Whether a blank line separates two neighbouring top-level blocks (only spaces, tabs and line ends between). */
function blankBetween(text: string, before: RootContent, after: RootContent): boolean {
  const gap = text.slice(before.position!.end.offset!, after.position!.start.offset!);
  return /^[ \t\r\n]*$/.test(gap) && lineEnds(gap) >= 2;
}

/** The new tree, or undefined when the edit cannot be parsed on its own. */
function reparse(oldText: string, old: Root, text: string): Root | undefined {
  // The edit: the text between the common prefix and the common suffix.
  const shorter = Math.min(oldText.length, text.length);
  let prefix = 0;
  while (prefix < shorter && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldEnd = oldText.length - suffix;
  const delta = text.length - oldText.length;

  const blocks = old.children;
  if (blocks.length === 0) return undefined;
  const cutBefore = (i: number) => i === 0 || (endsAtBlankLine(blocks[i - 1]!, oldText) && blankBetween(oldText, blocks[i - 1]!, blocks[i]!));
  // The first block re-parsed: the last one that starts a clean cut on or before the edit's line.
  let first = blocks.length - 1;
  while (first > 0 && (lineStart(oldText, blocks[first]!.position!.start.offset!) > prefix || !cutBefore(first))) first--;
  // The first block kept after the edit: one after a clean cut that the edit does not reach.
  let next = first + 1;
  while (next < blocks.length && (blocks[next - 1]!.position!.end.offset! < oldEnd || !cutBefore(next))) next++;

  const from = first === 0 ? 0 : lineStart(oldText, blocks[first]!.position!.start.offset!);
  const oldTo = next < blocks.length ? lineStart(oldText, blocks[next]!.position!.start.offset!) : oldText.length;
  const to = oldTo + delta;
  // A line feed typed after a carriage return joins it into one line ending, across the cut.
  if (from > 0 && text[from - 1] === '\r' && text[from] === '\n') return undefined;
  const source = text.slice(from, to);
  const slice = parseAt(from, source);

  const fresh = slice.children;
  // What the slice leaves open could take in the blocks after it.
  if (next < blocks.length && fresh.length > 0 && !endsAtBlankLine(fresh.at(-1)!, source)) return undefined;
  if (hasDefinitions(slice) || (first === 0 && unclosedFrontMatter(text, slice))) return undefined;

  const startLine = first === 0 ? 0 : blocks[first]!.position!.start.line - 1;
  // The lines after the window are the old ones: they move by as many lines as the text gained.
  const lineDelta = lineEnds(text) - (old.position!.end.line - 1);
  const children = [
    ...blocks.slice(0, first),
    ...fresh.map((node) => shifted(node, from, startLine)),
    ...blocks.slice(next).map((node) => shifted(node, delta, lineDelta)),
  ];
  const end = next < blocks.length ? movePoint(old.position!.end, delta, lineDelta) : movePoint(slice.position!.end, from, startLine);
  return { ...old, children, position: { start: old.position!.start, end } };
}

const movePoint = (point: Point, offset: number, lines: number): Point => ({ line: point.line + lines, column: point.column, offset: point.offset! + offset });

/**
 * A copy of a node moved by whole lines. Copied rather than moved in place: the nodes before the
 * edit are shared with the previous tree, and a tree handed out is never changed afterwards.
 */
function shifted<T extends Nodes>(node: T, offset: number, lines: number): T {
  const copy = { ...node };
  if (node.position) copy.position = { start: movePoint(node.position.start, offset, lines), end: movePoint(node.position.end, offset, lines) } as Position;
  if ('children' in node) (copy as { children: Nodes[] }).children = (node.children as Nodes[]).map((child) => shifted(child, offset, lines));
  return copy;
}

/** A first parse past this many characters goes window by window (see parseLong). */
const WINDOW = 64 * 1024;

/** The point just past the end of `text`, as the parser gives a root's end. */
function endPoint(text: string): Point {
  const last = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return { line: lineEnds(text) + 1, column: text.length - last, offset: text.length };
}

/** How a slice of `text` from `from` parses: at the document's start with front matter, elsewhere as in place. */
const parseAt = (from: number, source: string) => (from === 0 ? parseMarkdown(source) : parseSlice(source));

/**
 * The tree a whole parse gives, built window by window for a long document: the GFM table resolver
 * edits the parser's whole event list once per table, so one parse of a document with many tables
 * grows with tables × length (bench/README.md). Each window of about 64 KB starts at the last clean
 * cut the one before found, and keeps its blocks up to its own last clean cut: up to there, its
 * text parses as it does in place (the premise of `reparse`). A document with front matter left
 * open, or a window without a clean cut, is parsed whole.
 *
 * A link reference (`[x]`) is one only if `[x]: url` is defined anywhere in the document: when there
 * are definitions, every window is parsed again with them all written after it.
 */
export function parseLong(text: string): Root {
  if (text.length <= 2 * WINDOW) return parseMarkdown(text);
  const windows = cutWindows(text);
  if (!windows) return parseMarkdown(text);
  const labels = windows.flatMap(({ blocks }) => blocks.flatMap(definitionLabels));
  const children = labels.length === 0 ? windows.flatMap(({ blocks }) => blocks) : withDefinitions(text, windows, labels);
  if (!children) return parseMarkdown(text);
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) } };
}

/** A window of a long document: where it starts, and its blocks, positioned in the document. */
interface Window {
  from: number;
  to: number;
  /** Line ends before `from`. */
  line: number;
  blocks: RootContent[];
}

/** The document in windows that each parse alone as in place, or undefined where it can't be cut (exported for its tests). */
export function cutWindows(text: string): Window[] | undefined {
  const windows: Window[] = [];
  let from = 0;
  let line = 0;
  for (;;) {
    const last = text.length - from <= 2 * WINDOW;
    const to = last ? text.length : lineStart(text, from + WINDOW);
    if (to <= from) return undefined; // no line ends in a window: nowhere to cut
    if (from > 0 && text[from - 1] === '\r' && text[from] === '\n') return undefined;
    const source = text.slice(from, to);
    const tree = parseAt(from, source);
    if (from === 0 && unclosedFrontMatter(source, tree)) return undefined;
    const blocks = tree.children;
    let keep = blocks.length;
    if (!last) {
      keep = blocks.length - 1;
      while (keep > 0 && !(endsAtBlankLine(blocks[keep - 1]!, source) && blankBetween(source, blocks[keep - 1]!, blocks[keep]!))) keep--;
      if (keep <= 0) return undefined;
    }
    const cut = last ? source.length : lineStart(source, blocks[keep]!.position!.start.offset!);
    windows.push({ from, to: from + cut, line, blocks: blocks.slice(0, keep).map((node) => shifted(node, from, line)) });
    if (last) return windows;
    line += lineEnds(source.slice(0, cut));
    from += cut;
  }
}

/** The identifiers of the definitions in a block: written as a label, each reads as itself. */
const definitionLabels = (node: Nodes): string[] =>
  node.type === 'definition' ? [node.identifier] : 'children' in node ? (node.children as Nodes[]).flatMap(definitionLabels) : [];

/**
 * Each window parsed again with a definition of every label written after it (each window ends
 * after a blank line, but the last, which gets one), so its references read as in the whole
 * document; the definitions added are dropped. Undefined when a window leaves open what takes them
 * in (a code fence), as only a whole parse can tell.
 */
function withDefinitions(text: string, windows: readonly Window[], labels: readonly string[]): RootContent[] | undefined {
  const definitions = labels.map((label) => `[${label}]: #\n`).join('');
  const children: RootContent[] = [];
  for (const { from, to, line } of windows) {
    const source = text.slice(from, to);
    const tree = parseAt(from, `${source}\n\n${definitions}`);
    const own = tree.children.filter((node) => node.position!.start.offset! < source.length);
    const added = tree.children.slice(own.length);
    if (added.length !== labels.length || added.some((node) => node.type !== 'definition')) return undefined;
    children.push(...own.map((node) => shifted(node, from, line)));
  }
  return children;
}
