"""TensorBay's wire vocabulary: the path prefix, job types and statuses, and its ``{code, message}`` errors."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import JSONResponse, Response

from .._lifecycle import Phase

PREFIX = "/gatewayv2/tensorbay-open-api/v1"
SQUASH = "squashAndMerge"
SEARCH = "basicSearch"
JOB_TYPES = (SQUASH, SEARCH)
#: The shared lifecycle's phases in TensorBay's status words.
STATUS_OF_PHASE: dict[Phase, str] = {
    Phase.QUEUED: "QUEUING",
    Phase.RUNNING: "PROCESSING",
    Phase.SUCCEEDED: "SUCCESS",
    Phase.FAILED: "FAILED",
    Phase.CANCELED: "ABORTED",
}
PHASE_OF_STATUS: dict[str, Phase] = {status: phase for phase, status in STATUS_OF_PHASE.items()}
JOB_STATUSES = tuple(STATUS_OF_PHASE.values())
DRAFT_STATUSES = ("OPEN", "CLOSED", "COMMITTED")
STRATEGIES = ("abort", "override", "skip")
CONJUNCTIONS = ("and", "or")
UNITS = ("file", "frame")
MAX_LIMIT = 128

#: The error code TensorBay's SDK maps to each status (its ``ResponseErrorDistributor``).
CODE_OF_STATUS: dict[int, str] = {
    400: "InvalidParamsValue",
    401: "Unauthorized",
    403: "AccessDenied",
    404: "ResourceNotExist",
    405: "InvalidParamsValue",
    409: "NameConflict",
    429: "TooManyRequests",
}


def code_for(status: int) -> str:
    """The ``code`` an error with HTTP ``status`` carries (5xx are all ``InternalServerError``)."""
    if status >= 500:
        return "InternalServerError"
    return CODE_OF_STATUS.get(status, "InvalidParamsValue")


class ApiError(Exception):
    """A refusal to answer in TensorBay's error format; raised by validation and the verbs' rules."""

    def __init__(self, status: int, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or code_for(status)
        self.message = message


def bad_value(name: str, got: object, accepted: str) -> ApiError:
    """400 ``InvalidParamsValue`` naming the parameter, what was sent and what is accepted."""
    return ApiError(400, f"{name} must be {accepted}, got {got!r}", code="InvalidParamsValue")


def missing(name: str, accepted: str) -> ApiError:
    """400 ``RequestParamsMissing`` naming the parameter and what is accepted."""
    return ApiError(400, f"{name} is required ({accepted})", code="RequestParamsMissing")


def error_body(
    status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None
) -> Response:
    """A ``{code, message}`` JSON error response."""
    return JSONResponse({"code": code or code_for(status), "message": message}, status_code=status, headers=headers)


def ok(body: Any) -> Response:
    """A 200 answer with a bare JSON body (TensorBay has no envelope around success bodies)."""
    return Response(json.dumps(body, separators=(",", ":")), status_code=200, media_type="application/json")


def ok_empty() -> Response:
    """A 200 answer without a body (the verbs' answers, which the SDK ignores)."""
    return Response(b"", status_code=200)
