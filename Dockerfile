# The platform's image: gunicorn serving aanspreekpunt.wsgi, static files collected at build
# time and served by WhiteNoise. The same image runs the Celery worker and beat (see
# docker-compose.yml). Every setting comes from the environment at run time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=aanspreekpunt.settings

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements/base.lock requirements/base.lock
RUN pip install --require-hashes -r requirements/base.lock

COPY . .

# The key only exists for this build step; the running container must be given its own.
RUN SECRET_KEY=build-only-not-secret DEBUG=false \
    python manage.py collectstatic --noinput --verbosity 0

# The code stays owned by root; the app user may only write uploads and the static files
# (compose collects them again at start, into the volume nginx serves them from).
RUN useradd --system --uid 10001 --home-dir /app --no-create-home app \
    && mkdir -p /app/media /app/private-media \
    && chown app:app /app/media /app/private-media \
    && chown -R app:app /app/staticfiles
USER app

EXPOSE 8000
# deploy/gunicorn.conf.py holds the measured settings; WEB_CONCURRENCY overrides the
# number of workers.
CMD ["gunicorn", "aanspreekpunt.wsgi:application", "--config", "deploy/gunicorn.conf.py", "--bind", "0.0.0.0:8000"]
