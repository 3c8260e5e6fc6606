# One entry point for everything CI runs. `make check` = lint + types + import contracts + tests.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint check bench snapshots-update screenshot clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: setup
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

snapshots-update: setup
	$(PY) -m pytest tests/tui/test_snapshots.py --snapshot-update

screenshot: setup
	$(PY) scripts/screenshot.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
