"""A local server that speaks the four services taskfacade covers: TileDB Cloud, AWS Deadline Cloud, Geobox and
TensorBay, with persistence, task lifecycles on a steerable clock, auth, fault injection and an admin API.

Start it with ``taskfacade-emulator``, ``python -m taskfacade_emulator`` or in-process with ``Emulator``; pytest
users get the ``taskfacade_emulator`` fixture. See docs/emulator.md.

Names are loaded on first use (PEP 562): ``import taskfacade_emulator`` needs none of the ``emulator`` extra
(Starlette, uvicorn), so the pytest plugin and the console script can load without it and say what to install.
"""

from __future__ import annotations

import importlib

# Not ``typing.TYPE_CHECKING``: importing typing alone costs more than this whole module (mypy knows this name).
TYPE_CHECKING = False

#: Public name -> the private module defining it.
_EXPORTS: dict[str, str] = {
    "SERVICE_NAMES": "_registry",
    "Action": "_faults",
    "Clock": "_clock",
    "Context": "_service",
    "Credentials": "_credentials",
    "Emulator": "_emulator",
    "EmulatorCore": "_core",
    "FaultRule": "_faults",
    "Phase": "_lifecycle",
    "Schedule": "_lifecycle",
    "ServiceEmulator": "_service",
    "Settings": "_core",
    "Store": "_store",
    "register_service": "_registry",
    "unregister_service": "_registry",
    "service_names": "_registry",
}

#: The distributions of the ``emulator`` extra that the server cannot run without.
REQUIRED_MODULES = ("starlette", "uvicorn")

#: What to tell someone who lacks them.
INSTALL_HINT = "the taskfacade emulator needs the 'emulator' extra: pip install 'taskfacade[emulator]'"

__all__ = [
    "INSTALL_HINT",
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
    "missing_modules",
    "register_service",
    "service_names",
    "unregister_service",
]

if TYPE_CHECKING:
    from typing import Any

    from ._clock import Clock
    from ._core import EmulatorCore, Settings
    from ._credentials import Credentials
    from ._emulator import Emulator
    from ._faults import Action, FaultRule
    from ._lifecycle import Phase, Schedule
    from ._registry import SERVICE_NAMES, register_service, service_names, unregister_service
    from ._service import Context, ServiceEmulator
    from ._store import Store


def missing_modules() -> list[str]:
    """The modules of the ``emulator`` extra that are not installed (empty when the emulator can run).

    Looked up without importing them, so the check costs a few file-system lookups.
    """
    from importlib.util import find_spec

    return [name for name in REQUIRED_MODULES if find_spec(name) is None]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'taskfacade_emulator' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # cache: later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
