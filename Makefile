# The Observatory. `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# Settings for the test run: production-like (debug off), served over plain HTTP.
TEST_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=test-only-secret-key-not-for-production \
	DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1,testserver DJANGO_SECURE_SSL_REDIRECT=0 \
	DJANGO_SECURE_COOKIES=0 DJANGO_HSTS_SECONDS=0

.PHONY: help install install-dev run test lint format migrate demo bench bench-smoke bench-participation soak backup-check clean messages translations

help:
	@echo "make run    - install, migrate, load demo data, start the worker and serve on http://127.0.0.1:8000"
	@echo "make test   - install the test tools and run the whole test suite"
	@echo "make lint   - ruff check and format check"
	@echo "make bench  - seed PostgreSQL at scale and measure (needs DATABASE_URL)"
	@echo "make bench-smoke - the benchmark end to end at 20,000 sightings, as a check"
	@echo "make bench-participation - email to 10,000 followers: publishing and digests"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# The translations are kept as .po files; the .mo files Django reads are compiled from
# them with GNU gettext's msgfmt (Debian: apt-get install gettext).
MSGFMT_MISSING := "msgfmt is missing: install GNU gettext (Debian and Ubuntu: apt-get install gettext)"

translations: install
	@command -v msgfmt >/dev/null || { echo $(MSGFMT_MISSING); exit 2; }
	DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore=$(VENV) -v 0

# Gather the interface's strings into locale/cy/LC_MESSAGES/django.po for translating.
messages: install
	DJANGO_DEBUG=1 $(MANAGE) makemessages --locale=cy --no-obsolete --add-location=file \
		--ignore=$(VENV) --ignore=bench --ignore=tests --ignore=staticfiles --ignore=build

run: export DJANGO_DEBUG ?= 1
run: install translations
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	@# The worker sends the emails the site queues (printed here, on the console) and
	@# stops when the server does.
	$(MANAGE) db_worker --no-startup-delay & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver 127.0.0.1:8000

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install-dev translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# The benchmark: PostgreSQL only, seeded to BENCH_SIGHTINGS published sightings (once).
BENCH_SIGHTINGS ?= 100000
BENCH_ENV := DATABASE_URL=$(DATABASE_URL) DJANGO_SECRET_KEY=bench-only-secret-key-not-for-production

bench: install-dev
	@test -n "$(DATABASE_URL)" || { echo "make bench needs DATABASE_URL, a PostgreSQL database it may fill:"; \
		echo "  make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/observatory_bench"; exit 2; }
	$(BENCH_ENV) $(MANAGE) migrate --noinput
	$(BENCH_ENV) $(BIN)/python -m bench.seed --sightings $(BENCH_SIGHTINGS)
	$(BENCH_ENV) $(BIN)/python -m bench.run $(BENCH_ARGS)

# The benchmark as a quick check that it runs end to end (20,000 sightings, a few
# requests a page, figures written outside bench/results): not a measurement.
bench-smoke: BENCH_SIGHTINGS = 20000
bench-smoke: BENCH_ARGS = --check --requests 3 --duration 2 --clients 4 --output $(or $(TMPDIR),/tmp)/observatory-bench-smoke.json
bench-smoke: bench

# Publishing to BENCH_FOLLOWERS followers and a digest run of as many (PostgreSQL only).
BENCH_FOLLOWERS ?= 10000

bench-participation: install-dev
	@test -n "$(DATABASE_URL)" || { echo "make bench-participation needs DATABASE_URL, a PostgreSQL database it may fill:"; \
		echo "  make bench-participation DATABASE_URL=postgres://postgres@127.0.0.1:5432/observatory_bench"; exit 2; }
	$(BENCH_ENV) $(BIN)/python -m bench.participation --followers $(BENCH_FOLLOWERS)

# The soak: mixed load for SOAK_SECONDS on PostgreSQL (DATABASE_URL, a database it may
# fill), with a backup taken and checked halfway; zero 5xx and nothing lost, or it fails.
SOAK_SECONDS ?= 600

soak: install-dev
	@test -n "$(DATABASE_URL)" || { echo "make soak needs DATABASE_URL, a PostgreSQL database it may fill:"; \
		echo "  make soak DATABASE_URL=postgres://postgres@127.0.0.1:5432/observatory_soak"; exit 2; }
	$(BENCH_ENV) $(BIN)/python -m bench.soak --duration $(SOAK_SECONDS) $(SOAK_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Dump DATABASE_URL's PostgreSQL database, restore it into a scratch database and
# compare every table's row count (docs/operations.md).
backup-check: install
	$(BIN)/python scripts/backup_check.py
