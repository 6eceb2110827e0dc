"""The emulator without its HTTP server: storage, clock, services, faults and request counts, plus the
operations the admin API and the ``Emulator`` helpers share (so both validate input the same way).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Any

import attrs

from ._checks import is_int, is_number
from ._clock import Clock, check_speed
from ._credentials import Credentials
from ._faults import FaultSet
from ._lifecycle import OUTCOMES
from ._meta import ClockMeta
from ._registry import ServiceFactory, build_services
from ._requests import RequestCounts
from ._service import Context, ServiceEmulator
from ._store import Store

logger = logging.getLogger(__name__)

DEFAULT_SEED_COUNT = 200
MAX_CREATE_COUNT = 10_000
#: Defaults filled into ``POST /_emulator/tasks`` before the service sees the spec.
TASK_DEFAULTS: dict[str, Any] = {"count": 1, "outcome": "succeeded", "queued_s": 0.0, "run_s": 10.0}


#: The most tasks seeded per service (seeding a million takes about a minute; more is a typo, not a test).
MAX_SEED_COUNT = 1_000_000


@attrs.define
class Settings:
    """How to build an emulator (the CLI flags and ``Emulator(...)`` arguments).

    Attributes:
        db: SQLite file path; None keeps everything in memory.
        seed_count: tasks to seed per service (unless ``seed_counts`` names the service).
        seed_counts: per-service seed counts, e.g. ``{"tiledb": 100_000}``.
        speed: emulator clock speed (1.0 = real time, 0 = frozen).
        credentials: what the services accept.
        admin: serve the admin API under ``/_emulator/``.
        seed: seed for the deterministic data and the fault RNG.
        services: service factories replacing the registered services (for tests of the shared server).
    """

    db: str | None = None
    seed_count: int = DEFAULT_SEED_COUNT
    seed_counts: dict[str, int] = attrs.field(factory=dict)
    speed: float = 1.0
    credentials: Credentials = attrs.field(factory=Credentials)
    admin: bool = True
    seed: int = 1
    services: Sequence[ServiceFactory] | None = None

    def validate(self) -> None:
        """Raise ValueError naming the bad setting and what it accepts."""
        for name, count in [("seed_count", self.seed_count), *(("seed_counts", c) for c in self.seed_counts.values())]:
            if not is_int(count) or not 0 <= count <= MAX_SEED_COUNT:
                raise ValueError(f"{name} must be an integer from 0 to {MAX_SEED_COUNT}, got {count!r}")
        if not is_int(self.seed) or not 0 <= self.seed < 2**63:
            raise ValueError(f"seed must be an integer from 0 to 2**63 - 1, got {self.seed!r}")
        check_speed(self.speed, "speed")


class EmulatorCore:
    """Everything the server serves, built from ``Settings``; closing it saves the clock and closes the db."""

    def __init__(self, settings: Settings) -> None:
        settings.validate()
        self.settings = settings
        if settings.db:
            _create_private(settings.db)
        self.store = Store(settings.db)
        try:
            self._meta = ClockMeta(self.store)
            self.clock = Clock(speed=settings.speed, start=self._meta.resume_time(settings.speed))
            self.ctx = Context(
                store=self.store,
                clock=self.clock,
                credentials=settings.credentials,
                seed_count=settings.seed_count,
                seed_counts=dict(settings.seed_counts),
                seed=settings.seed,
            )
            self.services: dict[str, ServiceEmulator] = build_services(self.ctx, settings.services)
            unknown = sorted(set(settings.seed_counts) - set(self.services))
            if unknown:
                raise ValueError(f"seed_counts names unknown service(s) {unknown}; services: {list(self.services)}")
            for service in self.services.values():
                self.store.executescript(service.schema())
                service.seed()
            self._meta.save(self.clock.now())
        except BaseException:
            self.store.close()
            raise
        self.faults = FaultSet(self.services, seed=settings.seed)
        self.counts = RequestCounts()

    def close(self) -> None:
        """Save the clock position and close the database."""
        self._meta.save(self.clock.now())
        self.store.close()

    # Operations shared by the admin API and the Emulator helpers.

    def seeded(self) -> dict[str, Any]:
        return {name: service.seeded() for name, service in self.services.items()}

    def create_tasks(self, spec: Any) -> list[str]:
        """Validate the common fields, fill defaults, and let the service create the tasks."""
        if not isinstance(spec, dict):
            raise ValueError("the task spec must be a JSON object")
        service = self._service(spec.get("service"))
        full = {**TASK_DEFAULTS, **{k: v for k, v in spec.items() if k != "service"}}
        if not is_int(full["count"]) or not 1 <= full["count"] <= MAX_CREATE_COUNT:
            raise ValueError(f"'count' must be an integer from 1 to {MAX_CREATE_COUNT}, got {full['count']!r}")
        outcomes = [str(o) for o in OUTCOMES]
        if full["outcome"] not in outcomes:
            raise ValueError(f"'outcome' must be one of {outcomes}, got {full['outcome']!r}")
        for key in ("queued_s", "run_s"):
            if not is_number(full[key]) or full[key] < 0:
                raise ValueError(f"{key!r} must be a number of seconds >= 0, got {full[key]!r}")
            full[key] = float(full[key])
        ids = service.create_tasks(full)
        return [str(i) for i in ids]

    def add_faults(self, rules: Any) -> list[dict[str, Any]]:
        return [rule.to_json() for rule in self.faults.add(rules)]

    def list_faults(self) -> list[dict[str, Any]]:
        return [rule.to_json() for rule in self.faults.rules()]

    def clear_faults(self) -> int:
        return self.faults.clear()

    def change_clock(self, spec: Any) -> dict[str, float]:
        """Apply ``{"advance_s": N}`` and/or ``{"speed": X}`` (all or nothing); returns the clock state."""
        if not isinstance(spec, dict) or not spec or set(spec) - {"advance_s", "speed"}:
            raise ValueError(f"the clock change must be a JSON object with 'advance_s' and/or 'speed', got {spec!r}")
        advance, speed = spec.get("advance_s"), spec.get("speed")
        if speed is not None:
            speed = check_speed(speed)  # checked before anything moves
        if advance is not None:
            self.clock.advance(advance)  # refuses a jump past the end of the clock
        if speed is not None:
            self.clock.set_speed(speed)
        self._meta.save(self.clock.now())
        return self.clock_state()

    def clock_state(self) -> dict[str, float]:
        return {"now": self.clock.now(), "speed": self.clock.speed}

    def request_counts(self) -> dict[str, dict[str, int]]:
        return self.counts.snapshot(list(self.services))

    def reset(self) -> dict[str, Any]:
        """Clear fault rules and request counts and restore the start-up clock speed (tasks and time stay)."""
        cleared = self.faults.clear()
        self.counts.clear()
        self.clock.set_speed(self.settings.speed)
        self._meta.save(self.clock.now())
        return {"faults_cleared": cleared, "speed": self.clock.speed}

    def _service(self, name: Any) -> ServiceEmulator:
        if name not in self.services:
            raise ValueError(f"'service' must be one of {list(self.services)}, got {name!r}")
        return self.services[name]


def _create_private(path: str) -> None:
    """Create the database file readable by its owner only (0600), unless it exists.

    Services may keep session tokens in it; SQLite's -wal and -shm files copy its permissions.
    """
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise ValueError(f"db: cannot create {path!r}: {exc.strerror}") from None
