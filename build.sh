#!/usr/bin/env bash
# ReferralFlow build entry point.
#   ./build.sh test    build (Release, warnings as errors), check formatting, run every test suite
#   ./build.sh run     run the web host on the embedded default with demo data
#   ./build.sh console the console: validate a BPMN file, list templates, walk a bundled workflow
#   ./build.sh bench   run the engine benchmarks (see docs/benchmarks.md)
# Integration tests start their own throwaway PostgreSQL cluster from the installed server binaries
# (initdb/pg_ctl; as the `postgres` user when run as root). Set REFERRALFLOW_TEST_POSTGRES to a connection
# string to use an existing server instead.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cmd="${1:-test}"
shift || true
case "$cmd" in
  test)
    if [ -f designer/package.json ]; then
      (cd designer && npm ci --no-audit --no-fund && npm run build && npm test)
    fi
    dotnet build ReferralFlow.sln -c Release
    dotnet format ReferralFlow.sln --verify-no-changes --no-restore
    log="$(mktemp)"
    status=0
    dotnet test --solution ReferralFlow.sln -c Release --no-build "$@" 2>&1 | tee "$log" || status=$?
    # Sum the per-run summaries into one plain closing line.
    awk '/^[[:space:]]*succeeded:/ {p += $2} /^[[:space:]]*failed:/ {f += $2} /^[[:space:]]*skipped:/ {s += $2}
         END {printf "%d passed, %d failed, %d skipped\n", p, f, s}' "$log"
    # CI keeps only the tail of the output: repeat each failed test with the start of its message last.
    if [ "$status" -ne 0 ]; then
      echo "---- failed tests ----"
      grep -E -A14 '^[[:space:]]*failed [^w]' "$log" | grep -v -E '^[[:space:]]*at ' | head -150 || true
    fi
    rm -f "$log"
    exit "$status"
    ;;
  run)
    exec dotnet run --project host/ReferralFlow.Host -- --seed-demo "$@"
    ;;
  console)
    exec dotnet run --project workflows/ReferralFlow.Workflows.Cli -- "$@"
    ;;
  bench)
    exec dotnet run -c Release --project tests/ReferralFlow.Benchmarks -- "${@:-engine}"
    ;;
  *)
    echo "usage: $0 {test|run|console|bench}" >&2
    exit 2
    ;;
esac
