"""The Geobox routes: each handler authenticates, validates, reads or changes the store, and renders.

Handlers raise ``ApiError`` for every refusal; ``_endpoint`` turns it into Geobox's error body, so bad input
never becomes a 500.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .._body import read_body
from .._clock import Clock
from ._assets import ASSET_KINDS, AssetKind
from ._auth import Authenticator
from ._errors import ApiError, not_found
from ._listing import parse_list_query, where_clause
from ._params import QueryReader
from ._render import asset_json, progress_json, task_json
from ._tasks import TaskRow, TaskStore

Handler = Callable[[Request, int], Awaitable[Any]]
Endpoint = Callable[[Request], Awaitable[Response]]


class GeoboxApi:
    """The route handlers over one store, clock and authenticator."""

    def __init__(self, tasks: TaskStore, clock: Clock, auth: Authenticator) -> None:
        self._tasks = tasks
        self._clock = clock
        self._auth = auth

    def routes(self) -> list[BaseRoute]:
        routes: list[BaseRoute] = [
            Route("/v1/tasks/", self._endpoint(self.list_tasks), methods=["GET"]),
            Route("/v1/tasks/{uuid}/", self._endpoint(self.get_task), methods=["GET"]),
            Route("/v1/tasks/{uuid}/status/", self._endpoint(self.task_status), methods=["GET"]),
            Route("/v1/tasks/{uuid}/abort/", self._endpoint(self.abort_task), methods=["POST"]),
            Route("/v1/auth/token/", self.login, methods=["POST"]),
        ]
        for kind in ASSET_KINDS:
            routes.append(Route(kind.path, self._endpoint(self._asset_handler(kind)), methods=["GET"]))
        return routes

    def _endpoint(self, handler: Handler) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            try:
                caller = self._auth.caller(request)
                body = await handler(request, caller)
            except ApiError as exc:
                return exc.response()
            return body if isinstance(body, Response) else JSONResponse(body)

        return endpoint

    async def list_tasks(self, request: Request, caller: int) -> Any:
        query = parse_list_query(request.query_params)
        now = self._clock.now()
        where, params = where_clause(query, caller, now)
        if query.return_count:
            return {"count": self._tasks.count(where, params)}
        rows = self._tasks.select(where, params, query.order_by, query.skip, query.limit)
        return [task_json(row, now) for row in rows]

    def _task(self, request: Request) -> TaskRow:
        task = self._tasks.get(request.path_params["uuid"])
        if task is None:
            raise not_found("Task")
        return task

    async def get_task(self, request: Request, caller: int) -> Any:
        return task_json(self._task(request), self._clock.now())

    async def task_status(self, request: Request, caller: int) -> Any:
        return progress_json(self._task(request), self._clock.now())

    async def abort_task(self, request: Request, caller: int) -> Any:
        now = self._clock.now()
        return task_json(self._tasks.abort(request.path_params["uuid"], now), now)

    async def login(self, request: Request) -> Response:
        """``POST /v1/auth/token/``: the one route without credentials."""
        try:
            token = self._auth.login(
                request.headers.get("content-type", ""), await read_body(request), self._clock.now()
            )
        except ApiError as exc:
            return exc.response()
        return JSONResponse({"access_token": token, "token_type": "bearer"})

    def _asset_handler(self, kind: AssetKind) -> Handler:
        async def get_asset(request: Request, caller: int) -> Any:
            read = QueryReader(request.query_params)
            read.choice("f", ("json",))
            user_id = read.integer("user_id", None, minimum=1)
            read.check()
            found = self._tasks.asset(kind.name, request.path_params["uuid"])
            if found is None:
                raise not_found(kind.label)
            asset, task = found
            visible = task.state_at(self._clock.now()) == "SUCCESS"
            if not visible or (user_id is not None and asset.owner_id != user_id):
                raise not_found(kind.label)
            return asset_json(asset, task, task.id)

        return get_asset
