"""Fixtures for the TileDB facade tests: a fresh emulator per test, a client on the emulator's clock, isolation.

- Every test runs with ``HOME`` and ``TILEDB_PROFILE_DIR`` pointing at its own temporary folder and without any
  ``TILEDB_*`` variable, so no test reads or writes a real profile; the default client is reset afterwards.
- ``emu`` is a fresh in-memory emulator (frozen clock, 200 TileDB tasks, few of the other services).
- ``client`` is a client of it on ``EmuClock`` (tiledb_helpers.py): sleeping advances the emulator, so retries
  and waits run instantly and tasks progress exactly as far as the facade waited.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from taskfacade.tiledb import Client, set_default_client
from taskfacade_emulator import Emulator

# --import-mode=importlib: make this folder's helper module (tiledb_helpers.py) importable by the tests.
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

from tiledb_helpers import make_client


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in list(os.environ):
        if name.startswith("TILEDB_"):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TILEDB_PROFILE_DIR", str(tmp_path / "profiles"))
    yield tmp_path
    set_default_client(None)


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=200, seed_counts={"deadline": 1, "geobox": 1, "tensorbay": 1}, speed=0) as running:
        yield running


@pytest.fixture
def client(emu: Emulator) -> Iterator[Client]:
    with make_client(emu) as made:
        yield made


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest, emu: Emulator) -> Iterator[Any]:
    """The sync facade or its async twin (``tiledb_twins.py``): every test taking it runs against both."""
    from tiledb_twins import TWINS

    made = TWINS[request.param](emu)
    try:
        yield made
    finally:
        made.close()
