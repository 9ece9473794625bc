import { posix } from 'node:path';

/**
 * A file as the repository names it, for SARIF and GitHub annotations: the working directory's place
 * in the repository, then the path from there, normalised ("docs/" + "../README.md" is "README.md").
 */
export const repoPath = (file: string, prefix: string) => posix.normalize(`${prefix}${file}`).replace(/^\.\//, '');
