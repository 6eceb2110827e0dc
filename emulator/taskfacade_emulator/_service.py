"""What each service emulator provides to the shared server (app, admin API, faults, request counts).

A service emulator lives in ``taskfacade_emulator/<service>/`` and subclasses ``ServiceEmulator``. The shared
server mounts ``routes()`` under ``/<name>`` (so a route path starts with the service's real base path, e.g.
``/v1/tasks/{workspace}`` for TileDB or ``/2023-10-12/farms/...`` for Deadline), calls ``schema()`` and
``seed()`` at start-up, and uses the hooks below for the admin API and fault injection.
"""

from __future__ import annotations

import abc
from typing import Any, ClassVar

import attrs
from starlette.responses import Response
from starlette.routing import BaseRoute

from ._clock import Clock
from ._credentials import Credentials
from ._store import Store


@attrs.define
class Context:
    """What a service emulator is given: storage, the clock, credentials and how much to seed."""

    store: Store
    clock: Clock
    credentials: Credentials
    seed_count: int = 200
    seed_counts: dict[str, int] = attrs.field(factory=dict)
    seed: int = 1

    def count_for(self, service: str) -> int:
        """How many tasks to seed for ``service`` (a per-service override, else ``seed_count``)."""
        return self.seed_counts.get(service, self.seed_count)


JSON = Any


class ServiceEmulator(abc.ABC):
    """One emulated service."""

    #: Mount name and URL prefix: "tiledb", "deadline", "geobox", "tensorbay" or a plug-in's name.
    name: ClassVar[str]
    #: The service's credentials: an attrs class whose every field has a default (read with
    #: ``ctx.credentials.of(...)``; ``Credentials(<name>_<field>=...)`` sets one). None: the service needs none.
    credentials_type: ClassVar[type[Any] | None] = None
    #: JSON keys whose string values the ``unknown_enum`` fault replaces with a value no client knows.
    enum_fields: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @abc.abstractmethod
    def schema(self) -> str:
        """SQL (``CREATE TABLE/INDEX IF NOT EXISTS``) for this service's tables."""

    @abc.abstractmethod
    def seed(self) -> None:
        """Insert the deterministic seed data, unless it is already there (a restart on the same file)."""

    @abc.abstractmethod
    def seeded(self) -> dict[str, Any]:
        """The ids tests start from: this service's entry of ``GET /_emulator/seeded``."""

    @abc.abstractmethod
    def create_tasks(self, spec: dict[str, Any]) -> list[str]:
        """Create tasks for ``POST /_emulator/tasks``; raises ``ValueError`` with a clear message on bad input.

        ``spec`` holds ``count``, ``outcome``, ``queued_s``, ``run_s`` and service-specific fields.
        """

    @abc.abstractmethod
    def routes(self) -> list[BaseRoute]:
        """The service's routes, with paths as the real service spells them (mounted under ``/<name>``)."""

    @abc.abstractmethod
    def error_response(self, status: int, message: str, *, retry_after: float | None = None) -> Response:
        """An error in this service's own wire format (used by faults, auth refusals and unknown routes)."""

    def inject_unknown(self, body: JSON) -> JSON:
        """Return ``body`` with enum values (and, where the service has them, union members) a client cannot know.

        The default replaces the value of every key in ``enum_fields``, at any depth.
        """
        if isinstance(body, dict):
            return {
                k: ("FUTURE_VALUE" if k in self.enum_fields and isinstance(v, str) else self.inject_unknown(v))
                for k, v in body.items()
            }
        if isinstance(body, list):
            return [self.inject_unknown(v) for v in body]
        return body
