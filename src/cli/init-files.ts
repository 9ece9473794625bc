/** The files `mlsd init` writes. docs/ci.md shows the same workflow, and a test keeps the two equal. */

export const CONFIG_PATH = '.mlsdrc.yaml';
export const WORKFLOW_PATH = '.github/workflows/mlsd.yml';

export const STARTER_CONFIG = `# mlsd configuration: the checklist design docs in this repository are linted against.
extends: mlsd:recommended

# Where \`mlsd new\` writes drafts, relative to this file.
drafts: docs/design

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

export const WORKFLOW = `# Lints the design docs a pull request adds or changes, with mlsd.
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
          fetch-depth: 0 # --changed-since needs the base branch's history
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Lint changed design docs (SARIF)
        run: npx --yes mlsd lint --changed-since origin/\${{ github.base_ref }} --format sarif --output mlsd.sarif
        continue-on-error: true # the annotations step below decides pass or fail
      - name: Upload SARIF to code scanning
        if: \${{ !cancelled() && hashFiles('mlsd.sarif') != '' }}
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: mlsd.sarif
          category: mlsd
      - name: Lint changed design docs (annotations and job summary)
        run: npx --yes mlsd lint --changed-since origin/\${{ github.base_ref }} --format github
`;

export const preCommitSnippet = (version: string) => `repos:
  - repo: https://github.com/OWNER/mlsd # the mlsd git repository
    rev: v${version}
    hooks:
      - id: mlsd-lint
`;
