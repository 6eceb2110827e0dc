"""Fixtures for the Geobox facade tests: a fresh, frozen emulator per test and a client whose clock drives it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from taskfacade.geobox import GeoboxClient
from taskfacade_emulator import Emulator

# --import-mode=importlib: make this folder's helper module (geobox_support.py) importable by the tests.
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

from geobox_support import TOKEN, EmulatorClock
from geobox_twins import TWINS, Twin


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


@pytest.fixture(params=list(TWINS))
def twin(request: pytest.FixtureRequest) -> Iterator[Twin]:
    """The sync facade or its async twin (``geobox_twins.py``): every test taking it runs against both."""
    chosen = TWINS[request.param]()
    yield chosen
    chosen.close()


@pytest.fixture
def client(emu: Emulator, clock: EmulatorClock, twin: Twin) -> Iterator[Any]:
    """A client of the test's twin: a ``GeoboxClient``, or an ``AsyncGeoboxClient`` seen through a sync view."""
    with twin.Client(host=emu.base_url("geobox"), access_token=TOKEN, clock=clock) as geobox:
        yield geobox


@pytest.fixture
def sync_client(emu: Emulator, clock: EmulatorClock) -> Iterator[GeoboxClient]:
    """A sync ``GeoboxClient`` (for tests of the sync surface only: pagers, the vendor's sync SDK side by side)."""
    with GeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, clock=clock) as geobox:
        yield geobox
