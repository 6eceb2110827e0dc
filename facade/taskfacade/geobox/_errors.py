"""Geobox's errors: the SDK's exception names, fitted into taskfacade's one error tree, and its error bodies.

``geobox.exception`` raises for 401, 403, 404, 422 and 500 only and returns every other status as data (reference
section 5, defect 2). Here every status >= 400 raises: each class below is both a ``GeoboxError`` (so
``except GeoboxError`` catches every API refusal) and the matching core class (``except taskfacade.NotFound``
works too). Network failures are ``taskfacade.TransportError`` (the SDK's ``ApiRequestError``), bodies that do
not match the spec ``taskfacade.ResponseDecodeError``.

Geobox is a FastAPI service: its error bodies are ``{"detail": "text"}``, ``{"detail": {"msg": "text"}}`` or, for
request validation, ``{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import taskfacade
from taskfacade._errors import APIError, ErrorDetails, decode_body, parse_error_body

__all__ = [
    "ERROR_CLASSES",
    "AuthenticationError",
    "AuthorizationError",
    "ConflictError",
    "GeoboxError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "UnexpectedStatusError",
    "ValidationError",
    "parse_geobox_error",
]


class GeoboxError(APIError):
    """Root of the errors a Geobox server answers with (any status >= 400)."""


class AuthenticationError(GeoboxError, taskfacade.Unauthorized):
    """401: missing, wrong or expired credentials (also a failed username/password login)."""


class AuthorizationError(GeoboxError, taskfacade.Forbidden):
    """403: the credentials are valid but lack the privileges (e.g. ``user_id`` of another user)."""


class NotFoundError(GeoboxError, taskfacade.NotFound):
    """404: no such task or asset (an asset answers 404 until its task has succeeded)."""


class ValidationError(GeoboxError, taskfacade.BadRequest):
    """400 or 422: a parameter the server refused (unsupported CQL in ``q``, an unknown ``order_by`` field...)."""


class ConflictError(GeoboxError, taskfacade.Conflict):
    """409: the task's state does not allow it (aborting a task that already ended with SUCCESS or FAILURE)."""


class RateLimitError(GeoboxError, taskfacade.RateLimited):
    """429: too many requests (``retry_after`` holds the server's hint)."""


class ServerError(GeoboxError, taskfacade.ServerError):
    """Any 5xx (the SDK raises only for 500 and returns 502/503/504 as data)."""


class UnexpectedStatusError(GeoboxError, taskfacade.UnexpectedStatus):
    """Any other status >= 400 (405, 410, 499...)."""


def _class_for(status: int) -> type[GeoboxError]:
    named: dict[int, type[GeoboxError]] = {
        400: ValidationError,
        401: AuthenticationError,
        403: AuthorizationError,
        404: NotFoundError,
        409: ConflictError,
        422: ValidationError,
        429: RateLimitError,
    }
    if status in named:
        return named[status]
    return ServerError if status >= 500 else UnexpectedStatusError


#: ``(status, None) -> class`` for every status from 400 to 599, for the transport.
ERROR_CLASSES: Mapping[tuple[int | None, str | None], type[APIError]] = {
    (status, None): _class_for(status) for status in range(400, 600)
}


def _item_message(item: Any) -> str:
    if not isinstance(item, Mapping):
        return str(item)
    msg = str(item.get("msg") or "")
    loc = item.get("loc")
    if isinstance(loc, list) and len(loc) >= 2:
        return f'{msg}: "{loc[-1]}"'
    return msg


def _detail_message(detail: Any) -> str | None:
    if isinstance(detail, str):
        return detail or None
    if isinstance(detail, list):
        return "; ".join(m for m in (_item_message(item) for item in detail) if m) or None
    if isinstance(detail, Mapping):
        msg = detail.get("msg")
        return str(msg) if msg else str(dict(detail))
    return None if detail is None else str(detail)


def parse_geobox_error(status: int, headers: Mapping[str, str], content: bytes) -> ErrorDetails:
    """The message of a FastAPI error body, as the SDK renders it; any other body falls back to the generic parser.

    A validation list becomes ``'msg: "field"'`` items joined by ``"; "``; the code is the first item's ``type``
    (``int_parsing``...) when there is one.
    """
    generic = parse_error_body(status, headers, content)
    body = decode_body(content)
    if not isinstance(body, Mapping) or "detail" not in body:
        return generic
    detail = body["detail"]
    code = None
    if (
        isinstance(detail, list)
        and detail
        and isinstance(detail[0], Mapping)
        and isinstance(detail[0].get("type"), str)
    ):
        code = detail[0]["type"]
    return ErrorDetails(
        code=code, message=_detail_message(detail) or generic.message, request_id=generic.request_id, body=body
    )
