"""gunicorn's settings for the platform, chosen by measurement (see README, "Serving").

Every value can be overridden from the environment (GUNICORN_*), and WEB_CONCURRENCY sets
the number of workers as gunicorn's own default does.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Two cores: one worker process per core, each with four threads. A cached page costs about
# a millisecond of CPU; an uncached one mostly waits for PostgreSQL and Redis, and the
# threads fill those waits. Measured against sync workers (2, 4 and 6) this served cached
# pages several times faster and uncached ones about twice as fast (README, "Serving"),
# with less memory than more processes. Threaded workers also keep connections alive.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes this long is stuck: the worker is restarted and the client gets 502.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx keeps its connections to gunicorn open (deploy/nginx: keepalive_timeout 60s);
# gunicorn must not close them first.
keepalive = 75
# Recycle a worker now and then, so a slow leak in a library cannot grow without end;
# the jitter keeps the workers from restarting at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))
# The application is loaded in each worker: a restart of one never takes the others down,
# and database connections are never shared across a fork.
preload_app = False
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
