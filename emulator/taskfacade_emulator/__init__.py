"""A local server that speaks the four services taskfacade covers: TileDB Cloud, AWS Deadline Cloud, Geobox and
TensorBay, with persistence, task lifecycles on a steerable clock, auth, fault injection and an admin API.

Start it with ``taskfacade-emulator``, ``python -m taskfacade_emulator`` or in-process with ``Emulator``; pytest
users get the ``taskfacade_emulator`` fixture. See docs/emulator.md.
"""

from ._clock import Clock
from ._core import EmulatorCore, Settings
from ._emulator import Emulator
from ._faults import Action, FaultRule
from ._lifecycle import Phase, Schedule
from ._registry import SERVICE_NAMES
from ._service import Context, Credentials, ServiceEmulator
from ._store import Store

__all__ = [
    "SERVICE_NAMES",
    "Action",
    "Clock",
    "Context",
    "Credentials",
    "Emulator",
    "EmulatorCore",
    "FaultRule",
    "Phase",
    "Schedule",
    "ServiceEmulator",
    "Settings",
    "Store",
]
