"""Deadline's restJson1 wire format: JSON bodies, ISO 8601 timestamps, and errors as AWS sends them.

An error is the HTTP status of its shape, the shape name in ``X-Amzn-ErrorType`` and the shape's members as a JSON
body (``message`` plus modeled fields); ``retryAfterSeconds`` travels in ``Retry-After``. Every response carries
an ``x-amzn-RequestId``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from typing import Any

import attrs
from starlette.responses import Response

from .._clock import utc_moment

#: Error type for a status that has no modeled shape of its own.
_TYPE_BY_STATUS = {
    400: "ValidationException",
    403: "AccessDeniedException",
    404: "ResourceNotFoundException",
    405: "UnknownOperationException",
    408: "RequestTimeoutException",
    409: "ConflictException",
    413: "RequestEntityTooLargeException",
    429: "ThrottlingException",
    500: "InternalServerErrorException",
    503: "ServiceUnavailableException",
}


@attrs.frozen
class Field:
    """One entry of a ValidationException's ``fieldList``."""

    name: str
    message: str


class ApiError(Exception):
    """An error the service answers with, in its own wire format (raised by handlers, rendered by ``to_response``).

    Args:
        status: HTTP status.
        error_type: the shape name sent in ``X-Amzn-ErrorType``.
        message: the ``message`` member.
        members: the other modeled members (``resourceId``, ``reason``, ``fieldList``...).
        retry_after: seconds for the ``Retry-After`` header (``retryAfterSeconds``).
    """

    def __init__(
        self,
        status: int,
        error_type: str,
        message: str,
        members: dict[str, Any] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message
        self.members = dict(members or {})
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        return {"message": self.message, **self.members}

    def to_response(self) -> Response:
        headers = {"X-Amzn-ErrorType": self.error_type}
        if self.retry_after is not None:
            headers["Retry-After"] = str(math.ceil(self.retry_after))
        return json_response(self.body(), status=self.status, headers=headers)


def validation_error(message: str, fields: list[Field] | None = None, *, reason: str | None = None) -> ApiError:
    """ValidationException (400): FIELD_VALIDATION_FAILED when fields are named, else ``reason`` (OTHER)."""
    members: dict[str, Any] = {"reason": reason or ("FIELD_VALIDATION_FAILED" if fields else "OTHER")}
    if fields:
        members["fieldList"] = [{"name": f.name, "message": f.message} for f in fields]
    return ApiError(400, "ValidationException", message, members)


def field_error(name: str, message: str) -> ApiError:
    """ValidationException naming one bad field."""
    return validation_error(f"1 validation error detected: {name} {message}", [Field(name, message)])


def not_found(resource_type: str, resource_id: str) -> ApiError:
    """ResourceNotFoundException (404) for one farm, queue, job, step or task."""
    message = f"{resource_type.capitalize()} not found: {resource_id}"
    members = {"resourceId": resource_id, "resourceType": resource_type}
    return ApiError(404, "ResourceNotFoundException", message, members)


def conflict(message: str, resource_type: str, resource_id: str, reason: str = "STATUS_CONFLICT") -> ApiError:
    """ConflictException (409)."""
    members = {"reason": reason, "resourceId": resource_id, "resourceType": resource_type}
    return ApiError(409, "ConflictException", message, members)


def auth_refusal(error_type: str, message: str) -> ApiError:
    """A SigV4 refusal: 403 with the refusal's own error type and a ``{"message"}`` body."""
    return ApiError(403, error_type, message)


def error_for_status(status: int, message: str, retry_after: float | None = None) -> ApiError:
    """The error AWS would send for ``status`` with no more context (faults, unknown routes, crashes)."""
    error_type = _TYPE_BY_STATUS.get(status, "ValidationException" if status < 500 else "InternalServerErrorException")
    members: dict[str, Any] = {}
    if error_type == "ValidationException":
        members = {"reason": "OTHER"}
    elif error_type == "ResourceNotFoundException":
        members = {"resourceId": "", "resourceType": "unknown"}
    elif error_type == "ConflictException":
        members = {"reason": "CONFLICT_EXCEPTION", "resourceId": "", "resourceType": "unknown"}
    elif error_type == "ThrottlingException":
        members = {"serviceCode": "deadline"}
    return ApiError(status, error_type, message, members, retry_after)


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response with a fresh ``x-amzn-RequestId``."""
    all_headers = {"x-amzn-RequestId": str(uuid.uuid4()), **(headers or {})}
    content = json.dumps(body, separators=(",", ":")).encode()
    return Response(content, status_code=status, headers=all_headers, media_type="application/json")


def iso(epoch: float) -> str:
    """Emulator epoch seconds as the ISO 8601 string Deadline sends (UTC, milliseconds, ``Z``)."""
    moment = utc_moment(epoch)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(value: str) -> float:
    """An ISO 8601 timestamp from a request as epoch seconds; a naive one is taken as UTC. Raises ValueError."""
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()
