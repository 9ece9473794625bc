/*
 * HTML elements that wrap Markdown blocks, such as a `<details>` holding sections that fold away:
 * a Markdown heading between `<details>` and `</details>` is inside it, though the parser gives
 * the heading and the tags as blocks side by side. Text inserted before that heading would fold
 * away with it.
 */

/** Elements that wrap blocks; `<p>`, whose end tag HTML lets a writer leave out, is not one. */
const WRAPPERS = new Set(['details', 'div', 'section', 'article', 'aside', 'main', 'header', 'footer', 'nav', 'figure', 'blockquote', 'center', 'table', 'ul', 'ol', 'dl']);

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(\/?)>/g;

/** The wrapping elements still open after an HTML block's `source` (its comments blanked), given those open before it. */
export function openWrappers(before: readonly string[], source: string): string[] {
  const open = [...before];
  for (const [, closing, name, selfClosing] of source.matchAll(TAG)) {
    const tag = name!.toLowerCase();
    if (!WRAPPERS.has(tag) || selfClosing) continue;
    if (!closing) open.push(tag);
    else if (open.lastIndexOf(tag) !== -1) open.length = open.lastIndexOf(tag); // closes what it names, and what was left open inside it
  }
  return open;
}
