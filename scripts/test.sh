#!/usr/bin/env bash
# Runs the whole suite and ends with the plain "N passed, N failed" line that CI reads.
set -u
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json --noEmit || { echo "0 passed, 1 failed"; exit 1; }
# The page has its own compiler settings (DOM, JSX); it is checked here, bundled by `npm run build`.
npx tsc -p src/web/app/tsconfig.json || { echo "0 passed, 1 failed"; exit 1; }
npx vitest run --reporter=default --reporter=json --outputFile.json=.vitest.json
rc=$?
node -e "const r=require('./.vitest.json');console.log(r.numPassedTests+' passed, '+r.numFailedTests+' failed'+(r.numPendingTests?', '+r.numPendingTests+' skipped':''))" || rc=1
exit $rc
