#!/usr/bin/env bash
# `bash scripts/judgelab.sh <command> ...`: sets up on first use, then runs the judgelab CLI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/bootstrap.sh"
export PATH="$HOME/.local/judgelab-pnpm/node_modules/.bin:$PATH"
cd "$here/.."
exec pnpm --silent judgelab "$@"
