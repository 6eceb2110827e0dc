# The two commands a new machine needs: `make run` and `make test`. Both create .venv when it is missing.
# Any Python 3 in the supported range (pyproject.toml's requires-python) will do: `make test PYTHON=python3.13`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: run test lint typecheck contracts check-generated generate pytest bench clean

$(BIN)/python:
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade 'pip>=25.1'  # 25.1: --group (PEP 735 dependency groups)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[emulator,progress,pandas]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[emulator,progress,pandas]' --group dev
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/taskfacade demo

test: $(VENV)/.installed-dev lint typecheck check-generated contracts pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy facade/taskfacade emulator/taskfacade_emulator cli/taskfacade_cli

check-generated: $(VENV)/.installed-dev
	$(BIN)/python scripts/generate.py --check

contracts: $(VENV)/.installed-dev
	$(BIN)/lint-imports

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n 2

generate: $(VENV)/.installed-dev
	$(BIN)/python scripts/generate.py

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache build dist
