# The README's commands. Each step is idempotent: re-running skips what is done.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup demo test lint format bench screenshot chromium clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Quotebook needs Python >= 3.11, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py setup_demo
	@echo
	@echo "  Quotebook is running at http://$(HOST):$(PORT)/"
	@echo "  Log in as demo / demo (a local account on the embedded SQLite database only)."
	@echo "  One background worker runs beside it (imports, suggestions). Stop both with Ctrl-C."
	@echo
	@export TASKS_BACKEND=django_tasks_db.DatabaseBackend; \
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Browser tests drive Debian's Chromium; as root it comes from apt, otherwise Playwright installs its own.
chromium:
	@if [ -x /usr/bin/chromium ] || [ -n "$$QUOTEBOOK_CHROMIUM" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium from Debian's packages for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		$(BIN)/playwright install chromium; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.installed-dev chromium lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# The README's picture of the review page, taken by the keyboard-review browser test.
screenshot: $(VENV)/.installed-dev chromium
	QUOTEBOOK_SCREENSHOT=docs/review-page.png $(BIN)/pytest -q tests/browser/test_review_flow.py

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/suggester_throughput.py
	$(BIN)/python benchmarks/review_latency.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
