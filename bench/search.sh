#!/usr/bin/env bash
# The site search under load on PostgreSQL: 20,000 offerings and 5,000 pages, 8 clients,
# next to the minimal app, both behind gunicorn with the deployment's settings.
#   BENCH_DB=aop_22 REDIS_DB=8 bench/search.sh
set -euo pipefail
BIN=.venv/bin
RESULTS=bench/results
export DEBUG=false SECRET_KEY=bench-only ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${BENCH_DB:-aanspreekpunt_bench}"
export REDIS_URL="redis://127.0.0.1:6379/${REDIS_DB:-15}"
export LOG_LEVEL=WARNING GUNICORN_ACCESSLOG=""
PLATFORM_PORT=${PLATFORM_PORT:-8722}
MINIMAL_PORT=${MINIMAL_PORT:-8723}
mkdir -p "$RESULTS"
if [ -z "${BENCH_KEEP_DATA:-}" ]; then
  dropdb -h 127.0.0.1 -U postgres --if-exists --force "${BENCH_DB:-aanspreekpunt_bench}"
  createdb -h 127.0.0.1 -U postgres "${BENCH_DB:-aanspreekpunt_bench}"
  "$BIN/python" manage.py migrate --noinput --verbosity 0
  "$BIN/python" manage.py load_reference_data >/dev/null
  "$BIN/python" manage.py generate_offerings --count "${BENCH_OFFERINGS:-20000}"
  "$BIN/python" bench/knowledge_pages.py "${BENCH_PAGES:-5000}"
  psql -q -h 127.0.0.1 -U postgres -d "${BENCH_DB:-aanspreekpunt_bench}" -c "ANALYZE"
fi
PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
GUNICORN=("$BIN/gunicorn" --config deploy/gunicorn.conf.py --log-level warning)
"${GUNICORN[@]}" aanspreekpunt.wsgi:application --bind "127.0.0.1:$PLATFORM_PORT" \
  >"$RESULTS/search-platform.log" 2>&1 &
PIDS+=($!)
"${GUNICORN[@]}" --chdir bench minimal_app:application --bind "127.0.0.1:$MINIMAL_PORT" \
  >"$RESULTS/search-minimal.log" 2>&1 &
PIDS+=($!)
sleep 4
P="http://127.0.0.1:$PLATFORM_PORT"
"$BIN/python" bench/load.py --concurrency 8 --duration "${BENCH_DURATION:-10}" \
  --baseline minimal --output "$RESULTS/search.json" \
  minimal="http://127.0.0.1:$MINIMAL_PORT/" \
  search_chat="$P/zoeken/?q=chat" \
  search_stem="$P/zoeken/?q=hulpverleners" \
  search_two_words="$P/zoeken/?q=anoniem+jongeren" \
  search_page3="$P/zoeken/?q=chat&pagina=3" \
  search_nothing="$P/zoeken/?q=zzzonvindbaar"
