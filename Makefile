# Two commands for a fresh machine (Python 3.11+ and make): `make run` and `make test`.
# Each creates .venv and installs what it needs; re-running skips what is already done.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/python -m smile_ui.serve --server.port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.installed-test lint
	bash scripts/ensure-browser
	# The store's tests also run against a real PostgreSQL when one can be had (installed and
	# started locally as root); otherwise those variants are skipped with a message.
	# On every core, at most four workers (pytest-xdist; each browser test's worker runs its own
	# app server and Chromium).
	SMILE_TEST_POSTGRES_URL="$${SMILE_TEST_POSTGRES_URL:-$$(bash scripts/ensure-postgres || true)}" \
		$(BIN)/python -m pytest --numprocesses=auto --maxprocesses=4

# Every benchmark in bench/, each in a child process; writes bench/results.md.
bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
