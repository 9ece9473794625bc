/**
 * Where `mlsd new` writes design docs, relative to the config root. `mlsd lint` with no paths
 * lints this folder and `mlsd init` writes it as the config's `paths`, so the three agree.
 */
export const DEFAULT_DESIGN_FOLDER = 'docs/design';
