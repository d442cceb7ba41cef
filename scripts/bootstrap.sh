#!/usr/bin/env bash
# Installs what judgelab needs on a machine that has only Node 20 and npm: pnpm 12.4.2 (exactly),
# the workspace's dependencies, and the built packages. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
PNPM_VERSION=12.4.2
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "judgelab: installing pnpm $PNPM_VERSION with npm" >&2
  # A global install fails without permission, or lands in an npm prefix that is not on PATH: then put pnpm in a
  # folder of the user's own (scripts/test.sh and scripts/judgelab.sh put it on PATH).
  if ! npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    npm install --prefix "$HOME/.local/judgelab-pnpm" "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$HOME/.local/judgelab-pnpm/node_modules/.bin:$PATH"
  fi
fi
stamp=node_modules/.judgelab-install-stamp
if [ ! -f "$stamp" ] || [ pnpm-lock.yaml -nt "$stamp" ]; then
  echo "judgelab: installing dependencies (pnpm install --frozen-lockfile)" >&2
  pnpm install --frozen-lockfile >&2
  touch "$stamp"
fi
