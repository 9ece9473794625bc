/** The files `mlsd init` writes. docs/ci.md shows the same workflow, and a test keeps the two equal. */
import { DEFAULT_DESIGN_FOLDER } from '../scaffold/design-folder.js';

export const CONFIG_PATH = '.mlsdrc.yaml';
export const WORKFLOW_PATH = '.github/workflows/mlsd.yml';

export const STARTER_CONFIG = `# mlsd configuration: the checklist design docs in this repository are linted against.
extends: mlsd:recommended

# Where \`mlsd new\` writes drafts, relative to this file.
drafts: ${DEFAULT_DESIGN_FOLDER}

# What \`mlsd lint\` checks when no files are named: where \`mlsd new\` writes design docs. A file
# named on the command line (as the pre-commit hook does) outside these is skipped.
paths:
  - ${DEFAULT_DESIGN_FOLDER}

# Examples; uncomment and adapt.
#
# Report an item without failing the build while the team catches up:
# rules:
#   weak-section: warning
#
# Leave folders out of linting:
# ignores:
#   - "docs/archive/**"
`;

/** How the workflow installs the repository's packages, by the lockfile it has: `npm ci` needs package-lock.json. */
export function installCommand(lockfiles: readonly string[]): string {
  if (lockfiles.includes('package-lock.json') || lockfiles.includes('npm-shrinkwrap.json')) return 'npm ci';
  if (lockfiles.includes('pnpm-lock.yaml')) return 'corepack enable && pnpm install --frozen-lockfile';
  if (lockfiles.includes('yarn.lock')) return 'corepack enable && yarn install --frozen-lockfile';
  return 'npm install';
}

/** The lockfiles `installCommand` tells apart. */
export const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'] as const;

/**
 * The pull request workflow, running the mlsd GitHub Action. `action` is where the action is:
 * `./node_modules/mlsd` runs the version pinned in the repository's package.json once `install`
 * has installed the packages; `<owner>/mlsd@v<version>` runs that release from the mlsd repository.
 */
export const workflow = (action: string, install = 'npm ci') => {
  const installStep = action.startsWith('./') ? `      - run: ${install} # installs the mlsd version pinned in package.json\n` : '';
  return `# Lints the design docs a pull request adds or changes, with mlsd.
# Findings show as annotations on the pull request, as a scorecard in the job summary,
# and as code scanning alerts (Security tab) that reviewers can dismiss with a reason.
name: mlsd

on:
  pull_request:

permissions:
  contents: read
  security-events: write # upload SARIF to code scanning

jobs:
  design-docs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # changed-since needs the base branch's history
      - uses: actions/setup-node@v4
        with:
          node-version: 20
${installStep}      - name: Lint changed design docs
        uses: ${action}
        with:
          changed-since: origin/\${{ github.base_ref }}
          sarif: true
`;
};

/** The action inside the installed package: the version the repository's package.json pins. */
export const LOCAL_ACTION = './node_modules/mlsd';

/** The action from the mlsd repository at this release's tag, for repositories without a package.json. */
export const remoteAction = (repository: string, version: string) => `${repository.replace(/^https:\/\/github\.com\//, '')}@v${version}`;

/** The hook id of .pre-commit-hooks.yaml, which the local hook of docs/ci.md uses too. */
export const PRE_COMMIT_HOOK_ID = 'mlsd-lint';

export const preCommitSnippet = (repository: string, version: string) => `repos:
  - repo: ${repository}
    rev: v${version}
    hooks:
      - id: ${PRE_COMMIT_HOOK_ID}
`;
