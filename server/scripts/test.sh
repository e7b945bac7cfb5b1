#!/usr/bin/env bash
# `npm test`: install what is missing, type-check, lint (import boundaries, zero warnings), build the apps
# the browser tests load, run every test.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash server/scripts/bootstrap.sh test
npm run typecheck --silent
npm run lint --silent
npm run build -w console --silent
if [ -f extension/package.json ] && grep -q '"build"' extension/package.json; then npm run build -w extension --silent; fi
mkdir -p .data
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/test-results.json "$@" || status=$?
node -e '
  const r = require("./.data/test-results.json");
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || true
exit $status
