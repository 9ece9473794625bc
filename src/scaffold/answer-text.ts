import { parseMarkdown } from '../lint/parse.js';

/*
 * Answers go into the doc as Markdown. A one-line answer is text: a block marker it starts with
 * would change the doc's structure (a fence turns every later section into code, a `#` adds a
 * heading), so the marker is escaped and renders as written. A longer answer is Markdown its author
 * wrote, placed as blocks of its own (placeBlocks), but one that opens a code fence it never closes
 * would swallow the rest of the doc.
 */

/** Line starts that make a block of a line: each with where the backslash goes (before group 2). */
const BLOCK_STARTS = [
  /^()(#{1,6})(?=[ \t]|$)/, // ATX heading
  /^()(`{3,}|~{3,})/, // code fence
  /^()([-*_])(?:[ \t]*\2){2,}[ \t]*$/, // thematic break (--- also a setext underline)
  /^()(=+|-+)[ \t]*$/, // setext underline
  /^()([-*+])(?=[ \t]|$)/, // bullet
  /^()(>)/, // block quote
  /^()(<)/, // HTML block
  /^(\d{1,9})([.)])(?=[ \t]|$)/, // ordered list
  /^()(\[)(?=[^\]]*\]:)/, // link reference definition (the line would vanish)
];

/** A one-line answer as text: a leading block marker is backslash-escaped, so it renders literally. */
export function asText(line: string): string {
  for (const start of BLOCK_STARTS) {
    const m = start.exec(line);
    if (m) return keepLastBackslash(`${m[1]}\\${line.slice(m[1]!.length)}`);
  }
  return keepLastBackslash(line);
}

/**
 * Text ending in a backslash, escaped: the template may follow it with a hard break (`\`) or more
 * text, which that backslash would escape. At the end of a paragraph `\\` shows as `\` too.
 */
const keepLastBackslash = (text: string) => (/(?:^|[^\\])(?:\\\\)*\\$/.test(text) ? `${text}\\` : text);

/** A multi-line answer, until placeBlocks puts it in the rendered text: its Markdown and the indent of its lines. */
export interface Block {
  text: string;
  indent: number;
}

/** Where a block stands in the rendered text until it is placed: private-use characters no answer holds. */
export const blockToken = (n: number) => `\uE000${n}\uE001`;
const TOKEN = /\uE000(\d+)\uE001/;

/**
 * Put each multi-line answer where its token stands, as blocks of its own. The template writes a slot
 * for a one-line answer (`**Source.** {{answer "label_source"}}\`): text before it on the line, and
 * text or a hard break after it. A longer answer's first paragraph may go on with the text before
 * it, and its last one may take the hard break, as a line would; any other block (a list, a table, a
 * code block, HTML, a quote) is set off by blank lines, or the line after it would become a table row,
 * a lazy continuation, or part of the block (after a fence, a `\` keeps it open). Text after it on
 * the line goes to a paragraph of its own, and a hard break there has nothing left to break.
 */
export function placeBlocks(rendered: string, blocks: readonly Block[]): string {
  let text = rendered;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const { text: answer, indent } = blocks[Number(m[1])]!;
    const nodes = parseMarkdown(answer).children;
    const inline = (node: (typeof nodes)[number] | undefined) => node?.type === 'paragraph';
    const pad = ' '.repeat(indent);
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const lineEnd = text.indexOf('\n', m.index) === -1 ? text.length : text.indexOf('\n', m.index);
    const before = text.slice(lineStart, m.index);
    const after = text.slice(m.index + m[0].length, lineEnd);
    const body = (inline(nodes.at(-1)) ? keepLastBackslash(answer) : answer).replace(/\n(?=[^\n])/g, `\n${pad}`);

    let head: string;
    if (inline(nodes[0])) head = before;
    else if (before.trim() !== '') head = `${before.trimEnd()}\n\n${pad}`;
    else head = lineStart === 0 || text.slice(0, lineStart).endsWith('\n\n') ? before : `\n${before}`;
    let tail: string;
    if (inline(nodes.at(-1))) tail = after;
    else {
      const rest = after.replace(/^\s*\\?\s*$/, '').trim();
      tail = `\n\n${rest === '' ? '' : `${pad}${rest}\n\n`}`;
    }
    text = `${text.slice(0, lineStart)}${head}${body}${tail}${text.slice(lineEnd)}`;
  }
  return text;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** The fence a multi-line answer opens and never closes (```, ~~~~), if any. */
export function unclosedFence(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const m = FENCE.exec(line);
    if (!m) continue;
    const [, fence, rest] = m as unknown as [string, string, string];
    if (open === undefined) {
      if (!(fence[0] === '`' && rest.includes('`'))) open = fence; // a backtick fence's info string has no backtick
    } else if (fence[0] === open[0] && fence.length >= open.length && rest.trim() === '') {
      open = undefined;
    }
  }
  return open;
}
