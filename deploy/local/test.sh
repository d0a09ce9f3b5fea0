#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing, starts the native local stack
# unless DATABASE_URL, KAFKA_BROKERS and MONGO_URL are given, then runs the format, lint and type
# checks and every test tier against the real servers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export TZ=UTC NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true

section() { printf '\n══ %s\n' "$*"; }

section "dependencies"
bash deploy/local/ensure-node-deps.sh
bash deploy/local/ensure-browser.sh

section "infrastructure"
if [[ -n "${DATABASE_URL:-}" && -n "${KAFKA_BROKERS:-}" && -n "${MONGO_URL:-}" ]]; then
  echo "using servers from the environment: $DATABASE_URL · $KAFKA_BROKERS · $MONGO_URL"
else
  # The test run's own cluster skips fsync for speed; a cluster `npm start` made durable stays so.
  RHYTHM_PG_DURABILITY="${RHYTHM_PG_DURABILITY:-fast}" bash deploy/local/stack.sh up
  eval "$(bash deploy/local/stack.sh env)"
fi
if [[ -n "${KURRENTDB_URL:-}" ]]; then
  echo "KurrentDB: $KURRENTDB_URL"
elif [[ -n "${DOCKER_HOST:-}" || -S /var/run/docker.sock ]]; then
  echo "KurrentDB: KURRENTDB_URL not set; Docker found — the tests start a KurrentDB container"
else
  echo "KurrentDB: NOT AVAILABLE here (KURRENTDB_URL not set, no Docker engine) — its contract suite will be reported as NOT RUN"
fi

section "format, lint, types"
npx prettier --check . --log-level warn
npm run --silent lint
npx tsc -p tsconfig.json --noEmit
npx tsc -p services/console/tsconfig.json --noEmit
npx tsc -p services/console/e2e/tsconfig.json --noEmit # the browser tests and the console bench
echo "✓ format, lint and type checks passed"

section "tests (unit, integration, end-to-end, browser) against the real servers"
# The browser tests drive the built console (services/console/dist), as the gateway serves it.
npm run --silent console:build
report="$(mktemp)"
set +e
npx jest --ci --maxWorkers=2 --json --outputFile="$report" "$@"
status=$?
set -e
node -e '
  const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  for (const suite of r.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status === "pending" || test.status === "todo") console.log(`  skipped: ${test.fullName}`);
    }
  }
' "$report" || true
rm -f "$report"
exit $status
