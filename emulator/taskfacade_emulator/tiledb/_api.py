"""The TileDB routes: tasks (list, get, result), user, organizations, session login, workspaces and the browsers.

Every route authenticates first (401 in TileDB's ``Error`` format), then validates its parameters (400 naming
the parameter and what it accepts) before touching storage. The task listing is 0-based on the wire and echoes
that page in ``pagination_metadata.page`` (an integral float such as ``page=1.0``, which tiledb-client 3.x sends,
counts as its whole number); ``array_tasks`` is omitted when a page is empty, as the real server's
``x-omitempty`` does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._service import Context
from . import _params as p
from ._auth import Authenticator
from ._browse import DEFAULT_PER_PAGE, MAX_PER_PAGE, browse_arrays, browse_groups
from ._catalog import organizations, user_profile, workspace, workspace_name
from ._credentials import TileDBCredentials
from ._results import result_body
from ._tasks import TaskFilter, render_task, status_at
from ._wire import ARRAY_TASK_STATUSES, ARRAY_TASK_TYPES, CODE_NO_RESULTS, error_response, json_response

#: How long results are kept after a task finishes (the vendor keeps them "up to 24 h", CP PR #119).
RESULT_TTL_S = 86_400.0

Handler = Callable[[Request], Awaitable[Response]]


class NotFoundError(Exception):
    """The addressed workspace, task or organization does not exist (answered as 404)."""


class TileDBApi:
    """Route handlers bound to one emulator context."""

    def __init__(self, ctx: Context, auth: Authenticator) -> None:
        self._ctx = ctx
        self._store = ctx.store
        self._auth = auth

    def routes(self) -> list[BaseRoute]:
        table: list[tuple[str, Handler]] = [
            ("/v1/tasks/{workspace}", self.list_tasks),
            ("/v1/task/{workspace}/{id}", self.get_task),
            ("/v1/task/{workspace}/{id}/result", self.get_result),
            ("/v1/user", self.get_user),
            ("/v1/organizations", self.list_organizations),
            ("/v1/organizations/{organization}", self.get_organization),
            ("/v1/session", self.get_session),
            ("/v4/workspaces/{workspace}", self.get_workspace),
        ]
        table += [(f"/v1/arrays/browser/{kind}", self._arrays(kind)) for kind in ("owned", "public", "shared")]
        table += [(f"/v1/groups/browser/{kind}", self._groups(kind)) for kind in ("owned", "public", "shared")]
        return [Route(path, self._guard(handler), methods=["GET"]) for path, handler in table]

    def _guard(self, handler: Handler) -> Handler:
        async def guarded(request: Request) -> Response:
            refusal = self._auth.refusal(request)
            if refusal is not None:
                return error_response(401, refusal)
            try:
                return await handler(request)
            except p.BadParameterError as exc:
                return error_response(400, str(exc))
            except NotFoundError as exc:
                return error_response(404, str(exc))

        return guarded

    # Tasks.

    async def list_tasks(self, request: Request) -> Response:
        workspace = self._workspace(request)
        q = request.query_params
        now = self._ctx.clock.now()
        flt = TaskFilter(
            workspace=workspace,
            now=now,
            teamspace=p.optional_str(q, "teamspace"),
            created_by=p.optional_str(q, "created_by"),
            array=p.optional_str(q, "array"),
            start=_as_float(p.optional_int(q, "start")),
            end=_as_float(p.optional_int(q, "end")),
            type=p.optional_choice(q, "type", ARRAY_TASK_TYPES),
            exclude_types=p.csv_choices(q, "exclude_type", ARRAY_TASK_TYPES),
            file_types=p.str_list(q, "file_type"),
            exclude_file_types=p.str_list(q, "exclude_file_type"),
            status=p.optional_choice(q, "status", ARRAY_TASK_STATUSES),
            search=p.optional_str(q, "search"),
        )
        page = p.optional_page(q, "page") or 0
        per_page = min(p.optional_int(q, "per_page", minimum=1) or DEFAULT_PER_PAGE, MAX_PER_PAGE)
        order = _task_order(p.order_by(q, "orderby", ("start_time", "name")))
        where, params = flt.where()
        total = int(self._store.query(f"SELECT COUNT(*) AS n FROM tiledb_tasks WHERE {where}", params)[0]["n"])  # noqa: S608
        offset = page * per_page
        rows = []
        if offset < total:
            sql = f"SELECT * FROM tiledb_tasks WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"  # noqa: S608
            rows = self._store.query(sql, [*params, per_page, offset])
        meta = {"page": page, "per_page": per_page, "total_pages": math.ceil(total / per_page), "total_items": total}
        body: dict[str, Any] = {"pagination_metadata": meta}
        if rows:
            body["array_tasks"] = [render_task(row, now) for row in rows]
        return json_response(body)

    async def get_task(self, request: Request) -> Response:
        row = self._task_row(request)
        return json_response(render_task(row, self._ctx.clock.now()))

    async def get_result(self, request: Request) -> Response:
        row = self._task_row(request)
        now = self._ctx.clock.now()
        status = status_at(row, now)
        if status in ("QUEUED", "RUNNING"):
            return Response(status_code=202)
        if status != "COMPLETED" or row["result_format"] is None:
            return error_response(404, f"results were not saved (task status {status})", code=CODE_NO_RESULTS)
        if now >= row["ends_at"] + RESULT_TTL_S:
            return error_response(404, "results have expired (they are kept for 24 hours)", code=CODE_NO_RESULTS)
        content_type, body = self._stored_result(row["id"], row["result_format"])
        return Response(body, media_type=content_type)

    def _stored_result(self, task_id: str, result_format: str) -> tuple[str, bytes]:
        """The task's stored result, produced and stored on first fetch (deterministic, so a race is harmless)."""
        stored = self._store.query_one("SELECT content_type, body FROM tiledb_results WHERE task_id = ?", (task_id,))
        if stored is not None:
            return str(stored["content_type"]), bytes(stored["body"])
        content_type, body = result_body(task_id, result_format)
        self._store.execute(
            "INSERT OR IGNORE INTO tiledb_results (task_id, content_type, body) VALUES (?, ?, ?)",
            (task_id, content_type, body),
        )
        return content_type, body

    def _task_row(self, request: Request) -> Any:
        workspace = self._workspace(request)
        task_id = p.task_id(request.path_params["id"])
        row = self._store.query_one("SELECT * FROM tiledb_tasks WHERE id = ? AND workspace = ?", (task_id, workspace))
        if row is None:
            raise NotFoundError(f"task {task_id} not found in workspace {workspace}")
        return row

    def _workspace(self, request: Request) -> str:
        workspace = str(request.path_params["workspace"])
        if workspace != self._credentials.workspace:
            raise NotFoundError(f"workspace {workspace!r} not found")
        return workspace

    # Account.

    async def get_user(self, request: Request) -> Response:
        return json_response(user_profile(self._credentials.username))

    async def list_organizations(self, request: Request) -> Response:
        return json_response(organizations(self._credentials.username, self._account_created()))

    async def get_organization(self, request: Request) -> Response:
        wanted = request.path_params["organization"]
        for org in organizations(self._credentials.username, self._account_created()):
            if wanted in (org["name"], org["id"]):
                return json_response(org)
        raise NotFoundError(f"organization {wanted!r} not found")

    async def get_session(self, request: Request) -> Response:
        q = request.query_params
        remember_me = bool(p.optional_bool(q, "remember_me"))
        expires = p.optional_datetime(q, "expires")
        if expires is not None and expires <= self._ctx.clock.now():
            raise p.BadParameterError(f"'expires' must be in the future, got {q.get('expires')!r}")
        return json_response(self._auth.create_session(remember_me=remember_me, expires=expires))

    async def get_workspace(self, request: Request) -> Response:
        """The emulator's one workspace, asked for by id or by name (how tiledb-client resolves a name)."""
        wanted = str(request.path_params["workspace"])
        workspace_id = self._credentials.workspace
        if wanted not in (workspace_id, workspace_name(workspace_id)):
            raise NotFoundError(f"workspace {wanted!r} not found")
        return json_response(workspace(workspace_id, self._credentials.username, self._account_created()))

    @property
    def _credentials(self) -> TileDBCredentials:
        return self._ctx.credentials.of(TileDBCredentials)

    def _account_created(self) -> float:
        row = self._store.query_one("SELECT value FROM tiledb_meta WHERE key = 'seeded_at'")
        return float(row["value"]) if row is not None else self._ctx.clock.now()

    # Browsers.

    def _arrays(self, kind: str) -> Handler:
        async def handler(request: Request) -> Response:
            items = self._assets(f"arrays/{kind}")
            return json_response(browse_arrays(items, request.query_params, shared=kind == "shared"))

        return handler

    def _groups(self, kind: str) -> Handler:
        async def handler(request: Request) -> Response:
            items = self._assets(f"groups/{kind}")
            return json_response(browse_groups(items, request.query_params, shared=kind == "shared"))

        return handler

    def _assets(self, kind: str) -> list[dict[str, Any]]:
        rows = self._store.query("SELECT body FROM tiledb_assets WHERE kind = ? ORDER BY seq", (kind,))
        return [json.loads(row["body"]) for row in rows]


def _as_float(value: int | None) -> float | None:
    return None if value is None else float(value)


def _task_order(order: tuple[str, str | None] | None) -> str:
    """SQL ORDER BY for the listing: ``start_time`` newest first and ``name`` A-Z unless a direction is given."""
    field, direction = order or ("start_time", None)
    if field == "name":
        sql_dir = "DESC" if direction == "desc" else "ASC"
        return f"name {sql_dir}, seq {sql_dir}"
    sql_dir = "ASC" if direction == "asc" else "DESC"
    return f"created_at {sql_dir}, seq {sql_dir}"
