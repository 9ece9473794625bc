/**
 * The loader in src/runtime/code-cache.ts runs the bundled CLI as a code-cached script, and in such a
 * script V8 loses what import() needs to find its loader (nodejs/node#43663: every import() fails).
 * That loader hands in its own import() under this name; code run any other way uses its own.
 */
declare const __mlsdImport: ((specifier: string) => Promise<unknown>) | undefined;

/** import(), for the modules that load on demand: inquirer, Handlebars, a team's config and helpers. */
export function importModule<T>(specifier: string): Promise<T> {
  return (typeof __mlsdImport === 'function' ? __mlsdImport(specifier) : import(specifier)) as Promise<T>;
}
