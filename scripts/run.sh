#!/usr/bin/env bash
# The run command: installs the server packages when missing, builds the solution, then runs the
# whole platform through the Aspire AppHost with the demo data: infrastructure, every service, the
# gateway (http://127.0.0.1:5000) and the Aspire dashboard (http://127.0.0.1:18888).
#
#   scripts/run.sh [AppHost settings]   e.g. --SalesPlatform:Replicas:leads=2 --SalesPlatform:Seed=false
#   scripts/run.sh --reset              delete the local data (.data: databases, secrets, keys, logs)
#
# Ctrl+C stops everything. A run started in the background ignores SIGINT: stop it with SIGTERM.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v dotnet >/dev/null || { echo "The .NET SDK 10 is needed: https://dot.net (dotnet on PATH)." >&2; exit 1; }

if [[ "${1:-}" == "--reset" ]]; then
  pg_port="$(grep -s '^PG_PORT=' .data/infra/apphost/instance.env | cut -d= -f2 || true)"
  if [[ -n "$pg_port" ]] && (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; then
    echo "[run] the platform's PostgreSQL (port $pg_port) is still running; stop the platform first." >&2
    exit 1
  fi
  # destroy also removes a PostgreSQL data folder that had to live under /var/tmp (see infra.sh).
  if [[ -d .data/infra/apphost ]]; then bash scripts/infra.sh destroy --state-dir .data/infra --name apphost; fi
  rm -rf .data
  echo "[run] local data removed (.data)" >&2
  exit 0
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/infra.sh install
echo "[run] building (first build restores packages, a few minutes)..." >&2
dotnet build SalesPlatform.AppHost -c Debug -nologo -v minimal -clp:NoSummary
echo "[run] starting: gateway http://127.0.0.1:5000, dashboard http://127.0.0.1:18888 (no sign-in in Development)" >&2
exec dotnet run --project SalesPlatform.AppHost --no-build -- "$@"
