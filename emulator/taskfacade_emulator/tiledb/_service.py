"""The TileDB Cloud emulator service (mounted at ``/tiledb``; the spec is ``openapi/tiledb.yaml``)."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from starlette.responses import Response
from starlette.routing import BaseRoute

from .._service import JSON, Context, ServiceEmulator
from . import _wire
from ._api import TileDBApi
from ._auth import Authenticator
from ._catalog import assets
from ._credentials import TileDBCredentials
from ._results import PRODUCIBLE_FORMATS
from ._schema import INSERT_TASK, SCHEMA, TASK_INDEXES
from ._seed import arrow_available, created_task, seed_tasks

#: The most seeded ids ``GET /_emulator/seeded`` lists (newest first); ``task_count`` gives the total.
SEEDED_IDS_SHOWN = 1000
#: Result format of tasks made through the admin API when the request names none.
_DEFAULT_FORMATS: dict[str, str | None] = {
    "SQL": "json",
    "UDF": "json",
    "GENERIC_UDF": "json",
    "BATCH_UDF": "tiledb_json",
    "CLIENT_COMPUTATION": "bytes",
    "QUERY": None,
}
_CREATE_KEYS = frozenset({"count", "outcome", "queued_s", "run_s", "type", "result_format", "name"})
#: Keys whose values are lists of enum members (``inject_unknown`` appends a value no client knows).
_ENUM_LIST_FIELDS = frozenset({"allowed_actions", "scope"})
_UNKNOWN = "FUTURE_VALUE"


class Service(ServiceEmulator):
    """TileDB tasks, results, account and browsers, with API-key, Basic and session-token auth."""

    name: ClassVar[str] = "tiledb"
    credentials_type: ClassVar[type[Any] | None] = TileDBCredentials
    enum_fields: ClassVar[frozenset[str]] = frozenset(
        {"status", "type", "result_format", "query_type", "file_type", "group_type", "role", "action"}
    )

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self._api = TileDBApi(ctx, Authenticator(ctx.store, ctx.clock, ctx.credentials.of(TileDBCredentials)))

    def schema(self) -> str:
        return SCHEMA

    def seed(self) -> None:
        """Seed tasks and the asset catalog once; a database that already holds them is left alone."""
        store = self.ctx.store
        if store.query_one("SELECT value FROM tiledb_meta WHERE key = 'seeded_count'") is not None:
            return
        now, count = self.ctx.clock.now(), self.ctx.count_for(self.name)
        creds = self.ctx.credentials.of(TileDBCredentials)
        rows = seed_tasks(count=count, now=now, workspace=creds.workspace, seed=self.ctx.seed)
        catalog = assets(now=now, seed=self.ctx.seed, username=creds.username)
        with store.transaction() as conn:
            for index in TASK_INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {index}")
            conn.executemany(INSERT_TASK, rows)
            for index, on in TASK_INDEXES.items():
                conn.execute(f"CREATE INDEX {index} ON {on}")
            conn.executemany(
                "INSERT INTO tiledb_assets (kind, seq, body) VALUES (?, ?, ?)",
                [(kind, seq, json.dumps(body)) for kind, seq, body in catalog],
            )
            conn.executemany(
                "INSERT INTO tiledb_meta (key, value) VALUES (?, ?)",
                [("seeded_count", str(count)), ("seeded_at", repr(now))],
            )

    def seeded(self) -> dict[str, Any]:
        row = self.ctx.store.query_one("SELECT value FROM tiledb_meta WHERE key = 'seeded_count'")
        count = int(row["value"]) if row is not None else 0
        ids = self.ctx.store.query(
            "SELECT id FROM tiledb_tasks WHERE seq <= ? ORDER BY seq LIMIT ?", (count, SEEDED_IDS_SHOWN)
        )
        return {
            "workspace": self.ctx.credentials.of(TileDBCredentials).workspace,
            "task_ids": [r["id"] for r in ids],
            "task_count": count,
            "arrow_results": arrow_available(),
        }

    def create_tasks(self, spec: dict[str, Any]) -> list[str]:
        """Tasks of ``type`` (default UDF) with ``result_format`` (default per type), created now."""
        full = _validated(spec)
        creds, now = self.ctx.credentials.of(TileDBCredentials), self.ctx.clock.now()
        tasks = [
            created_task(
                spec=full,
                index=i,
                now=now,
                workspace=creds.workspace,
                seed=self.ctx.seed,
                username=creds.username,
            )
            for i in range(int(full["count"]))
        ]
        self.ctx.store.executemany(INSERT_TASK, [task.row() for task in tasks])
        return [task.id for task in tasks]

    def routes(self) -> list[BaseRoute]:
        return self._api.routes()

    def error_response(self, status: int, message: str, *, retry_after: float | None = None) -> Response:
        return _wire.error_response(status, message, retry_after=retry_after)

    def inject_unknown(self, body: JSON) -> JSON:
        """Replace enum values (and extend enum lists such as ``allowed_actions``) with a value no client knows.

        TileDB has no tagged unions in this API, so there are no union members to replace.
        """
        if isinstance(body, dict):
            out: dict[str, Any] = {}
            for key, value in body.items():
                if key in self.enum_fields and isinstance(value, str):
                    out[key] = _UNKNOWN
                elif key in _ENUM_LIST_FIELDS and isinstance(value, list):
                    out[key] = [*value, _UNKNOWN]
                else:
                    out[key] = self.inject_unknown(value)
            return out
        if isinstance(body, list):
            return [self.inject_unknown(v) for v in body]
        return body


def _validated(spec: dict[str, Any]) -> dict[str, Any]:
    """Check the TileDB-specific fields of an admin task spec and fill their defaults; ValueError on bad input."""
    unknown = sorted(set(spec) - _CREATE_KEYS)
    if unknown:
        raise ValueError(f"unknown field(s) {unknown} for tiledb tasks; accepted: {sorted(_CREATE_KEYS)}")
    task_type = spec.get("type", "UDF")
    if task_type not in _wire.ARRAY_TASK_TYPES:
        raise ValueError(f"'type' must be one of {list(_wire.ARRAY_TASK_TYPES)}, got {task_type!r}")
    result_format = spec.get("result_format") or _DEFAULT_FORMATS[task_type]
    if result_format is not None and result_format not in PRODUCIBLE_FORMATS:
        raise ValueError(f"'result_format' must be one of {list(PRODUCIBLE_FORMATS)}, got {result_format!r}")
    if result_format == "arrow" and not arrow_available():
        raise ValueError("'result_format' arrow needs pyarrow, which is not installed in the emulator")
    name = spec.get("name")
    if name is not None and (not isinstance(name, str) or not name):
        raise ValueError(f"'name' must be a non-empty string, got {name!r}")
    return {**spec, "type": task_type, "result_format": result_format}
