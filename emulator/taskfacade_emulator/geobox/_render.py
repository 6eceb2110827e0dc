"""Task, progress and asset bodies exactly as Geobox sends them.

Timestamps are ISO 8601 in UTC *without* an offset and with microseconds (``2024-01-01T00:00:00.123456``), the
form the SDK's ``_parse_datetime`` expects. ``result`` is always an object (the SDK breaks on ``null``).
"""

from __future__ import annotations

import math
from typing import Any

from .._clock import utc_moment
from .._lifecycle import Phase
from ._assets import KINDS_BY_NAME
from ._tasks import PHASE_TO_STATE, AssetRow, TaskRow


def timestamp(epoch: float) -> str:
    """Naive-UTC ISO 8601 with microseconds, as Geobox writes it."""
    moment = utc_moment(epoch).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")


def task_json(task: TaskRow, now: float) -> dict[str, Any]:
    """The task body of ``GET /v1/tasks/{uuid}/`` and of each list item."""
    schedule = task.schedule
    phase = schedule.phase_at(now)
    started = phase is not Phase.QUEUED and not (phase is Phase.CANCELED and schedule.finished_at < schedule.started_at)
    return {
        "id": task.id,
        "uuid": task.uuid,
        "name": task.name,
        "state": PHASE_TO_STATE[phase],
        "result": _result(task, phase),
        "created_at": timestamp(schedule.created_at),
        "started_at": timestamp(schedule.started_at) if started else None,
        "finished_at": timestamp(schedule.finished_at) if phase.final else None,
        "user_id": task.user_id,
    }


def _result(task: TaskRow, phase: Phase) -> dict[str, Any]:
    if phase is Phase.SUCCEEDED and task.asset_uuid is not None and task.kind in KINDS_BY_NAME:
        return {KINDS_BY_NAME[task.kind].result_key: task.asset_uuid}
    if phase is Phase.FAILED:
        message = task.error or "task failed"
        return {"errors": [{"msg": message, "type": "processing_error"}], "detail": {"msg": message}}
    return {}


def progress_json(task: TaskRow, now: float) -> dict[str, Any]:
    """``{"current", "total"}`` work units; ``current == total`` only after success."""
    total = task.total_units
    current = math.floor(task.schedule.progress_at(now) / 100.0 * total)
    return {"current": current, "total": total}


def asset_json(asset: AssetRow, task: TaskRow, asset_id: int) -> dict[str, Any]:
    """An asset body: the common fields, then the kind's own (``layer_type``, ``file_type``, ...)."""
    return {
        "id": asset_id,
        "uuid": asset.uuid,
        "name": asset.name,
        "display_name": asset.name.replace("_", " ").title(),
        "description": f"Produced by task {task.uuid} ({task.name})",
        "owner_id": asset.owner_id,
        "created_at": timestamp(task.schedule.finished_at),
        **asset.fields,
    }
