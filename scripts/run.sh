#!/usr/bin/env bash
# The run command: installs the server packages when missing (scripts/infra.sh does that when root),
# then runs the whole platform through the AppHost with the demo data. Extra arguments go to the
# AppHost (e.g. --replicas leads=2, --gateway-port 5050).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v dotnet >/dev/null || { echo "The .NET SDK 10 is needed: https://dot.net (dotnet on PATH)." >&2; exit 1; }
exec dotnet run --project SalesPlatform.AppHost -- --seed "$@"
