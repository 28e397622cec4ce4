#!/usr/bin/env bash
# Smoke test of a production deployment on this machine: publishes the host, starts a throwaway PostgreSQL cluster
# (initdb/pg_ctl, as the 'postgres' user when run as root) in a temp directory on a free port, creates a non-superuser
# owner database, starts two host processes on it with production settings (the second once the first is healthy, as
# in compose.yaml), and checks /health, /openapi/v1.json (signed in as the bootstrap administrator; 401 without), that
# the API wants a sign-in, that demo data is refused in Production, and the Docker HEALTHCHECK probe. Everything is
# stopped and deleted at the end.
#   deploy/smoke-test.sh            (REFERRALFLOW_PG_BIN=/usr/lib/postgresql/15/bin to choose the server binaries)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pg_bin="${REFERRALFLOW_PG_BIN:-}"
if [[ -z "$pg_bin" ]]; then
  if command -v initdb >/dev/null; then
    pg_bin="$(dirname "$(readlink -f "$(command -v initdb)")")"
  else
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
fi
[[ -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" ]] || { echo "initdb/pg_ctl not found; set REFERRALFLOW_PG_BIN" >&2; exit 2; }

work="$(mktemp -d /tmp/referralflow-smoke.XXXXXX)"
pgdir="$(mktemp -d /tmp/referralflow-smoke-pg.XXXXXX)"
pids=()
as_postgres=()
if [[ $EUID -eq 0 ]]; then
  chown postgres:postgres "$pgdir"
  as_postgres=(runuser -u postgres --)
fi

cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ -f "$pgdir/data/postmaster.pid" ]]; then
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [[ $status -ne 0 ]]; then
    for log in "$work"/host-*.log; do
      [[ -f "$log" ]] && { echo "--- last lines of $log"; tail -n 40 "$log"; }
    done
  fi
  rm -rf "$work" "$pgdir"
  exit "$status"
}
trap cleanup EXIT INT TERM

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

step() { printf '==> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

step "Publishing the host (Release)"
dotnet publish "$repo/host/ReferralFlow.Host" -c Release -o "$work/out" --nologo -v quiet >"$work/publish.log" 2>&1 \
  || { tail -n 40 "$work/publish.log"; fail "dotnet publish"; }

step "Starting a throwaway PostgreSQL from $pg_bin"
pg_port="$(free_port)"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
  -o "-c port=$pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgdir" start >/dev/null
psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q)
"${psql[@]}" -c "CREATE ROLE referralflow LOGIN PASSWORD 'smoke-test'" -c "CREATE DATABASE referralflow OWNER referralflow"

start_host() {
  local name=$1 port=$2
  mkdir -p "$work/$name"
  (
    cd "$work/out"
    exec env ASPNETCORE_ENVIRONMENT=Production \
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
      HOME="$work/home" \
      Database__Provider=PostgreSql \
      ConnectionStrings__ReferralFlow="Host=127.0.0.1;Port=$pg_port;Database=referralflow;Username=referralflow;Password=smoke-test" \
      Database__DataDirectory="$work/$name" \
      Mail__PickupDirectory="$work/$name/mail" \
      Jobs__Enabled=true \
      Demo__Seed=true \
      Privacy__HouseholdKey=smoke-test-household-key-0123456789abcdef \
      Bootstrap__AdminEmail=admin@smoke.example \
      Bootstrap__AdminPassword=Smoke-Test-Password-2026 \
      Bootstrap__District=관악구 \
      Logging__Json=true \
      dotnet ReferralFlow.Host.dll
  ) >"$work/$name.log" 2>&1 &
  pids+=("$!")
}

wait_healthy() {
  local port=$1 body=""
  for _ in $(seq 1 120); do
    body="$(curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null || true)"
    if [[ "$body" == *'"status":"Healthy"'* ]]; then
      echo "    /health: $body"
      return 0
    fi
    sleep 1
  done
  fail "port $port not healthy after 120 s (last answer: ${body:-none})"
}

expect_status() {
  local expected=$1 url=$2 actual
  actual="$(curl -s -o /dev/null -w '%{http_code}' "$url")"
  [[ "$actual" == "$expected" ]] || fail "$url answered $actual, expected $expected"
  echo "    $url -> $actual"
}

step "Starting host-1 with production settings"
port1="$(free_port)"
start_host host-1 "$port1"
wait_healthy "$port1"

step "Starting host-2 on the same database"
port2="$(free_port)"
start_host host-2 "$port2"
wait_healthy "$port2"

step "Checking the API"
token="$(curl -fsS -H 'Content-Type: application/json' -d '{"email":"admin@smoke.example","password":"Smoke-Test-Password-2026"}' \
  "http://127.0.0.1:$port1/api/auth/login" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')"
[[ -n "$token" ]] || fail "the bootstrap administrator could not sign in"
for port in "$port1" "$port2"; do
  # In Production the API description is for signed-in callers (Api:PublicReference=false).
  expect_status 401 "http://127.0.0.1:$port/openapi/v1.json"
  openapi="$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/openapi/v1.json")"
  [[ "$openapi" == *'"ReferralFlow API"'* ]] || fail "OpenAPI document without its title"
  echo "    /openapi/v1.json with the administrator's token -> 200"
  expect_status 401 "http://127.0.0.1:$port/api/auth/me"
done
login="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"email":"gwanak-hub.admin@demo.referralflow.kr","password":"Demo-2026-관악!"}' "http://127.0.0.1:$port1/api/auth/login")"
[[ "$login" == 401 ]] || fail "a demo sign-in answered $login in Production"
grep -q 'seeded only in the Development environment' "$work/host-1.log" || fail "no refusal of Demo:Seed in the log"
echo "    demo data refused in Production; demo sign-in -> 401"

step "Checking both processes run a Hangfire server and the Docker HEALTHCHECK probe"
servers="$("${psql[@]}" -d referralflow -At -c 'SELECT count(*) FROM hangfire.server')"
[[ "$servers" == 2 ]] || fail "expected 2 Hangfire servers, found $servers"
echo "    hangfire.server rows: $servers"
bash -c "exec 3<>/dev/tcp/127.0.0.1/$port1 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '" \
  || fail "the HEALTHCHECK probe of deploy/Dockerfile did not see 200"
echo "    HEALTHCHECK probe ok"
if grep -q '"LogLevel":"Critical"' "$work"/host-*.log; then
  fail "critical errors in the host logs"
fi
# On a new database EF Core logs its first look for each migrations history table as an error; nothing else may be one.
unexpected="$(cat "$work"/host-*.log | grep '"LogLevel":"Error"' | grep -v -e '__EFMigrationsHistory' -e '__host_migrations_history' || true)"
if [[ -n "$unexpected" ]]; then
  echo "$unexpected" | head -n 5
  fail "errors in the host logs"
fi
echo "    no error logged apart from the first migrations-history probes"

step "Smoke test passed"
