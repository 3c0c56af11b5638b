# Two commands for a fresh machine: `make run` and `make test`. Everything else is detail.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_APP := $(VENV)/.installed-app
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint bench screenshots clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Physio Planner needs Python 3.11 or newer")'
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: install python3-venv (sudo apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_APP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[postgres]'
	@touch $@

$(STAMP_TEST): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	@touch $@ $(STAMP_APP)

run: $(STAMP_APP)
	$(BIN)/physio-planner

test: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
