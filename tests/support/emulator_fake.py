"""A tiny service emulator used to test the shared server without any real service (no tests in this module).

It follows the shared lifecycle on the emulator clock, stores tasks in SQLite, checks a token, and has routes
that crash, raise HTTPException and return non-JSON bodies, so every path through the server can be exercised.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from taskfacade_emulator import Emulator, Phase, Schedule, ServiceEmulator

TOKEN = "fake-token"
AUTH = {"X-Fake-Token": TOKEN}


class FakeService(ServiceEmulator):
    """Tasks under ``/v1/tasks``, token auth in ``X-Fake-Token``, errors as ``{"fakeError": {...}}``."""

    name = "fake"
    enum_fields = frozenset({"status"})

    def schema(self) -> str:
        return """
        CREATE TABLE IF NOT EXISTS fake_tasks (
            n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL,
            created_at REAL NOT NULL, queued_s REAL NOT NULL, run_s REAL NOT NULL, outcome TEXT NOT NULL,
            canceled_at REAL
        );
        """

    def seed(self) -> None:
        if self.ctx.store.query_one("SELECT 1 FROM fake_tasks LIMIT 1") is None:
            now = self.ctx.clock.now()
            count = self.ctx.count_for(self.name)
            self._insert([(now - 3600.0 * i, 60.0, 600.0, "succeeded", "seeded") for i in range(count)])

    def seeded(self) -> dict[str, Any]:
        rows = self.ctx.store.query("SELECT id FROM fake_tasks WHERE kind = 'seeded' ORDER BY n")
        return {"task_ids": [row["id"] for row in rows]}

    def create_tasks(self, spec: dict[str, Any]) -> list[str]:
        kind = spec.get("kind", "created")
        if not isinstance(kind, str):
            raise ValueError(f"'kind' must be a string, got {kind!r}")
        now = self.ctx.clock.now()
        rows = [(now, spec["queued_s"], spec["run_s"], spec["outcome"], kind)] * spec["count"]
        return self._insert(rows)

    def _insert(self, rows: list[tuple[float, float, float, str, str]]) -> list[str]:
        with self.ctx.store.transaction() as conn:
            start = conn.execute("SELECT COALESCE(MAX(n), 0) FROM fake_tasks").fetchone()[0]
            ids = [f"task-{start + i + 1:06d}" for i in range(len(rows))]
            conn.executemany(
                "INSERT INTO fake_tasks (id, created_at, queued_s, run_s, outcome, kind) VALUES (?, ?, ?, ?, ?, ?)",
                [(task_id, *row[:4], row[4]) for task_id, row in zip(ids, rows, strict=True)],
            )
        return ids

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/v1/tasks", self._list, methods=["GET"]),
            Route("/v1/tasks/{task_id}", self._get, methods=["GET"]),
            Route("/v1/tasks/{task_id}/cancel", self._cancel, methods=["POST"]),
            Route("/v1/boom", self._boom, methods=["GET"]),
            Route("/v1/teapot", self._teapot, methods=["GET"]),
            Route("/v1/bytes", self._bytes, methods=["GET"]),
        ]

    def error_response(self, status: int, message: str, *, retry_after: float | None = None) -> Response:
        headers = {"X-Fake-Error": "1"}
        if retry_after is not None:
            headers["Retry-After"] = str(int(retry_after))
        return JSONResponse({"fakeError": {"code": status, "message": message}}, status_code=status, headers=headers)

    def _authorized(self, request: Request) -> bool:
        return request.headers.get("X-Fake-Token") == TOKEN

    def _task(self, task_id: str) -> dict[str, Any] | None:
        row = self.ctx.store.query_one("SELECT * FROM fake_tasks WHERE id = ?", (task_id,))
        if row is None:
            return None
        schedule = Schedule(row["created_at"], row["queued_s"], row["run_s"], Phase(row["outcome"]), row["canceled_at"])
        now = self.ctx.clock.now()
        phase = schedule.phase_at(now)
        return {
            "id": task_id,
            "kind": row["kind"],
            "status": phase.value.upper(),
            "progress": schedule.progress_at(now),
            "steps": [{"name": "only", "status": phase.value.upper()}],
        }

    async def _get(self, request: Request) -> Response:
        if not self._authorized(request):
            return self.error_response(401, "missing or wrong X-Fake-Token")
        task = self._task(request.path_params["task_id"])
        return self.error_response(404, "no such task") if task is None else JSONResponse(task)

    async def _list(self, request: Request) -> Response:
        if not self._authorized(request):
            return self.error_response(401, "missing or wrong X-Fake-Token")
        rows = self.ctx.store.query("SELECT id FROM fake_tasks ORDER BY n LIMIT 20")
        return JSONResponse({"tasks": [self._task(row["id"]) for row in rows]})

    async def _cancel(self, request: Request) -> Response:
        if not self._authorized(request):
            return self.error_response(401, "missing or wrong X-Fake-Token")
        task_id = request.path_params["task_id"]
        self.ctx.store.execute(
            "UPDATE fake_tasks SET canceled_at = ? WHERE id = ? AND canceled_at IS NULL",
            (self.ctx.clock.now(), task_id),
        )
        task = self._task(task_id)
        return self.error_response(404, "no such task") if task is None else JSONResponse(task)

    async def _boom(self, request: Request) -> Response:
        raise RuntimeError("the fake service crashed")

    async def _teapot(self, request: Request) -> Response:
        raise HTTPException(418, "short and stout")

    async def _bytes(self, request: Request) -> Response:
        return Response(b"\x00\x01raw bytes\xff" * 10, media_type="application/octet-stream")


def fake_emulator(**kwargs: Any) -> Emulator:
    """An (unstarted) emulator serving only the fake service, with a small seed and a frozen clock by default."""
    options: dict[str, Any] = {"seed_count": 5, "speed": 0.0, "services": [FakeService], **kwargs}
    return Emulator(**options)
