"""The emulator's ASGI app: each service under ``/<name>``, the admin API under ``/_emulator/``."""

from __future__ import annotations

import asyncio

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ._admin import admin_app
from ._core import EmulatorCore
from ._routing import ServiceRouter

ADMIN_PREFIX = "_emulator"


class EmulatorApp:
    """Routes a request by its first path segment; 404 (JSON) for anything that is neither a service nor admin."""

    def __init__(self, core: EmulatorCore) -> None:
        self._routers = {name: ServiceRouter(svc, core.faults, core.counts) for name, svc in core.services.items()}
        self._admin: ASGIApp | None = admin_app(core) if core.settings.admin else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1003})
            return
        path = scope["path"][len(scope.get("root_path", "")) :]
        segment = path.split("/", 2)[1] if path.startswith("/") else ""
        router = self._routers.get(segment)
        if router is not None:
            try:
                await router(scope, receive, send)
            except asyncio.CancelledError:  # the server is stopping and dropped this request: nothing to report
                return
        elif segment == ADMIN_PREFIX and self._admin is not None:
            await self._admin(scope, receive, send)
        else:
            message = f"nothing at {path}; services are served under {['/' + name for name in self._routers]}"
            await JSONResponse({"error": message}, status_code=404)(scope, receive, send)


async def _lifespan(receive: Receive, send: Send) -> None:
    """Nothing to start or stop per server (the core is built before serving); just acknowledge."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
