# One entry point for everything CI runs. `make check` = lint + types + import contracts + tests.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: setup setup-run demo test lint check bench wheel-check snapshots-update screenshot clean

# `make demo` needs only what warroom needs at run time; the test and lint tools come with
# `make setup` (and every target that runs them).
setup-run: $(RUN_STAMP)

setup: $(DEV_STAMP)

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): pyproject.toml $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[dev]'
	touch $(RUN_STAMP) $(DEV_STAMP)

demo: setup-run
	$(BIN)/warroom demo

test: setup
	$(PY) -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test

bench: setup
	$(PY) bench/run.py

# The wheel is the product: build it, install it in a fresh venv outside the checkout, run it.
wheel-check: setup
	bash scripts/wheel_check.sh

snapshots-update: setup
	$(PY) -m pytest tests/tui/test_snapshots.py --snapshot-update

screenshot: setup
	$(PY) scripts/screenshot.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist
