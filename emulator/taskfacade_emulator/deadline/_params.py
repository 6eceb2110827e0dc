"""Validating Deadline request input: path ids, query parameters, JSON bodies and pagination tokens.

Every problem becomes a ValidationException (400) naming the field and what it accepts, as the real service
answers; nothing here lets a KeyError or ValueError escape.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import Any, TypeGuard

from .._body import BodyError, parse_json
from .._checks import is_int as _is_json_int
from ._wire import field_error, validation_error

ID_PATTERNS = {
    "farmId": re.compile(r"farm-[0-9a-f]{32}"),
    "queueId": re.compile(r"queue-[0-9a-f]{32}"),
    "jobId": re.compile(r"job-[0-9a-f]{32}"),
    "stepId": re.compile(r"step-[0-9a-f]{32}"),
    "taskId": re.compile(r"task-[0-9a-f]{32}-(0|([1-9][0-9]{0,9}))"),
    "sessionId": re.compile(r"session-[0-9a-f]{32}"),
    "sessionActionId": re.compile(r"sessionaction-[0-9a-f]{32}-(0|([1-9][0-9]{0,9}))"),
}
TASK_PATH = ("farmId", "queueId", "jobId", "stepId", "taskId")
PRINCIPAL_ID = re.compile(
    r"([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}"
)
DEFAULT_MAX_RESULTS = 100
TOKEN_LIFETIME_S = 24 * 3600.0
MAX_TOKEN_LENGTH = 4096
MAX_CLIENT_TOKEN_LENGTH = 64


def check_id(name: str, value: Any, field: str | None = None) -> str:
    """``value`` if it is a valid id of kind ``name`` (farmId, queueId, ...), else ValidationException."""
    pattern = ID_PATTERNS[name]
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        raise field_error(field or name, f"must be a string matching {pattern.pattern}, got {_short(value)}")
    return value


def path_ids(path_params: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    """The named path ids, validated."""
    return {name: check_id(name, path_params.get(name)) for name in names}


def max_results(query: Mapping[str, str]) -> int:
    """``maxResults`` (1..100, default 100)."""
    raw = query.get("maxResults")
    if raw is None:
        return DEFAULT_MAX_RESULTS
    if re.fullmatch(r"[+-]?[0-9]{1,10}", raw) is None or not 1 <= int(raw) <= 100:
        raise field_error("maxResults", f"must be an integer from 1 to 100, got {_short(raw)}")
    return int(raw)


def client_token(headers: Mapping[str, str]) -> str | None:
    """``X-Amz-Client-Token`` (1..64 characters), or None when absent."""
    token = headers.get("x-amz-client-token")
    if token is not None and not 1 <= len(token) <= MAX_CLIENT_TOKEN_LENGTH:
        raise field_error("clientToken", f"must be 1 to {MAX_CLIENT_TOKEN_LENGTH} characters long")
    return token


def principal_filter(query: Mapping[str, str]) -> str | None:
    """ListJobs' ``principalId`` (an IAM Identity Center principal id), or None."""
    raw = query.get("principalId")
    if raw is not None and (len(raw) > 47 or PRINCIPAL_ID.fullmatch(raw) is None):
        raise field_error("principalId", f"must match {PRINCIPAL_ID.pattern} (1 to 47 characters)")
    return raw


def json_object(body: bytes) -> dict[str, Any]:
    """The request body as a JSON object (an empty body is ``{}``)."""
    if not body.strip():
        return {}
    try:
        value = parse_json(body)
    except BodyError as exc:
        raise validation_error(exc.message[:1].upper() + exc.message[1:], reason="CANNOT_PARSE") from None
    if not isinstance(value, dict):
        raise validation_error("The request body must be a JSON object", reason="CANNOT_PARSE")
    return value


def enum_value(body: Mapping[str, Any], key: str, allowed: tuple[str, ...], field: str | None = None) -> str:
    """A required string member that must be one of ``allowed``."""
    value = body.get(key)
    if value not in allowed:
        raise field_error(field or key, f"must be one of {list(allowed)}, got {_short(value)}")
    return str(value)


def integer(body: Mapping[str, Any], key: str, low: int, high: int, default: int | None = None) -> int:
    """An integer member within ``low..high``; required unless ``default`` is given."""
    value = body.get(key)
    if value is None and default is not None:
        return default
    if not is_int(value) or not low <= value <= high:
        raise field_error(key, f"must be an integer from {low} to {high}, got {_short(value)}")
    return int(value)


def string(body: Mapping[str, Any], key: str, low: int, high: int, field: str) -> str:
    """A required string member of ``low..high`` characters."""
    value = body.get(key)
    if not isinstance(value, str) or not low <= len(value) <= high:
        raise field_error(field, f"must be a string of {low} to {high} characters, got {_short(value)}")
    return value


def listed(body: Mapping[str, Any], key: str, low: int, high: int, field: str) -> list[Any]:
    """A required list member with ``low..high`` items."""
    value = body.get(key)
    if not isinstance(value, list) or not low <= len(value) <= high:
        raise field_error(field, f"must be a list of {low} to {high} items")
    return value


def encode_token(kind: str, binding: str, after: int, now: float) -> str:
    """An opaque pagination token resuming after sequence number ``after``."""
    payload = json.dumps({"k": kind, "b": binding, "a": after, "t": round(now, 3)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).rstrip(b"=").decode()


def decode_token(token: str | None, kind: str, binding: str, now: float) -> int:
    """The sequence number a token resumes after (-1 without a token); ValidationException when invalid or expired."""
    if not token:
        return -1
    invalid = field_error("nextToken", "is not a valid pagination token for this request")
    if len(token) > MAX_TOKEN_LENGTH:
        raise invalid
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid from None
    if not isinstance(payload, dict) or payload.get("k") != kind or payload.get("b") != binding:
        raise invalid
    after, issued = payload.get("a"), payload.get("t")
    if not is_int(after) or not isinstance(issued, int | float):
        raise invalid
    if now - issued > TOKEN_LIFETIME_S:
        raise field_error("nextToken", "has expired (pagination tokens are valid for 24 hours)")
    return int(after)


def is_int(value: Any) -> TypeGuard[int]:
    """True for a JSON integer (not a bool)."""
    return _is_json_int(value)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
