/**
 * Heading normalisation, shared by the checklist (its aliases) and lint (the document's headings),
 * so "### 3.2) 📊 Success Metrics:" and the alias "Success metrics" compare equal.
 */

// One code point at a time on purpose: joiners, variation selectors and keycaps go wherever they are.
// eslint-disable-next-line no-misleading-character-class
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]/gu;
const MARKUP = /[*_`~]+|\[([^\]]*)\]\([^)]*\)/g;
const NUMBERING = /^(?:(?:step|section|part|chapter|phase)\s+)?(?:\d+(?:\.\d+)*[.):]?|[ivx]+[.)]|[a-z][.)])(?:\s*[:\-–—]\s*|\s+|$)/i;
const TRAILING = /[\s:.!?;,…\-–—]+$/u;
const INNER_PUNCTUATION = /[,;:()[\]{}|"“”]+/g;

export function normalizeHeading(text: string): string {
  let t = text.replace(MARKUP, (_m, link: string | undefined) => link ?? ' ').replace(EMOJI, ' ').trim();
  t = t.replace(NUMBERING, '').replace(TRAILING, '');
  // Russian writes ё as е as often as not: "Отчёт" is the heading a team's "отчет" names.
  return t.replace(/&/g, ' and ').replace(INNER_PUNCTUATION, ' ').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
}

/** A heading matches an alias when it equals it or contains it as whole words ("Scaling, Monitoring, and Updates"). */
export function headingMatches(normalizedHeading: string, alias: string): boolean {
  // Every item's aliases meet every heading: search in place rather than building padded copies.
  for (let at = normalizedHeading.indexOf(alias); at !== -1; at = normalizedHeading.indexOf(alias, at + 1)) {
    const end = at + alias.length;
    if ((at === 0 || normalizedHeading[at - 1] === ' ') && (end === normalizedHeading.length || normalizedHeading[end] === ' ')) return true;
  }
  return false;
}

/** The text of the ATX heading Markdown starts with ("## Rollback plan" → "Rollback plan"), if it starts with one. */
export function leadingHeading(markdown: string): string | undefined {
  return /^#{1,6}[ \t]+(.*?)[ \t#]*$/m.exec(markdown.trimStart().split(/\r?\n/, 1)[0]!)?.[1] || undefined;
}
