#!/usr/bin/env bash
# The platform under production settings on PostgreSQL, next to a minimal Django app,
# both behind gunicorn with the same number of workers, loaded by bench/load.py.
# Run it with `make bench`; see bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=.venv/bin
RESULTS=bench/results

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
BENCH_DB=aanspreekpunt_bench
PLATFORM_PORT=8123
MINIMAL_PORT=8124
WORKERS=${BENCH_WORKERS:-2}
CONCURRENCY=${BENCH_CONCURRENCY:-8}
DURATION=${BENCH_DURATION:-10}

# Production-like settings: DEBUG off, PostgreSQL, Redis as cache and broker. Only TLS is
# left out (no proxy in front), so the HTTPS redirect is off.
export DEBUG=false
export SECRET_KEY=bench-only
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=false
export DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${BENCH_DB}"
export REDIS_URL=redis://127.0.0.1:6379/15
# Its own static and media folders, so a test run collecting static files at the same
# time does not get in the way.
export STATIC_ROOT="$PWD/$RESULTS/static"
export MEDIA_ROOT="$PWD/$RESULTS/media"
export LOG_LEVEL=WARNING

for port in "$PLATFORM_PORT" "$MINIMAL_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Poort $port is al in gebruik; stop wat daar draait en probeer opnieuw." >&2
    exit 1
  fi
done

mkdir -p "$RESULTS" "$MEDIA_ROOT"

echo "== Verse databank $BENCH_DB op $PGHOST:$PGPORT"
dropdb --if-exists --force "$BENCH_DB"
createdb "$BENCH_DB"
# Redis database 15 belongs to the bench: start from an empty cache.
"$BIN/python" -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()'

echo "== migrate, seed_demo, collectstatic"
"$BIN/python" manage.py migrate --noinput --verbosity 0
"$BIN/python" manage.py seed_demo >/dev/null
echo "== ${BENCH_OFFERINGS:-20000} gegenereerde aanbiedingen"
"$BIN/python" manage.py generate_offerings --count "${BENCH_OFFERINGS:-20000}"
# Fresh planner statistics, as autovacuum keeps them on a live database.
psql -q -d "$BENCH_DB" -c "ANALYZE"
"$BIN/python" manage.py collectstatic --noinput --verbosity 0

PIDS=()
stop_servers() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

echo "== gunicorn: platform op :$PLATFORM_PORT, minimale app op :$MINIMAL_PORT ($WORKERS workers elk)"
"$BIN/gunicorn" aanspreekpunt.wsgi:application --workers "$WORKERS" \
  --bind "127.0.0.1:$PLATFORM_PORT" --log-level warning \
  >"$RESULTS/platform.log" 2>&1 &
PIDS+=($!)
"$BIN/gunicorn" --chdir bench minimal_app:application --workers "$WORKERS" \
  --bind "127.0.0.1:$MINIMAL_PORT" --log-level warning \
  >"$RESULTS/minimal.log" 2>&1 &
PIDS+=($!)

wait_for() {
  local url=$1
  for _ in $(seq 1 60); do
    if curl --silent --fail --max-time 2 --output /dev/null "$url"; then
      return 0
    fi
    sleep 0.5
  done
  echo "Geen antwoord van $url; zie $RESULTS/*.log" >&2
  return 1
}
wait_for "http://127.0.0.1:$PLATFORM_PORT/health/"
wait_for "http://127.0.0.1:$PLATFORM_PORT/"
wait_for "http://127.0.0.1:$MINIMAL_PORT/"

echo "== load"
"$BIN/python" bench/load.py --concurrency "$CONCURRENCY" --duration "$DURATION" \
  --baseline minimal \
  home=http://127.0.0.1:$PLATFORM_PORT/ \
  health=http://127.0.0.1:$PLATFORM_PORT/health/ \
  map=http://127.0.0.1:$PLATFORM_PORT/sociale-kaart/ \
  "map-filtered=http://127.0.0.1:$PLATFORM_PORT/sociale-kaart/?modaliteit=chat&doelgroep=jongeren&nu_open=true" \
  "map-municipality=http://127.0.0.1:$PLATFORM_PORT/sociale-kaart/?gemeente=9000&modaliteit=chat" \
  api-services=http://127.0.0.1:$PLATFORM_PORT/api/v1/services \
  minimal=http://127.0.0.1:$MINIMAL_PORT/ \
  "$@"
