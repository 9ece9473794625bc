import { readFileSync } from 'node:fs';

/**
 * Facts about this package, read once from package.json beside dist/. Links to this repository
 * (rule pages in reports, the pre-commit snippet) are all derived from its `repository` field, so
 * moving the repository is a one-line change.
 */
interface PackageJson {
  version: string;
  repository?: string | { url?: string };
  homepage?: string;
}

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;

export const VERSION: string = pkg.version;

/**
 * The repository's web address, from package.json's `repository` ("git+https://host/o/r.git",
 * "github:o/r" or "o/r" shorthand), or else its `homepage` without a fragment.
 */
export function repositoryWebUrl(manifest: PackageJson): string | undefined {
  const raw = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (raw) {
    const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
    if (shorthand) return `https://github.com/${shorthand[1]!.replace(/\.git$/, '')}`;
    return raw.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/^ssh:\/\/git@/, 'https://').replace(/\.git$/, '');
  }
  return manifest.homepage?.replace(/#.*$/, '');
}

export const REPOSITORY_URL: string | undefined = repositoryWebUrl(pkg);

/**
 * Where a file of this package is shown for this version: the repository at the release tag, so a
 * report links to the rule page of the mlsd version that produced it.
 */
export const sourceUrlBase = (repository: string | undefined = REPOSITORY_URL, version: string = VERSION): string | undefined =>
  repository === undefined ? undefined : `${repository}/blob/v${version}/`;
