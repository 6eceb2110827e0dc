"""pytest plugin (registered as an entry point): the ``taskfacade_emulator`` fixtures.

``taskfacade_emulator`` is a fresh in-memory emulator per test; override ``taskfacade_emulator_options`` in a
conftest.py to pass ``Emulator`` arguments (e.g. ``{"seed_count": 50, "speed": 0}``).
``taskfacade_emulator_session`` is one emulator shared by the whole session (``taskfacade_emulator_shared``), with
faults, request counts and clock speed reset after each test that uses it, never its tasks: use it only for
read-mostly tests.

pytest loads this plugin (the ``pytest11`` entry point) in every project that installs taskfacade, with or without
the ``emulator`` extra. So it imports nothing of the extra when it loads: a test that uses one of the fixtures
without the extra fails with one line saying what to install, and every other test runs as if it were absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from . import INSTALL_HINT, missing_modules

# Not ``typing.TYPE_CHECKING`` (see __init__): the emulator's modules import the extra.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._emulator import Emulator


def _emulator_class() -> type[Emulator]:
    """``Emulator``, or a test failure naming the extra to install when it is missing (no traceback)."""
    missing = missing_modules()
    if missing:
        pytest.fail(f"{INSTALL_HINT} (missing: {', '.join(missing)})", pytrace=False)
    from ._emulator import Emulator

    return Emulator


@pytest.fixture
def taskfacade_emulator_options() -> dict[str, Any]:
    """Keyword arguments for the function-scoped ``taskfacade_emulator`` fixture's ``Emulator``."""
    return {}


@pytest.fixture
def taskfacade_emulator(taskfacade_emulator_options: dict[str, Any]) -> Iterator[Emulator]:
    """A fresh emulator (in memory, free loopback port) for one test."""
    with _emulator_class()(**taskfacade_emulator_options) as emu:
        yield emu


@pytest.fixture(scope="session")
def taskfacade_emulator_shared() -> Iterator[Emulator]:
    """One emulator (defaults, in memory) for the whole session, never reset; prefer the two fixtures below."""
    with _emulator_class()() as emu:
        yield emu


@pytest.fixture
def taskfacade_emulator_session(taskfacade_emulator_shared: Emulator) -> Iterator[Emulator]:
    """The session's shared emulator, with faults, request counts and clock speed reset after each test."""
    yield taskfacade_emulator_shared
    taskfacade_emulator_shared.reset()
