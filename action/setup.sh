#!/usr/bin/env bash
# The action runs mlsd from its own folder. An installed package (node_modules/mlsd) is built
# already; a checkout of the repository (`uses: <owner>/mlsd@<tag>`) is installed and built once.
set -euo pipefail
root="${GITHUB_ACTION_PATH:?the GitHub Actions runner sets GITHUB_ACTION_PATH}"
if [ ! -f "$root/dist/bundle/main.cjs" ]; then
  echo "Building mlsd in $root (a checkout of the repository, not an installed package)"
  npm ci --prefix "$root" --no-audit --no-fund
fi
node "$root/bin/mlsd.js" --version
