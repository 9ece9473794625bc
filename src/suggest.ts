import { distance } from 'fastest-levenshtein';

/**
 * The known name a mistyped one most likely meant, or undefined when none is close: at most a
 * third of the name's length in edits (two for short names), as "did you mean" hints go; else the
 * shortest name the typed one begins ("drift" for "drift-monitoring").
 */
export function closest(name: string, names: Iterable<string>): string | undefined {
  const known = [...names];
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined) return best;
  const prefix = `${name.toLowerCase()}-`;
  for (const candidate of known) {
    if (candidate.toLowerCase().startsWith(prefix) && (best === undefined || candidate.length < best.length)) best = candidate;
  }
  return best;
}

/** ' (did you mean "x"?)' when a known name is close, else ''. */
export const didYouMean = (name: string, known: Iterable<string>): string => {
  const match = closest(name, known);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
};
