"""Fixtures for the Geobox facade tests: a fresh, frozen emulator per test and a client whose clock drives it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from taskfacade.geobox import GeoboxClient
from taskfacade_emulator import Emulator

# --import-mode=importlib: make this folder's helper module (geobox_support.py) importable by the tests.
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

from geobox_support import TOKEN, EmulatorClock


@pytest.fixture(autouse=True)
def _no_geobox_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``GEOBOX_*`` variables of whoever runs the tests must not leak in."""
    for name in ("GEOBOX_USERNAME", "GEOBOX_PASSWORD", "GEOBOX_ACCESS_TOKEN", "GEOBOX_APIKEY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(db=None, seed_count=30, speed=0) as emulator:
        yield emulator


@pytest.fixture
def clock(emu: Emulator) -> EmulatorClock:
    return EmulatorClock(emu)


@pytest.fixture
def client(emu: Emulator, clock: EmulatorClock) -> Iterator[GeoboxClient]:
    with GeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, clock=clock) as geobox:
        yield geobox
