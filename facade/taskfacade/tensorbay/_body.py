"""A job's JSON body (camelCase, epoch seconds) checked and converted into ``JobFields``.

The vendor SDK raises ``KeyError`` when ``errorMessage`` or ``jobType`` is missing; here they default (``""`` and
the type the job was fetched as). Timestamps stay ints, as the seed documents them (epoch seconds as sent);
``TensorBayJob.created_utc`` and friends turn them into aware UTC datetimes through the core's ``as_utc``
(milliseconds from 10**12 on: the real service's unit is not documented).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .._dates import as_utc
from .._errors import InvalidArgument, ResponseDecodeError

__all__ = ["JobFields", "from_server", "parse_job_body", "to_datetime", "to_epoch"]


@attrs.frozen
class JobFields:
    """A job's state as the service describes it (checked)."""

    title: str
    job_id: str
    job_type: str | None
    arguments: dict[str, Any]
    created_at: int | None
    started_at: int | None
    finished_at: int | None
    status: str
    error_message: str
    result: dict[str, Any] | None
    description: str


def to_datetime(name: str, value: Any) -> datetime.datetime | None:
    """Epoch seconds (milliseconds from 10**12 on), an ISO string or a datetime, as an aware UTC datetime."""
    try:
        return as_utc(value)
    except ResponseDecodeError:
        raise InvalidArgument(name, value, "epoch seconds (an int), a datetime or None") from None


def to_epoch(name: str, value: Any) -> int | None:
    """A job timestamp as the seed types it: an int (epoch seconds) kept as given; a datetime, an ISO string or a
    float (from a server that sends one) as whole epoch seconds; None stays None. Out-of-range values are refused."""
    when = to_datetime(name, value)
    if when is None:
        return None
    return value if isinstance(value, int) else int(when.timestamp())


def _str(name: str, value: Any, *, default: str | None = None, empty: bool = True) -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, str) or (not empty and not value):
        raise InvalidArgument(name, value, "a string" if empty else "a non-empty string")
    return value


def _object(name: str, value: Any, *, optional: bool) -> dict[str, Any] | None:
    if value is None and optional:
        return None
    if not isinstance(value, Mapping):
        raise InvalidArgument(name, value, "a JSON object (dict) or None" if optional else "a JSON object (dict)")
    return dict(value)


def make_fields(
    *,
    title: Any,
    job_id: Any,
    job_type: Any,
    arguments: Any,
    created_at: Any,
    started_at: Any,
    finished_at: Any,
    status: Any,
    error_message: Any,
    result: Any,
    description: Any,
) -> JobFields:
    """Check each field (``InvalidArgument`` names the first bad one) and build ``JobFields``."""
    return JobFields(
        title=_str("title", title, default=""),
        job_id=_str("job_id", job_id, empty=False),
        job_type=None if job_type is None else _str("job_type", job_type, empty=False),
        arguments=_object("arguments", arguments, optional=False) or {},
        created_at=to_epoch("created_at", created_at),
        started_at=to_epoch("started_at", started_at),
        finished_at=to_epoch("finished_at", finished_at),
        status=_str("status", status, empty=False),
        error_message=_str("error_message", error_message, default=""),
        result=_object("result", result, optional=True),
        description=_str("description", description, default=""),
    )


def parse_job_body(body: Any, job_type: str | None) -> JobFields:
    """A job body as the Open API sends it; ``job_type`` is used when the body has no ``jobType``."""
    if not isinstance(body, Mapping):
        raise InvalidArgument("body", type(body).__name__, "a job body (a dict with jobId, title, status...)")
    for key in ("jobId", "status"):
        if key not in body:
            raise InvalidArgument(f"body[{key!r}]", None, "present (a job body has jobId, title, status...)")
    return make_fields(
        title=body.get("title"),
        job_id=body.get("jobId"),
        job_type=body.get("jobType") or job_type,
        arguments=body.get("arguments", {}),
        created_at=body.get("createdAt"),
        started_at=body.get("startedAt"),
        finished_at=body.get("finishedAt"),
        status=body.get("status"),
        error_message=body.get("errorMessage"),
        result=body.get("result"),
        description=body.get("description"),
    )


def from_server(parse: Callable[[], Any], what: str) -> Any:
    """Run ``parse`` on data the server sent: a refusal there is the server's fault, so ``ResponseDecodeError``."""
    try:
        return parse()
    except (TypeError, ValueError) as error:  # InvalidArgument from the checks, or a conversion that failed
        raise ResponseDecodeError(f"{what} does not match the TensorBay job format: {error}") from error
