"""TileDB wire vocabulary: enum values, application error codes, time format and the JSON error body.

Error bodies follow the vendor spec's ``Error`` model, ``{"code", "message", "request_id"}``, where ``code`` is an
application code, not the HTTP status. The real service's code table is not public; the emulator uses its own
stable codes (``CODE_*`` below) so a client can tell the refusals apart.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from starlette.responses import Response

from .._clock import utc_moment

ARRAY_TASK_STATUSES = (
    "QUEUED",
    "FAILED",
    "COMPLETED",
    "RUNNING",
    "RESOURCES_UNAVAILABLE",
    "UNKNOWN",
    "CANCELLED",
    "DENIED",
)
ARRAY_TASK_TYPES = ("SQL", "UDF", "QUERY", "GENERIC_UDF", "BATCH_UDF", "CLIENT_COMPUTATION")
RESULT_FORMATS = ("python_pickle", "r_serialization", "json", "arrow", "bytes", "tiledb_json", "native")
FILE_TYPES = ("notebook", "user_defined_function", "ml_model", "file", "registered_task_graph")
GROUP_TYPES = ("generic", "vcf", "soma", "bioimg", "pointcloud", "raster", "geometry", "vector_search")
NAMESPACE_ACTIONS = (
    "read",
    "write",
    "create",
    "delete",
    "edit",
    "read_array_logs",
    "read_job_logs",
    "read_object_logs",
    "run_job",
    "delete_organization",
    "edit_organization",
    "edit_billing",
)
PERMISSIONS = ("read", "read_write", "write", "admin")

#: Content-Type served for each result format (reference section 3.4; r_serialization has no codec).
RESULT_CONTENT_TYPES = {
    "json": "application/json",
    "arrow": "application/vnd.apache.arrow.stream",
    "bytes": "application/octet-stream",
    "tiledb_json": "application/vnd.tiledb.udf-data+json",
    "python_pickle": "application/vnd.tiledb.python-pickle",
    "native": "application/vnd.tiledb.python-pickle",
}

CODE_INTERNAL = 1000
CODE_BAD_PARAMETER = 1001
CODE_UNAUTHORIZED = 1002
CODE_NOT_FOUND = 1003
CODE_FORBIDDEN = 1004
CODE_THROTTLED = 1005
CODE_NO_RESULTS = 1006

_CODE_BY_STATUS = {400: CODE_BAD_PARAMETER, 401: CODE_UNAUTHORIZED, 403: CODE_FORBIDDEN, 404: CODE_NOT_FOUND}


def code_for_status(status: int) -> int:
    """The application code the emulator puts in an error body for an HTTP status."""
    if status == 429:
        return CODE_THROTTLED
    return _CODE_BY_STATUS.get(status, CODE_BAD_PARAMETER if 400 <= status < 500 else CODE_INTERNAL)


def error_response(status: int, message: str, *, code: int | None = None, retry_after: float | None = None) -> Response:
    """A TileDB ``Error`` body with a fresh request id; ``Retry-After`` in whole seconds when given."""
    body = {
        "code": code_for_status(status) if code is None else code,
        "message": message,
        "request_id": uuid.uuid4().hex,
    }
    headers = {"Retry-After": str(max(0, round(retry_after)))} if retry_after is not None else None
    return json_response(body, status=status, headers=headers)


def json_response(body: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """Compact JSON, as a Go server writes it."""
    payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(payload, status_code=status, media_type="application/json", headers=headers)


def rfc3339(epoch_s: float) -> str:
    """Epoch seconds as an RFC 3339 UTC timestamp with milliseconds and a ``Z`` suffix."""
    stamp = utc_moment(epoch_s).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")
