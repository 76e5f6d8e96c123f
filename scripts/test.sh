#!/usr/bin/env bash
# The test command: builds the solution in Release (zero warnings allowed) and runs every test
# project against real PostgreSQL, Redis and RabbitMQ, then prints "N passed, N failed" summed over
# the TRX results in TestResults/.
#
#   scripts/test.sh              build, test, print the summary
#   scripts/test.sh --summary    only print the summary of the existing TestResults/*.trx
#
# Servers: when SALESPLATFORM_TEST_POSTGRES/_REDIS/_RABBITMQ/_RABBITMQ_MANAGEMENT are set (.ci/run
# sets them) the tests use those; otherwise each test process starts its own through
# scripts/infra.sh on free ports and stops them when it exits. TEST_SUMMARY=0 skips the summary
# line (.ci/run prints it last itself). Extra arguments go to `dotnet test` (e.g. --filter ...).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RESULTS=TestResults

summary() {
  python3 - "$RESULTS" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET
files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True))
if not files:
    sys.exit(1)
passed = failed = 0
for f in files:
    for el in ET.parse(f).iter():
        if el.tag.endswith("}Counters") or el.tag == "Counters":
            passed += int(el.get("passed", 0))
            failed += int(el.get("failed", 0)) + int(el.get("error", 0)) + int(el.get("timeout", 0)) + int(el.get("aborted", 0))
print(f"{passed} passed, {failed} failed")
sys.exit(2 if failed else 0)
PY
}

if [[ "${1:-}" == "--summary" ]]; then
  summary
  exit $?
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

build_log="$RESULTS/build.log"
build_rc=0
dotnet build SalesPlatform.sln -c Release -nologo 2>&1 | tee "$build_log" || build_rc=$?
warnings="$(grep -cE ': warning [A-Z]+[0-9]+' "$build_log" || true)"
if ((build_rc != 0)); then
  echo "[test] build failed (exit $build_rc)" >&2
  exit "$build_rc"
fi
if ((warnings > 0)); then
  echo "[test] build produced $warnings warning line(s); the build must be warning-free" >&2
  exit 1
fi

test_rc=0
dotnet test SalesPlatform.sln -c Release --no-build --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
  --results-directory "$RESULTS" "$@" || test_rc=$?

summary_rc=0
if [[ "${TEST_SUMMARY:-1}" != "0" ]]; then
  summary || summary_rc=$?
elif ! compgen -G "$RESULTS/*.trx" >/dev/null; then
  summary_rc=1
fi
if ((summary_rc == 1)); then echo "[test] no TRX results found in $RESULTS" >&2; fi
if ((test_rc != 0)); then exit "$test_rc"; fi
exit "$summary_rc"
