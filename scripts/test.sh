#!/usr/bin/env bash
# `bash scripts/test.sh`: sets up on first use, builds, runs every package's tests through turbo,
# and ends with one line `Tests: N passed, N failed, N skipped` summed over all packages.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/bootstrap.sh" || exit 1
export PATH="$HOME/.local/judgelab-pnpm/node_modules/.bin:$PATH"
cd "$here/.."
export TURBO_TELEMETRY_DISABLED=1
find packages apps -maxdepth 3 -path '*/.vitest/report.json' -not -path '*/node_modules/*' -delete 2>/dev/null
pnpm exec turbo run test --continue --output-logs=errors-only "$@"
turbo_status=$?
node scripts/summarize-tests.mjs
summary_status=$?
if [ $turbo_status -ne 0 ] && [ $summary_status -eq 0 ]; then
  echo "turbo reported a failing task (status $turbo_status)" >&2
  exit $turbo_status
fi
exit $summary_status
