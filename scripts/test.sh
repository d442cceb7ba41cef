#!/usr/bin/env bash
# `bash scripts/test.sh`: sets up on first use, lints (biome), then builds, type-checks every source (packages,
# their tests and scripts, apps/cli, the root scripts) and runs every package's tests through turbo. Ends with one
# line `Tests: N passed, N failed, N skipped` summed over all packages, where a failed lint or type-check counts
# as a failure. Extra arguments go to turbo (e.g. `--filter @judgelab/ratings`).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/bootstrap.sh" || exit 1
export PATH="$HOME/.local/judgelab-pnpm/node_modules/.bin:$PATH"
cd "$here/.."
export TURBO_TELEMETRY_DISABLED=1
find packages apps -maxdepth 3 -path '*/.vitest/report.json' -not -path '*/node_modules/*' -delete 2>/dev/null
rm -rf .turbo/runs
echo "lint: biome check ." >&2
pnpm exec biome check . >&2
lint_status=$?
pnpm exec turbo run test typecheck typecheck:scripts --continue --output-logs=errors-only --summarize "$@"
turbo_status=$?
summary=$(ls -t .turbo/runs/*.json 2>/dev/null | head -n 1)
node scripts/summarize-tests.mjs --lint-status "$lint_status" --turbo-summary "${summary:-}"
summary_status=$?
if [ $turbo_status -ne 0 ] && [ $summary_status -eq 0 ]; then
  echo "turbo reported a failing task (status $turbo_status)" >&2
  exit $turbo_status
fi
exit $summary_status
