#!/usr/bin/env bash
# Rhythm native local stack: PostgreSQL + Apache Kafka (KRaft) + FerretDB, no Docker.
#
#   bash deploy/local/stack.sh up [PART…] | status | down [PART…] | env | logs NAME [-f] | reset
#   (PART: postgres, kafka, ferretdb; default all)
#   bash deploy/local/stack.sh psql [DB]            # psql as rhythm (default DB rhythm)
#   bash deploy/local/stack.sh kafka-run CLASS ...  # run a Kafka tool class on the broker classpath
#   bash deploy/local/stack.sh kafka-format         # write Kafka's configuration, users and storage
#   bash deploy/local/stack.sh kafka-credentials    # print the Kafka passwords (docker compose)
#
# Env overrides: RHYTHM_DATA (default <repo>/.local/data), RHYTHM_PG_PORT (55432),
# RHYTHM_KAFKA_PORT (59092), RHYTHM_KAFKA_CONTROLLER_PORT (kafka port + 1), RHYTHM_MONGO_PORT (57017),
# RHYTHM_FERRETDB_LOG_LEVEL (error; warn logs every failed command, info every connection),
# RHYTHM_FERRETDB_PG_POOL (100: PostgreSQL connections FerretDB may use),
# RHYTHM_PG_DURABILITY (durable: fsync and synchronous_commit on, what `npm start` runs; fast: both
# off, for the test run only — a crash may lose the last commits).
# See deploy/local/README.md.
set -euo pipefail

# ---------------------------------------------------------------- settings --
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
LOCAL="$REPO/.local"

DATA="${RHYTHM_DATA:-$LOCAL/data}"
mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd -P)"

PG_PORT="${RHYTHM_PG_PORT:-55432}"
KAFKA_PORT="${RHYTHM_KAFKA_PORT:-59092}"
KAFKA_CTRL_PORT="${RHYTHM_KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
MONGO_PORT="${RHYTHM_MONGO_PORT:-57017}"
HOST=127.0.0.1

PG_USER_DB=rhythm   # database role (superuser) and password: the tests and admin tools
PG_PASS_DB=rhythm
# The services' two roles (docs/adr/0029; deploy/local/postgres-roles.sql), password = name:
PG_OWNER_ROLE=rhythm_owner # owns the event stores, runs their migrations (DATABASE_OWNER_URL)
PG_SERVICE_ROLE=rhythm_app # what `npm start` connects the services as: read and append only
PG_DATABASES=(rhythm rhythm_test ferretdb)

KAFKA_VERSION=3.9.1 # keep in sync with deploy/local/kafka/pom.xml
KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"
KAFKA_LIBS="$LOCAL/kafka/libs"
KAFKA_HEAP="${RHYTHM_KAFKA_HEAP:--Xms256m -Xmx768m}"
# Kafka principals (docs/adr/0035; keep in sync with libs/kafka-access/src/kafka-principals.ts):
# the admin is the stack's and the tests' super user, the others are the services' and analytics'.
KAFKA_ADMIN_PRINCIPAL=admin
KAFKA_PRINCIPALS=("$KAFKA_ADMIN_PRINCIPAL" org goals checkins recognition analytics gateway)
KAFKA_CONTROLLER_PRINCIPAL=controller # the broker to its controller listener only (PLAIN)
# What the topics and ACLs are made from: a change re-applies them on the next 'up'.
KAFKA_ACCESS_SOURCES=("$REPO/libs/kafka-access/src/kafka-principals.ts" "$REPO/libs/kafka-access/src/kafka-grants.ts"
  "$REPO/libs/kafka-access/src/kafka-topics.ts" "$REPO/libs/contracts/src/topics/integration-topics.ts")

FERRET_SRC="$SCRIPT_DIR/ferretdb"
FERRET_BIN="$LOCAL/bin/rhythm-ferretdb"
# FerretDB v1 holds one PostgreSQL connection per open (not exhausted, not closed) cursor; when the
# pool is used up every request, even ping, waits forever. Its default is 50.
FERRET_PG_POOL="${RHYTHM_FERRETDB_PG_POOL:-100}"

RUN_DIR="$DATA/run"          # pid files (+ postgres socket dir)
LOG_DIR="$DATA/logs"
PGDATA="$DATA/postgres"
PG_SOCK_DIR="$RUN_DIR/postgres"
KAFKA_DIR="$DATA/kafka"
KAFKA_PID="$RUN_DIR/kafka.pid"
KAFKA_SECRETS="$KAFKA_DIR/credentials" # name=password per principal, mode 600
FERRET_PID="$RUN_DIR/ferretdb.pid"

PG_TIMEOUT="${RHYTHM_PG_TIMEOUT:-60}"
PG_DURABILITY="${RHYTHM_PG_DURABILITY:-durable}"
[[ "$PG_DURABILITY" == durable || "$PG_DURABILITY" == fast ]] ||
  { echo "RHYTHM_PG_DURABILITY must be durable or fast, not '$PG_DURABILITY'" >&2; exit 2; }
KAFKA_TIMEOUT="${RHYTHM_KAFKA_TIMEOUT:-120}"
FERRET_TIMEOUT="${RHYTHM_FERRET_TIMEOUT:-30}"

# ------------------------------------------------------------------ output --
if [[ -t 1 && -z "${NO_COLOR:-}" && "${TERM:-dumb}" != dumb ]]; then
  C_B=$'\e[1m' C_G=$'\e[32m' C_Y=$'\e[33m' C_R=$'\e[31m' C_D=$'\e[2m' C_0=$'\e[0m'
else
  C_B='' C_G='' C_Y='' C_R='' C_D='' C_0=''
fi
step() { printf '%s▸%s %s\n' "$C_B" "$C_0" "$*"; }
ok()   { printf '%s✓%s %s\n' "$C_G" "$C_0" "$*"; }
warn() { printf '%s!%s %s\n' "$C_Y" "$C_0" "$*" >&2; }
die()  { printf '%s✗ %s%s\n' "$C_R" "$*" "$C_0" >&2; exit 1; }
now_ms() { date +%s%3N; }
since() { local d=$(( $(now_ms) - $1 )); printf '%d.%01ds' $((d / 1000)) $(((d % 1000) / 100)); }
tail_log() { # FILE [LINES]
  [[ -f "$1" ]] || return 0
  printf '%s---- last lines of %s ----%s\n' "$C_D" "$1" "$C_0" >&2
  tail -n "${2:-30}" "$1" >&2 || true
  printf '%s----%s\n' "$C_D" "$C_0" >&2
}

# ------------------------------------------------------------------ helpers --
is_root() { [[ "$(id -u)" == 0 ]]; }

apt_install() { # PKG...
  if is_root && command -v apt-get >/dev/null 2>&1; then
    step "installing Debian packages: $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" >/dev/null
    return 0
  fi
  return 1
}

need_tool() { # TOOL DEBIAN_PKG HINT
  command -v "$1" >/dev/null 2>&1 && return 0
  apt_install "$2" || true
  command -v "$1" >/dev/null 2>&1 || die "$1 is missing. Install it: ${3:-sudo apt-get install -y $2}"
}

# alive = exists and is not a zombie (PID 1 here may reap exited daemons late)
pid_alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  local stat; stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  stat="${stat##*) }"; [[ "${stat:0:1}" != Z ]]
}

# PID from FILE if that process is alive and its command line contains MARKER.
pid_of() { # PIDFILE MARKER
  local pid
  [[ -f "$1" ]] || return 1
  pid="$(head -n1 "$1" 2>/dev/null | tr -dc 0-9)"
  pid_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2" || return 1
  echo "$pid"
}

port_listening() { # PORT
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -ltnH "sport = :$1" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
  fi
}

port_owner() { # PORT -> human readable description of the listener
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed -E 's/^.*users:\(\((.*)\)\).*$/\1/' | head -n1
  fi
}

ensure_port_free() { # NAME PORT ENV_VAR
  if port_listening "$2"; then
    local who; who="$(port_owner "$2")"
    die "$1: port $2 is already in use by something that is not this stack${who:+ ($who)}.
  Stop it, or pick another port: $3=<port> bash deploy/local/stack.sh up"
  fi
}

tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }

rotate_log() { # FILE: keep one old copy once it grows past 20 MB
  if [[ -f "$1" ]] && (( $(stat -c %s "$1") > 20 * 1024 * 1024 )); then mv -f "$1" "$1.1"; fi
}

# Graceful stop: SIGTERM, wait, then SIGKILL.
stop_pid() { # NAME PID TIMEOUT_S
  local name="$1" pid="$2" t0; t0=$(now_ms)
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(now_ms) + $3 * 1000 ))
  while pid_alive "$pid"; do
    if (( $(now_ms) > deadline )); then
      warn "$name did not stop within $3s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.1
  done
  ok "$name stopped ($(since "$t0"))"
}

file_hash() { cat "$@" | sha256sum | cut -c1-16; }

# ---------------------------------------------------------------- postgres --
PG_BIN=""
PG_OS_USER=""

find_pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$d/initdb" ]] && { PG_BIN="$d"; return 0; }
  done
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    PG_BIN="$(pg_config --bindir)"; return 0
  fi
  if command -v initdb >/dev/null 2>&1; then PG_BIN="$(dirname "$(command -v initdb)")"; return 0; fi
  return 1
}

pg_prepare() {
  if ! find_pg_bin; then
    # Don't let the Debian package create and start its own "main" cluster on 5432.
    if is_root && [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
      mkdir -p /etc/postgresql-common
      echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
    fi
    apt_install postgresql || true
    find_pg_bin || die "postgres: initdb not found. Install PostgreSQL: sudo apt-get install -y postgresql"
  fi
  if is_root; then
    # postgres refuses to run as root: use the Debian 'postgres' user, else our own system user.
    if id -u postgres >/dev/null 2>&1; then PG_OS_USER=postgres
    else
      id -u rhythm >/dev/null 2>&1 ||
        useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin rhythm
      PG_OS_USER=rhythm
    fi
  else
    PG_OS_USER="$(id -un)"
  fi
}

as_pg() { # run a command as the postgres OS user, from a directory it can read
  if is_root; then (cd / && runuser -u "$PG_OS_USER" -- "$@" 9>&-)
  else (cd / && "$@" 9>&-); fi
}

pg_pid() {
  local pid
  [[ -f "$PGDATA/postmaster.pid" ]] || return 1
  pid="$(head -n1 "$PGDATA/postmaster.pid" | tr -dc 0-9)"
  pid_alive "$pid" || return 1
  echo "$pid"
}

pg_isready_() { "$PG_BIN/pg_isready" -q -h "$HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; }

pg_durability_settings() { # the lines that decide whether a commit survives a crash
  if [[ "$1" == durable ]]; then
    printf '%s\n' "# durable: a commit is on disk before it is acknowledged" \
      "fsync = on" "synchronous_commit = on" "full_page_writes = on"
  else
    printf '%s\n' "# fast (RHYTHM_PG_DURABILITY=fast, the test run): NOT crash safe" \
      "fsync = off" "synchronous_commit = off" "full_page_writes = off"
  fi
}

pg_conf_durability() { # durability the written rhythm.conf asks for (fast when unknown)
  if grep -qx 'fsync = on' "$PGDATA/rhythm.conf" 2>/dev/null; then echo durable; else echo fast; fi
}

pg_write_conf() { # writes rhythm.conf for $1 (durable|fast); returns 0 when it changed
  local conf="$PGDATA/rhythm.conf" tmp
  tmp="$(mktemp)"
  cat >"$tmp" <<EOF
# Written by deploy/local/stack.sh on every 'up' — edit the script, not this file.
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK_DIR'
max_connections = 300
shared_buffers = 256MB
huge_pages = off
$(pg_durability_settings "$1")
max_wal_size = 2GB
checkpoint_timeout = 30min
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = -1
EOF
  if [[ -f "$conf" ]] && cmp -s "$tmp" "$conf"; then rm -f "$tmp"; return 1; fi
  install -m 0644 -o "$PG_OS_USER" "$tmp" "$conf" 2>/dev/null || cp "$tmp" "$conf"
  rm -f "$tmp"
  return 0
}

pg_up() {
  local t0 pid; t0=$(now_ms)
  pg_prepare
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$PG_SOCK_DIR"
  is_root && chown "$PG_OS_USER" "$PG_SOCK_DIR"
  chmod 0755 "$PG_SOCK_DIR"
  local sock="$PG_SOCK_DIR/.s.PGSQL.$PG_PORT"
  (( ${#sock} < 100 )) || die "postgres: socket path too long (${#sock} chars): $sock — use a shorter RHYTHM_DATA"

  if pid="$(pg_pid)"; then
    # A running cluster only ever becomes more durable: a test run must not weaken the cluster
    # that `npm start` keeps a user's data in. fsync, full_page_writes and synchronous_commit
    # take effect on a reload; the other settings need 'down' then 'up'.
    local running wanted="$PG_DURABILITY"
    running="$(pg_conf_durability)"
    [[ "$running" == durable ]] && wanted=durable
    if pg_write_conf "$wanted"; then
      if [[ "$running" != "$wanted" ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" reload >/dev/null 2>&1 ||
          warn "postgres: reload failed — run 'down' then 'up' to apply the settings"
        ok "postgres: now $wanted (fsync, synchronous_commit and full_page_writes reloaded)"
      else
        warn "postgres: settings changed while running — run 'down' then 'up' to apply"
      fi
    fi
    pg_isready_ || die "postgres: pid $pid is running but 127.0.0.1:$PG_PORT does not answer (port changed? run 'down' then 'up')"
    pg_ensure_dbs
    ok "postgres already running on $HOST:$PG_PORT (pid $pid, $(pg_conf_durability))"
    return 0
  fi

  ensure_port_free postgres "$PG_PORT" RHYTHM_PG_PORT

  if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
    step "postgres: initialising cluster in $PGDATA…"
    [[ -e "$PGDATA" ]] && rm -rf "$PGDATA"
    local tmpd="$DATA/postgres.init" pw
    rm -rf "$tmpd"; mkdir -p "$tmpd"
    pw="$DATA/.pgpass.init"; printf '%s\n' "$PG_PASS_DB" >"$pw"
    if is_root; then
      chown "$PG_OS_USER" "$tmpd" "$pw"
      runuser -u "$PG_OS_USER" -- test -w "$tmpd" ||
        die "postgres: user $PG_OS_USER cannot write $tmpd (a parent directory is not traversable?)"
    fi
    chmod 0700 "$tmpd"; chmod 0600 "$pw"
    if ! as_pg "$PG_BIN/initdb" -D "$tmpd" -U "$PG_USER_DB" --pwfile="$pw" -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$LOG_DIR/postgres-initdb.log" 2>&1; then
      rm -f "$pw"; tail_log "$LOG_DIR/postgres-initdb.log"; die "postgres: initdb failed"
    fi
    rm -f "$pw"
    echo "include_if_exists = 'rhythm.conf'" >>"$tmpd/postgresql.conf"
    mv "$tmpd" "$PGDATA"
  fi
  pg_write_conf "$PG_DURABILITY" || true

  step "postgres: starting ($PG_DURABILITY)…"
  local log="$LOG_DIR/postgres.log"
  rotate_log "$log"
  touch "$log"; is_root && chown "$PG_OS_USER" "$log"
  # pg_ctl detaches the postmaster (setsid) itself.
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$log" -w -t "$PG_TIMEOUT" start >/dev/null 2>&1; then
    tail_log "$log"; die "postgres: did not start within ${PG_TIMEOUT}s (log: $log)"
  fi
  local deadline=$(( $(now_ms) + PG_TIMEOUT * 1000 ))
  until pg_isready_; do
    (( $(now_ms) < deadline )) || { tail_log "$log"; die "postgres: not ready on $HOST:$PG_PORT after ${PG_TIMEOUT}s"; }
    sleep 0.2
  done
  pg_ensure_dbs
  ok "postgres ready on $HOST:$PG_PORT, $PG_DURABILITY ($(since "$t0"))"
}

pg_psql() { # [DB] [psql args...]
  local db="${1:-rhythm}"; shift || true
  PGPASSWORD="$PG_PASS_DB" "$PG_BIN/psql" -X -h "$HOST" -p "$PG_PORT" -U "$PG_USER_DB" -d "$db" "$@"
}

pg_ensure_dbs() {
  local list; list="$(printf "'%s'," "${PG_DATABASES[@]}")"; list="${list%,}"
  pg_psql postgres -qAt -v ON_ERROR_STOP=1 >/dev/null <<EOF || die "postgres: could not create databases"
SELECT format('CREATE DATABASE %I OWNER %I', d, '$PG_USER_DB')
  FROM unnest(ARRAY[$list]) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)
\gexec
EOF
  pg_psql rhythm -qAt -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' \
    -f "$SCRIPT_DIR/postgres-roles.sql" >/dev/null || die "postgres: could not create the owner and service roles"
  # FerretDB's own indexes cannot serve the filters it pushes down; see companion-indexes.sql.
  pg_psql ferretdb -qAt -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' \
    -f "$FERRET_SRC/companion-indexes.sql" >/dev/null || die "postgres: could not install FerretDB's companion indexes"
}

pg_down() {
  local pid
  if ! pid="$(pg_pid)"; then ok "postgres not running"; return 0; fi
  pg_prepare
  local t0; t0=$(now_ms)
  step "postgres: stopping (pid $pid)…"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
    warn "postgres: fast stop failed, trying immediate"
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w -t 10 stop >/dev/null 2>&1 || kill -KILL "$pid" 2>/dev/null || true
  fi
  ok "postgres stopped ($(since "$t0"))"
}

# ------------------------------------------------------------------- kafka --
kafka_pid() { pid_of "$KAFKA_PID" "$KAFKA_DIR/server.properties"; }

kafka_libs() {
  need_tool java default-jre-headless "sudo apt-get install -y default-jre-headless (Java 17+)"
  local stamp="$KAFKA_LIBS/.stamp" want
  want="kafka=$KAFKA_VERSION pom=$(file_hash "$KAFKA_POM")"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then return 0; fi
  need_tool mvn maven "sudo apt-get install -y maven"
  local t0; t0=$(now_ms)
  step "kafka: fetching Apache Kafka $KAFKA_VERSION jars from Maven Central…"
  local tmp="$KAFKA_LIBS.tmp"
  rm -rf "$tmp"; mkdir -p "$tmp"
  if ! mvn -q -B -f "$KAFKA_POM" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$LOCAL/kafka/mvn.log" 2>&1; then
    tail_log "$LOCAL/kafka/mvn.log"; die "kafka: maven could not fetch the jars (log: $LOCAL/kafka/mvn.log)"
  fi
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 || die "kafka: kafka_2.13-$KAFKA_VERSION.jar missing after maven"
  echo "$want" >"$tmp/.stamp"
  rm -rf "$KAFKA_LIBS"; mv "$tmp" "$KAFKA_LIBS"
  ok "kafka: $(ls "$KAFKA_LIBS"/*.jar | wc -l) jars in $KAFKA_LIBS ($(since "$t0"))"
}

kafka_java() { # CLASS ARGS... (foreground, for tools)
  java -Xms64m -Xmx512m -Dlog4j.configuration="file:$KAFKA_DIR/tools-log4j.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

# Credentials (docs/adr/0035): one password per principal, generated once into the data folder
# (never in git), mode 600. `env` prints them; the broker's own files quote the two it needs.
kafka_credentials() {
  local file="$KAFKA_SECRETS" name
  mkdir -p "$KAFKA_DIR"
  (umask 077; touch "$file")
  for name in "${KAFKA_PRINCIPALS[@]}" "$KAFKA_CONTROLLER_PRINCIPAL"; do
    grep -q "^$name=" "$file" ||
      printf '%s=%s\n' "$name" "$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)" >>"$file"
  done
  chmod 600 "$file"
}

kafka_password() { sed -n "s/^$1=//p" "$KAFKA_SECRETS" 2>/dev/null | head -n1; }

# Formatted with SCRAM users: the broker authenticates everyone (stamp written by kafka_format).
kafka_secured() { [[ -f "$KAFKA_DIR/kraft-logs/meta.properties" && -s "$KAFKA_DIR/scram-users" ]]; }

# The running broker's configuration (written when it started) asks for authentication.
kafka_running_secured() { grep -q '^authorizer.class.name=' "$KAFKA_DIR/server.properties" 2>/dev/null; }

kafka_write_conf() {
  mkdir -p "$KAFKA_DIR/kraft-logs"
  kafka_credentials
  local admin_pw controller_pw
  admin_pw="$(kafka_password "$KAFKA_ADMIN_PRINCIPAL")"
  controller_pw="$(kafka_password "$KAFKA_CONTROLLER_PRINCIPAL")"
  (umask 077; cat >"$KAFKA_DIR/server.properties" <<EOF
# Written by deploy/local/stack.sh on every 'up' — single node KRaft (broker + controller) for dev.
# Holds two passwords: mode 600, in the data folder, never in git (docs/adr/0035).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CTRL_PORT
# Clients authenticate with SCRAM-SHA-512 (SASL_PLAINTEXT: loopback only; TLS is the production
# step, deploy/k8s). The controller listener takes only the broker, with PLAIN: KRaft keeps SCRAM
# credentials in the metadata the controller serves, so its own listener cannot use them.
listeners=CLIENT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CTRL_PORT
advertised.listeners=CLIENT://$HOST:$KAFKA_PORT
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=CLIENT
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$KAFKA_ADMIN_PRINCIPAL" password="$admin_pw";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$KAFKA_CONTROLLER_PRINCIPAL" password="$controller_pw" user_$KAFKA_CONTROLLER_PRINCIPAL="$controller_pw";
# Nothing without an ACL: each service writes its own topics and reads what it consumes
# (libs/kafka-access, applied by 'up'); the admin (stack, tests) and the controller are super users.
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:$KAFKA_ADMIN_PRINCIPAL;User:$KAFKA_CONTROLLER_PRINCIPAL
log.dirs=$KAFKA_DIR/kraft-logs
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
group.initial.rebalance.delay.ms=0
# Consumers ask for a 3 s session (ADR 0028): a member killed with -9 is replaced within seconds.
group.min.session.timeout.ms=3000
log.retention.hours=168
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
EOF
  )
  # For the Kafka tools as the admin: kafka-run CLASS --command-config "$KAFKA_DIR/admin.properties"
  (umask 077; cat >"$KAFKA_DIR/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$KAFKA_ADMIN_PRINCIPAL" password="$admin_pw";
EOF
  )
  cat >"$KAFKA_DIR/log4j.properties" <<'EOF'
# Written by deploy/local/stack.sh — console (redirected to logs/kafka.log), noisy loggers at WARN.
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.org.apache.kafka=WARN
log4j.logger.org.apache.kafka.clients=WARN
log4j.logger.kafka=WARN
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
log4j.logger.kafka.server.ControllerServer=INFO
log4j.logger.kafka.Kafka$=INFO
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.authorizer.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.zookeeper=WARN
EOF
  cat >"$KAFKA_DIR/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# Real protocol check: ApiVersions v0 request, expect our correlation id and error_code 0.
kafka_api_ok() {
  local out
  out="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x0e\x00\x12\x00\x00\x00\x00\x00\x2a\x00\x04ping" >&3
    head -c 10 <&3 | od -An -tx1 | tr -d " \n"' "$HOST" "$KAFKA_PORT" 2>/dev/null)" || return 1
  [[ "${out:8:12}" == "0000002a0000" ]]
}

kafka_new_cluster_id() { # 16 random bytes, base64url without padding (like kafka-storage random-uuid)
  local id
  while :; do
    id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && { echo "$id"; return; }
  done
}

# Formats the KRaft storage with every principal's SCRAM credentials. Data formatted before
# ADR 0035 (no users) is deleted first: a dev stack's topics and offsets are not worth keeping.
kafka_format() {
  kafka_write_conf
  if [[ -f "$KAFKA_DIR/kraft-logs/meta.properties" ]] && ! kafka_secured; then
    warn "kafka: its data was formatted without authentication (before ADR 0035): re-formatting it with users and ACLs — topics, messages and consumer offsets of this dev stack are deleted"
    rm -rf "$KAFKA_DIR/kraft-logs"
    mkdir -p "$KAFKA_DIR/kraft-logs"
  fi
  kafka_secured && return 0
  [[ -s "$KAFKA_DIR/cluster.id" ]] || kafka_new_cluster_id >"$KAFKA_DIR/cluster.id"
  step "kafka: formatting KRaft storage with users ${KAFKA_PRINCIPALS[*]} (cluster $(cat "$KAFKA_DIR/cluster.id"))…"
  local scram=() name
  for name in "${KAFKA_PRINCIPALS[@]}"; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=$name,password=$(kafka_password "$name")]")
  done
  rm -f "$KAFKA_DIR/scram-users"
  if ! kafka_java kafka.tools.StorageTool format --ignore-formatted -t "$(cat "$KAFKA_DIR/cluster.id")" \
      -c "$KAFKA_DIR/server.properties" "${scram[@]}" >"$LOG_DIR/kafka-format.log" 2>&1; then
    tail_log "$LOG_DIR/kafka-format.log"; die "kafka: storage format failed"
  fi
  printf '%s\n' "${KAFKA_PRINCIPALS[@]}" >"$KAFKA_DIR/scram-users"
  rm -f "$KAFKA_DIR/access.stamp"
}

# A principal added to KAFKA_PRINCIPALS after the format gets its SCRAM user on the running broker.
kafka_add_missing_users() {
  local name
  kafka_credentials # a new principal's password is generated here when the broker already runs
  for name in "${KAFKA_PRINCIPALS[@]}"; do
    grep -qx "$name" "$KAFKA_DIR/scram-users" && continue
    step "kafka: adding the SCRAM user $name…"
    kafka_java kafka.admin.ConfigCommand --bootstrap-server "$HOST:$KAFKA_PORT" \
      --command-config "$KAFKA_DIR/admin.properties" --alter --entity-type users --entity-name "$name" \
      --add-config "SCRAM-SHA-512=[password=$(kafka_password "$name")]" >>"$LOG_DIR/kafka-format.log" 2>&1 ||
      die "kafka: could not add the user $name (log: $LOG_DIR/kafka-format.log)"
    echo "$name" >>"$KAFKA_DIR/scram-users"
  done
}

# Topics and ACLs as libs/kafka-access says (idempotent); again whenever that table changes.
kafka_grant_access() {
  local want; want="$(file_hash "${KAFKA_ACCESS_SOURCES[@]}")"
  [[ -f "$KAFKA_DIR/access.stamp" && "$(cat "$KAFKA_DIR/access.stamp")" == "$want" ]] && return 0
  if [[ ! -d "$REPO/node_modules/kafkajs" ]]; then
    warn "kafka: node_modules missing, no topics and ACLs yet (npm ci, then 'up' again)"
    return 0
  fi
  kafka_add_missing_users
  local t0 out; t0=$(now_ms)
  step "kafka: topics and ACLs of ${KAFKA_PRINCIPALS[*]:1}…"
  out="$(kafka_as_admin node -r "$REPO/tools/register.js" "$REPO/libs/kafka-access/scripts/grant-kafka-access.ts" 2>&1)" ||
    { printf '%s\n' "$out" >&2; die "kafka: could not apply the topics and ACLs (log: $LOG_DIR/kafka.log)"; }
  echo "$want" >"$KAFKA_DIR/access.stamp"
  ok "kafka: $out ($(since "$t0"))"
}

kafka_as_admin() { # COMMAND...: with the admin's connection in the environment
  KAFKA_BROKERS="$HOST:$KAFKA_PORT" KAFKA_SASL_MECHANISM=scram-sha-512 \
    KAFKA_USERNAME="$KAFKA_ADMIN_PRINCIPAL" KAFKA_PASSWORD="$(kafka_password "$KAFKA_ADMIN_PRINCIPAL")" "$@"
}

kafka_up() {
  local t0 pid; t0=$(now_ms)
  kafka_libs
  if pid="$(kafka_pid)"; then
    kafka_api_ok || die "kafka: pid $pid is running but $HOST:$KAFKA_PORT does not answer (port changed? run 'down' then 'up')"
    if ! kafka_running_secured || ! kafka_secured; then
      # Never restarted from here: others may be using it. The switch is an explicit down + up.
      warn "kafka runs WITHOUT authentication or ACLs (started before ADR 0035). To secure it:
  bash deploy/local/stack.sh down kafka && bash deploy/local/stack.sh up
  (re-formats this dev stack's Kafka data: topics and consumer offsets are deleted)"
      ok "kafka already running on $HOST:$KAFKA_PORT (pid $pid, no authentication)"
      return 0
    fi
    kafka_grant_access
    ok "kafka already running on $HOST:$KAFKA_PORT (pid $pid, SASL/SCRAM and ACLs)"
    return 0
  fi
  ensure_port_free kafka "$KAFKA_PORT" RHYTHM_KAFKA_PORT
  ensure_port_free "kafka controller" "$KAFKA_CTRL_PORT" RHYTHM_KAFKA_CONTROLLER_PORT
  mkdir -p "$KAFKA_DIR" "$RUN_DIR" "$LOG_DIR"
  kafka_format

  step "kafka: starting broker+controller…"
  local log="$LOG_DIR/kafka.log" from
  rotate_log "$log"; touch "$log"
  from=$(( $(stat -c %s "$log") + 1 ))
  # setsid: own session, survives the calling shell; the child writes its own pid then execs java.
  # shellcheck disable=SC2086
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID" \
    java $KAFKA_HEAP -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
      -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" \
      -Dkafka.logs.dir="$LOG_DIR" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties" \
    </dev/null >>"$log" 2>&1 9>&- &
  local deadline=$(( $(now_ms) + KAFKA_TIMEOUT * 1000 ))
  sleep 0.3
  while :; do
    pid="$(head -n1 "$KAFKA_PID" 2>/dev/null || true)"
    if ! pid_alive "$pid"; then tail_log "$log" 40; die "kafka: the broker exited during startup (log: $log)"; fi
    if tail -c +"$from" "$log" | grep -q 'Kafka Server started' && kafka_api_ok; then break; fi
    (( $(now_ms) < deadline )) || { tail_log "$log" 40; die "kafka: not ready on $HOST:$KAFKA_PORT after ${KAFKA_TIMEOUT}s (log: $log)"; }
    sleep 0.3
  done
  ok "kafka ready on $HOST:$KAFKA_PORT, SASL/SCRAM-SHA-512 ($(since "$t0"))"
  kafka_grant_access
  kafka_warm_up
}

# The first transaction and consumer group of a fresh broker wait for its internal topics; do
# that once here (deploy/local/kafka-warmup.ts) rather than in the first service or test.
kafka_warm_up() {
  if [[ ! -d "$REPO/node_modules/kafkajs" ]]; then
    warn "kafka: node_modules missing, skipping the warm-up (npm ci first)"
    return 0
  fi
  local t0; t0=$(now_ms)
  step "kafka: warming up the transaction and group coordinators…"
  kafka_as_admin node -r "$REPO/tools/register.js" "$SCRIPT_DIR/kafka-warmup.ts" ||
    die "kafka: the broker runs but a transaction and a consumer group do not work (log: $LOG_DIR/kafka.log)"
  ok "kafka: coordinators ready ($(since "$t0"))"
}

kafka_down() {
  local pid
  if pid="$(kafka_pid)"; then
    step "kafka: stopping (pid $pid)…"
    stop_pid kafka "$pid" 45
  else ok "kafka not running"; fi
  rm -f "$KAFKA_PID"
}

# ---------------------------------------------------------------- ferretdb --
FERRET_BUILD_PID=""
FERRET_REBUILT=""
FERRET_BUILD_T0=""

ferret_pid() { pid_of "$FERRET_PID" "$FERRET_BIN"; }

ferret_src_hash() { file_hash "$FERRET_SRC/go.mod" "$FERRET_SRC/go.sum" "$FERRET_SRC/main.go"; }

ferret_needs_build() {
  [[ -x "$FERRET_BIN" && -f "$FERRET_BIN.stamp" && "$(cat "$FERRET_BIN.stamp")" == "$(ferret_src_hash)" ]] && return 1
  return 0
}

ferret_build_cmd() {
  local hash; hash="$(ferret_src_hash)"
  cd "$FERRET_SRC"
  export GOFLAGS="${GOFLAGS:--mod=mod}" CGO_ENABLED=0
  go version
  go build -trimpath -o "$FERRET_BIN.tmp" .
  mv -f "$FERRET_BIN.tmp" "$FERRET_BIN"
  echo "$hash" >"$FERRET_BIN.stamp"
}

# Starts the Go build in the background (it takes ~1 min cold) so it overlaps postgres/kafka startup.
ferret_build_start() {
  ferret_needs_build || return 0
  if ! command -v go >/dev/null 2>&1; then
    apt_install golang-go || true
    command -v go >/dev/null 2>&1 ||
      die "go is missing. Install Go >= 1.21 (https://go.dev/dl, or sudo apt-get install -y golang-go on Debian 13+)"
  fi
  local gv; gv="$(go env GOVERSION 2>/dev/null || true)"; gv="${gv#go}"
  if [[ "$(printf '%s\n' 1.21 "${gv%%[!0-9.]*}" | sort -V | head -n1)" != 1.21 ]]; then
    die "go $gv is too old: FerretDB v1.24 needs Go >= 1.21 (toolchain auto-download) — install from https://go.dev/dl"
  fi
  mkdir -p "$LOCAL/bin"
  step "ferretdb: building $FERRET_BIN (in the background)…"
  FERRET_BUILD_T0=$(now_ms)
  (ferret_build_cmd) >"$LOCAL/bin/rhythm-ferretdb.build.log" 2>&1 9>&- &
  FERRET_BUILD_PID=$!
}

ferret_build_wait() {
  [[ -n "$FERRET_BUILD_PID" ]] || return 0
  if ! wait "$FERRET_BUILD_PID"; then
    tail_log "$LOCAL/bin/rhythm-ferretdb.build.log"; die "ferretdb: go build failed (log: $LOCAL/bin/rhythm-ferretdb.build.log)"
  fi
  FERRET_BUILD_PID=""
FERRET_REBUILT=""
  ok "ferretdb: built ($(since "$FERRET_BUILD_T0"))"
  FERRET_REBUILT=1
}

ferret_ping() { "$FERRET_BIN" ping -timeout 3s "$HOST:$MONGO_PORT" >/dev/null 2>&1; }

ferret_up() {
  local t0 pid; t0=$(now_ms)
  ferret_build_wait
  if [[ -n "$FERRET_REBUILT" ]] && pid="$(ferret_pid)"; then
    step "ferretdb: restarting on the new binary…"
    stop_pid ferretdb "$pid" 15
  fi
  if pid="$(ferret_pid)"; then
    if ferret_ping || ferret_ping; then
      ok "ferretdb already running on $HOST:$MONGO_PORT (pid $pid)"
      return 0
    fi
    # Stateless, so restart it. Usually its PostgreSQL pool is used up by open cursors (see FERRET_PG_POOL).
    warn "ferretdb: pid $pid does not answer a ping on $HOST:$MONGO_PORT (its PostgreSQL pool used up by open cursors?) — restarting it"
    stop_pid ferretdb "$pid" 15
  fi
  ensure_port_free ferretdb "$MONGO_PORT" RHYTHM_MONGO_PORT
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  step "ferretdb: starting…"
  local log="$LOG_DIR/ferretdb.log"
  rotate_log "$log"
  FERRETDB_LOG_LEVEL="${RHYTHM_FERRETDB_LOG_LEVEL:-error}" FERRETDB_LISTEN_ADDR="$HOST:$MONGO_PORT" \
  FERRETDB_POSTGRESQL_URL="postgres://$PG_USER_DB:$PG_PASS_DB@$HOST:$PG_PORT/ferretdb?pool_max_conns=$FERRET_PG_POOL" \
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$FERRET_PID" "$FERRET_BIN" </dev/null >>"$log" 2>&1 9>&- &
  local deadline=$(( $(now_ms) + FERRET_TIMEOUT * 1000 ))
  sleep 0.1
  while :; do
    pid="$(head -n1 "$FERRET_PID" 2>/dev/null || true)"
    if ! pid_alive "$pid"; then tail_log "$log"; die "ferretdb: exited during startup (log: $log)"; fi
    if tcp_open "$MONGO_PORT" && ferret_ping; then break; fi
    (( $(now_ms) < deadline )) || { tail_log "$log"; die "ferretdb: not ready on $HOST:$MONGO_PORT after ${FERRET_TIMEOUT}s (log: $log)"; }
    sleep 0.2
  done
  ok "ferretdb ready on $HOST:$MONGO_PORT ($(since "$t0"))"
}

ferret_down() {
  local pid
  if pid="$(ferret_pid)"; then
    step "ferretdb: stopping (pid $pid)…"
    stop_pid ferretdb "$pid" 15
  else ok "ferretdb not running"; fi
  rm -f "$FERRET_PID"
}

# ---------------------------------------------------------------- commands --
# fd 9 holds the lock; every daemon we start gets it closed (9>&-) so it is released when we exit.
LOCK_FILE="$(dirname "$DATA")/.$(basename "$DATA").stack.lock"
take_lock() {
  exec 9>"$LOCK_FILE"
  flock -w 300 9 || die "another stack.sh up/down is still running (lock $LOCK_FILE)"
}

# The parts a command names (postgres, kafka, ferretdb), all when it names none.
PARTS=()
parts_of() {
  local part
  PARTS=("$@"); (( ${#PARTS[@]} )) || PARTS=(postgres kafka ferretdb)
  for part in "${PARTS[@]}"; do
    [[ "$part" == postgres || "$part" == kafka || "$part" == ferretdb ]] ||
      die "unknown part '$part': postgres, kafka or ferretdb"
  done
}
wants() { [[ " ${PARTS[*]} " == *" $1 "* ]]; }

cmd_up() {
  take_lock
  local t0; t0=$(now_ms)
  parts_of "$@"
  if wants ferretdb; then ferret_build_start; fi
  if wants postgres; then pg_up; fi
  if wants kafka; then kafka_up; fi
  if wants ferretdb; then ferret_up; fi
  ok "${C_B}stack up${C_0} in $(since "$t0") — data in $DATA"
  printf '%s  eval "$(bash deploy/local/stack.sh env)"%s\n' "$C_D" "$C_0"
}

cmd_down() {
  take_lock
  parts_of "$@"
  if wants ferretdb; then ferret_down; fi
  if wants kafka; then kafka_down; fi
  if wants postgres; then pg_down; fi
}

cmd_reset() {
  cmd_down postgres kafka ferretdb
  [[ -n "$DATA" && "$DATA" != / && "$DATA" != "$REPO" ]] || die "refusing to delete $DATA"
  step "deleting $DATA…"
  rm -rf "$DATA"
  ok "reset done (downloaded jars and the ferretdb binary in $LOCAL are kept)"
}

cmd_status() {
  local all=0 pid
  row() { printf '%-9s %-8s %-16s %s\n' "$@"; }
  row NAME STATE ADDRESS PID
  find_pg_bin || true
  if pid="$(pg_pid)"; then
    if [[ -n "$PG_BIN" ]] && pg_isready_; then row postgres running "$HOST:$PG_PORT" "$pid"
    else row postgres starting "$HOST:$PG_PORT" "$pid"; all=1; fi
  else row postgres stopped "$HOST:$PG_PORT" -; all=1; fi
  if pid="$(kafka_pid)"; then
    kafka_running_secured || warn "kafka runs without authentication or ACLs: 'down kafka' then 'up' secures it (ADR 0035)"
    if kafka_api_ok; then row kafka running "$HOST:$KAFKA_PORT" "$pid"
    else row kafka starting "$HOST:$KAFKA_PORT" "$pid"; all=1; fi
  else row kafka stopped "$HOST:$KAFKA_PORT" -; all=1; fi
  if pid="$(ferret_pid)"; then
    if ferret_ping; then row ferretdb running "$HOST:$MONGO_PORT" "$pid"
    else row ferretdb starting "$HOST:$MONGO_PORT" "$pid"; all=1; fi
  else row ferretdb stopped "$HOST:$MONGO_PORT" -; all=1; fi
  return "$all"
}

cmd_env() {
  cat <<EOF
export DATABASE_URL=postgres://$PG_USER_DB:$PG_PASS_DB@$HOST:$PG_PORT/rhythm
export TEST_DATABASE_URL=postgres://$PG_USER_DB:$PG_PASS_DB@$HOST:$PG_PORT/rhythm_test
export RHYTHM_SERVICE_DATABASE_URL=postgres://$PG_SERVICE_ROLE:$PG_SERVICE_ROLE@$HOST:$PG_PORT/rhythm
export RHYTHM_OWNER_DATABASE_URL=postgres://$PG_OWNER_ROLE:$PG_OWNER_ROLE@$HOST:$PG_PORT/rhythm
export KAFKA_BROKERS=$HOST:$KAFKA_PORT
export MONGO_URL=mongodb://$HOST:$MONGO_PORT/rhythm
export RHYTHM_CHECKINS_MONGO_URL=mongodb://$HOST:$MONGO_PORT/rhythm_checkins
export RHYTHM_RECOGNITION_MONGO_URL=mongodb://$HOST:$MONGO_PORT/rhythm_recognition
EOF
  # The admin's credentials (tests, tools) and each service's own (npm start), once the broker's
  # data has users; a broker formatted before ADR 0035 takes none.
  if kafka_secured; then
    cat <<EOF
export KAFKA_SASL_MECHANISM=scram-sha-512
export KAFKA_USERNAME=$KAFKA_ADMIN_PRINCIPAL
export KAFKA_PASSWORD=$(kafka_password "$KAFKA_ADMIN_PRINCIPAL")
EOF
    local name
    for name in "${KAFKA_PRINCIPALS[@]:1}"; do
      printf 'export RHYTHM_KAFKA_%s_PASSWORD=%s\n' "${name^^}" "$(kafka_password "$name")"
    done
  else
    echo "# kafka: no authentication yet ('down kafka' then 'up' adds users and ACLs, ADR 0035)"
  fi
}

# Every Kafka password (docs/adr/0035), generated once into the data folder, for docker compose:
#   eval "$(bash deploy/local/stack.sh kafka-credentials)" && docker compose up -d --build
cmd_kafka_credentials() {
  kafka_credentials
  local name
  for name in "${KAFKA_PRINCIPALS[@]}" "$KAFKA_CONTROLLER_PRINCIPAL"; do
    printf 'export RHYTHM_KAFKA_%s_PASSWORD=%s\n' "${name^^}" "$(kafka_password "$name")"
  done
  cat <<EOF
export KAFKA_SASL_MECHANISM=scram-sha-512
export KAFKA_USERNAME=$KAFKA_ADMIN_PRINCIPAL
export KAFKA_PASSWORD=$(kafka_password "$KAFKA_ADMIN_PRINCIPAL")
EOF
}

cmd_logs() {
  local name="${1:-}" follow="${2:-}" f
  case "$name" in
    postgres|pg) f="$LOG_DIR/postgres.log" ;;
    kafka) f="$LOG_DIR/kafka.log" ;;
    ferretdb|ferret|mongo) f="$LOG_DIR/ferretdb.log" ;;
    build) f="$LOCAL/bin/rhythm-ferretdb.build.log" ;;
    *) die "usage: stack.sh logs postgres|kafka|ferretdb|build [-f]" ;;
  esac
  [[ -f "$f" ]] || die "no log yet: $f"
  if [[ "$follow" == -f ]]; then exec tail -n 100 -F "$f"; fi
  tail -n "${RHYTHM_LOG_LINES:-200}" "$f"
}

usage() {
  cat <<EOF
usage: bash deploy/local/stack.sh COMMAND
  up [PART…]         start postgres ($PG_PORT), kafka ($KAFKA_PORT), ferretdb ($MONGO_PORT), or the parts named; idempotent
  status             show each part (exit 0 when all are running, 3 otherwise)
  down [PART…]       stop everything (ferretdb, kafka, postgres), or the parts named
  env                print export lines:  eval "\$(bash deploy/local/stack.sh env)"
  logs NAME [-f]     postgres | kafka | ferretdb | build
  reset              down, then delete all data in $DATA
  psql [DB]          psql as rhythm (default DB rhythm)
  kafka-run CLASS …  run a Kafka tool class, e.g. org.apache.kafka.tools.ConsoleProducer
                     (as the admin: --command-config $KAFKA_DIR/admin.properties)
  kafka-format       write Kafka's configuration and credentials, format its storage with the users
  kafka-credentials  print every Kafka principal's password (created once), e.g. for docker compose
EOF
}

main() {
  local cmd="${1:-}"; shift || true
  case "$cmd" in
    up) cmd_up "$@" ;;
    down|stop) cmd_down "$@" ;;
    status) cmd_status || exit 3 ;;
    env) cmd_env ;;
    logs) cmd_logs "$@" ;;
    reset) cmd_reset ;;
    psql) find_pg_bin || die "psql not found"; pg_psql "${1:-rhythm}" "${@:2}" ;;
    kafka-run)
      [[ $# -ge 1 ]] || die "usage: stack.sh kafka-run CLASS [ARGS…]"
      kafka_libs; mkdir -p "$KAFKA_DIR"; [[ -f "$KAFKA_DIR/tools-log4j.properties" ]] || kafka_write_conf
      kafka_java "$@" ;;
    kafka-credentials) cmd_kafka_credentials ;;
    kafka-format)
      kafka_pid >/dev/null && die "kafka: runs; 'down kafka' first"
      kafka_libs; mkdir -p "$KAFKA_DIR" "$LOG_DIR"; kafka_format ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
