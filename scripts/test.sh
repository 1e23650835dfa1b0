#!/usr/bin/env bash
# Runs every test: grammar freshness, type check, unit + integration + conformance (Vitest), then the
# production build and the browser tests (Playwright in Debian's Chromium). Installs Chromium if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium (needed by the browser tests)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi

echo "== generated parsers are up to date"
npm run --silent grammar >/dev/null
git diff --exit-code --stat -- grammar/ || { echo "grammar/: generated parsers differ from the .grammar sources; run npm run grammar and commit"; exit 1; }

echo "== type check"
npx tsc --noEmit

echo "== unit, integration and conformance tests"
npx vitest run

echo "== production build"
npx next build >/tmp/escript-next-build.log 2>&1 || { cat /tmp/escript-next-build.log; exit 1; }

echo "== browser tests"
npx playwright test
