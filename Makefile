# The two commands a new machine needs: `make run` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: run test lint typecheck contracts check-generated generate pytest bench clean spec-diff sync-specs check-generator

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[emulator,progress,pandas]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# tensorbay (a test oracle) without its numpy-quaternion pin, which cannot build against numpy 2 (see pyproject)
	$(BIN)/python -m pip install --quiet --no-deps 'tensorbay==1.24.2'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/taskfacade demo

test: $(VENV)/.installed-dev lint typecheck check-generated contracts pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy facade/taskfacade emulator/taskfacade_emulator cli/taskfacade_cli
	MYPYPATH=scripts $(BIN)/mypy scripts/specdiff scripts/sync_specs.py scripts/spec_diff.py scripts/check_generator.py

check-generated: $(VENV)/.installed-dev
	$(BIN)/python scripts/generate.py --check

contracts: $(VENV)/.installed-dev
	$(BIN)/lint-imports

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n 2

generate: $(VENV)/.installed-dev
	$(BIN)/python scripts/generate.py

# What the spec changes mean (committed specs vs the working tree; SPEC_DIFF_ARGS="--format json" for CI).
# Exit code: 0 no change, 1 non-breaking only, 2 breaking, 3 a spec could not be read.
spec-diff: $(VENV)/.installed-dev
	$(BIN)/python scripts/spec_diff.py $(SPEC_DIFF_ARGS)

# Rewrite openapi/deadline.yaml from the installed botocore model; then review, `make spec-diff`, `make generate`.
sync-specs: $(VENV)/.installed-dev
	$(BIN)/python scripts/sync_specs.py

# Would our templates fit another generator? GENERATOR_VERSION=0.30.0 (a scratch venv; needs the package index).
check-generator: $(VENV)/.installed-dev
	$(BIN)/python scripts/check_generator.py $(if $(GENERATOR_VERSION),--version $(GENERATOR_VERSION))

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache build dist
