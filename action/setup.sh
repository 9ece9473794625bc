#!/usr/bin/env bash
# The action runs mlsd from its own folder. An installed package (node_modules/mlsd) is built
# already; a checkout of the repository (`uses: <owner>/mlsd@<tag>`) is installed and built once.
set -euo pipefail
root="${GITHUB_ACTION_PATH:?the GitHub Actions runner sets GITHUB_ACTION_PATH}"
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  echo "::error title=mlsd::mlsd needs Node.js 20 or later on the runner (found: $(node --version 2>/dev/null || echo none)); add actions/setup-node before the mlsd step"
  exit 1
fi
if [ ! -f "$root/dist/bundle/main.cjs" ]; then
  echo "Building mlsd in $root (a checkout of the repository, not an installed package)"
  npm ci --prefix "$root" --no-audit --no-fund
fi
node "$root/bin/mlsd.js" --version
