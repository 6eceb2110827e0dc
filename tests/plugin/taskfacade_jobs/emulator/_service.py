"""``Service``: the jobs service as the taskfacade emulator's shared server mounts it (``/jobs``)."""

from __future__ import annotations

import math
import random
from typing import Any, ClassVar

from starlette.responses import Response
from starlette.routing import BaseRoute
from taskfacade_emulator import Context, Phase, ServiceEmulator

from ._credentials import JobsCredentials
from ._repo import SCHEMA, STATES, JobsRepo, Plan
from ._routes import JobsApi, error_body

__all__ = ["Service"]
#: Keys ``POST /_emulator/tasks`` accepts for this service.
TASK_SPEC_KEYS = frozenset({"count", "outcome", "queued_s", "run_s", "name"})
#: Seeded jobs are created over this many seconds before start-up.
SEED_SPAN_S = 3 * 86400.0


class Service(ServiceEmulator):
    """The jobs service: seeded jobs spread over the last three days, plus those ``create_tasks`` adds."""

    name: ClassVar[str] = "jobs"
    credentials_type: ClassVar[type[Any] | None] = JobsCredentials
    enum_fields: ClassVar[frozenset[str]] = frozenset({"state"})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.repo = JobsRepo(ctx.store, ctx.clock)

    def schema(self) -> str:
        return SCHEMA

    def seed(self) -> None:
        """Deterministic jobs (ids and schedules from the seed); none when they are already stored."""
        if self.repo.has_seed():
            return
        rng = random.Random(f"jobs-{self.ctx.seed}")
        now = self.ctx.clock.now()
        outcomes = (Phase.SUCCEEDED, Phase.SUCCEEDED, Phase.SUCCEEDED, Phase.FAILED, Phase.CANCELED)
        plans = [
            Plan(
                name=f"seeded job {n}",
                created_at=now - rng.uniform(0, SEED_SPAN_S),
                queued_s=rng.uniform(0, 120),
                run_s=rng.uniform(60, 6 * 3600),
                outcome=rng.choice(outcomes),
            )
            for n in range(self.ctx.count_for(self.name))
        ]
        self.repo.insert(plans, seeded=True, rng=rng)

    def seeded(self) -> dict[str, Any]:
        """The seeded job ids, newest first, and by their state now."""
        now = self.ctx.clock.now()
        rows = [row for row in self.repo.rows_newest_first() if row["seeded"]]
        by_state: dict[str, list[str]] = {state: [] for state in STATES}
        for row in rows:
            by_state[self.repo.state_of(row, now)].append(row["id"])
        return {"job_ids": [row["id"] for row in rows], "job_ids_by_state": by_state}

    def create_tasks(self, spec: dict[str, Any]) -> list[str]:
        """Jobs on a chosen schedule (the core has checked ``count``, ``outcome``, ``queued_s`` and ``run_s``)."""
        unknown = sorted(set(spec) - TASK_SPEC_KEYS)
        if unknown:
            raise ValueError(f"unknown keys {unknown} for jobs tasks; accepted: {', '.join(sorted(TASK_SPEC_KEYS))}")
        name = spec.get("name", "emulator job")
        if not isinstance(name, str):
            raise ValueError(f"name must be a string, got {name!r}")
        now = self.ctx.clock.now()
        plan = Plan(name, now, float(spec["queued_s"]), float(spec["run_s"]), Phase(spec["outcome"]))
        return self.repo.insert([plan] * int(spec["count"]))

    def routes(self) -> list[BaseRoute]:
        return JobsApi(self.repo, self.ctx.credentials.of(JobsCredentials).token).routes()

    def error_response(self, status: int, message: str, *, retry_after: float | None = None) -> Response:
        headers = {"Retry-After": str(math.ceil(retry_after))} if retry_after is not None else None
        return error_body(status, message, headers=headers)
