#!/usr/bin/env bash
# One mlsd lint run for the action, from the environment its step sets: MLSD_PATHS (one path per
# line when it has several lines, so a path may hold spaces; else split on spaces; globs are passed
# to mlsd unexpanded), MLSD_CONFIG, MLSD_CHANGED_SINCE,
# MLSD_MAX_WARNINGS, MLSD_FORMAT and MLSD_OUTPUT (a report file, announced as the step output "file").
set -euo pipefail
set -f # globs in MLSD_PATHS are mlsd's to expand, not the shell's
args=(lint)
paths=${MLSD_PATHS:-}
if [[ $paths == *$'\n'* ]]; then
  while IFS= read -r line; do
    line=${line#"${line%%[![:space:]]*}"} # trimmed: YAML block scalars indent and end with a newline
    line=${line%"${line##*[![:space:]]}"}
    if [ -n "$line" ]; then args+=("$line"); fi
  done <<< "$paths"
else
  # shellcheck disable=SC2206 # splitting the list of paths is the point
  args+=($paths)
fi
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
