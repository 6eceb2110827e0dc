# The two commands a new machine needs: `make run` and `make test`. Both create .venv when it is missing.
# Any Python 3 in the supported range (pyproject.toml's requires-python) will do: `make test PYTHON=python3.13`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)

# The Airflow provider's tests run in a venv of their own (Airflow's dependency tree stays out of .venv).
VENV_AIRFLOW := .venv-airflow
BIN_AIRFLOW := $(VENV_AIRFLOW)/bin

.PHONY: pytest-airflow run test lint typecheck contracts check-generated generate pytest fuzz bench clean spec-diff sync-specs check-generator

$(BIN)/python:
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade 'pip>=25.1'  # 25.1: --group (PEP 735 dependency groups)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[emulator,progress,pandas]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[emulator,progress,pandas,aws]' --group dev
	# tensorbay (a test oracle) without its numpy-quaternion pin, which cannot build against numpy 2 (see pyproject)
	$(BIN)/python -m pip install --quiet --no-deps 'tensorbay==1.24.2'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/taskfacade demo

test: $(VENV)/.installed-dev lint typecheck check-generated contracts pytest pytest-airflow

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy facade/taskfacade emulator/taskfacade_emulator cli/taskfacade_cli
	MYPYPATH=scripts $(BIN)/mypy scripts/specdiff scripts/sync_specs.py scripts/spec_diff.py scripts/check_generator.py
	MYPYPATH=tests/plugin $(BIN)/mypy --config-file tests/plugin/mypy.ini -p taskfacade_jobs  # the plug-in example

check-generated: $(VENV)/.installed-dev
	$(BIN)/python scripts/generate.py --check

contracts: $(VENV)/.installed-dev
	$(BIN)/lint-imports

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n 2

$(BIN_AIRFLOW)/python:
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV_AIRFLOW)
	$(BIN_AIRFLOW)/python -m pip install --quiet --upgrade 'pip>=25.1'

# Rebuilt when pyproject.toml changes; the tools are pinned as in the dev group.
$(VENV_AIRFLOW)/.installed: pyproject.toml | $(BIN_AIRFLOW)/python
	$(BIN_AIRFLOW)/python -m pip install --quiet -e '.[emulator,airflow]' 'pytest>=8' 'pytest-xdist>=3.5' 'mypy==2.4.1'
	touch $@

# The Airflow provider: mypy strict on taskfacade_airflow, then tests/airflow (never collected by `make pytest`).
pytest-airflow: $(VENV_AIRFLOW)/.installed
	$(BIN_AIRFLOW)/mypy --cache-dir .venv-airflow/.mypy_cache facade/taskfacade_airflow  # its own cache: other site-packages
	$(BIN_AIRFLOW)/python -m pytest -n 2 --dist loadgroup -p no:cacheprovider -o 'addopts=-ra --strict-markers --import-mode=importlib' tests/airflow

# Long fuzz runs: many more examples per public callable (API fuzz) and per operation (response fuzz), random seeds.
fuzz: $(VENV)/.installed-dev
	TASKFACADE_API_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-2000} TASKFACADE_API_FUZZ_RANDOM=1 \
	TASKFACADE_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-500} \
	$(BIN)/python -m pytest -n 2 -q tests/system/test_api_fuzz.py tests/system/test_fuzz.py

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
	rm -rf $(VENV) $(VENV_AIRFLOW) .mypy_cache .ruff_cache build dist
