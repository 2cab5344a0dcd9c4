# Imprint: `make run` serves the demo, `make test` runs the suite. Both build .venv
# from requirements.lock first, so a machine with only Python 3.11+ and make suffices.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install pdf-libraries run test test-browser lint format lock clean-db bench messages backup restore

# uv (itself pinned with its hashes in requirements.lock) installs the lock in seconds;
# pip only fetches uv. Where uv has no wheel for the machine, pip installs everything.
$(BIN)/.installed: requirements.lock
	@echo "== Installing Python packages from requirements.lock into $(VENV)/"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@mkdir -p var
	@awk '/^uv==/{keep=1; print; next} keep && /^ /{print; next} {keep=0}' requirements.lock \
		| grep -v '^ *#' > var/uv-requirement.txt
	@if $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes \
			--no-deps -r var/uv-requirement.txt; then \
		UV_LINK_MODE=copy $(BIN)/uv pip install --python $(BIN)/python --require-hashes \
			--no-deps -r requirements.lock; \
	else \
		echo "uv is not available here: installing with pip (a few minutes, silent)"; \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes \
			--no-deps -r requirements.lock; \
	fi
	@$(MAKE) --no-print-directory pdf-libraries
	@touch $@

# WeasyPrint subsets the fonts of every PDF with HarfBuzz's libharfbuzz-subset, a C
# library it loads itself (no wheel carries it; Debian: libharfbuzz-subset0). Without
# it WeasyPrint falls back to fontTools, which took 0.6 s of each 20-page render.
# Installed here when missing and apt is at hand; otherwise PDFs are only slower.
pdf-libraries:
	@ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so' || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 \
			|| { apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0; } \
			|| echo "libharfbuzz-subset0 could not be installed: PDFs render more slowly"; \
		else \
			echo "Install libharfbuzz-subset0 (apt) for faster PDFs; they render without it."; \
		fi; }

install: $(BIN)/.installed

# The demo site carries the host and port it is served on (SITE_DOMAIN), so links in
# pages, feeds, the sitemap and mails point back to this server.
run: export SITE_DOMAIN = $(HOST):$(PORT)
run: install
	mkdir -p var/mail var/static
	@echo "== Database: an empty SQLite file is filled from core/snapshot/sqlite.sql, then migrated"
	$(BIN)/python manage.py migrate --noinput
	@echo "== Demo content"
	$(BIN)/python manage.py load_demo
	@echo "E-mail is not sent: every message is written to var/mail/."
	@echo "Serving http://$(HOST):$(PORT)/  (CMS: /admin/  shop dashboard: /shop/dashboard/)"
	$(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	$(BIN)/python manage.py db_worker --no-startup-delay --queue-name outside & outside=$$!; \
	$(BIN)/python manage.py run_schedule & clock=$$!; \
	trap 'kill $$worker $$outside $$clock 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload

# One test process per core (pytest-xdist); TEST_WORKERS=0 runs them in this one.
TEST_WORKERS ?= auto
test: install
	mkdir -p var
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Browser journeys (tests/browser/): Playwright drives Debian's Chromium against a
# demo server of their own. Chromium is a Debian package (Playwright's own browser
# download is never used); it is installed here when missing. axe-core, which
# checks every page of every journey, comes from npm (package-lock.json).
test-browser: install
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent
	mkdir -p var
	IMPRINT_BROWSER_TESTS=1 $(BIN)/pytest tests/browser -p no:cacheprovider $(PYTEST_ARGS)

# Load test against a bare Django view (bench/README.md). QUICK=1 for a short run,
# SCALE=1 to add 10,000 articles and 50,000 subscribers. wrk is a Debian package
# (no wheel exists), installed here when missing.
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	QUICK=$(QUICK) SCALE=$(SCALE) $(BIN)/python bench/run.py

# ruff, and import-linter's layers contract (pyproject.toml): no app imports one
# above it (docs/ARCHITECTURE.md).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-resolve requirements.lock from pyproject.toml with the uv that `make install`
# put into .venv (not needed to run or test).
lock: install
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes \
		--python-version 3.11 -o requirements.lock

# New UI strings: extract them (needs GNU gettext's xgettext, Debian package gettext),
# translate locale/de/LC_MESSAGES/django.po, then compile. The compiled .mo files are
# committed, so a fresh machine needs neither gettext nor this step.
messages: install
	$(BIN)/python manage.py makemessages -l de --no-location \
		--ignore=.venv --ignore=var --ignore=bench --ignore=tests
	$(BIN)/pybabel compile -d locale -D django --statistics

# Backups (README: "Backup and restore"): `make backup` writes var/backups/backup-*.tar
# (or DEST=path); `make restore ARCHIVE=path` loads one into an empty database.
backup: install
	$(BIN)/python manage.py backup $(DEST)

restore: install
	@test -n "$(ARCHIVE)" || { echo "make restore ARCHIVE=path/to/backup.tar"; exit 2; }
	$(BIN)/python manage.py restore "$(ARCHIVE)" $(if $(REPLACE),--replace,)

clean-db:
	rm -f var/imprint.sqlite3 var/imprint.sqlite3-wal var/imprint.sqlite3-shm
