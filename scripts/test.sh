#!/usr/bin/env bash
# `bash scripts/test.sh`: sets up on first use, lints (biome), then builds, type-checks every source (packages,
# their tests and scripts, apps/cli, the root scripts) and runs every package's tests through turbo. Ends with one
# line `Tests: N passed, N failed, N skipped` summed over all packages, where a failed lint or type-check counts
# as a failure. Extra arguments go to turbo (e.g. `--filter @judgelab/ratings`).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/bootstrap.sh" || exit 1
# bootstrap.sh turns on `set -e`; here a failing lint or test must not end the script before the summary line.
set +e
export PATH="$HOME/.local/judgelab-pnpm/node_modules/.bin:$PATH"
cd "$here/.."
export TURBO_TELEMETRY_DISABLED=1
find packages apps -maxdepth 3 -path '*/.vitest/report.json' -not -path '*/node_modules/*' -delete 2>/dev/null
rm -rf .turbo/runs
# Which shared data exists is part of turbo's cache key (globalEnv), so that results cached with the data are not
# replayed without it (or the other way round).
shared="${JUDGELAB_SHARED_DIR:-../shared}"
JUDGELAB_SHARED_DATA_STATE="$(cd "$shared" 2>/dev/null && ls -d seed/* datasets/* 2>/dev/null | tr '\n' ' ')"
export JUDGELAB_SHARED_DATA_STATE
echo "lint: biome check . (with the package-boundary rules of scripts/lint/write-boundary-rules.mjs)" >&2
node scripts/lint/write-boundary-rules.mjs --check && pnpm exec biome check . >&2
lint_status=$?
# As many turbo tasks at once as there are cores: each vitest run already uses every core, and more parallel tasks
# on a small machine only make the 60 s test timeouts fire.
cores=$(nproc 2>/dev/null || echo 2)
pnpm exec turbo run test typecheck typecheck:scripts --continue --output-logs=errors-only --summarize \
  --concurrency="$cores" "$@"
turbo_status=$?
summary=$(ls -t .turbo/runs/*.json 2>/dev/null | head -n 1)
node scripts/summarize-tests.mjs --lint-status "$lint_status" --turbo-summary "${summary:-}"
summary_status=$?
if [ $turbo_status -ne 0 ] && [ $summary_status -eq 0 ]; then
  echo "turbo reported a failing task (status $turbo_status)" >&2
  exit $turbo_status
fi
exit $summary_status
