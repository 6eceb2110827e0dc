"""Geobox's error wire format: FastAPI bodies (``{"detail": ...}``), raised as ``ApiError`` inside handlers.

Geobox answers an application error with ``{"detail": "text"}`` and a request-validation failure (422) with
FastAPI's list form ``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}``; a 401 carries
``WWW-Authenticate: Bearer``. Handlers raise ``ApiError`` and the route wrapper turns it into a response, so no
bad input can escape as a 500.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
from starlette.responses import JSONResponse


@attrs.frozen
class FieldError:
    """One entry of a 422 body: where the bad value was, what is wrong and what would be accepted."""

    loc: tuple[str, ...]
    msg: str
    type: str
    input: Any = None

    def to_json(self) -> dict[str, Any]:
        return {"loc": list(self.loc), "msg": self.msg, "type": self.type, "input": self.input}


class ApiError(Exception):
    """An error to answer in Geobox's format; ``detail`` is a string or a list of ``FieldError``."""

    def __init__(self, status: int, detail: str | list[FieldError]) -> None:
        super().__init__(detail if isinstance(detail, str) else "; ".join(e.msg for e in detail))
        self.status = status
        self.detail = detail

    def response(self) -> JSONResponse:
        if isinstance(self.detail, str):
            return error_json(self.status, self.detail)
        return JSONResponse({"detail": [e.to_json() for e in self.detail]}, status_code=self.status)


def error_json(status: int, message: str, *, retry_after: float | None = None) -> JSONResponse:
    """``{"detail": message}`` with the headers Geobox adds (``WWW-Authenticate`` on 401, ``Retry-After``)."""
    headers: dict[str, str] = {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if retry_after is not None:
        headers["Retry-After"] = str(max(0, math.ceil(retry_after)))
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


def not_found(what: str) -> ApiError:
    """Geobox's 404, e.g. ``{"detail": "Task not found"}``."""
    return ApiError(404, f"{what} not found")
