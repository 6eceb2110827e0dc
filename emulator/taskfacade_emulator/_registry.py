"""Which service emulators exist and how to build them.

Each service lives in its own package (``taskfacade_emulator.<name>``) exporting a ``ServiceEmulator`` subclass,
``Service``, that names itself (``name``) and its credentials (``credentials_type``). A service is registered in one
of three ways:

- built in: one line in ``_BUILTIN`` below (``name -> "module:attribute"``);
- in-process: ``taskfacade_emulator.register_service(JobsEmulator)``, one call in the plug-in's own code;
- installed: an entry point in the group ``taskfacade_emulator.services`` (``jobs = "mypkg.emulator:Service"``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from ._service import Context, ServiceEmulator

__all__ = [
    "ENTRY_POINT_GROUP",
    "SERVICE_NAMES",
    "ServiceFactory",
    "build_services",
    "default_factories",
    "register_service",
    "service_classes",
    "service_names",
    "unregister_service",
]

#: The entry-point group installed plug-ins register in (value: ``"module:attribute"`` of a ``ServiceEmulator``).
ENTRY_POINT_GROUP = "taskfacade_emulator.services"

#: The built-in services, one line each, in the order they are mounted and listed.
_BUILTIN = {
    "tiledb": "taskfacade_emulator.tiledb:Service",
    "deadline": "taskfacade_emulator.deadline:Service",
    "geobox": "taskfacade_emulator.geobox:Service",
    "tensorbay": "taskfacade_emulator.tensorbay:Service",
}

#: The built-in services' mount names (``service_names()`` adds registered and installed plug-ins).
SERVICE_NAMES = tuple(_BUILTIN)

ServiceFactory = Callable[[Context], ServiceEmulator]


class _Registry:
    """Registered service classes, and the installed ones read on first need."""

    def __init__(self) -> None:
        self.registered: dict[str, type[ServiceEmulator]] = {}
        self.installed: dict[str, type[ServiceEmulator]] | None = None

    def entry_points(self) -> dict[str, type[ServiceEmulator]]:
        if self.installed is None:
            from importlib.metadata import entry_points

            points = entry_points(group=ENTRY_POINT_GROUP)
            self.installed = {point.name: _checked(point.load(), point.name, point.value) for point in points}
        return self.installed


_REGISTRY = _Registry()


def _checked(cls: Any, name: str, origin: str) -> type[ServiceEmulator]:
    if not (isinstance(cls, type) and issubclass(cls, ServiceEmulator)) or getattr(cls, "name", None) != name:
        raise TypeError(f"{origin} must be a ServiceEmulator subclass named {name!r}, got {cls!r}")
    return cls


def _builtin(name: str) -> type[ServiceEmulator]:
    module, _, attribute = _BUILTIN[name].partition(":")
    return _checked(getattr(importlib.import_module(module), attribute), name, _BUILTIN[name])


def register_service(service: type[ServiceEmulator]) -> type[ServiceEmulator]:
    """Serve ``service`` in every emulator built from now on in this process (mounted under ``/<service.name>``,
    its ``credentials_type`` part of ``Credentials``).

    Registering the same class again is a no-op; another class under a name already taken raises ``ValueError``.

    Returns:
        ``service``, so it can decorate the class.
    """
    name = getattr(service, "name", None)
    if not isinstance(name, str) or not name or "/" in name or name.startswith("_"):
        raise ValueError(f"service name must be a plain path segment not starting with '_', got {name!r}")
    _checked(service, name, f"register_service({service!r})")
    if name in _BUILTIN or _REGISTRY.registered.get(name, service) is not service:
        raise ValueError(f"an emulator service named {name!r} is already registered")
    _REGISTRY.registered[name] = service
    return service


def service_classes() -> list[type[ServiceEmulator]]:
    """Every service's class: the built-in ones in order, then registered and installed plug-ins (by name)."""
    classes = {name: _builtin(name) for name in _BUILTIN}
    extra = {**_REGISTRY.entry_points(), **_REGISTRY.registered}
    classes.update((name, extra[name]) for name in sorted(extra) if name not in classes)
    return list(classes.values())


def service_names() -> tuple[str, ...]:
    """Every service's mount name, in the order ``service_classes`` gives."""
    return tuple(cls.name for cls in service_classes())


def default_factories() -> list[ServiceFactory]:
    """The class of every registered service (a missing or broken one fails loudly)."""
    return list(service_classes())


def build_services(ctx: Context, factories: Sequence[ServiceFactory] | None) -> dict[str, ServiceEmulator]:
    """Instantiate the services (``factories`` replaces the registered set, e.g. for tests), keyed by name."""
    services: dict[str, ServiceEmulator] = {}
    for factory in default_factories() if factories is None else factories:
        service = factory(ctx)
        if not service.name or "/" in service.name or service.name.startswith("_"):
            raise ValueError(f"service name must be a plain path segment not starting with '_', got {service.name!r}")
        if service.name in services:
            raise ValueError(f"two services are named {service.name!r}")
        services[service.name] = service
    return services


def unregister_service(name: str) -> bool:
    """Undo ``register_service(...)`` for the emulator service ``name`` (a test's teardown). Built-in and installed
    services stay. Returns whether a registration was removed."""
    return _REGISTRY.registered.pop(name, None) is not None
