"""Task rows as TileDB ``ArrayTask`` JSON, and the task listing's filters as SQL.

Status comes from the shared ``Schedule`` at the clock's "now": QUEUED before ``started_at``, RUNNING until
``ends_at``, then the stored ``final_status`` (COMPLETED, FAILED, RESOURCES_UNAVAILABLE or CANCELLED). The
listing's status filter expresses the same rule in SQL, so filtering and rendering always agree.

``start_time`` is the submission time (so ``start``/``end``/``orderby=start_time`` all use one column),
``finish_time`` is set once the task is final, and ``duration`` (nanoseconds) grows while the task runs: TileDB
has no progress field, so elapsed time is what a poller sees moving.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import attrs

from .._lifecycle import Phase, Schedule
from ._seed import ARRAY_FILE_TYPES
from ._wire import rfc3339

_LIVE_STATUS = {Phase.QUEUED: "QUEUED", Phase.RUNNING: "RUNNING"}
_FINAL_STATUSES = ("COMPLETED", "FAILED", "RESOURCES_UNAVAILABLE", "CANCELLED")
_FAILURE_MESSAGES = {
    "FAILED": "UDF raised an exception: ValueError('emulated failure')",
    "RESOURCES_UNAVAILABLE": "not enough resources were available to run the task",
    "CANCELLED": "the task was cancelled",
}


def schedule_of(row: sqlite3.Row) -> Schedule:
    return Schedule(
        created_at=row["created_at"], queued_s=row["queued_s"], run_s=row["run_s"], outcome=Phase(row["outcome"])
    )


def status_at(row: sqlite3.Row, now: float) -> str:
    """The ArrayTaskStatus of a task row at ``now``."""
    phase = schedule_of(row).phase_at(now)
    return _LIVE_STATUS.get(phase) or str(row["final_status"])


def render_task(row: sqlite3.Row, now: float) -> dict[str, Any]:
    """One ``ArrayTask`` object; empty optional fields are omitted as the real server does."""
    schedule = schedule_of(row)
    phase = schedule.phase_at(now)
    status = _LIVE_STATUS.get(phase) or str(row["final_status"])
    elapsed = 0.0 if phase is Phase.QUEUED else min(now, schedule.finished_at) - schedule.started_at
    task: dict[str, Any] = {
        "id": row["id"],
        "name": row["name"],
        "username": row["username"],
        "namespace": row["namespace"],
        "status": status,
        "status_message": _FAILURE_MESSAGES.get(status),
        "start_time": rfc3339(row["created_at"]),
        "finish_time": rfc3339(schedule.finished_at) if phase.final else None,
        "type": row["type"],
        "memory": row["memory"],
        "cpu": row["cpu"],
        "cost": row["cost"],
        "egress_cost": 0.0,
        "access_cost": 0.0,
        "logs": _logs(status),
        "duration": round(max(0.0, elapsed) * 1e9),
        "cloud_provider": "AWS",
        "cloud_region": "us-east-1",
    }
    if row["description"] is not None:
        task["description"] = row["description"]
    if row["result_format"] is not None:
        task["result_format"] = row["result_format"]
    task.update(_type_fields(row))
    if row["array_id"] is not None:
        task.update(_array_fields(row))
    return task


def _logs(status: str) -> str:
    if status in ("QUEUED", "RUNNING"):
        return ""
    return f"task finished with status {status}\n"


def _type_fields(row: sqlite3.Row) -> dict[str, Any]:
    task_type = row["type"]
    if task_type == "SQL":
        table = row["array_path"] or "arrays/array_0"
        query = "SELECT * FROM `" + table + "` LIMIT 10"  # noqa: S608 (text shown to clients, never executed)
        return {"sql_query": query, "sql_parameters": []}
    if task_type == "QUERY":
        return {"query_type": "READ", "subarray": {"int64": [1, 100]}}
    if task_type in ("UDF", "GENERIC_UDF", "BATCH_UDF"):
        return {"udf_code": "def f(data):\n    return data\n", "udf_language": "python"}
    return {}


def _array_fields(row: sqlite3.Row) -> dict[str, Any]:
    k = int(row["array_path"].rsplit("_", 1)[1])
    name = f"array_{k}"
    info: dict[str, Any] = {
        "id": row["array_id"],
        "name": name,
        "namespace": "emulator",
        "uri": f"s3://emulator-bucket/{row['array_path']}",
        "tiledb_uri": f"tiledb://emulator/{name}",
        "type": "sparse" if k % 2 else "dense",
    }
    if ARRAY_FILE_TYPES[k] is not None:
        info["file_type"] = ARRAY_FILE_TYPES[k]
    asset = {
        "id": row["array_id"],
        "name": name,
        "path": row["array_path"],
        "teamspace_name": row["teamspace"],
        "workspace_name": row["workspace"],
    }
    return {"array_metadata": info, "asset": asset}


@attrs.define
class TaskFilter:
    """The task listing's filters, already validated; ``where()`` turns them into SQL and parameters."""

    workspace: str
    now: float
    teamspace: str | None = None
    created_by: str | None = None
    array: str | None = None
    start: float | None = None
    end: float | None = None
    type: str | None = None
    exclude_types: list[str] = attrs.Factory(list)
    file_types: list[str] = attrs.Factory(list)
    exclude_file_types: list[str] = attrs.Factory(list)
    status: str | None = None
    search: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["workspace = ?"], [self.workspace]
        for sql, values in self._clauses():
            clauses.append(sql)
            params.extend(values)
        return " AND ".join(clauses), params

    def _clauses(self) -> list[tuple[str, list[Any]]]:
        out: list[tuple[str, list[Any]]] = []
        if self.teamspace is not None:
            out.append(("(teamspace = ? OR teamspace_id = ?)", [self.teamspace, self.teamspace]))
        if self.created_by is not None:
            out.append(("username = ?", [self.created_by]))
        if self.array is not None:
            out.append(("(array_path = ? OR array_id = ?)", [self.array, self.array]))
        if self.start is not None:
            out.append(("created_at >= ?", [self.start]))
        if self.end is not None:
            out.append(("created_at <= ?", [self.end]))
        if self.type is not None:
            out.append(("type = ?", [self.type]))
        if self.exclude_types:
            out.append((f"type NOT IN ({_marks(self.exclude_types)})", list(self.exclude_types)))
        if self.file_types:
            out.append((f"file_type IN ({_marks(self.file_types)})", list(self.file_types)))
        if self.exclude_file_types:
            marks = _marks(self.exclude_file_types)
            out.append((f"(file_type IS NULL OR file_type NOT IN ({marks}))", list(self.exclude_file_types)))
        if self.status is not None:
            out.append(self._status_clause(self.status))
        if self.search is not None:
            like = "%" + self.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            sql = "(name LIKE ? ESCAPE '\\' OR namespace LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')"
            out.append((sql, [like, like, like]))
        return out

    def _status_clause(self, status: str) -> tuple[str, list[Any]]:
        if status == "QUEUED":
            return "started_at > ?", [self.now]
        if status == "RUNNING":
            return "(started_at <= ? AND ends_at > ?)", [self.now, self.now]
        if status in _FINAL_STATUSES:
            return "(ends_at <= ? AND final_status = ?)", [self.now, status]
        return "0", []  # UNKNOWN and the deprecated DENIED: the emulator never reports them.


def _marks(values: list[str]) -> str:
    return ", ".join("?" for _ in values)
