import { distance } from 'fastest-levenshtein';

/**
 * The known name a mistyped one most likely meant, or undefined when none is close: at most a
 * third of the name's length in edits (two for short names), as "did you mean" hints go; else the
 * shortest name the typed one begins ("drift" for "drift-monitoring").
 */
export function closest(name: string, names: Iterable<string>): string | undefined {
  const known = [...names];
  let best: string | undefined = nearest(name, known)[0];
  if (best !== undefined) return best;
  const prefix = `${name.toLowerCase()}-`;
  for (const candidate of known) {
    if (candidate.toLowerCase().startsWith(prefix) && (best === undefined || candidate.length < best.length)) best = candidate;
  }
  return best;
}

/** The known names a mistyped one is equally close to, in their order: none further than closest() allows. */
export function nearest(name: string, names: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let found: string[] = [];
  let bestDistance = Infinity;
  for (const candidate of names) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d > limit || d > bestDistance) continue;
    if (d < bestDistance) found = [];
    found.push(candidate);
    bestDistance = d;
  }
  return found;
}

/** ' (did you mean "x"?)' when a known name is close, else ''. */
export const didYouMean = (name: string, known: Iterable<string>): string => meant(closest(name, known) ?? []);

/** ' (did you mean "x"?)', ' (did you mean "x" or "y"?)' for names equally likely, or '' for none. */
export function meant(names: string | readonly string[]): string {
  const list = (typeof names === 'string' ? [names] : names).map((n) => `"${n}"`);
  if (list.length === 0) return '';
  const last = list.pop()!;
  return ` (did you mean ${list.length > 0 ? `${list.join(', ')} or ${last}` : last}?)`;
}
