#!/usr/bin/env bash
# The platform under production settings on PostgreSQL, next to a minimal Django app,
# both behind gunicorn with the deployment's settings (deploy/gunicorn.conf.py), and nginx
# with the deployment's edge configuration (deploy/nginx) in front of the platform. Every
# page is loaded anonymous and logged in, through the platform and through nginx, by
# bench/load.py; bench/report.py prints the goals table.
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
EDGE_PORT=8125
MEMORY_PORT=8126
# The deployment's number of workers unless BENCH_WORKERS says otherwise; the minimal app
# gets as many.
WORKERS=${BENCH_WORKERS:-$("$BIN/python" -c 'import runpy; print(runpy.run_path("deploy/gunicorn.conf.py")["workers"])')}
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
export GUNICORN_ACCESSLOG=""
# The load comes from one address: the API's limit for anonymous clients would answer 429.
export API_RATE_LIMIT_PER_MINUTE=0

for port in "$PLATFORM_PORT" "$MINIMAL_PORT" "$EDGE_PORT" "$MEMORY_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Poort $port is al in gebruik; stop wat daar draait en probeer opnieuw." >&2
    exit 1
  fi
done

mkdir -p "$RESULTS" "$MEDIA_ROOT"
rm -rf "$RESULTS"/*.json "$RESULTS"/round-*
echo "== belasting van de machine: $(uptime)"

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
# The API's sync feed: 200 offerings change after this moment (a day's edits, say), so the
# delta pages below list those, and the removals, out of 20,000.
DELTA_SINCE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sleep 1
"$BIN/python" manage.py shell -c '
from django.db.models import Q
from socialekaart.feed import offerings_touch
from socialekaart.models import Offering
ids = list(Offering.objects.filter(is_public=True).order_by("?").values_list("pk", flat=True)[:200])
offerings_touch(condition=Q(pk__in=ids))
'
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
GUNICORN=("$BIN/gunicorn" --config deploy/gunicorn.conf.py --workers "$WORKERS" --log-level warning)
"${GUNICORN[@]}" aanspreekpunt.wsgi:application --bind "127.0.0.1:$PLATFORM_PORT" \
  >"$RESULTS/platform.log" 2>&1 &
PIDS+=($!)
"${GUNICORN[@]}" --chdir bench minimal_app:application --bind "127.0.0.1:$MINIMAL_PORT" \
  >"$RESULTS/minimal.log" 2>&1 &
PIDS+=($!)

echo "== nginx op :$EDGE_PORT voor het platform (deploy/nginx/platform.conf.template)"
EDGE="$PWD/$RESULTS/nginx"
rm -rf "$EDGE" && mkdir -p "$EDGE/cache" "$EDGE/temp"
NGINX_LISTEN="127.0.0.1:$EDGE_PORT" NGINX_UPSTREAM="127.0.0.1:$PLATFORM_PORT" \
  NGINX_STATIC_ROOT="$STATIC_ROOT" NGINX_MEDIA_ROOT="$MEDIA_ROOT" NGINX_CACHE_DIR="$EDGE/cache" \
  envsubst '${NGINX_LISTEN} ${NGINX_UPSTREAM} ${NGINX_STATIC_ROOT} ${NGINX_MEDIA_ROOT} ${NGINX_CACHE_DIR}' \
  <deploy/nginx/platform.conf.template >"$EDGE/platform.conf"
cat >"$EDGE/nginx.conf" <<NGINX
# What the official image's nginx.conf has around conf.d, for a run in this folder.
$([ "$(id -u)" = 0 ] && echo "user root;")
worker_processes auto;
daemon off;
pid $EDGE/nginx.pid;
error_log $EDGE/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  keepalive_timeout 65;
  client_body_temp_path $EDGE/temp/body;
  proxy_temp_path $EDGE/temp/proxy;
  fastcgi_temp_path $EDGE/temp/fastcgi;
  uwsgi_temp_path $EDGE/temp/uwsgi;
  scgi_temp_path $EDGE/temp/scgi;
  include $EDGE/platform.conf;
}
NGINX
/usr/sbin/nginx -c "$EDGE/nginx.conf" -p "$EDGE" -e "$EDGE/error.log" >"$RESULTS/nginx.log" 2>&1 &
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
wait_for "http://127.0.0.1:$EDGE_PORT/health/"

# A member's session, as the login page would have made it.
SESSION=$("$BIN/python" manage.py shell -v 0 -c '
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.get(email="lid@demo.onlinehulp.be")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
')

# The pages of the goals table; each is loaded anonymous through the platform (its page
# cache), logged in through the platform, and anonymous through nginx.
PAGES=(
  "home=/"
  "map=/sociale-kaart/"
  "map-filtered=/sociale-kaart/?modaliteit=chat&doelgroep=jongeren&nu_open=true"
  "map-municipality=/sociale-kaart/?gemeente=9000&modaliteit=chat"
  "offering=/sociale-kaart/aanbod/generated-17/"
  "sectors=/sociale-kaart/sectoren/"
  "api-services=/api/v1/services?per_page=50"
  "api-delta=/api/v1/services?modified_after=${DELTA_SINCE}&full=true&per_page=100"
  "api-delta-minimal=/api/v1/services?modified_after=${DELTA_SINCE}&minimal=true&per_page=1000"
)
targets() {  # name=path ... -> name=http://127.0.0.1:PORT/path ...
  local port=$1
  for page in "${PAGES[@]}"; do echo "${page%%=*}=http://127.0.0.1:$port${page#*=}"; done
}
# A few seconds of warm-up: the first render of the map at 20,000 offerings counts its facets.
# wrk sends the load where it is installed (`make bench` installs it): a client in C that
# leaves the two cores to the servers; BENCH_ENGINE=python uses load.py's own threads.
ENGINE=${BENCH_ENGINE:-$(command -v wrk >/dev/null && echo wrk || echo python)}
echo "== belasting met: $ENGINE"
LOAD=("$BIN/python" bench/load.py --engine "$ENGINE" --concurrency "$CONCURRENCY"
  --duration "$DURATION" --warmup "${BENCH_WARMUP:-3}")
mapfile -t PLATFORM_TARGETS < <(targets "$PLATFORM_PORT")
mapfile -t EDGE_TARGETS < <(targets "$EDGE_PORT")
STATIC_FILE=$("$BIN/python" -c 'import json, os; print(json.load(open(os.path.join(os.environ["STATIC_ROOT"], "staticfiles.json")))["paths"]["js/site.js"])')

# The loads in rounds (BENCH_ROUNDS, 3 unless told): one 10-second run of a page varies by
# about a fifth on two shared cores, so the table gives each cell's median over the rounds,
# each as a share of the minimal app measured in its own round.
ROUNDS=${BENCH_ROUNDS:-3}
for round in $(seq 1 "$ROUNDS"); do
  OUT="$RESULTS/round-$round"
  mkdir -p "$OUT"
  echo "== ronde $round van $ROUNDS: minimale app (voor), machine: $(uptime)"
  "${LOAD[@]}" --output "$OUT/minimal-1.json" minimal=http://127.0.0.1:$MINIMAL_PORT/ \
    "static-nginx=http://127.0.0.1:$EDGE_PORT/static/$STATIC_FILE"
  echo "== ronde $round: anoniem, via de paginacache van het platform"
  "${LOAD[@]}" --output "$OUT/anonymous.json" "${PLATFORM_TARGETS[@]}" \
    health=http://127.0.0.1:$PLATFORM_PORT/health/ "$@"
  echo "== ronde $round: aangemeld (lid), zonder paginacache"
  "${LOAD[@]}" --output "$OUT/member.json" --header "Cookie: $SESSION" "${PLATFORM_TARGETS[@]}"
  echo "== ronde $round: anoniem, via nginx"
  "${LOAD[@]}" --output "$OUT/edge.json" "${EDGE_TARGETS[@]}"
  echo "== ronde $round: minimale app (na), machine: $(uptime)"
  "${LOAD[@]}" --output "$OUT/minimal-2.json" minimal=http://127.0.0.1:$MINIMAL_PORT/
done

echo "== publiceren: hoe snel ziet een anonieme bezoeker het?"
"$BIN/python" bench/publish.py "http://127.0.0.1:$PLATFORM_PORT" "http://127.0.0.1:$EDGE_PORT" \
  generated-17 || true

echo "== geheugen: een worker, 10.000 gemengde verzoeken (anoniem en aangemeld)"
"$BIN/gunicorn" --config deploy/gunicorn.conf.py --workers 1 --max-requests 0 \
  --log-level warning aanspreekpunt.wsgi:application --bind "127.0.0.1:$MEMORY_PORT" \
  >"$RESULTS/memory.log" 2>&1 &
MEMORY_PID=$!
PIDS+=("$MEMORY_PID")
wait_for "http://127.0.0.1:$MEMORY_PORT/health/"
mapfile -t MEMORY_TARGETS < <(targets "$MEMORY_PORT")
"$BIN/python" bench/memory.py --master "$MEMORY_PID" --cookie "$SESSION" \
  "${MEMORY_TARGETS[@]#*=}" || true

"$BIN/python" bench/report.py "$RESULTS"
