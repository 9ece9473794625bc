/**
 * Where `mlsd new` writes design docs unless the config's "drafts" says otherwise, relative to the
 * config root. `mlsd lint` with no paths lints the drafts folder and `mlsd init` writes it as both
 * "drafts" and "paths", so the three agree.
 */
export const DEFAULT_DESIGN_FOLDER = 'docs/design';
