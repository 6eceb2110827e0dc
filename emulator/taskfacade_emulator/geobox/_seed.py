"""Deterministic Geobox tasks: the start-up seed and the tasks ``POST /_emulator/tasks`` asks for.

The seed spreads tasks over the 30 days before the emulator's start time: about 80% finished (mostly SUCCESS,
some FAILURE, some ABORTED), 10% still running and 10% still queued at start. About 10% belong to a second user
(half of those shared), so ``shared`` and ``user_id`` have something to show. The same ``seed`` gives the same
tasks, uuids included.
"""

from __future__ import annotations

import math
import random
import uuid
from typing import Any

import attrs

from .._lifecycle import Phase, Schedule
from ._assets import ASSET_KINDS, KINDS_BY_NAME, NO_ASSET, TASK_KINDS, verb_for
from ._auth import EMULATOR_USER_ID
from ._tasks import AssetRow, TaskRow

OTHER_USER_ID = 2
DAY_S = 86_400.0
DATASETS = ("roads", "parcels", "buildings", "rivers", "landuse", "dem_2024", "pois", "railways", "census", "wells")
FAILURE_MESSAGES = (
    "Invalid geometry in feature 42",
    "Unsupported coordinate reference system",
    "Source file is corrupted",
    "Worker ran out of memory",
)
SPEC_KEYS = frozenset({"count", "outcome", "queued_s", "run_s", "name", "asset", "user_id", "shared"})
OUTCOMES = {"succeeded": Phase.SUCCEEDED, "failed": Phase.FAILED, "canceled": Phase.CANCELED}


def whole_microseconds(epoch: float) -> float:
    """``epoch`` rounded down to a whole microsecond, the precision Geobox timestamps show.

    Stored creation times then equal what clients read (a ``created_at > '...'`` filter built from a listed
    timestamp excludes that task), and rounding down never moves a task's end past the clock that created it.
    """
    micros = math.floor(epoch * 1_000_000)
    return micros / 1_000_000 if micros / 1_000_000 <= epoch else (micros - 1) / 1_000_000


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def make_task(
    rng: random.Random, schedule: Schedule, kind: str, name: str, user_id: int, shared: bool, *, seeded: bool
) -> tuple[TaskRow, AssetRow | None]:
    """One task and, when its kind produces one and it succeeds, its asset."""
    task_uuid = new_uuid(rng)
    schedule = attrs.evolve(schedule, created_at=whole_microseconds(schedule.created_at))
    asset: AssetRow | None = None
    if kind != NO_ASSET and schedule.outcome is Phase.SUCCEEDED:
        fields = KINDS_BY_NAME[kind].make_fields(rng)
        asset = AssetRow(new_uuid(rng), kind, task_uuid, name.split(":", 1)[-1], user_id, fields)
    error = rng.choice(FAILURE_MESSAGES) if schedule.outcome is Phase.FAILED else None
    units = rng.randint(10, 5000)
    asset_uuid = asset.uuid if asset else None
    task = TaskRow(task_uuid, name, kind, user_id, schedule, units, shared, asset_uuid, error, seeded)
    return task, asset


def seed_tasks(count: int, seed: int, now: float) -> tuple[list[TaskRow], list[AssetRow]]:
    """The start-up tasks (oldest first) and their assets."""
    rng = random.Random(f"geobox-seed-{seed}")
    drafts = sorted((_seed_schedule(rng, now) for _ in range(count)), key=lambda s: s.created_at)
    tasks: list[TaskRow] = []
    assets: list[AssetRow] = []
    for index, schedule in enumerate(drafts):
        kind = rng.choice(TASK_KINDS) if rng.random() < 0.9 else NO_ASSET
        owner = OTHER_USER_ID if rng.random() < 0.1 else EMULATOR_USER_ID
        name = f"{verb_for(kind)}:{rng.choice(DATASETS)}_{index}"
        shared = owner != EMULATOR_USER_ID and rng.random() < 0.5
        task, asset = make_task(rng, schedule, kind, name, owner, shared, seeded=True)
        tasks.append(task)
        assets.extend([asset] if asset else [])
    return tasks, assets


def _seed_schedule(rng: random.Random, now: float) -> Schedule:
    roll = rng.random()
    if roll < 0.1:  # queued at start: created in the last 5 minutes, starts 10-60 minutes from now
        created = now - rng.uniform(0, 300)
        return Schedule(created, (now - created) + rng.uniform(600, 3600), rng.uniform(60, 1800))
    if roll < 0.2:  # running at start: ends 10 minutes to 2 hours from now
        created = now - rng.uniform(120, 3600)
        queued = rng.uniform(1, 60)
        return Schedule(created, queued, (now - created - queued) + rng.uniform(600, 7200), _outcome(rng))
    created = now - rng.uniform(3600, 30 * DAY_S)
    schedule = Schedule(created, rng.uniform(0, 120), rng.uniform(5, 1800), _outcome(rng))
    if rng.random() < 0.08:  # aborted by a user part-way through
        canceled_at = schedule.started_at + schedule.run_s * rng.uniform(0.1, 0.9)
        return Schedule(created, schedule.queued_s, schedule.run_s, Phase.SUCCEEDED, canceled_at)
    return schedule


def _outcome(rng: random.Random) -> Phase:
    return Phase.FAILED if rng.random() < 0.15 else Phase.SUCCEEDED


def tasks_from_spec(spec: dict[str, Any], seed: int, now: float, serial: int) -> tuple[list[TaskRow], list[AssetRow]]:
    """Tasks for ``POST /_emulator/tasks``; raises ``ValueError`` naming the bad field and what is accepted.

    Geobox-specific fields: ``name`` (default ``<verb>:emulator_<n>``), ``asset`` (one of ``TASK_KINDS``,
    default ``vector``), ``user_id`` (default the emulator user) and ``shared`` (default false).
    """
    unknown = sorted(set(spec) - SPEC_KEYS)
    if unknown:
        raise ValueError(f"unknown field(s) {unknown} for geobox tasks; accepted: {sorted(SPEC_KEYS)}")
    count, outcome, queued_s, run_s = _common(spec)
    kind = spec.get("asset", ASSET_KINDS[0].name)
    if kind not in TASK_KINDS:
        raise ValueError(f"'asset' must be one of {list(TASK_KINDS)}, got {kind!r}")
    user_id = spec.get("user_id", EMULATOR_USER_ID)
    if not isinstance(user_id, int) or isinstance(user_id, bool) or not 1 <= user_id <= 2_147_483_647:
        raise ValueError(f"'user_id' must be a positive integer, got {user_id!r}")
    shared = spec.get("shared", False)
    if not isinstance(shared, bool):
        raise ValueError(f"'shared' must be true or false, got {shared!r}")
    name = spec.get("name")
    if name is not None and (not isinstance(name, str) or not name):
        raise ValueError(f"'name' must be a non-empty string, got {name!r}")
    rng = random.Random(f"geobox-create-{seed}-{serial}")
    tasks: list[TaskRow] = []
    assets: list[AssetRow] = []
    for index in range(count):
        label = name or f"{verb_for(kind)}:emulator_{serial + index}"
        schedule = Schedule(now, queued_s, run_s, outcome)
        task, asset = make_task(rng, schedule, kind, label, user_id, shared, seeded=False)
        tasks.append(task)
        assets.extend([asset] if asset else [])
    return tasks, assets


def _common(spec: dict[str, Any]) -> tuple[int, Phase, float, float]:
    count = spec.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 100_000:
        raise ValueError(f"'count' must be an integer from 1 to 100000, got {count!r}")
    outcome = spec.get("outcome", "succeeded")
    if outcome not in OUTCOMES:
        raise ValueError(f"'outcome' must be one of {list(OUTCOMES)}, got {outcome!r}")
    seconds = []
    for key, default in (("queued_s", 0.0), ("run_s", 30.0)):
        value = spec.get(key, default)
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value < 1e9:
            raise ValueError(f"{key!r} must be a number of seconds from 0, got {value!r}")
        seconds.append(float(value))
    return count, OUTCOMES[outcome], seconds[0], seconds[1]
