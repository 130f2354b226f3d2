"""gunicorn's settings for the platform, chosen by measurement (see README, "Serving").

Every value can be overridden from the environment (GUNICORN_*), and WEB_CONCURRENCY sets
the number of workers as gunicorn's own default does.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Two cores: 2 workers per core. A cached page costs about a millisecond of CPU and most of
# an uncached one is waiting for PostgreSQL, so a second worker per core fills those waits;
# more workers only added switching and memory in the measurements.
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# Sync workers: one request at a time per process. Threads (gthread) measured slower here:
# rendering holds the GIL, and nginx in front already absorbs slow clients.
worker_class = "sync"
# A request that takes this long is stuck: the worker is restarted and the client gets 502.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx keeps the connection to gunicorn; sync workers close after each answer anyway.
keepalive = 2
# Recycle a worker now and then, so a slow leak in a library cannot grow without end;
# the jitter keeps the workers from restarting at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))
# The application is loaded in each worker: a restart of one never takes the others down,
# and database connections are never shared across a fork.
preload_app = False
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
