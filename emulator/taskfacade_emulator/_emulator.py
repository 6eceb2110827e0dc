"""``Emulator``: the whole emulator in-process, on a free loopback port, for tests and notebooks."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any, Self

from ._app import EmulatorApp
from ._core import DEFAULT_SEED_COUNT, EmulatorCore, Settings
from ._credentials import Credentials
from ._registry import ServiceFactory
from ._server import ThreadedServer
from ._service import ServiceEmulator


class Emulator:
    """A running emulator: ``with Emulator() as emu: httpx.get(emu.base_url("geobox") + "/v1/tasks/")``.

    The helpers mirror the admin API (same validation, same results) without building HTTP calls, and work
    with ``admin=False`` too.

    Args:
        db: SQLite file to keep state in (a restart on it keeps every task); None keeps it in memory.
        seed_count: tasks seeded per service; ``seed_counts`` overrides it per service.
        speed: emulator clock speed (1.0 real time; 0 freezes it; step it with ``advance``).
        credentials: what the services accept (defaults in ``Credentials``).
        admin: serve the admin API under ``/_emulator/``.
        host: loopback address to listen on; ``port`` 0 picks a free port.
        seed: seed for the deterministic data and the fault RNG.
        services: service factories replacing the registered services (tests of the shared server use this).
    """

    def __init__(
        self,
        db: str | None = None,
        *,
        seed_count: int = DEFAULT_SEED_COUNT,
        seed_counts: dict[str, int] | None = None,
        speed: float = 1.0,
        credentials: Credentials | None = None,
        admin: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
        seed: int = 1,
        services: Sequence[ServiceFactory] | None = None,
    ) -> None:
        self._settings = Settings(
            db=db,
            seed_count=seed_count,
            seed_counts=dict(seed_counts or {}),
            speed=speed,
            credentials=credentials or Credentials(),
            admin=admin,
            seed=seed,
            services=services,
        )
        self._settings.validate()
        self._host, self._port = host, port
        self._core: EmulatorCore | None = None
        self._server: ThreadedServer | None = None

    def __repr__(self) -> str:
        state = f"url={self._server.url!r}" if self._server else "stopped"
        return f"Emulator({state}, db={self._settings.db!r})"

    def start(self) -> Self:
        """Build the emulator and start serving (returns once it accepts connections)."""
        if self._core is not None:
            raise RuntimeError("this Emulator is already running")
        core = EmulatorCore(self._settings)
        try:
            server = ThreadedServer(EmulatorApp(core), self._host, self._port)
            server.start()
        except BaseException:
            core.close()
            raise
        self._core, self._server = core, server
        return self

    def stop(self) -> None:
        """Stop serving, save the clock and close the database (idempotent)."""
        server, core = self._server, self._core
        self._server = self._core = None
        if server is not None:
            server.stop()
        if core is not None:
            core.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Root URL, e.g. ``http://127.0.0.1:41234`` (the admin API is under ``url + "/_emulator"``)."""
        if self._server is None:
            raise RuntimeError("the emulator is not running (use `with Emulator() as emu:` or start())")
        return self._server.url

    def base_url(self, service: str) -> str:
        """A service's base URL, e.g. ``base_url("deadline") == url + "/deadline"``."""
        self._service(service)
        return f"{self.url}/{service}"

    @property
    def core(self) -> EmulatorCore:
        """The running emulator's internals (store, clock, services), for tests that need them."""
        if self._core is None:
            raise RuntimeError("the emulator is not running (use `with Emulator() as emu:` or start())")
        return self._core

    @property
    def services(self) -> dict[str, ServiceEmulator]:
        return self.core.services

    def seeded(self) -> dict[str, Any]:
        """Like ``GET /_emulator/seeded``."""
        return self.core.seeded()

    def create_tasks(
        self,
        service: str,
        count: int = 1,
        *,
        outcome: str = "succeeded",
        queued_s: float = 0.0,
        run_s: float = 10.0,
        **fields: Any,
    ) -> list[str]:
        """Like ``POST /_emulator/tasks``; ``fields`` are the service-specific ones (e.g. ``type``, ``jobType``)."""
        spec = {"service": service, "count": count, "outcome": outcome, "queued_s": queued_s, "run_s": run_s}
        return self.core.create_tasks({**spec, **fields})

    def add_faults(self, *rules: dict[str, Any], **rule: Any) -> list[dict[str, Any]]:
        """Like ``POST /_emulator/faults``: pass rules as dicts, or one rule as keyword arguments."""
        return self.core.add_faults([*rules, rule] if rule else list(rules))

    def faults(self) -> list[dict[str, Any]]:
        """Like ``GET /_emulator/faults``: the rules with ``fired`` and ``remaining``."""
        return self.core.list_faults()

    def clear_faults(self) -> int:
        """Like ``DELETE /_emulator/faults``; returns how many rules were removed."""
        return self.core.clear_faults()

    def advance(self, seconds: float) -> float:
        """Like ``POST /_emulator/clock {"advance_s": seconds}``; returns the new emulator time."""
        return self.core.change_clock({"advance_s": seconds})["now"]

    def set_speed(self, speed: float) -> None:
        """Like ``POST /_emulator/clock {"speed": speed}``."""
        self.core.change_clock({"speed": speed})

    def now(self) -> float:
        """Emulator time, in epoch seconds."""
        return self.core.clock.now()

    def request_counts(self) -> dict[str, dict[str, int]]:
        """Like ``GET /_emulator/requests``."""
        return self.core.request_counts()

    def clear_request_counts(self) -> None:
        """Like ``DELETE /_emulator/requests``."""
        self.core.counts.clear()

    def reset(self) -> dict[str, Any]:
        """Like ``POST /_emulator/reset``: clear faults and request counts, restore the start-up speed."""
        return self.core.reset()

    def _service(self, name: str) -> None:
        if name not in self.core.services:
            raise ValueError(f"service must be one of {list(self.core.services)}, got {name!r}")
