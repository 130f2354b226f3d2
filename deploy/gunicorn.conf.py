"""gunicorn's settings for the platform, chosen by measurement (see README, "Serving").

Every value can be overridden from the environment (GUNICORN_*), and WEB_CONCURRENCY sets
the number of workers as gunicorn's own default does.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Two cores: five single-threaded ("sync") worker processes, gunicorn's own rule of
# 2 x cores + 1, each closing its connection after the response. Measured with wrk on two
# cores (README, "Serving"): threaded workers that keep connections alive let every
# connection settle on one worker while the other idles, so the same page was served 2,114
# or 6,876 times a second from one run to the next; sync workers take each request on
# whichever worker is free, and were the fastest of the settings tried as well as the
# steadiest. nginx in front buffers requests and responses, so a slow client never holds a
# worker (the condition gunicorn's documentation sets for sync workers).
workers = int(os.environ.get("WEB_CONCURRENCY", "5"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes this long is stuck: the worker is restarted and the client gets 502.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle a worker now and then, so a slow leak in a library cannot grow without end;
# the jitter keeps the workers from restarting at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))
# The application is loaded in each worker: a restart of one never takes the others down,
# and database connections are never shared across a fork.
preload_app = False
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
