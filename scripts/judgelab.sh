#!/usr/bin/env bash
# `bash scripts/judgelab.sh <command> ...`: sets up on first use, builds what changed, then runs the built judgelab CLI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/bootstrap.sh"
export PATH="$HOME/.local/judgelab-pnpm/node_modules/.bin:$PATH"
cd "$here/.."
# The CLI runs as built JavaScript (no tsx at run time); turbo answers from its cache when nothing changed.
if ! build_log=$(TURBO_TELEMETRY_DISABLED=1 pnpm exec turbo run build --filter=@judgelab/cli... --output-logs=errors-only 2>&1); then
  echo "$build_log" >&2
  echo "judgelab: the build failed (above); fix it or run pnpm build" >&2
  exit 1
fi
exec pnpm --silent judgelab "$@"
