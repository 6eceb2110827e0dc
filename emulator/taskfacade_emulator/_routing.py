"""Serving one service under its prefix: route matching, request counts, faults and error handling.

Everything that reaches ``/<name>/...`` goes through ``ServiceRouter``: it finds the route (its template is what
``GET /_emulator/requests`` counts), lets a fault rule take over, and turns anything the service did not answer
itself (unknown path, wrong method, ``HTTPException``, a crash) into the service's own error format.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match
from starlette.types import Message, Receive, Scope, Send

from ._body import BodyError
from ._faults import FaultSet
from ._inject import apply_fault
from ._requests import RequestCounts
from ._service import ServiceEmulator

logger = logging.getLogger(__name__)


class ServiceRouter:
    """The ASGI app for one service, mounted at ``/<service.name>``."""

    def __init__(self, service: ServiceEmulator, faults: FaultSet, counts: RequestCounts) -> None:
        self.service = service
        self.prefix = "/" + service.name
        self.routes: list[BaseRoute] = list(service.routes())
        self._faults = faults
        self._counts = counts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope = {**scope, "root_path": scope.get("root_path", "") + self.prefix}
        sub_path = scope["path"][len(scope["root_path"]) :]
        method = scope["method"]
        route, child_scope, allowed = self._match(scope)
        self._counts.add(self.service.name, method, _template(route) if route is not None else None)
        scope.update(child_scope)

        async def dispatch(scope: Scope, receive: Receive, send: Send) -> None:
            await self._dispatch(route, allowed, scope, receive, send)

        rule = self._faults.pick(self.service.name, method, sub_path)
        if rule is None:
            await dispatch(scope, receive, send)
        else:
            await apply_fault(rule, self.service, dispatch, scope, receive, send)

    def _match(self, scope: Scope) -> tuple[BaseRoute | None, MutableMapping[str, Any], list[str]]:
        """The fully matching route, else the first path-only match (wrong method), with the allowed methods."""
        partial: tuple[BaseRoute, MutableMapping[str, Any]] | None = None
        allowed: list[str] = []
        for route in self.routes:
            match, child_scope = route.matches(scope)
            if match is Match.FULL:
                return route, child_scope, []
            if match is Match.PARTIAL:
                partial = partial or (route, child_scope)
                allowed.extend(sorted(getattr(route, "methods", None) or ()))
        if partial is None:
            return None, {}, []
        return partial[0], partial[1], allowed

    async def _dispatch(
        self, route: BaseRoute | None, allowed: list[str], scope: Scope, receive: Receive, send: Send
    ) -> None:
        if route is None:
            await self.service.error_response(404, f"no such path: {scope['path']}")(scope, receive, send)
            return
        if allowed:
            response = self.service.error_response(405, f"method {scope['method']} not allowed on {scope['path']}")
            response.headers["Allow"] = ", ".join(dict.fromkeys(allowed))
            await response(scope, receive, send)
            return
        await self._handle(route, scope, receive, send)

    async def _handle(self, route: BaseRoute, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the route; an exception before the response started becomes the service's own error."""
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await route.handle(scope, receive, tracking_send)
        except HTTPException as exc:
            if started:
                raise
            response = self.service.error_response(exc.status_code, exc.detail)
            await response(scope, receive, send)
        except BodyError as exc:  # a body refused by the shared reader that the service did not word itself
            if started:
                raise
            await self.service.error_response(exc.status, exc.message)(scope, receive, send)
        except Exception:
            logger.exception("unhandled error in %s %s %s", self.service.name, scope["method"], _template(route))
            if started:
                raise
            await self.service.error_response(500, "internal error in the emulator")(scope, receive, send)


def _template(route: BaseRoute) -> str:
    return str(getattr(route, "path", type(route).__name__))
