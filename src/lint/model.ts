import { headingMatches, normalizeHeading } from '../checklist/headings.js';
import { countWords } from '../checklist/letters.js';
import { remembered } from '../checklist/text-memo.js';
import type { TermMatch } from '../checklist/terms.js';
import type { Checklist, ChecklistItem, FactSpec } from '../checklist/types.js';
import { extractFact, hasFact, readDeclared, sentenceOf, type Fact, type FactContext } from './facts.js';
import type { FrontMatter } from './frontmatter.js';
import { isMarkdownHeading, type Block, type OpenBlock, type Outline, type Section } from './outline.js';
import type { LineIndex, Point, Span } from './position.js';

/** What lint knows of one checklist item found in a document; this is what the schema validates. */
export interface ItemModel {
  /** Found under a heading of its own, or only mentioned inside other sections. */
  via: 'heading' | 'mention';
  /** Titles of the headings it was found under, or of the sections that mention it. */
  sections: string[];
  facts: Record<string, Fact[]>;
  /** Placeholder text (TODO, XX, {{…}}) in the item's text; such sentences count as no substance. */
  placeholders: string[];
  /** Words in the item's substantive prose (headings and blocks with placeholders excluded). */
  words: number;
  /** For an item that declares `headingTerms`: those its own sections' headings hold, as written. */
  headingTerms?: string[];
}

export interface DocumentModel {
  frontMatter: Record<string, unknown>;
  items: Record<string, ItemModel>;
  /** Placeholder text anywhere in the prose (TODO, XX, {{…}}, lorem ipsum). */
  placeholders: { text: string }[];
  /** Front matter values read as facts (latency_budget as a latency), keyed by front matter key. */
  declared: Record<string, Fact>;
}

/** Where each part of the model stands in the document, keyed by JSON pointer. */
export type SourceMap = Map<string, Span>;

export interface ModelResult {
  model: DocumentModel;
  sourceMap: SourceMap;
  /** For items not found: the line where their section belongs, and the item it would follow. */
  insertionPoints: Map<string, InsertionPoint>;
  /** For each found item, where its facts are stated, the best evidence first (see `evidencePlaces`). */
  evidence: Map<string, Point[]>;
  /** For each item found under headings of its own, those sections as the document writes them, in `ItemModel.sections` order. */
  ownSections: Map<string, OwnSection[]>;
}

/** One of an item's own sections: its heading as the document writes it, and the lines it spans. */
export interface OwnSection {
  heading: string;
  line: number;
  endLine: number;
}

/** The outermost of the sections that end last: where the next item's section goes, and the heading a reader sees there. */
function lastEnding(sections: readonly OwnSection[]): OwnSection | undefined {
  return sections.reduce<OwnSection | undefined>((a, b) => (!a || b.endLine > a.endLine || (b.endLine === a.endLine && b.line < a.line) ? b : a), undefined);
}

const pointer = (...parts: string[]) => '/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Words are runs of letters or digits; Markdown punctuation, table pipes and list markers are not. */
const blockWords = remembered(countWords);
const wordsIn = (block: Block) => blockWords(block.text);

/** Placeholder matches per block, found once and shared by every item. */
type PlaceholderIndex = Map<Block, readonly TermMatch[]>;

/** The matches that stand outside inline code: `{{question}}` names a prompt's template slot, it leaves nothing to fill in. */
function outsideCodeSpans(text: string, found: readonly TermMatch[]): readonly TermMatch[] {
  if (found.length === 0 || !text.includes('`')) return found;
  const spans = [...text.matchAll(/(`+)[^`]*?\1/g)].map((m) => [m.index, m.index + m[0].length] as const);
  return found.filter((m) => !spans.some(([start, end]) => m.index >= start && m.index < end));
}

/**
 * A heading is the item's own when it holds one of its aliases, or one of its head words below the
 * document's title (a title names the system, not a section: "Real-time fraud scoring").
 */
export const isOwnHeading = (item: ChecklistItem, section: Section) =>
  item.aliases.some((alias) => headingMatches(section.normalized, alias)) ||
  (section.level > 1 && (item.heads?.test(section.normalized) ?? false) && !(item.mentionsExcept?.test(section.normalized) ?? false));

/**
 * Whether a block speaks of the item: an unmistakable mention, or one whose sentence is not about
 * what the item says it is not ("we monitor uptime and error rates" is no drift mention; "we
 * monitor drift and uptime" is).
 */
const mentionsItem = (item: ChecklistItem, b: Block) => {
  const except = item.mentionsExcept;
  if (!except) return item.mentions.test(b.text);
  return item.mentions.find(b.text).some((m) => item.unmistakable?.test(m.text) || !except.test(sentenceOf(b.text, m.index)));
};

/**
 * The sections that are the item's own. For an item that says what is not it, a section under its
 * heading whose prose speaks of that and never of the item ("Monitoring": request ids, error rates,
 * uptime) is not its section: `notOwn` holds those.
 */
function ownSectionsOf(item: ChecklistItem, outline: Outline, context: FactContext) {
  const own = new Set<number>();
  const notOwn = new Set<number>();
  outline.sections.forEach((section, i) => {
    if (isOwnHeading(item, section)) own.add(i);
  });
  const except = item.mentionsExcept;
  if (!except) return { own, notOwn };
  const speaksOf = (b: Block) => mentionsItem(item, b) || item.facts.some((spec) => hasFact(spec, b, outline.lines, context));
  // A heading that carries the item's own title ("Drift monitoring", as `mlsd new` and --fix write
  // it) is its section whatever it holds yet; only other headings ("Monitoring") can be demoted.
  const title = normalizeHeading(item.title);
  for (const i of own) {
    if (headingMatches(outline.sections[i]!.normalized, title)) continue;
    const prose = outline.blocks.filter((b) => b.kind !== 'heading' && b.sections.includes(i));
    if (prose.some((b) => except.test(b.text)) && !prose.some(speaksOf)) {
      own.delete(i);
      notOwn.add(i);
    }
  }
  return { own, notOwn };
}

/**
 * An item only hinted at (a dataset named, for labels): found, so weak rather than absent, with nothing
 * read from it. Code and config blocks hint as prose does (a model card kept as a fenced template, a
 * `TimeSeriesSplit` in a snippet), as evidence is read there too.
 */
function hinted(item: ChecklistItem, outline: Outline) {
  const hint = item.hints && outline.blocks.find((b) => b.kind !== 'heading' && item.hints!.test(b.text));
  if (!hint) return undefined;
  const section = outline.sections[hint.sections.at(-1) ?? -1]?.title ?? '(top of document)';
  const facts = Object.fromEntries(item.facts.map((spec) => [spec.name, [] as Fact[]]));
  const model: ItemModel = { via: 'mention', sections: [section], facts, placeholders: [], words: 0 };
  return { model, span: hint.span, facts, sections: [] as OwnSection[], evidence: [] };
}

/** How many places a present item's evidence quotes: enough to check, few enough to read. */
const EVIDENCE_PLACES = 3;

/**
 * Where an item's facts are stated, one place per line, the sentences that gave it substance first:
 * prose in its own sections, then prose elsewhere, then a heading that states a fact ("Drift
 * monitoring and retraining"), which names the section more than it says what is done; in document
 * order within each.
 */
function evidencePlaces(facts: Record<string, Fact[]>, blocks: readonly Block[], inOwn: (b: Block) => boolean): Point[] {
  const rank = (fact: Fact) => {
    const block = blocks.find((b) => b.span.start.line <= fact.line && fact.line <= b.span.end.line);
    return block?.kind === 'heading' ? 2 : block && inOwn(block) ? 0 : 1;
  };
  const byLine = new Map<number, Fact>();
  for (const fact of Object.values(facts).flat()) {
    const seen = byLine.get(fact.line);
    if (!seen || fact.column < seen.column) byLine.set(fact.line, fact);
  }
  return [...byLine.values()]
    .map((fact) => ({ fact, rank: rank(fact) }))
    .sort((a, b) => a.rank - b.rank || a.fact.line - b.fact.line)
    .slice(0, EVIDENCE_PLACES)
    .map(({ fact }) => ({ line: fact.line, column: fact.column }));
}

function findItem(item: ChecklistItem, outline: Outline, placeholderIndex: PlaceholderIndex, checklist: Checklist) {
  // Outside its own sections, an item's facts count only in sentences that speak of the item,
  // unless it has no section of its own and the fact is evidence wherever it stands (a metric's name).
  const { notSubstance, deferredSections } = checklist;
  const other = item.mentionsExcept && { except: item.mentionsExcept, item: item.mentions };
  const ownContext: FactContext = { notSubstance, deferredSections, ...(other ? { other } : {}) };
  const elsewhere: FactContext = { notSubstance, deferredSections, about: item.mentions };
  const { own, notOwn } = ownSectionsOf(item, outline, ownContext);
  // Loops rather than `some`: these run for every block and every item, and a callback is an allocation each time.
  const inOwn = (b: Block) => {
    for (const i of b.sections) if (own.has(i)) return true;
    return false;
  };
  const hasEvidence = (b: Block) => {
    if (b.kind === 'diagram') return false;
    for (const spec of item.facts) if (spec.evidence && hasFact(spec, b, outline.lines, ownContext)) return true;
    return false;
  };
  // A word in code (a function named retrain) is no mention; code counts only through evidence.
  const mentions = (b: Block) =>
    b.kind !== 'code' && !(b.kind === 'heading' && notOwn.has(b.sections.at(-1)!)) && mentionsItem(item, b);
  const scope = outline.blocks.filter((b) => inOwn(b) || mentions(b) || hasEvidence(b));
  const mentioned = scope.filter((b) => !inOwn(b));
  if (own.size === 0 && mentioned.length === 0) return hinted(item, outline);

  const placed: string[] = [];
  // A heading that only names the item ("Prediction service", "Leakage") or the system (the title)
  // states nothing; one that says more ("Batch scoring every 10 minutes") can.
  const statesFacts = (b: Block) => {
    const section = outline.sections[b.sections.at(-1)!]!;
    return section.level > 1 && section.normalized.includes(' ') && !item.aliases.includes(section.normalized);
  };
  const substantive = scope.filter((b) => {
    if ((b.kind === 'heading' && !statesFacts(b)) || b.kind === 'diagram') return false;
    const found = placeholderIndex.get(b) ?? [];
    // A placeholder in another section that merely mentions the item is that section's problem.
    if (own.size === 0 || inOwn(b)) placed.push(...found.map((m) => m.text));
    return found.length === 0;
  });
  // A stage budget is read from the item's own sections only: numbers elsewhere are not its stages.
  const ownSubstantive = substantive.filter(inOwn);
  const otherSubstantive = substantive.filter((b) => !inOwn(b));
  const factsOf = (spec: FactSpec) =>
    spec.kind === 'stages'
      ? extractFact(spec, ownSubstantive, outline.lines)
      : [...extractFact(spec, ownSubstantive, outline.lines, ownContext), ...extractFact(spec, otherSubstantive, outline.lines, spec.evidence && (own.size === 0 || spec.everywhere) ? ownContext : elsewhere)];
  const facts = Object.fromEntries(item.facts.map((spec) => [spec.name, factsOf(spec)]));

  // A leftover TODO beside what the item states is the placeholder rule's finding, as a reader
  // judges it; an item that states nothing but placeholders is not done yet.
  const stated = Object.values(facts).some((found) => found.length > 0);
  const placeholders = stated ? [] : placed;
  // An item with a section of its own is as long as that section: a paragraph elsewhere that names it
  // in passing ("we can roll back if needed") does not make three words of its own enough.
  const words = (own.size > 0 ? ownSubstantive : substantive).reduce((n, b) => n + (b.kind === 'heading' ? 0 : wordsIn(b)), 0);

  // Sections named by an alias first: "Labels" speaks for the item more plainly than "Data".
  const byAlias = (i: number) => (item.aliases.some((alias) => headingMatches(outline.sections[i]!.normalized, alias)) ? 0 : 1);
  const ownSections = [...own].sort((a, b) => byAlias(a) - byAlias(b) || a - b).map((i) => outline.sections[i]!);
  const sectionTitles =
    ownSections.length > 0
      ? ownSections.map((s) => s.title)
      : [...new Set(mentioned.map((b) => outline.sections[b.sections.at(-1) ?? -1]?.title ?? '(top of document)'))];
  const model: ItemModel = { via: own.size > 0 ? 'heading' : 'mention', sections: sectionTitles, facts, placeholders, words };
  // Read from the headings as the document writes them, in its languages' words: the schema, which
  // knows no language, asks only whether there are any.
  const named = item.headingTerms;
  if (named) model.headingTerms = ownSections.flatMap((s) => named.find(s.title).map((m) => m.text));
  const span = ownSections[0]?.span ?? mentioned[0]!.span;
  const sections: OwnSection[] = ownSections.map((s) => ({ heading: s.title, line: s.span.start.line, endLine: s.endLine }));
  const fromFacts = evidencePlaces(facts, substantive, inOwn);
  const evidence = fromFacts.length > 0 ? fromFacts : proseEvidence(item, substantive, inOwn, outline.lines);
  return { model, span, facts, sections, evidence };
}

/**
 * Where an item that states no fact (a team's item judged by its words alone) is written: its own
 * sections' paragraphs first, then where other passages mention it.
 */
function proseEvidence(item: ChecklistItem, substantive: readonly Block[], inOwn: (b: Block) => boolean, lines: LineIndex): Point[] {
  const prose = substantive.filter((b) => b.kind !== 'heading' && b.kind !== 'code');
  const own = prose.filter(inOwn).map((b) => b.span.start);
  const elsewhere = prose
    .filter((b) => !inOwn(b))
    .flatMap((b) => item.mentions.find(b.text).slice(0, 1).map((m) => lines.point(b.offset + m.index)));
  return [...own, ...elsewhere].slice(0, EVIDENCE_PLACES);
}

export function buildModel(outline: Outline, frontMatter: FrontMatter, checklist: Checklist): ModelResult {
  const model: DocumentModel = { frontMatter: frontMatter.data, items: {}, placeholders: [], declared: {} };
  for (const { key, spec } of checklist.declared) {
    const span = frontMatter.keys.get(key);
    const fact = span && readDeclared(spec, frontMatter.data[key], span.start);
    if (fact) model.declared[key] = fact;
  }
  const sourceMap: SourceMap = new Map();
  // Placeholders in front matter values (a TODO(mlsd) left by `mlsd new`) are placeholders too.
  for (const value of frontMatter.strings) {
    for (const m of checklist.placeholders.find(value.text)) {
      const at = outline.lines.point(value.offset + m.index);
      sourceMap.set(pointer('placeholders', String(model.placeholders.length)), { start: at, end: outline.lines.point(value.offset + m.index + m.text.length) });
      model.placeholders.push({ text: m.text });
    }
  }
  const placeholderIndex: PlaceholderIndex = new Map();
  for (const block of outline.blocks) {
    // Braces and TODOs in code are the code's own business (f-strings, templates), not the doc's,
    // and a diagram's braces draw a decision.
    if (block.kind === 'code' || block.kind === 'diagram') continue;
    const found = outsideCodeSpans(block.text, checklist.placeholders.find(block.text));
    if (found.length > 0) placeholderIndex.set(block, found);
    for (const m of found) {
      const at = outline.lines.point(block.offset + m.index);
      sourceMap.set(pointer('placeholders', String(model.placeholders.length)), { start: at, end: outline.lines.point(block.offset + m.index + m.text.length) });
      model.placeholders.push({ text: m.text });
    }
  }
  const evidence = new Map<string, Point[]>();
  const ownSections = new Map<string, OwnSection[]>();

  sourceMap.set('', outline.lines.lineSpan(1));
  if (outline.frontMatter) sourceMap.set(pointer('frontMatter'), outline.frontMatter.span);
  for (const [key, span] of frontMatter.keys) sourceMap.set(pointer('frontMatter', key), span);

  for (const item of checklist.items) {
    const found = findItem(item, outline, placeholderIndex, checklist);
    if (!found) continue;
    model.items[item.id] = found.model;
    sourceMap.set(pointer('items', item.id), found.span);
    for (const [name, facts] of Object.entries(found.facts)) {
      const spans = facts.map((fact) => ({ start: fact, end: { line: fact.line, column: fact.column + fact.text.length } }));
      spans.forEach((span, i) => sourceMap.set(pointer('items', item.id, 'facts', name, String(i)), span));
      if (spans[0]) sourceMap.set(pointer('items', item.id, 'facts', name), spans[0]);
    }
    if (found.sections.length > 0) ownSections.set(item.id, found.sections);
    evidence.set(item.id, found.evidence);
  }

  return { model, sourceMap, evidence, ownSections, insertionPoints: insertionPoints(checklist, outline, ownSections) };
}

/** Where a missing item's section belongs. */
export interface InsertionPoint {
  /** The line to report (within the file). */
  line: number;
  /** The line a new section is inserted before; one past the last line means at the end. None when it belongs at the end and the end is inside `unclosed`. */
  insertBefore?: number;
  /** The level a section inserted there takes: that of the heading it goes before, else of the last one before it. */
  level?: number;
  /** Its heading underlined (setext), as the document's own at that level are. */
  setext?: boolean;
  after?: string;
  before?: string;
  /** The block the document ends inside: a section added at the end would be part of it until the writer closes it. */
  unclosed?: OpenBlock;
}

/** A missing item belongs after the section of the nearest earlier item that has one, in checklist order. */
function insertionPoints(checklist: Checklist, outline: Outline, ownSections: Map<string, OwnSection[]>) {
  const points = new Map<string, InsertionPoint>();
  // Reported on a line that exists; inserted, past the end, at the end, unless the end is inside a
  // block left open (a code fence, a comment): there it is reported where that block opens. An
  // element left open (a <details>) is gone before, as a heading is, rather than folded into.
  const { openAtEnd, wrappedFromLine } = outline;
  const at = (line: number): InsertionPoint => {
    if (line > outline.lines.lineCount && wrappedFromLine !== undefined) line = wrappedFromLine;
    if (line > outline.lines.lineCount && openAtEnd) return { line: openAtEnd.line, unclosed: openAtEnd };
    const level = levelAt(outline, line);
    return { line: Math.min(line, outline.lines.lastLine), insertBefore: Math.min(aboveNextLineComments(outline, line), outline.lines.lineCount + 1), level, ...(underlinedAt(outline, level) ? { setext: true } : {}) };
  };
  const items = checklist.items;
  items.forEach((item, i) => {
    if (ownSections.has(item.id)) return;
    const previous = items.slice(0, i).reverse().find((p) => ownSections.has(p.id));
    // Named by the document's own headings ("Разметка", not "Labels"): what the writer can find.
    // A section goes right before a Markdown heading or at the end, so that no text of the writer's
    // ends up under it: what follows a bold line standing as a heading is, to Markdown, the text of
    // the heading above, and would be.
    if (previous) {
      const end = lastEnding(ownSections.get(previous.id)!)!;
      points.set(item.id, { ...at(headingFrom(outline, end.endLine + 1)), after: end.heading });
      return;
    }
    const next = items.slice(i + 1).find((n) => ownSections.has(n.id));
    const nextSection = next && outline.sections.find((s) => isOwnHeading(next, s));
    if (nextSection && isInsertionPoint(nextSection)) points.set(item.id, { ...at(nextSection.span.start.line), before: nextSection.title });
    // Nothing to go beside: after the text that opens the document (the intro under its title), which stays under that title.
    else points.set(item.id, at(headingFrom(outline, outline.bodyStartLine)));
  });
  return points;
}

/** A comment that speaks of the line after it: mlsd-disable-next-line, markdownlint's, prettier-ignore. */
const NEXT_LINE_COMMENT = /disable-next-line|prettier-ignore/;

/**
 * Where a section goes that belongs before `line`: above the comments right over it that speak of
 * that line (blank lines between them allowed), which would otherwise speak of the section put
 * between them and their heading.
 */
function aboveNextLineComments(outline: Outline, line: number): number {
  let first = line;
  for (let l = line - 1; l >= 1; ) {
    if (outline.lines.lineText(l).trim() === '') {
      l -= 1;
      continue;
    }
    const comment = outline.comments.find((c) => c.span.end.line === l && c.opensTopBlock && NEXT_LINE_COMMENT.test(c.body));
    if (!comment) break;
    first = comment.span.start.line;
    l = first - 1;
  }
  return first;
}

/**
 * The level of a section inserted before `line`: a sibling of the Markdown heading there, else of the
 * last one before it; never a title. Read from the parsed headings, so underlined ones count and a
 * `#` line in a code block does not.
 */
function levelAt(outline: Outline, line: number): number {
  const headings = outline.sections.filter(isMarkdownHeading);
  const near = headings.find((s) => s.span.start.line >= line) ?? headings.at(-1);
  return Math.max(near?.level ?? 2, 2);
}

/**
 * Whether a heading inserted at `level` is underlined (setext), as most of the document's own at
 * that level are, or, with none at it, at level 1 (its title). Markdown underlines levels 1 and 2 only.
 */
function underlinedAt(outline: Outline, level: number): boolean {
  if (level > 2) return false;
  const headings = outline.sections.filter(isMarkdownHeading);
  for (const at of [level, 1]) {
    const same = headings.filter((s) => s.level === at);
    if (same.length > 0) return same.filter((s) => s.setext).length * 2 > same.length;
  }
  return false;
}

/**
 * A heading a section can go right before: a Markdown one whose line opens a block of the document
 * itself. Inserted before a heading inside a list item or a blockquote, the section would split it
 * and change what the writer's text is part of.
 */
const isInsertionPoint = (section: Section) => isMarkdownHeading(section) && section.opensTopBlock;

/** The line of the first heading at or after `line` that a section can go before, or one past the last line. */
function headingFrom(outline: Outline, line: number): number {
  const heading = outline.sections.find((s) => isInsertionPoint(s) && s.span.start.line >= line);
  return heading?.span.start.line ?? outline.lines.lineCount + 1;
}
