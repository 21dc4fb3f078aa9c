#!/usr/bin/env bash
# Browser test of output/report.html, as CI runs it.
#
# Needs (installed by CI, not here): Debian's Chromium and Node.js >= 20,
#   apt-get update && apt-get install -y chromium nodejs npm
# (fonts-noto-cjk too, for a screenshot whose Chinese is legible). playwright-core drives the
# system Chromium (/usr/bin/chromium, or $CHROMIUM); it downloads no browser.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "tests/browser/run.sh: ${CHROMIUM:-/usr/bin/chromium} not found; apt-get install -y chromium" >&2
  exit 1
fi
# The release binary when CI built it already, else a debug build.
if [ -z "${TFACTS_BIN:-}" ]; then
  (cd "$root" && cargo build --quiet --bin tfacts)
fi
cd "$here"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
node --test report.test.mjs archive.test.mjs
