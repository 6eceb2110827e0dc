"""Deterministic TileDB tasks: the seed set spread over the last 30 days, and tasks made by the admin API.

Seeded task ``i`` (0 = newest) is created ``30 days * (i + u) / n`` before the clock's "now" at seeding time, so
every 7-day window holds about a quarter of them. The newest 2% (at least three) are still live when seeded: a
third of those are queued, the rest running with long run times. Everything else has finished: 85% completed,
10% failed (a fifth of those as RESOURCES_UNAVAILABLE) and 5% cancelled.
"""

from __future__ import annotations

import importlib.util
import random
import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs

from .._lifecycle import Phase

T = TypeVar("T")

SEED_WINDOW_S = 30 * 86_400.0
TEAMSPACES = (("general", "ts_0000000000000000000000000001"), ("research", "ts_0000000000000000000000000002"))
USERNAMES = ("emulator", "emulator", "emulator", "alice", "bob")
#: File type of owned array ``k`` (tasks that ran on it inherit it); None is a plain TileDB array.
ARRAY_FILE_TYPES: tuple[str | None, ...] = (
    None,
    None,
    None,
    "notebook",
    None,
    "ml_model",
    None,
    "file",
    None,
    "user_defined_function",
    None,
    "registered_task_graph",
)
_TYPES = ("SQL",) * 6 + ("UDF",) * 6 + ("QUERY",) * 4 + ("GENERIC_UDF",) * 2 + ("BATCH_UDF", "CLIENT_COMPUTATION")
_DESCRIPTIONS = ("nightly aggregation", "ad-hoc exploration", "feature extraction", "ingest check", None)
_FINAL_STATUS = {Phase.SUCCEEDED: "COMPLETED", Phase.FAILED: "FAILED", Phase.CANCELED: "CANCELLED"}


def arrow_available() -> bool:
    """Whether Arrow results can be produced (pyarrow is optional; without it no task has Arrow results)."""
    return importlib.util.find_spec("pyarrow") is not None


def array_id(seed: int, k: int) -> str:
    """The deterministic id of owned array ``k``."""
    return str(uuid.UUID(int=random.Random(f"tiledb-array:{seed}:{k}").getrandbits(128), version=4))


def default_result_format(task_type: str, rng: random.Random, arrow: bool) -> str | None:
    """The result format a task of ``task_type`` stores (QUERY tasks store none)."""
    if task_type == "SQL":
        return "arrow" if arrow and rng.random() < 0.5 else "json"
    if task_type == "UDF":
        return _pick(rng, ("json", "json", "tiledb_json", "native", "python_pickle", "bytes"))
    if task_type in ("GENERIC_UDF", "BATCH_UDF"):
        return _pick(rng, ("json", "tiledb_json"))
    if task_type == "CLIENT_COMPUTATION":
        return "bytes"
    return None


@attrs.frozen
class NewTask:
    """Everything stored about one task (see ``_schema.TASK_COLUMNS``)."""

    id: str
    workspace: str
    type: str
    name: str
    created_at: float
    queued_s: float
    run_s: float
    outcome: Phase
    final_status: str
    result_format: str | None
    teamspace: tuple[str, str] = TEAMSPACES[0]
    description: str | None = None
    namespace: str = "emulator"
    username: str = "emulator"
    array_k: int | None = None
    array_id: str | None = None
    memory: int = 2 * 1024**3
    cpu: int = 2000
    cost: float = 0.0

    def row(self) -> tuple[Any, ...]:
        started = self.created_at + self.queued_s
        file_type = ARRAY_FILE_TYPES[self.array_k] if self.array_k is not None else None
        path = f"arrays/array_{self.array_k}" if self.array_k is not None else None
        return (
            self.id,
            self.workspace,
            self.teamspace[0],
            self.teamspace[1],
            self.type,
            self.name,
            self.description,
            self.namespace,
            self.username,
            self.array_id,
            path,
            file_type,
            self.created_at,
            self.queued_s,
            self.run_s,
            started,
            started + self.run_s,
            str(self.outcome),
            self.final_status,
            self.result_format,
            self.memory,
            self.cpu,
            self.cost,
        )


def seed_tasks(*, count: int, now: float, workspace: str, seed: int) -> list[tuple[Any, ...]]:
    """The ``count`` seed task rows, newest first."""
    seeder = _Seeder(
        rng=random.Random(f"tiledb-tasks:{seed}"),
        count=count,
        now=now,
        workspace=workspace,
        array_ids=tuple(array_id(seed, k) for k in range(len(ARRAY_FILE_TYPES))),
        arrow=arrow_available(),
    )
    return [seeder.task(i).row() for i in range(count)]


def _uuid4(rng: random.Random) -> str:
    """A version-4 UUID string from ``rng`` (what ``uuid.UUID(int=..., version=4)`` gives, four times faster)."""
    bits = (rng.getrandbits(128) & ~(0xF000 << 64) & ~(0xC000 << 48)) | (4 << 76) | (0x8000 << 48)
    h = f"{bits:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _pick(rng: random.Random, options: Sequence[T]) -> T:
    """``rng.choice`` without its rejection sampling (several times faster; 100,000 tasks draw ~10 each)."""
    return options[int(rng.random() * len(options))]


@attrs.define
class _Seeder:
    """Draws seed tasks from one RNG stream, so the same seed always gives the same tasks."""

    rng: random.Random
    count: int
    now: float
    workspace: str
    array_ids: tuple[str, ...]
    arrow: bool

    def task(self, i: int) -> NewTask:
        rng = self.rng
        age = SEED_WINDOW_S * (i + rng.random()) / self.count
        queued_s, run_s = self._schedule(i, age)
        draw = rng.random()
        outcome = Phase.SUCCEEDED if draw < 0.85 else Phase.FAILED if draw < 0.95 else Phase.CANCELED
        final = _FINAL_STATUS[outcome]
        if outcome is Phase.FAILED and rng.random() < 0.2:
            final = "RESOURCES_UNAVAILABLE"
        task_type = _pick(rng, _TYPES)
        on_array = task_type in ("QUERY", "UDF") or (task_type == "SQL" and rng.random() < 0.5)
        k = int(rng.random() * len(ARRAY_FILE_TYPES)) if on_array else None
        return NewTask(
            id=_uuid4(rng),
            workspace=self.workspace,
            type=task_type,
            name=f"{task_type.lower()}-task-{i}",
            created_at=self.now - age,
            queued_s=queued_s,
            run_s=run_s,
            outcome=outcome,
            final_status=final,
            result_format=default_result_format(task_type, rng, self.arrow),
            teamspace=_pick(rng, TEAMSPACES),
            description=_pick(rng, _DESCRIPTIONS),
            namespace="emulator" if rng.random() < 0.7 else "emulator-org",
            username=_pick(rng, USERNAMES),
            array_k=k,
            array_id=self.array_ids[k] if k is not None else None,
            memory=_pick(rng, (512, 1024, 2048, 4096)) * 1024**2,
            cpu=_pick(rng, (500, 1000, 2000, 4000)),
            cost=round(rng.random() * 0.5, 6),
        )

    def _schedule(self, i: int, age: float) -> tuple[float, float]:
        """(queued_s, run_s): the newest tasks are still queued or running, the rest finished long ago."""
        rng, live = self.rng, max(3, self.count // 50)
        if i < live and i % 3 == 0:
            return age + 120 + rng.random() * 3480, 60 + rng.random() * 1740
        if i < live:
            queued_s = rng.random() * min(age, 30.0)
            return queued_s, age - queued_s + 300 + rng.random() * 6900
        return rng.random() * 30, 1 + rng.random() * 599


def created_task(*, spec: dict[str, Any], index: int, now: float, workspace: str, seed: int, username: str) -> NewTask:
    """One task for ``POST /_emulator/tasks`` (``spec`` already validated by ``Service.create_tasks``)."""
    rng = random.Random()
    task_type: str = spec["type"]
    outcome = Phase(spec["outcome"])
    on_array = task_type in ("QUERY", "UDF", "SQL")
    k = index % len(ARRAY_FILE_TYPES) if on_array else None
    return NewTask(
        id=str(uuid.uuid4()),
        workspace=workspace,
        type=task_type,
        name=spec.get("name") or f"emulator-{task_type.lower()}-{index}",
        created_at=now,
        queued_s=spec["queued_s"],
        run_s=spec["run_s"],
        outcome=outcome,
        final_status=_FINAL_STATUS[outcome],
        result_format=spec["result_format"],
        description="created through the emulator admin API",
        username=username,
        array_k=k,
        array_id=array_id(seed, k) if k is not None else None,
        cost=round(rng.uniform(0, 0.5), 6),
    )
