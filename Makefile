# The platform's commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run with production-like settings (DEBUG off) and a throw-away key.
TEST_ENV := SECRET_KEY=test-only-not-secret SECURE_SSL_REDIRECT=false DEBUG=false
# `make test` runs the suite in one pytest process per core; TEST_WORKERS=0 runs it in one.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test install install-dev browser nginx lint format migrations-check messages bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.lock
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	touch $@ $(VENV)/.base-installed

install: $(VENV)/.base-installed
install-dev: $(VENV)/.dev-installed

## run: the platform with its demo data on SQLite at http://127.0.0.1:8000
run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo
	@echo "Het platform draait op http://$(HOST):$(PORT)/ - aanmelden op http://$(HOST):$(PORT)/accounts/login/"
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

## browser: Debian's Chromium for the browser tests
browser:
	@bash .ci/ensure-chromium

## nginx: Debian's nginx for the benchmark's edge (deploy/nginx) and wrk, its load generator
nginx:
	@bash .ci/ensure-nginx

## test: the whole suite, browser tests included
test: install-dev browser
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install-dev
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

## messages: refresh the Dutch catalogue after changing UI strings
messages: install-dev
	$(TEST_ENV) $(BIN)/python manage.py makemessages --locale nl --no-obsolete --no-location --ignore '.venv/*' --ignore 'staticfiles/*'
	$(TEST_ENV) $(BIN)/python manage.py compilemessages --locale nl --ignore '.venv/*'

## bench: load the platform under production settings on PostgreSQL
bench: install-dev nginx
	bash bench/run.sh

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache .ruff_cache

## lock: re-pin every dependency after changing pyproject.toml
lock: install-dev
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.lock
