#!/usr/bin/env bash
# The one run command (README): installs what is missing, brings the native local stack up and
# runs the Rhythm services against it in the foreground. Ctrl-C stops the services (the stack stays
# up; `npm run stack -- down` stops it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export TZ=UTC

bash deploy/local/ensure-node-deps.sh
# User data lives here: PostgreSQL runs durable (fsync, synchronous_commit on).
RHYTHM_PG_DURABILITY=durable bash deploy/local/stack.sh up
eval "$(bash deploy/local/stack.sh env)"

# Development identity: a local RSA key pair under .local/dev-keys; tokens from `npm run token`.
eval "$(node -r ./tools/register.js tools/mint-token.ts --print-env)"

declare -A ports=([org]=3001 [goals]=3002 [checkins]=3003 [recognition]=3004)
# Org and goals share one read-store database; checkins and recognition have their own (`stack.sh
# env`): their directories, read models, checkpoints and parked events stay apart and are rebuilt
# or dropped alone.
declare -A mongo_urls=([org]="$MONGO_URL" [goals]="$MONGO_URL" [checkins]="$RHYTHM_CHECKINS_MONGO_URL"
  [recognition]="$RHYTHM_RECOGNITION_MONGO_URL")
pids=()
started=()
stop() {
  echo "▸ stopping services…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop INT TERM

for service in org goals checkins recognition; do
  [[ -f "services/$service/src/main.ts" ]] || continue
  echo "▸ starting $service on http://127.0.0.1:${ports[$service]} (OpenAPI: /docs)"
  # Each service is its own Kafka principal, which may write only its own topics (ADR 0035); a
  # stack whose broker takes no credentials yet gives none.
  password="RHYTHM_KAFKA_${service^^}_PASSWORD"
  kafka_principal=()
  [[ -z "${!password:-}" ]] || kafka_principal=(KAFKA_USERNAME="$service" KAFKA_PASSWORD="${!password}")
  # The services' role reads and appends; the owner role only migrates at start-up (ADR 0029).
  # This machine only (ADR 0033), whatever a shell exports as HOST (zsh sets it to the host name).
  # The heap cap the pods run with (deploy/k8s/base): a developer's machine behaves as they do.
  env "${kafka_principal[@]}" HOST=127.0.0.1 PORT="${ports[$service]}" DATABASE_URL="$RHYTHM_SERVICE_DATABASE_URL" \
    NODE_OPTIONS="${NODE_OPTIONS:---max-old-space-size=256}" \
    DATABASE_OWNER_URL="$RHYTHM_OWNER_DATABASE_URL" MONGO_URL="${mongo_urls[$service]}" \
    node -r ./tools/register.js "services/$service/src/main.ts" &
  pids+=($!)
  started+=("$service http://127.0.0.1:${ports[$service]}")
done

# The gateway last: the browser's one origin (ADR 0050). The console it serves is built when it
# is missing or older than its sources.
console_dist=services/console/dist/index.html
if [[ ! -f "$console_dist" ]] ||
  [[ -n "$(find services/console/src services/console/index.html -newer "$console_dist" -print -quit)" ]]; then
  echo "▸ building the console (npm run console:build)…"
  npm run --silent console:build
fi
if [[ -f services/gateway/src/main.ts ]]; then
  echo "▸ starting gateway on http://127.0.0.1:3000 (development sign-in on)"
  kafka_principal=()
  [[ -z "${RHYTHM_KAFKA_GATEWAY_PASSWORD:-}" ]] ||
    kafka_principal=(KAFKA_USERNAME=gateway KAFKA_PASSWORD="$RHYTHM_KAFKA_GATEWAY_PASSWORD")
  env "${kafka_principal[@]}" HOST=127.0.0.1 PORT=3000 RHYTHM_DEV_SIGN_IN=true \
    ORG_URL="http://127.0.0.1:${ports[org]}" GOALS_URL="http://127.0.0.1:${ports[goals]}" \
    CHECKINS_URL="http://127.0.0.1:${ports[checkins]}" RECOGNITION_URL="http://127.0.0.1:${ports[recognition]}" \
    node -r ./tools/register.js services/gateway/src/main.ts &
  pids+=($!)
  started+=("gateway http://127.0.0.1:3000 (the console)")
fi

# The demo organisation (Acme Music, `acme`), once the services answer: a new user has someone
# to sign in as. Idempotent: a second start says it exists. RHYTHM_DEMO=0 skips it.
seed_demo() {
  for _ in $(seq 1 180); do
    local ready=0
    for service in org goals checkins recognition; do
      curl -fs -o /dev/null "http://127.0.0.1:${ports[$service]}/health/ready" && ready=$((ready + 1))
    done
    if [[ $ready -eq 4 ]]; then
      node -r ./tools/register.js tools/demo/seed-demo.ts || echo "✗ the demo organisation could not be seeded (npm run demo retries)"
      return
    fi
    sleep 1
  done
  echo "✗ the services were not ready within 180 s: the demo organisation was not seeded (npm run demo)"
}
if [[ "${RHYTHM_DEMO:-1}" != "0" && -f tools/demo/seed-demo.ts ]]; then
  seed_demo &
  pids+=($!)
fi

cat <<MSG

Open http://127.0.0.1:3000 — sign in as anyone of an organisation (development sign-in); the demo
organisation "acme" (Acme Music) is seeded once the services are ready (RHYTHM_DEMO=0 skips it).

Rhythm is starting. A development token for an admin of a new organisation:
  TOKEN=\$(npm run --silent token -- --sub alice --tenant acme --roles admin)
  curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:3001/org/tree
Services (OpenAPI UI at /docs):
$(printf '  %s\n' "${started[@]}")
MSG
wait
