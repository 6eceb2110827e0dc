"""Which service emulators exist and how to build them.

Each service lives in its own package, ``taskfacade_emulator.<name>``, exporting ``Service(ctx)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from ._service import Context, ServiceEmulator

#: Mount names, in the order the services are mounted and listed.
SERVICE_NAMES = ("tiledb", "deadline", "geobox", "tensorbay")

ServiceFactory = Callable[[Context], ServiceEmulator]


def default_factories() -> list[ServiceFactory]:
    """The ``Service`` class of every built-in service package (a missing or broken one fails loudly)."""
    factories: list[ServiceFactory] = []
    for name in SERVICE_NAMES:
        module = importlib.import_module(f"{__package__}.{name}")
        factories.append(module.Service)
    return factories


def build_services(ctx: Context, factories: Sequence[ServiceFactory] | None) -> dict[str, ServiceEmulator]:
    """Instantiate the services (``factories`` replaces the built-in set, e.g. for tests), keyed by name."""
    services: dict[str, ServiceEmulator] = {}
    for factory in default_factories() if factories is None else factories:
        service = factory(ctx)
        if not service.name or "/" in service.name or service.name.startswith("_"):
            raise ValueError(f"service name must be a plain path segment not starting with '_', got {service.name!r}")
        if service.name in services:
            raise ValueError(f"two services are named {service.name!r}")
        services[service.name] = service
    return services
