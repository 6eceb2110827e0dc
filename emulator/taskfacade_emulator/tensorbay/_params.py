"""Validation of TensorBay query parameters and request bodies; every refusal is an ``ApiError`` (400)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .._body import BodyError, parse_json
from ._wire import CONJUNCTIONS, JOB_TYPES, MAX_LIMIT, SEARCH, SQUASH, STRATEGIES, UNITS, ApiError, bad_value, missing

#: Offsets beyond this (far past any table) are clamped, so they cannot overflow SQLite's 64-bit integers.
MAX_OFFSET = 2**62


@attrs.frozen
class Page:
    """0-based item ``offset`` and page size ``limit``."""

    offset: int = 0
    limit: int = MAX_LIMIT


def _int(query: Mapping[str, str], name: str, default: int, low: int, high: int | None) -> int:
    raw = query.get(name)
    if raw is None:
        return default
    accepted = f"an integer >= {low}" if high is None else f"an integer from {low} to {high}"
    try:
        value = int(raw)
    except ValueError:
        raise bad_value(name, raw, accepted) from None
    if value < low or (high is not None and value > high):
        raise bad_value(name, raw, accepted)
    return value


def only(query: Mapping[str, str], *accepted: str) -> None:
    """Refuse query parameters the operation does not have, so a misspelt one fails loudly instead of silently."""
    unknown = sorted(set(query) - set(accepted))
    if unknown:
        listing = ", ".join(accepted) if accepted else "none"
        raise ApiError(400, f"unknown query parameter {unknown[0]!r}; accepted: {listing}", code="InvalidParamsValue")


def page(query: Mapping[str, str]) -> Page:
    """``offset`` (default 0) and ``limit`` (default and maximum 128) from the query string."""
    offset = min(_int(query, "offset", 0, 0, None), MAX_OFFSET)  # past every item: an empty page, not an error
    return Page(offset, _int(query, "limit", MAX_LIMIT, 1, MAX_LIMIT))


def choice(query: Mapping[str, str], name: str, accepted: Sequence[str], *, required: bool = False) -> str | None:
    """A query parameter that must be one of ``accepted`` (None when absent and not required)."""
    raw = query.get(name)
    listing = "one of " + ", ".join(accepted)
    if raw is None or (raw == "" and required):
        if required:
            raise missing(name, listing)
        return None
    if raw not in accepted:
        raise bad_value(name, raw, listing)
    return raw


def job_type(query: Mapping[str, str]) -> str:
    """The required ``jobType`` query parameter."""
    value = choice(query, "jobType", JOB_TYPES, required=True)
    assert value is not None
    return value


def json_object(raw: bytes) -> dict[str, Any]:
    """The request body as a JSON object."""
    if not raw.strip():
        raise missing("request body", "a JSON object")
    try:
        body = parse_json(raw)
    except BodyError as exc:
        raise ApiError(400, exc.message, code="InvalidParamsValue") from None
    if not isinstance(body, dict):
        raise bad_value("request body", type(body).__name__, "a JSON object")
    return body


def field(body: Mapping[str, Any], name: str, kind: type | tuple[type, ...], accepted: str, *, required: bool) -> Any:
    """``body[name]`` checked against ``kind`` (bool is never accepted as a number)."""
    if name not in body:
        if required:
            raise missing(name, accepted)
        return None
    value = body[name]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise bad_value(name, value, accepted)
    return value


def one_of(body: Mapping[str, Any], name: str, accepted: Sequence[str]) -> str:
    value = field(body, name, str, "one of " + ", ".join(accepted), required=True)
    if value not in accepted:
        raise bad_value(name, value, "one of " + ", ".join(accepted))
    return str(value)


def nonempty(body: Mapping[str, Any], name: str) -> str:
    value = field(body, name, str, "a non-empty string", required=True)
    if not value:
        raise bad_value(name, value, "a non-empty string")
    return str(value)


@attrs.frozen
class NewJob:
    """A validated create-job body."""

    job_type: str
    title: str
    description: str
    arguments: dict[str, Any]


def new_job(body: Mapping[str, Any]) -> NewJob:
    """Validate ``{"title", "jobType", "arguments"[, "description"]}`` and the arguments of its type."""
    title = field(body, "title", str, "a string", required=True)
    kind = one_of(body, "jobType", JOB_TYPES)
    arguments = field(body, "arguments", dict, "a JSON object", required=True)
    description = field(body, "description", str, "a string", required=False) or ""
    if kind == SQUASH:
        squash_arguments(arguments)
    elif kind == SEARCH:
        search_arguments(arguments)
    return NewJob(kind, title, description, dict(arguments))


def squash_arguments(arguments: Mapping[str, Any]) -> None:
    """``{"title", "sourceBranchName", "targetBranchName", "strategy"[, "description"]}``."""
    field(arguments, "title", str, "a string (the draft's title)", required=True)
    nonempty(arguments, "sourceBranchName")
    nonempty(arguments, "targetBranchName")
    one_of(arguments, "strategy", STRATEGIES)
    field(arguments, "description", str, "a string", required=False)


def search_arguments(arguments: Mapping[str, Any]) -> None:
    """``{"commit", "conjunction", "filters": [{"key", "operator", "value"[, "title", "extraInfo"]}], "unit"}``."""
    nonempty(arguments, "commit")
    one_of(arguments, "conjunction", CONJUNCTIONS)
    filters = field(arguments, "filters", list, "a list of filter objects", required=True)
    one_of(arguments, "unit", UNITS)
    for index, item in enumerate(filters):
        if not isinstance(item, dict):
            raise bad_value(f"filters[{index}]", item, "an object with key, operator and value")
        field(item, "key", str, "a string", required=True)
        field(item, "operator", str, "a string", required=True)
        if "value" not in item:
            raise missing(f"filters[{index}].value", "any JSON value")
        field(item, "title", str, "a string", required=False)
        extra = field(item, "extraInfo", dict, "an object", required=False)
        if extra is not None:
            field(extra, "labelType", str, "a string", required=False)


@attrs.frozen
class NewDataset:
    """A validated search-result-to-dataset body."""

    name: str
    alias: str
    is_public: bool


def new_dataset(body: Mapping[str, Any]) -> NewDataset:
    """Validate ``{"datasetName"[, "alias", "isPublic"]}``."""
    name = nonempty(body, "datasetName")
    alias = field(body, "alias", str, "a string", required=False) or ""
    is_public = field(body, "isPublic", bool, "true or false", required=False) or False
    return NewDataset(name, alias, bool(is_public))
