"""Geobox's errors: the SDK's exception names (``geobox.exception``), fitted into taskfacade's one error tree.

``geobox.exception`` raises for 401, 403, 404, 422 and 500 only and returns every other status as data (reference
section 5, defect 2). Here every status >= 400 raises: each class below is both a ``GeoboxError`` (so
``except GeoboxError`` catches everything the SDK's would) and the matching core class (``except
taskfacade.NotFound`` works too). Network failures are ``ApiRequestError``, as in the SDK, which is also a
``taskfacade.TransportError`` (``ApiRequestTimeout``, a ``taskfacade.Timeout`` too, for timeouts); bodies that do
not match the spec are ``taskfacade.ResponseDecodeError``. The SDK's workflow errors exist so that code naming
them imports; taskfacade has no workflows and never raises them.

Geobox is a FastAPI service: its error bodies are ``{"detail": "text"}``, ``{"detail": {"msg": "text"}}`` or, for
request validation, ``{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import taskfacade
from taskfacade._errors import APIError, ErrorDetails, TaskFacadeError, TransportError, decode_body, parse_error_body

__all__ = [
    "ERROR_CLASSES",
    "ApiRequestError",
    "ApiRequestTimeout",
    "AuthenticationError",
    "AuthorizationError",
    "ConflictError",
    "GeoboxError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "UnexpectedStatusError",
    "ValidationError",
    "WorkflowGraphError",
    "WorkflowNodeError",
    "WorkflowRunError",
    "api_request_error",
    "parse_geobox_error",
]


class GeoboxError(TaskFacadeError):
    """Root of the Geobox errors, as in the SDK: every refusal (any status >= 400) and every network failure."""


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


class ApiRequestError(GeoboxError, TransportError):
    """The request or its answer did not make it across the network (the SDK's name; a ``taskfacade.TransportError``).

    ``status_code`` is None: there is no HTTP status (the SDK puts its message there, reference defect 9).
    """

    status_code: int | None = None


class ApiRequestTimeout(ApiRequestError, taskfacade.Timeout):
    """A request that timed out (the SDK raises ``ApiRequestError`` for it; this is a ``taskfacade.Timeout`` too)."""


def api_request_error(error: TransportError) -> ApiRequestError:
    """The transport's network failure as the SDK's ``ApiRequestError`` (same message, method, URL, attempts)."""
    cls = ApiRequestTimeout if isinstance(error, taskfacade.Timeout) else ApiRequestError
    return cls(error.message, service=error.service, method=error.method, url=error.url, attempts=error.attempts)


class WorkflowGraphError(GeoboxError):
    """The SDK's error for an invalid workflow graph (never raised here: taskfacade has no workflows)."""

    def __init__(self, message: str = "Invalid workflow graph") -> None:
        super().__init__(message)
        self.message = message


class WorkflowRunError(GeoboxError):
    """The SDK's error for a failed workflow run (never raised here: taskfacade has no workflows)."""

    def __init__(self, message: str = "Workflow run failed", result: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.result = result


class WorkflowNodeError(WorkflowRunError):
    """The SDK's error for one failed or skipped workflow node (never raised here: taskfacade has no workflows)."""

    def __init__(
        self, node_id: Any, label: str, reason: str, task: Any = None, upstream: Any = None, cause: Any = None
    ) -> None:
        super().__init__(f"{label} {'skipped' if upstream else 'failed'}: {reason}")
        self.node_id, self.label, self.reason = node_id, label, reason
        self.task, self.upstream, self.cause = task, upstream, cause

    @property
    def skipped(self) -> bool:
        """Whether the node was skipped because a parent failed."""
        return self.upstream is not None


def _class_for(status: int) -> type[APIError]:
    named: dict[int, type[APIError]] = {
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
