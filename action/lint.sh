#!/usr/bin/env bash
# One mlsd lint run for the action, from the environment its step sets: MLSD_PATHS (split on
# whitespace; globs are passed to mlsd unexpanded), MLSD_CONFIG, MLSD_CHANGED_SINCE,
# MLSD_MAX_WARNINGS, MLSD_FORMAT and MLSD_OUTPUT (a report file, announced as the step output "file").
set -euo pipefail
set -f # globs in MLSD_PATHS are mlsd's to expand, not the shell's
args=(lint)
# shellcheck disable=SC2206 # splitting the list of paths is the point
args+=(${MLSD_PATHS:-})
if [ -n "${MLSD_CONFIG:-}" ]; then args+=(--config "$MLSD_CONFIG"); fi
if [ -n "${MLSD_CHANGED_SINCE:-}" ]; then args+=(--changed-since "$MLSD_CHANGED_SINCE"); fi
if [ -n "${MLSD_MAX_WARNINGS:-}" ]; then args+=(--max-warnings "$MLSD_MAX_WARNINGS"); fi
args+=(--format "${MLSD_FORMAT:-github}")
if [ -n "${MLSD_OUTPUT:-}" ]; then args+=(--output "$MLSD_OUTPUT"); fi

status=0
node "$GITHUB_ACTION_PATH/bin/mlsd.js" "${args[@]}" || status=$?
if [ -n "${MLSD_OUTPUT:-}" ] && [ -f "$MLSD_OUTPUT" ] && [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "file=$MLSD_OUTPUT" >> "$GITHUB_OUTPUT"
fi
exit "$status"
