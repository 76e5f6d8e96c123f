#!/usr/bin/env bash
# Local infrastructure for SalesPlatform: PostgreSQL, Redis and RabbitMQ as plain processes on
# loopback ports, with all state under one directory. No systemd, no containers.
#
#   scripts/infra.sh start|stop|status|env|destroy|install [options]
#   scripts/infra.sh serve postgres|redis|epmd|rabbitmq [options]
#
#   start    start what is not running yet (idempotent), wait until ready, print connection strings
#   serve    prepare one server's state and run it in the foreground (the Aspire AppHost runs each
#            server this way, so this file is the one definition of how a server is set up)
#   install  install the missing Debian server packages (as root), nothing else
#   stop     stop the recorded server processes by PID (idempotent); state is kept
#   status   print what is running (exit 0 when every recorded component runs, 3 otherwise)
#   env      print the connection strings of the instance
#   destroy  stop, then delete the instance's state
#
# Options (flag or environment variable; flags win, then environment, then what the instance
# recorded on its first start, then defaults):
#   --state-dir DIR   INFRA_STATE_DIR         default <repo>/.data/infra (git-ignored)
#   --name NAME       INFRA_NAME              default "default"; instances with different names
#                                             (or state dirs) run side by side
#   --only LIST       INFRA_ONLY              comma list of postgres,redis,rabbitmq (default: all)
#   --pg-port P       INFRA_PG_PORT           default 55432
#   --redis-port P    INFRA_REDIS_PORT        default 56379
#   --amqp-port P     INFRA_AMQP_PORT         default 55672
#   --mgmt-port P     INFRA_MGMT_PORT         default AMQP port + 1
#   --epmd-port P     INFRA_EPMD_PORT         default AMQP port + 2 (private epmd per instance)
#   --dist-port P     INFRA_DIST_PORT         default AMQP port + 3 (Erlang distribution)
#   INFRA_PG_PASSWORD, INFRA_RABBIT_PASSWORD   credentials of a new instance (default: random)
#   INFRA_FAST=1      throwaway PostgreSQL (fsync off), for tests
#   INFRA_TIMEOUT=S   readiness deadline per server in seconds (default 60)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
 sed -n '2,31p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------- arguments
COMMAND="${1:-}"
case "$COMMAND" in start|stop|status|env|destroy|install) ;; serve) SERVE="${2:-}"; shift ;; *) usage ;; esac
shift

opt_state_dir="${INFRA_STATE_DIR:-}"
opt_name="${INFRA_NAME:-}"
opt_only="${INFRA_ONLY:-}"
opt_pg_port="${INFRA_PG_PORT:-}"
opt_redis_port="${INFRA_REDIS_PORT:-}"
opt_amqp_port="${INFRA_AMQP_PORT:-}"
opt_mgmt_port="${INFRA_MGMT_PORT:-}"
opt_epmd_port="${INFRA_EPMD_PORT:-}"
opt_dist_port="${INFRA_DIST_PORT:-}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --state-dir) opt_state_dir="$2"; shift 2 ;;
    --name) opt_name="$2"; shift 2 ;;
    --only) opt_only="$2"; shift 2 ;;
    --pg-port) opt_pg_port="$2"; shift 2 ;;
    --redis-port) opt_redis_port="$2"; shift 2 ;;
    --amqp-port) opt_amqp_port="$2"; shift 2 ;;
    --mgmt-port) opt_mgmt_port="$2"; shift 2 ;;
    --epmd-port) opt_epmd_port="$2"; shift 2 ;;
    --dist-port) opt_dist_port="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

NAME="${opt_name:-default}"
[[ "$NAME" =~ ^[A-Za-z0-9_-]+$ ]] || die "--name must match [A-Za-z0-9_-]+ (got '$NAME')"
STATE_ROOT="${opt_state_dir:-$REPO_ROOT/.data/infra}"
mkdir -p "$STATE_ROOT"
STATE_ROOT="$(cd "$STATE_ROOT" && pwd -P)"
INST="$STATE_ROOT/$NAME"
INSTANCE_FILE="$INST/instance.env"
TIMEOUT="${INFRA_TIMEOUT:-60}"
# Stable id of this instance (state dir + name): names the RabbitMQ node and the external PG dir.
INST_ID="$(printf '%s' "$INST" | sha1sum | cut -c1-12)"

# What the instance recorded on its first start (ports, passwords, components).
PG_PORT="" REDIS_PORT="" AMQP_PORT="" MGMT_PORT="" EPMD_PORT="" DIST_PORT=""
PG_PASSWORD="" RABBIT_PASSWORD="" COMPONENTS=""
if [[ -f "$INSTANCE_FILE" ]]; then
  # shellcheck disable=SC1090
  source "$INSTANCE_FILE"
fi

PG_PORT="${opt_pg_port:-${PG_PORT:-55432}}"
REDIS_PORT="${opt_redis_port:-${REDIS_PORT:-56379}}"
if [[ -n "$opt_amqp_port" && "$opt_amqp_port" != "${AMQP_PORT:-}" ]]; then
  # A new AMQP port moves the derived ports with it unless they are given too.
  AMQP_PORT="$opt_amqp_port"; MGMT_PORT="" EPMD_PORT="" DIST_PORT=""
fi
AMQP_PORT="${AMQP_PORT:-55672}"
MGMT_PORT="${opt_mgmt_port:-${MGMT_PORT:-$((AMQP_PORT + 1))}}"
EPMD_PORT="${opt_epmd_port:-${EPMD_PORT:-$((AMQP_PORT + 2))}}"
DIST_PORT="${opt_dist_port:-${DIST_PORT:-$((AMQP_PORT + 3))}}"
for p in "$PG_PORT" "$REDIS_PORT" "$AMQP_PORT" "$MGMT_PORT" "$EPMD_PORT" "$DIST_PORT"; do
  [[ "$p" =~ ^[0-9]+$ && "$p" -ge 1 && "$p" -le 65535 ]] || die "invalid port '$p'"
done

ALL_COMPONENTS="postgres redis rabbitmq"
if [[ -n "$opt_only" ]]; then
  SELECTED=""
  for c in ${opt_only//,/ }; do
    case "$c" in postgres|redis|rabbitmq) SELECTED="$SELECTED $c" ;; *) die "--only: unknown component '$c'" ;; esac
  done
elif [[ -z "$COMPONENTS" ]]; then
  SELECTED="$ALL_COMPONENTS"   # a new instance gets everything; an existing one what it had
else
  SELECTED="$COMPONENTS"
fi
selected() { [[ " $SELECTED " == *" $1 "* ]]; }

random_secret() { head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

save_instance() {
  local merged="" c
  for c in $ALL_COMPONENTS; do
    if [[ " $COMPONENTS $SELECTED " == *" $c "* ]]; then merged="$merged $c"; fi
  done
  COMPONENTS="${merged# }"
  mkdir -p "$INST"
  cat >"$INSTANCE_FILE.tmp" <<EOF
PG_PORT=$PG_PORT
REDIS_PORT=$REDIS_PORT
AMQP_PORT=$AMQP_PORT
MGMT_PORT=$MGMT_PORT
EPMD_PORT=$EPMD_PORT
DIST_PORT=$DIST_PORT
PG_PASSWORD=$PG_PASSWORD
RABBIT_PASSWORD=$RABBIT_PASSWORD
COMPONENTS="$COMPONENTS"
EOF
  chmod 600 "$INSTANCE_FILE.tmp"
  mv "$INSTANCE_FILE.tmp" "$INSTANCE_FILE"
}

# ---------------------------------------------------------------- process helpers
# A PID counts as ours only when it is alive and its command line still matches what we started
# (guards against a recycled PID after a reboot). We never look processes up by name.
pid_alive() {
  local pid="$1" pattern="$2"
  [[ -n "$pid" && "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$pattern"
}
read_pid() { [[ -f "$1" ]] && tr -dc '0-9' <"$1" || true; }

wait_gone() {
  local pid="$1" pattern="$2" seconds="$3" i
  for ((i = 0; i < seconds * 10; i++)); do
    pid_alive "$pid" "$pattern" || return 0
    sleep 0.1
  done
  return 1
}

stop_pid() { # stop_pid PID PATTERN SIGNAL WHAT
  local pid="$1" pattern="$2" sig="$3" what="$4"
  pid_alive "$pid" "$pattern" || return 0
  kill "-$sig" "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "$pattern" 30; then
    log "$what (pid $pid) did not stop within 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" "$pattern" 5 || die "$what (pid $pid) survived SIGKILL"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_port_free() {
  if port_open "$1"; then die "port $1 ($2) is already in use by another process; choose another with --$3"; fi
}

fail_with_log() { # fail_with_log REASON LOGFILE
  log "$1"
  if [[ -f "$2" ]]; then
    log "last lines of $2:"
    tail -n 30 "$2" | sed 's/^/    /' >&2
  fi
  exit 1
}

wait_until() { # wait_until WHAT LOGFILE PID PATTERN COMMAND...
  local what="$1" logfile="$2" pid="$3"; shift 4
  local deadline=$((SECONDS + TIMEOUT))
  while ! "$@" >/dev/null 2>&1; do
    # kill -0, not the command-line pattern: right after the fork the child may not have exec'd yet.
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      fail_with_log "$what exited during start-up" "$logfile"
    fi
    if ((SECONDS >= deadline)); then
      fail_with_log "$what not ready after ${TIMEOUT}s" "$logfile"
    fi
    sleep 0.1
  done
}

# ---------------------------------------------------------------- binaries
PG_BIN=""
find_pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/pg_isready" ]]; then PG_BIN="$d"; return 0; fi
  done
  return 1
}
RABBIT_SERVER=/usr/lib/rabbitmq/bin/rabbitmq-server

ensure_binaries() {
  local missing=""
  if selected postgres && ! find_pg_bin; then missing="$missing postgresql"; fi
  if selected redis && ! { command -v redis-server && command -v redis-cli; } >/dev/null; then missing="$missing redis-server"; fi
  if selected rabbitmq && ! { [[ -x "$RABBIT_SERVER" ]] && command -v epmd >/dev/null; }; then missing="$missing rabbitmq-server"; fi
  [[ -z "$missing" ]] && return 0
  if [[ "$(id -u)" -ne 0 ]]; then
    die "missing server packages. Install them with:
    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y$missing"
  fi
  log "installing missing packages:$missing"
  apt-get update -qq >&2
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
  find_pg_bin || ! selected postgres || die "postgresql installed but no initdb found"
}

# ---------------------------------------------------------------- PostgreSQL
IS_ROOT=0; [[ "$(id -u)" -eq 0 ]] && IS_ROOT=1
as_pg() { if ((IS_ROOT)); then runuser -u postgres -- "$@"; else "$@"; fi; }

# Where the data directory lives. PostgreSQL refuses to run as root, so as root it runs as the
# `postgres` user, which must be able to traverse every parent directory. When the state dir is not
# reachable for it (e.g. under a 0700 mktemp dir), the data lives under /var/tmp in a directory
# named after the instance id, and the state dir records where.
pg_data_dir() {
  local f="$INST/postgres/datadir"
  if [[ -f "$f" ]]; then cat "$f"; return; fi
  mkdir -p "$INST/postgres"
  local dir="$INST/postgres/data"
  if ((IS_ROOT)); then
    chown postgres: "$INST/postgres"
    if ! runuser -u postgres -- test -x "$INST/postgres" -a -w "$INST/postgres"; then
      dir="/var/tmp/salesplatform-pg-$INST_ID/data"
    fi
  fi
  printf '%s\n' "$dir" >"$f"
  printf '%s\n' "$dir"
}

pg_running_pid() {
  local data="$1" pid
  pid="$(read_pid "$INST/postgres/pid")"
  if pid_alive "$pid" "postgres"; then echo "$pid"; fi
}

# Creates the cluster on first use (initdb as the postgres user when root), owned by user app.
init_postgres() {
  local data="$1"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    local parent; parent="$(dirname "$data")"
    mkdir -p "$parent"
    ((IS_ROOT)) && chown postgres: "$parent" && chmod 700 "$parent"
    rm -rf "$data"
    local pwfile="$parent/.pwfile"
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    ((IS_ROOT)) && chown postgres: "$pwfile"
    chmod 600 "$pwfile"
    if ! as_pg "$PG_BIN/initdb" -D "$data" -U app --pwfile="$pwfile" -A scram-sha-256 --auth-local=trust \
      -E UTF8 --locale=C.UTF-8 --no-sync >"$INST/postgres/initdb.log" 2>&1; then
      rm -f "$pwfile"
      fail_with_log "initdb failed" "$INST/postgres/initdb.log"
    fi
    rm -f "$pwfile"
  fi

}

# Server options shared by the background start and the foreground serve.
pg_options() {
  local data="$1" sockdir="$1"
  ((${#sockdir} > 80)) && sockdir=""   # Unix socket paths are limited to 107 bytes: TCP only then
  local opts="-p $PG_PORT -c listen_addresses=127.0.0.1 -c max_connections=1000 -c unix_socket_directories=$sockdir"
  if [[ "${INFRA_FAST:-0}" == "1" ]]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  printf '%s' "$opts"
}

start_postgres() {
  local data logfile pid
  data="$(pg_data_dir)"
  logfile="$(dirname "$data")/postgres.log"   # written by the postgres user: next to its data
  pid="$(pg_running_pid "$data")"
  if [[ -n "$pid" ]]; then log "postgres already running (pid $pid, port $PG_PORT)"; return; fi
  require_port_free "$PG_PORT" postgres pg-port

  init_postgres "$data"

  local opts; opts="$(pg_options "$data")"
  touch "$logfile"; ((IS_ROOT)) && chown postgres: "$logfile"
  # pg_ctl waits (-w) until the server accepts connections; the postmaster is detached from us.
  if ! as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$logfile" -o "$opts" -w -t "$TIMEOUT" start >>"$INST/postgres/pg_ctl.log" 2>&1; then
    tail -n 5 "$INST/postgres/pg_ctl.log" | sed 's/^/    /' >&2
    fail_with_log "postgres did not start (see $logfile)" "$logfile"
  fi
  head -n1 "$data/postmaster.pid" >"$INST/postgres/pid"
  wait_until "postgres" "$logfile" "$(read_pid "$INST/postgres/pid")" postgres \
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
  log "postgres ready (pid $(read_pid "$INST/postgres/pid"), port $PG_PORT, data $data)"
}

stop_postgres() {
  local pid; pid="$(read_pid "$INST/postgres/pid")"
  if pid_alive "$pid" postgres; then
    stop_pid "$pid" postgres INT "postgres"   # SIGINT = fast shutdown
    log "postgres stopped (pid $pid)"
  fi
  rm -f "$INST/postgres/pid"
}

# ---------------------------------------------------------------- Redis
start_redis() {
  local dir="$INST/redis" pid
  mkdir -p "$dir"
  pid="$(read_pid "$dir/pid")"
  if pid_alive "$pid" redis-server; then log "redis already running (pid $pid, port $REDIS_PORT)"; return; fi
  require_port_free "$REDIS_PORT" redis redis-port
  setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$dir" --save "" --appendonly no \
    --daemonize no --databases 256 --logfile "$dir/redis.log" </dev/null >>"$dir/redis.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  wait_until "redis" "$dir/redis.log" "$pid" redis-server redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping
  log "redis ready (pid $pid, port $REDIS_PORT)"
}

stop_redis() {
  local pid; pid="$(read_pid "$INST/redis/pid")"
  if pid_alive "$pid" redis-server; then
    stop_pid "$pid" redis-server TERM "redis"
    log "redis stopped (pid $pid)"
  fi
  rm -f "$INST/redis/pid"
}

# ---------------------------------------------------------------- RabbitMQ
rabbit_env() {
  local dir="$INST/rabbitmq"
  export HOME="$dir/home"
  export RABBITMQ_NODENAME="rabbit-$INST_ID@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$AMQP_PORT"
  export RABBITMQ_DIST_PORT="$DIST_PORT"
  export ERL_EPMD_PORT="$EPMD_PORT"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_MNESIA_BASE="$dir/mnesia"
  export RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_PID_FILE="$dir/beam.pid"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_DIST_PORT_MIN=0
  export RABBITMQ_CTL_DIST_PORT_MAX=0
  export RABBITMQ_LOGS="$dir/log/rabbit.log"
}

# Cookie, plugins and configuration of the node (the credentials apply when its database is new).
prepare_rabbitmq() {
  local dir="$INST/rabbitmq"
  mkdir -p "$dir/home" "$dir/log" "$dir/mnesia"
  if [[ ! -f "$dir/home/.erlang.cookie" ]]; then
    random_secret >"$dir/home/.erlang.cookie"
    chmod 400 "$dir/home/.erlang.cookie"
  fi
  : >"$dir/rabbitmq-env.conf"
  echo '[rabbitmq_management].' >"$dir/enabled_plugins"
  cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
loopback_users = none
default_user = app
default_pass = $RABBIT_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
management.tcp.port = $MGMT_PORT
management.tcp.ip = 127.0.0.1
management_agent.disable_metrics_collector = true
log.console = false
log.file.level = info
EOF
}

start_rabbitmq() {
  local dir="$INST/rabbitmq" pid epmd_pid
  mkdir -p "$dir/home" "$dir/log" "$dir/mnesia"
  pid="$(read_pid "$dir/pid")"
  if pid_alive "$pid" rabbitmq-server; then log "rabbitmq already running (pid $pid, port $AMQP_PORT)"; return; fi
  require_port_free "$AMQP_PORT" "rabbitmq amqp" amqp-port
  require_port_free "$MGMT_PORT" "rabbitmq management" mgmt-port
  require_port_free "$DIST_PORT" "rabbitmq distribution" dist-port

  prepare_rabbitmq
  rabbit_env

  # A private epmd started by us, so that we know its PID and can end exactly it.
  epmd_pid="$(read_pid "$dir/epmd.pid")"
  if ! pid_alive "$epmd_pid" epmd; then
    require_port_free "$EPMD_PORT" "rabbitmq epmd" epmd-port
    setsid epmd -port "$EPMD_PORT" -address 127.0.0.1 </dev/null >>"$dir/log/epmd.log" 2>&1 &
    epmd_pid=$!
    echo "$epmd_pid" >"$dir/epmd.pid"
    wait_until "epmd" "$dir/log/epmd.log" "$epmd_pid" epmd port_open "$EPMD_PORT"
  fi

  rm -f "$dir/beam.pid"
  setsid "$RABBIT_SERVER" </dev/null >>"$dir/log/server.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  wait_until "rabbitmq (amqp port $AMQP_PORT)" "$dir/log/rabbit.log" "$pid" rabbitmq-server port_open "$AMQP_PORT"
  wait_until "rabbitmq management (port $MGMT_PORT)" "$dir/log/rabbit.log" "$pid" rabbitmq-server port_open "$MGMT_PORT"
  log "rabbitmq ready (pid $pid, amqp $AMQP_PORT, management $MGMT_PORT, epmd $EPMD_PORT pid $epmd_pid)"
}

stop_rabbitmq() {
  local dir="$INST/rabbitmq" pid beam epmd_pid
  pid="$(read_pid "$dir/pid")"
  beam="$(read_pid "$dir/beam.pid")"
  epmd_pid="$(read_pid "$dir/epmd.pid")"
  # SIGTERM to the Erlang VM is a clean shutdown (init:stop) and much faster than the server
  # script's own handler (it boots a rabbitmqctl VM first); the script exits once the VM is gone.
  if pid_alive "$beam" beam; then stop_pid "$beam" beam TERM "rabbitmq (beam)"; fi
  if pid_alive "$pid" rabbitmq-server; then
    rabbit_env
    stop_pid "$pid" rabbitmq-server TERM "rabbitmq server script"
  fi
  [[ -n "$pid$beam" ]] && log "rabbitmq stopped (pid $pid, beam $beam)"
  if pid_alive "$epmd_pid" epmd; then stop_pid "$epmd_pid" epmd TERM "epmd"; fi
  rm -f "$dir/pid" "$dir/beam.pid" "$dir/epmd.pid"
}

# ---------------------------------------------------------------- output
print_env() {
  if selected postgres; then
    echo "ConnectionStrings__postgres=Host=127.0.0.1;Port=$PG_PORT;Username=app;Password=$PG_PASSWORD;Database=postgres"
  fi
  if selected redis; then
    echo "ConnectionStrings__redis=127.0.0.1:$REDIS_PORT"
  fi
  if selected rabbitmq; then
    echo "ConnectionStrings__rabbitmq=amqp://app:$RABBIT_PASSWORD@127.0.0.1:$AMQP_PORT/"
    echo "RABBITMQ_MANAGEMENT_URL=http://127.0.0.1:$MGMT_PORT/"
  fi
}

status_line() { # status_line COMPONENT PIDFILE PATTERN DETAIL
  local pid; pid="$(read_pid "$2")"
  if pid_alive "$pid" "$3"; then
    echo "$1: running (pid $pid, $4)"
    return 0
  fi
  echo "$1: stopped"
  return 1
}

# Credentials: given ones (the AppHost's) for a new instance; a recorded instance keeps its own and
# refuses different ones, since its databases were made with those.
apply_credentials() { # apply_credentials COMPONENT...
  local c given recorded
  for c in "$@"; do
    case "$c" in
      postgres) given="${INFRA_PG_PASSWORD:-}"; recorded="$PG_PASSWORD" ;;
      rabbitmq) given="${INFRA_RABBIT_PASSWORD:-}"; recorded="$RABBIT_PASSWORD" ;;
      *) continue ;;
    esac
    if [[ -n "$given" && -n "$recorded" && "$given" != "$recorded" ]]; then
      die "the $c state in $INST was created with other credentials; wipe it (scripts/run.sh --reset) or pass its own"
    fi
    local value="${given:-${recorded:-$(random_secret)}}"
    if [[ "$c" == postgres ]]; then PG_PASSWORD="$value"; else RABBIT_PASSWORD="$value"; fi
  done
}

# Foreground servers for the AppHost: prepare, then exec, so the orchestrator holds the server itself.
serve() {
  local what="$1"
  SELECTED="$ALL_COMPONENTS"
  case "$what" in
    postgres)
      find_pg_bin || die "PostgreSQL is not installed: scripts/infra.sh install"
      apply_credentials postgres; save_instance
      require_port_free "$PG_PORT" postgres pg-port
      local data; data="$(pg_data_dir)"
      init_postgres "$data"
      # shellcheck disable=SC2046
      if ((IS_ROOT)); then
        exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$PG_BIN/postgres" -D "$data" $(pg_options "$data")
      fi
      exec "$PG_BIN/postgres" -D "$data" $(pg_options "$data")
      ;;
    redis)
      command -v redis-server >/dev/null || die "Redis is not installed: scripts/infra.sh install"
      require_port_free "$REDIS_PORT" redis redis-port
      mkdir -p "$INST/redis"
      exec redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$INST/redis" --save "" --appendonly no \
        --daemonize no --databases 256
      ;;
    epmd)
      command -v epmd >/dev/null || die "RabbitMQ is not installed: scripts/infra.sh install"
      require_port_free "$EPMD_PORT" "rabbitmq epmd" epmd-port
      exec epmd -port "$EPMD_PORT" -address 127.0.0.1
      ;;
    rabbitmq)
      [[ -x "$RABBIT_SERVER" ]] || die "RabbitMQ is not installed: scripts/infra.sh install"
      apply_credentials rabbitmq; save_instance
      require_port_free "$AMQP_PORT" "rabbitmq amqp" amqp-port
      require_port_free "$MGMT_PORT" "rabbitmq management" mgmt-port
      prepare_rabbitmq
      rabbit_env
      export RABBITMQ_LOGS=-   # to the console, which the orchestrator shows
      exec "$RABBIT_SERVER"
      ;;
    *) die "serve: unknown server '$what' (postgres, redis, epmd, rabbitmq)" ;;
  esac
}

# ---------------------------------------------------------------- commands
case "$COMMAND" in
  serve) serve "$SERVE" ;;
  install)
    SELECTED="$ALL_COMPONENTS"
    ensure_binaries
    ;;
  start)
    started_at=$SECONDS
    ensure_binaries
    apply_credentials postgres rabbitmq
    save_instance
    # RabbitMQ takes longest: start it in the background first, the others meanwhile.
    rabbit_job=""
    if selected rabbitmq; then
      ( start_rabbitmq ) &
      rabbit_job=$!
    fi
    selected postgres && start_postgres
    selected redis && start_redis
    if [[ -n "$rabbit_job" ]]; then wait "$rabbit_job" || die "rabbitmq failed to start"; fi
    log "instance '$NAME' ready in $((SECONDS - started_at)) s (state $INST)"
    print_env
    ;;
  stop)
    selected rabbitmq && stop_rabbitmq
    selected postgres && stop_postgres
    selected redis && stop_redis
    log "instance '$NAME' stopped"
    ;;
  status)
    rc=0
    if selected postgres; then status_line postgres "$INST/postgres/pid" postgres "port $PG_PORT" || rc=3; fi
    if selected redis; then status_line redis "$INST/redis/pid" redis-server "port $REDIS_PORT" || rc=3; fi
    if selected rabbitmq; then
      status_line rabbitmq "$INST/rabbitmq/pid" rabbitmq-server "amqp $AMQP_PORT, management $MGMT_PORT" || rc=3
    fi
    exit "$rc"
    ;;
  env)
    [[ -f "$INSTANCE_FILE" ]] || die "no instance at $INST (run start first)"
    print_env
    ;;
  destroy)
    stop_rabbitmq; stop_postgres; stop_redis
    if [[ -f "$INST/postgres/datadir" ]]; then
      ext="$(dirname "$(cat "$INST/postgres/datadir")")"
      [[ "$ext" == /var/tmp/salesplatform-pg-* ]] && rm -rf "$ext"
    fi
    rm -rf "$INST"
    log "instance '$NAME' removed"
    ;;
  *) usage ;;
esac
