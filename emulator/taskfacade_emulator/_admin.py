"""The admin API under ``/_emulator/``: JSON in and out, no credentials (reference: docs/emulator.md)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ._body import BodyError, parse_json, read_body
from ._core import EmulatorCore

logger = logging.getLogger(__name__)

Endpoint = Callable[[Request], Awaitable[Response]]


def admin_app(core: EmulatorCore) -> Starlette:
    """The admin API as an app serving full paths ``/_emulator/...``."""

    async def seeded(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(core.seeded))

    async def create_tasks(request: Request) -> Response:
        spec = await _json_body(request)
        return JSONResponse({"ids": await run_in_threadpool(core.create_tasks, spec)})

    async def add_faults(request: Request) -> Response:
        body = await _json_body(request)
        if not isinstance(body, dict) or set(body) != {"rules"}:
            raise ValueError('the body must be {"rules": [rule, ...]}')
        return JSONResponse({"rules": core.add_faults(body["rules"])})

    async def list_faults(request: Request) -> Response:
        return JSONResponse({"rules": core.list_faults()})

    async def clear_faults(request: Request) -> Response:
        return JSONResponse({"cleared": core.clear_faults()})

    async def get_clock(request: Request) -> Response:
        return JSONResponse(core.clock_state())

    async def change_clock(request: Request) -> Response:
        return JSONResponse(core.change_clock(await _json_body(request)))

    async def requests(request: Request) -> Response:
        return JSONResponse(core.request_counts())

    async def clear_requests(request: Request) -> Response:
        core.counts.clear()
        return JSONResponse(core.request_counts())

    async def reset(request: Request) -> Response:
        return JSONResponse(core.reset())

    routes = [
        Route("/_emulator/seeded", _guard(seeded), methods=["GET"]),
        Route("/_emulator/tasks", _guard(create_tasks), methods=["POST"]),
        Route("/_emulator/faults", _guard(add_faults), methods=["POST"]),
        Route("/_emulator/faults", _guard(list_faults), methods=["GET"]),
        Route("/_emulator/faults", _guard(clear_faults), methods=["DELETE"]),
        Route("/_emulator/clock", _guard(get_clock), methods=["GET"]),
        Route("/_emulator/clock", _guard(change_clock), methods=["POST"]),
        Route("/_emulator/requests", _guard(requests), methods=["GET"]),
        Route("/_emulator/requests", _guard(clear_requests), methods=["DELETE"]),
        Route("/_emulator/reset", _guard(reset), methods=["POST"]),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: _http_error})  # type: ignore[dict-item]


def _guard(endpoint: Endpoint) -> Endpoint:
    """A refused body (400/413) or bad input (ValueError, 400) -> the message; anything else -> 500, logged."""

    async def guarded(request: Request) -> Response:
        try:
            return await endpoint(request)
        except BodyError as exc:
            return _error(exc.status, exc.message)
        except ValueError as exc:
            return _error(400, str(exc))
        except Exception:
            logger.exception("admin API error on %s %s", request.method, request.url.path)
            return _error(500, "internal error in the emulator's admin API (see its log)")

    return guarded


async def _json_body(request: Request) -> Any:
    """The body as JSON (an empty body is ``{}``), read and checked like every service's (see ``_body``)."""
    raw = await read_body(request)
    return parse_json(raw) if raw else {}


async def _http_error(request: Request, exc: HTTPException) -> Response:
    return _error(exc.status_code, f"{exc.detail}: {request.method} {request.url.path}", exc.headers)


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)
