"""The command line's services: which exist, and what the command line needs of each before running it.

Each service declares one ``CliService`` (``SERVICE`` in ``_svc_<name>.py``): its options (``add_arguments``, called
for every ``tasks`` command), its config-file keys, the environment variables holding its secrets, the settings that
point it at the emulator, and where its ``Service`` subclass is (``_tasks_<name>.py``, imported only when a command
uses that service, and with it the facade). A service is registered in one of three ways:

- built in: one line in ``_BUILTIN`` below (``name -> "module:attribute"``);
- in-process: ``taskfacade_cli.register_service(SERVICE)``, one call in the plug-in's own code;
- installed: an entry point in the group ``taskfacade_cli.services`` (``jobs = "mypkg.cli:SERVICE"``), read only
  when the command line does not parse without it, and for ``completion`` (``importlib.metadata`` costs tens of
  milliseconds: ``--help`` and the built-in services never pay it).

This module and every ``_svc_<name>.py`` import neither the facade nor attrs: ``taskfacade --help`` loads them all.
"""

from __future__ import annotations

import argparse
import importlib
import types
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see _main
if TYPE_CHECKING:
    from ._service import Service

__all__ = [
    "COMMANDS",
    "ENTRY_POINT_GROUP",
    "CliService",
    "cli_service",
    "cli_services",
    "load_installed",
    "option_owners",
    "register_service",
    "unregister_service",
]

#: The entry-point group installed plug-ins register in (value: ``"module:attribute"`` of a ``CliService``).
ENTRY_POINT_GROUP = "taskfacade_cli.services"

#: The ``tasks`` commands a service's ``add_arguments`` is called for.
COMMANDS = ("list", "show", "wait", "cancel", "retry", "results")

#: The built-in services, one line each, in the order ``SERVICE`` lists them.
_BUILTIN: Mapping[str, str] = types.MappingProxyType(
    {
        "tiledb": "taskfacade_cli._svc_tiledb:SERVICE",
        "deadline": "taskfacade_cli._svc_deadline:SERVICE",
        "geobox": "taskfacade_cli._svc_geobox:SERVICE",
        "tensorbay": "taskfacade_cli._svc_tensorbay:SERVICE",
    }
)

_NO_SETTINGS: Mapping[str, str] = types.MappingProxyType({})


def _no_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """A service without options of its own."""


class CliService(NamedTuple):
    """A service as the command line knows it without importing it (a ``NamedTuple``, not attrs: ``--help`` loads
    every one of these and must stay free of attrs).

    Attributes:
        name: the ``SERVICE`` argument, the facade's ``taskfacade.<name>`` and the emulator's ``/<name>``.
        implementation: ``"module:attribute"`` of its ``Service`` subclass (imported when a command uses it).
        keys: the keys of its config-file table (``[profiles.NAME.<name>]``) and their one-line meanings, shown by
            ``config keys``; a secret's meaning gets `` (secret)`` appended there.
        secret_keys: those of ``keys`` that hold secrets (masked by ``config show``, scrubbed from all output, read
            with a hidden prompt by ``config set``).
        bool_keys: those of ``keys`` whose values are ``true`` or ``false``.
        secret_env_vars: environment variables holding its secrets (scrubbed from everything the CLI prints).
        emulator_settings: its settings with ``--emulator`` (the emulator's default credentials, as config keys).
        add_arguments: adds its options to the parser of one ``tasks`` command (``add_arguments(parser, command)``,
            ``command`` one of ``COMMANDS``); an option it adds is refused for the other services.
        search: whether ``tasks list --search TEXT`` filters its tasks by name.
    """

    name: str
    implementation: str
    keys: Mapping[str, str]
    secret_keys: frozenset[str] = frozenset()
    bool_keys: frozenset[str] = frozenset()
    secret_env_vars: tuple[str, ...] = ()
    emulator_settings: Mapping[str, str] = _NO_SETTINGS
    add_arguments: Callable[[argparse.ArgumentParser, str], None] = _no_arguments
    search: bool = False

    def service_class(self) -> type[Service]:
        """Its ``Service`` subclass (importing it imports the facade's module for this service)."""
        module, _, attribute = self.implementation.partition(":")
        cls: type[Service] = getattr(importlib.import_module(module), attribute)
        return cls


class _Registry:
    """Registered services, and the installed ones once read."""

    def __init__(self) -> None:
        self.registered: dict[str, CliService] = {}
        self.installed: dict[str, CliService] | None = None


_REGISTRY = _Registry()


def _checked(value: Any, name: str, origin: str) -> CliService:
    if not isinstance(value, CliService) or value.name != name:
        raise TypeError(f"{origin} must be a taskfacade_cli CliService named {name!r}, got {value!r}")
    return value


def _builtin(name: str) -> CliService:
    module, _, attribute = _BUILTIN[name].partition(":")
    return _checked(getattr(importlib.import_module(module), attribute), name, _BUILTIN[name])


def register_service(service: CliService) -> CliService:
    """Make ``service`` a command-line service in this process (``taskfacade_cli.main([...])`` then takes it).

    Registering the same value again is a no-op; another service under a name already taken raises ``ValueError``.

    Returns:
        ``service``.
    """
    if not isinstance(service, CliService):
        raise TypeError(f"register_service takes a taskfacade_cli CliService, got {service!r}")
    if not service.name.isidentifier() or service.name.startswith("_"):
        raise ValueError(f"a service name must be a Python identifier not starting with '_', got {service.name!r}")
    if service.name in _BUILTIN or _REGISTRY.registered.get(service.name, service) != service:
        raise ValueError(f"a command-line service named {service.name!r} is already registered")
    _REGISTRY.registered[service.name] = service
    return service


def load_installed() -> bool:
    """Read the installed plug-ins (entry points), once; True when that added a service."""
    if _REGISTRY.installed is not None:
        return False
    from importlib.metadata import entry_points

    points = entry_points(group=ENTRY_POINT_GROUP)
    _REGISTRY.installed = {point.name: _checked(point.load(), point.name, point.value) for point in points}
    return bool(set(_REGISTRY.installed) - set(_BUILTIN) - set(_REGISTRY.registered))


def cli_services() -> dict[str, CliService]:
    """Every service known so far: the built-in ones in order, then registered and installed plug-ins by name."""
    services = {name: _builtin(name) for name in _BUILTIN}
    extra = {**(_REGISTRY.installed or {}), **_REGISTRY.registered}
    services.update((name, extra[name]) for name in sorted(extra) if name not in services)
    return services


def cli_service(name: str) -> CliService:
    """The service named ``name`` (``KeyError`` when there is none)."""
    return cli_services()[name]


def option_owners(command: str) -> dict[str, tuple[str, ...]]:
    """The options (by ``dest``) that only some services take on ``tasks <command>``, and those services."""
    owners: dict[str, list[str]] = {}
    for service in cli_services().values():
        scratch = argparse.ArgumentParser(add_help=False)
        service.add_arguments(scratch, command)
        for action in scratch._actions:  # argparse's list of what was added (no public accessor)
            owners.setdefault(action.dest, []).append(service.name)
        if service.search and command == "list":
            owners.setdefault("search", []).append(service.name)
    return {dest: tuple(names) for dest, names in owners.items()}


def unregister_service(name: str) -> bool:
    """Undo ``register_service(...)`` for the command-line service ``name`` (a test's teardown). Built-in and installed
    services stay. Returns whether a registration was removed."""
    return _REGISTRY.registered.pop(name, None) is not None
