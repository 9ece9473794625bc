import { parseMarkdown } from '../lint/parse.js';

/*
 * Answers go into the doc as Markdown. A one-line answer is text: a block marker it starts with
 * would change the doc's structure (a fence turns every later section into code, a `#` adds a
 * heading), so the marker is escaped and renders as written. A longer answer is Markdown its author
 * wrote, placed as blocks of its own (placeBlocks), but one that opens what it never closes (a code
 * fence, an HTML comment, a <details>) would swallow the rest of the doc (swallows).
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

/**
 * HTML elements that, left open, take in the rest of the doc once it is HTML: containers a paragraph's
 * end does not close (a <details> hides it), raw text (a <script> eats it), and formatting elements,
 * which a browser reopens in every later paragraph (a <b> bolds them). Any other element (a <span>,
 * an unknown <T>) is closed where its paragraph ends, and void or optional-end ones (<br>, <li>) need no end.
 */
const SWALLOWING = new Set(
  [
    'a b big code em font i nobr s small strike strong tt u',
    'address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form header hgroup listing main menu nav ol pre search section summary table ul xmp h1 h2 h3 h4 h5 h6',
    'iframe noembed noframes noscript plaintext script select style template textarea title',
  ].flatMap((names) => names.split(' ')),
);

/** CommonMark HTML blocks that end only at a closing marker (types 2 to 5), which an answer may never write. */
const UNTIL_MARKER = [
  { opens: '<!--', closes: '-->', what: 'an HTML comment (<!--)', which: 'hide' },
  { opens: '<?', closes: '?>', what: 'a processing instruction (<?)', which: 'hide' },
  { opens: '<![CDATA[', closes: ']]>', what: 'a CDATA section (<![CDATA[)', which: 'hide' },
  { opens: '<!', closes: '>', what: 'a declaration (<!)', which: 'hide' },
];

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?>/g;

type MdNode = { type: string; value?: string; children?: MdNode[] };

/**
 * What Markdown opens and never closes that would swallow the rest of the doc after it, as a reason
 * to refuse it; undefined when nothing. A one-line answer is checked as it is written into the doc
 * (asText): its leading marker escaped, so only raw HTML inside the line is left to check.
 */
export function swallows(markdown: string): string | undefined {
  const fence = unclosedFence(markdown);
  if (fence !== undefined) return `opens a code fence (${fence}) it never closes, which would turn the rest of the doc into code`;
  const open: string[] = [];
  const html: string[] = [];
  const walk = (node: MdNode) => (node.type === 'html' ? html.push(node.value ?? '') : node.children?.forEach(walk));
  walk(parseMarkdown(markdown) as MdNode);
  for (const value of html) {
    const marker = UNTIL_MARKER.find((m) => value.startsWith(m.opens));
    if (marker && !value.includes(marker.closes, marker.opens.length)) return `opens ${marker.what} it never closes, which would ${marker.which} the rest of the doc`;
    if (marker) continue;
    for (const [, closing, name] of value.matchAll(TAG)) {
      const tag = name!.toLowerCase();
      if (!SWALLOWING.has(tag)) continue;
      if (!closing) open.push(tag);
      else if (open.lastIndexOf(tag) !== -1) open.splice(open.lastIndexOf(tag), 1);
    }
  }
  const left = open[0];
  return left === undefined ? undefined : `opens <${left}> it never closes, which would take in the rest of the doc: close it with </${left}>, or put it in backticks to show it as text`;
}
