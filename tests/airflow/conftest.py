"""Fixtures of the Airflow provider's tests; they run only in ``.venv-airflow`` (``make pytest-airflow``).

Airflow reads its configuration when first imported, so this module points it at a fresh ``AIRFLOW_HOME`` (a
temporary directory per test process: each xdist worker has its own) before any test module imports Airflow:
a SQLite metadata database there, no example DAGs, ``tests/airflow/dags`` as the DAGs folder. Nothing here writes to
``~/airflow``.

Fixtures:
- ``emulator``: one emulator per test process (real server on 127.0.0.1), whose credentials are canaries
  (``CANARY``): a test can then look for them in logs, XCom and serialized DAGs.
- ``airflow_db``: ``airflow db migrate`` run once per test process (only tests that need the metadata DB use it).
- ``airflow_conns``: ``AIRFLOW_CONN_<ID>`` environment variables (JSON) of one connection per service, pointing at
  the emulator with its credentials; returns the service -> conn id mapping.
- ``airflow_env``: the environment for a subprocess (``airflow dags test``): this process's Airflow settings plus
  the connections.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from taskfacade_emulator import Emulator

# The suite runs with --import-mode=importlib, where test modules cannot import a sibling helper module; make this
# directory's helper (airflow_support.py, named to avoid clashes) importable.
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

from airflow_support import (
    AIRFLOW_BIN,
    AIRFLOW_HOME,
    AIRFLOW_SETTINGS,
    SERVICES,
    canary_credentials,
    connections_env,
    default_conn_id,
)

os.environ.update(AIRFLOW_SETTINGS)


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """One emulator per test process, accepting only the canary credentials."""
    with Emulator(credentials=canary_credentials(), seed_count=3) as emu:
        yield emu


@pytest.fixture
def airflow_conns(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Each service's default connection as an ``AIRFLOW_CONN_*`` variable; returns service -> conn id."""
    for name, value in connections_env(emulator).items():
        monkeypatch.setenv(name, value)
    return {service: default_conn_id(service) for service in SERVICES}


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """``airflow db migrate`` on this process's SQLite database (once); returns AIRFLOW_HOME."""
    env = {**os.environ, **AIRFLOW_SETTINGS}
    result = subprocess.run(
        [str(AIRFLOW_BIN), "db", "migrate"], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"airflow db migrate failed:\n{result.stdout}\n{result.stderr}"
    return AIRFLOW_HOME


@pytest.fixture
def airflow_env(emulator: Emulator) -> dict[str, str]:
    """The environment of an ``airflow`` subprocess: this process's settings plus the emulator connections."""
    return {**os.environ, **AIRFLOW_SETTINGS, **connections_env(emulator)}
