"""The facade's services: which exist, where each lives, and what it says about itself.

A service is a package that declares one ``ServiceInfo`` (by convention ``SERVICE`` in its ``_service.py``) and is
registered here in one of three ways:

- built in: one line in ``_BUILTIN`` below (``name -> "module:attribute"`` of its ``ServiceInfo``);
- in-process: ``taskfacade.register_service(SERVICE)``, one call in the plug-in's own code;
- installed: an entry point in the group ``taskfacade.services`` (``jobs = "mypkg.jobs._service:SERVICE"``).

Entry points are read only when a name is not built in or registered, or when every service is listed
(``importlib.metadata`` costs tens of milliseconds, so ``import taskfacade`` and built-in services never pay it).
The registry imports no service statically: the core stays free of service imports.
"""

from __future__ import annotations

import importlib
import keyword
import types
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ._errors import InvalidArgument

__all__ = [
    "ENTRY_POINT_GROUP",
    "ServiceInfo",
    "known_names",
    "register_service",
    "service_info",
    "service_module",
    "service_names",
    "unregister_service",
]

#: The entry-point group installed plug-ins register in (value: ``"module:attribute"`` of a ``ServiceInfo``).
ENTRY_POINT_GROUP = "taskfacade.services"

#: The built-in services, one line each: name -> where its ``ServiceInfo`` is (importing it imports the service).
_BUILTIN: Mapping[str, str] = types.MappingProxyType(
    {
        "tiledb": "taskfacade.tiledb._service:SERVICE",
        "deadline": "taskfacade.deadline._service:SERVICE",
        "geobox": "taskfacade.geobox._service:SERVICE",
        "tensorbay": "taskfacade.tensorbay._service:SERVICE",
    }
)


_NAME_RULE = "a lower-case Python identifier not starting with '_' (e.g. 'jobs')"


def _check_name(_instance: Any, attribute: Any, value: str) -> None:
    if not (
        isinstance(value, str)
        and value.isidentifier()
        and value.islower()
        and not keyword.iskeyword(value)
        and not value.startswith("_")
    ):
        raise InvalidArgument(attribute.name, value, _NAME_RULE)


def _check_text(_instance: Any, attribute: Any, value: str) -> None:
    if not (isinstance(value, str) and value.strip() and value.isprintable()):
        raise InvalidArgument(attribute.name, value, "a non-empty printable string")


def _check_job_types(_instance: Any, attribute: Any, value: tuple[type[Any], ...]) -> None:
    if not (isinstance(value, tuple) and all(isinstance(kind, type) for kind in value)):
        raise InvalidArgument(attribute.name, value, "a tuple of the service's Job subclasses")


@attrs.frozen
class ServiceInfo:
    """What a service says about itself: the one value each service package declares.

    Attributes:
        name: the service's short name: ``taskfacade.<name>``, the emulator's mount ``/<name>``, the command
            line's ``SERVICE`` argument (``tiledb``, ``deadline``...).
        display_name: the vendor's name for people (``TileDB Cloud``, ``AWS Deadline Cloud``...).
        module: the service's public package, returned by ``taskfacade.<name>`` (``taskfacade.tiledb``, or a
            plug-in's own package).
        job_types: the service's ``Job`` subclasses, most general first (rebuilding a job from a continuation
            token, waiting on a mix of services).
        rebuild: how a job is rebuilt from a continuation token (``taskfacade.job_from_token``): called as
            ``rebuild(kind, client, ids, status, asynchronous)`` with the token's job kind (a ``_JOB_KIND`` of one
            of ``job_types``), the caller's client or None (then the service's default client, from the
            environment), the token's ids and last status, and whether the async twin is wanted; it makes no
            request. None: the service's jobs have no continuation tokens.
    """

    name: str = attrs.field(validator=_check_name)
    display_name: str = attrs.field(validator=_check_text)
    module: str = attrs.field(validator=_check_text)
    job_types: tuple[type[Any], ...] = attrs.field(validator=_check_job_types)
    rebuild: Callable[[str, Any, dict[str, Any], str | None, bool], Any] | None = attrs.field(
        default=None, kw_only=True
    )


class _Registry:
    """Name -> ``ServiceInfo`` source, filled in three tiers (built in, registered, installed)."""

    def __init__(self) -> None:
        self.registered: dict[str, ServiceInfo] = {}
        self.installed: dict[str, Any] | None = None  # name -> EntryPoint, read on first need

    def entry_points(self) -> dict[str, Any]:
        if self.installed is None:
            from importlib.metadata import entry_points

            self.installed = {point.name: point for point in entry_points(group=ENTRY_POINT_GROUP)}
        return self.installed

    def find(self, name: str) -> ServiceInfo | None:
        if name in self.registered:
            return self.registered[name]
        if name in _BUILTIN:
            return _load(_BUILTIN[name], name)
        point = self.entry_points().get(name)
        return None if point is None else _checked(point.load(), name, f"entry point {point.value!r}")


_REGISTRY = _Registry()


def _load(target: str, name: str) -> ServiceInfo:
    module, _, attribute = target.partition(":")
    return _checked(getattr(importlib.import_module(module), attribute), name, target)


def _checked(info: Any, name: str, origin: str) -> ServiceInfo:
    if not isinstance(info, ServiceInfo) or info.name != name:
        raise InvalidArgument("service", info, f"a taskfacade.ServiceInfo named {name!r}", source=origin)
    return info


def register_service(service: ServiceInfo) -> ServiceInfo:
    """Make ``service`` a facade service: ``taskfacade.<name>``, ``taskfacade.service_names()`` and the other
    layers' checks see it from now on, in this process.

    Registering the same value again is a no-op (a plug-in module may be imported twice); another service under
    a name already taken raises ``InvalidArgument``.

    Args:
        service: the plug-in's ``ServiceInfo``.

    Returns:
        ``service``, so a plug-in can write ``SERVICE = register_service(ServiceInfo(...))``.
    """
    if not isinstance(service, ServiceInfo):
        raise InvalidArgument("service", service, "a taskfacade.ServiceInfo")
    taken = _REGISTRY.registered.get(service.name)
    if taken is None and service.name in _BUILTIN:
        raise InvalidArgument("service", service.name, "a name no built-in service has")
    if taken is not None and taken != service:
        raise InvalidArgument("service", service.name, f"a name not taken (already registered by {taken.module})")
    _REGISTRY.registered[service.name] = service
    return service


def unregister_service(name: str) -> bool:
    """Undo ``register_service(...)`` for ``name`` (a test's teardown, a plug-in being unloaded).

    Built-in and installed services cannot be unregistered. Returns whether a registration was removed.
    """
    if not isinstance(name, str):
        raise InvalidArgument("name", name, "a service name (str)")
    return _REGISTRY.registered.pop(name, None) is not None


def service_names() -> tuple[str, ...]:
    """Every service's name: the built-in ones in their order, then registered and installed plug-ins (sorted).

    Reads the installed entry points (once per process); imports no service.
    """
    extra = (set(_REGISTRY.registered) | set(_REGISTRY.entry_points())) - set(_BUILTIN)
    return (*_BUILTIN, *sorted(extra))


def service_info(name: str) -> ServiceInfo:
    """The ``ServiceInfo`` of service ``name`` (its package is imported).

    Raises:
        InvalidArgument: no service has that name (the message lists those that exist).
    """
    if not isinstance(name, str):
        raise InvalidArgument("name", name, "a service name (str)")
    info = _REGISTRY.find(name)
    if info is None:
        raise InvalidArgument("name", name, f"one of {', '.join(service_names())}")
    return info


def service_module(name: str) -> types.ModuleType | None:
    """The public package of service ``name`` (imported now), or None when no service has that name."""
    if not isinstance(name, str):
        return None
    info = _REGISTRY.find(name)
    return None if info is None else importlib.import_module(info.module)


def known_names() -> tuple[str, ...]:
    """The built-in and registered names, without reading entry points (for ``dir(taskfacade)``)."""
    return (*_BUILTIN, *sorted(set(_REGISTRY.registered) - set(_BUILTIN)))
