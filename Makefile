# Förderatlas — `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1:8000
# pytest-xdist workers for the non-browser tests (one per core); tests that
# share a module's server or cluster stay on one worker (conftest.py).
TEST_WORKERS ?= auto
PARALLEL := -n $(TEST_WORKERS) --dist loadgroup

.DEFAULT_GOAL := help
.PHONY: help setup run serve test test-sqlite test-postgres test-api-contract lint format messages catalogues demo bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed messages ## Install Python and npm packages, compile translations
	mkdir -p var

messages: $(VENV)/.installed ## Compile the gettext catalogues
	$(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules

catalogues: $(VENV)/.installed ## Update the gettext catalogues from the source (then translate new entries)
	$(MANAGE) makemessages -l de -l en -l ar -l tr -l uk -l ru -l fa --ignore=.venv --ignore=node_modules --ignore=bench --ignore=test-artifacts --ignore=browser_tests

demo: setup ## Create the database and load the demo data (idempotent)
	$(MANAGE) migrate -v0
	$(MANAGE) import_catalogue demo/catalogue.json
	$(MANAGE) rebuild_search_index

run: demo ## Serve the atlas with the demo data on http://127.0.0.1:8000
	$(MANAGE) runserver $(HOST)

serve: export ATLAS_DEBUG = 0
serve: export HOST := $(HOST)
serve: $(VENV)/.installed messages ## Production server on $(HOST): migrate, collectstatic, gunicorn (README "Production")
	$(MANAGE) migrate -v0
	$(MANAGE) collectstatic --noinput -v0
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py

lint: $(VENV)/.installed ## ruff format check, ruff lint, pending migrations
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(MANAGE) makemigrations --check --dry-run -v0

format: $(VENV)/.installed ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test-sqlite: setup ## The whole suite on SQLite: in parallel, then the browser tests (one server, one browser)
	$(VENV)/bin/pytest -m "not browser" $(PARALLEL)
	$(VENV)/bin/pytest -m browser

test-postgres: setup ## The whole suite on a throw-away PostgreSQL cluster
	scripts/with-postgres.sh $(VENV)/bin/pytest -m "not browser" $(PARALLEL)

test-api-contract: setup ## schemathesis --checks all over every API operation on a live server
	scripts/schemathesis.sh

test: setup ## Everything: system packages, lint, suite on SQLite and PostgreSQL, API contract
	scripts/install-system-deps.sh
	$(MAKE) lint
	$(MAKE) test-sqlite
	$(MAKE) test-postgres
	$(MAKE) test-api-contract

bench: setup ## Search benchmarks (see bench/README.md)
	scripts/install-system-deps.sh
	$(PY) bench/run.py

clean: ## Remove the environment, packages and local database
	rm -rf $(VENV) node_modules var staticfiles
