"""Hypothesis strategies for response bodies, derived from the OpenAPI specs in openapi/.

Two families, both built from an operation's 2xx response schema:

- ``tolerant_bytes``: bodies a forward-compatible client must accept: every declared property with a valid value,
  enum values the client cannot know, unknown tagged-union members, extra fields at any depth and nulls where the
  schema allows them. The facade must parse these without raising.
- ``hostile_bytes``: bodies with optional properties left out at random, or with one to three defects at random
  places (a null, a value of the wrong type, a deleted key, a huge or negative number, an empty string), or no
  JSON at all. The facade may refuse these, but only with its documented errors (``TaskFacadeError``).

Schemas are read from the specs themselves, so a new field or operation is fuzzed without touching this module.
"""

from __future__ import annotations

import datetime
import functools
import json
import pathlib
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import yaml
from hypothesis import strategies as st

ROOT = pathlib.Path(__file__).resolve().parents[2]
SERVICES = ("tiledb", "deadline", "geobox", "tensorbay")
JSON = Any
MAX_DEPTH = 14
UNKNOWN_ENUM_VALUES = ("FUTURE_VALUE", "future_value", "SOMETHING_NEW_2031")

#: Open objects whose content depends on a tag elsewhere ("unions" the spec cannot express): the alternatives
#: a server sends today. An unknown member (a random object) is always among the choices as well.
UNION_HINTS: Mapping[tuple[str, str, str], tuple[str, ...]] = {
    ("tensorbay", "Job", "arguments"): ("SquashAndMergeArguments", "BasicSearchArguments"),
    ("tensorbay", "Job", "result"): ("SquashAndMergeResult", "BasicSearchResult"),
}
#: Values the spec describes in prose only (TensorBay's dataset ``type``: "0 = normal, 1 = fusion"): the fuzz
#: client asks for a normal dataset, so 1 would be a (documented) DatasetTypeError; 0 and future values are
#: accepted.
FIELD_OVERRIDES: Mapping[tuple[str, str, str], st.SearchStrategy[Any]] = {
    ("tensorbay", "Dataset", "type"): st.sampled_from([0, 2, 17]),
    ("tensorbay", "DatasetSummary", "type"): st.sampled_from([0, 2, 17]),
}
#: Property names holding ids, tokens and names: ASCII on every one of these services (they go into URLs and
#: headers), so tolerant bodies use ASCII for them; hostile bodies try everything else.
_ID_LIKE = re.compile(r"(^id$|Id$|_id$|uuid|[Tt]oken|^name$|^username$)")
_ID_TEXT = st.text("abcdefghijklmnopqrstuvwxyzABCDEF0123456789-_", min_size=1, max_size=16)
_PRINTABLE = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))

#: Open objects that carry one member of a keyed union among other properties (Geobox: which asset a task
#: produced is the first present ``*_uuid`` key): tolerant bodies hold one known member, or one unknown one.
KEYED_UNIONS: Mapping[tuple[str, str], tuple[str, ...]] = {
    ("geobox", "TaskResult"): ("layer_uuid", "raster_uuid", "model_uuid", "file_uuid", "3dtiles_uuid", "table_uuid"),
}

#: Keys that name an unknown member of a keyed union (Geobox task results, Deadline parameter values).
UNKNOWN_MEMBER_KEYS = ("pointcloud_uuid", "futureMember", "SDK_UNKNOWN_MEMBER_x")


@attrs.frozen
class Operation:
    """One spec operation and its successful responses."""

    service: str
    operation_id: str
    method: str
    path: str
    responses: Mapping[str, Mapping[str, Any]]  # status -> {content type -> schema or None}

    @property
    def key(self) -> str:
        return f"{self.service}.{snake(self.operation_id)}"


def snake(name: str) -> str:
    """``getTaskResult`` -> ``get_task_result``, ``getModel3D`` -> ``get_model_3d`` (the generator's module names)."""
    return re.sub(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[0-9])(?=[A-Z][a-z])", "_", name).lower()


@functools.cache
def spec(service: str) -> dict[str, Any]:
    """The parsed OpenAPI document of a service."""
    return yaml.safe_load((ROOT / "openapi" / f"{service}.yaml").read_text(encoding="utf-8"))


def operations(service: str) -> list[Operation]:
    """Every operation of a service's spec with its 2xx responses (content type -> schema)."""
    found = []
    for path, item in spec(service)["paths"].items():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses: dict[str, dict[str, Any]] = {}
            for status, response in op["responses"].items():
                if not str(status).startswith("2"):
                    continue
                response = _deref(service, response)
                content = response.get("content") or {}
                responses[str(status)] = {ctype: media.get("schema") for ctype, media in content.items()}
            found.append(Operation(service, op["operationId"], method.upper(), path, responses))
    return found


def _deref(service: str, node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        node = _lookup(service, node["$ref"])
    return node


def _lookup(service: str, ref: str) -> dict[str, Any]:
    assert ref.startswith("#/"), ref
    node: Any = spec(service)
    for part in ref[2:].split("/"):
        node = node[part]
    return node


# ---------------------------------------------------------------------------------------------------------------
# Tolerant values, schema by schema


def _any_json(depth: int = 2) -> st.SearchStrategy[JSON]:
    scalars = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=8)
    scalars |= st.floats(allow_nan=False, allow_infinity=False, width=32)
    if depth <= 0:
        return scalars
    inner = _any_json(depth - 1)
    return scalars | st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=6), inner, max_size=2)


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=10)
_EXTRA_KEYS = st.sampled_from(["emulatorExtraField", "future_field", "zzz", "x-new", "nested_extra"]) | _TEXT


def _aware_datetimes() -> st.SearchStrategy[datetime.datetime]:
    return st.datetimes(
        min_value=datetime.datetime(1990, 1, 1),
        max_value=datetime.datetime(2100, 1, 1),
        timezones=st.just(datetime.UTC),
    )


def _iso_datetime() -> st.SearchStrategy[str]:
    """Date-times as servers write them: with ``Z``, with an offset, with or without fractions."""

    def render(when: datetime.datetime, style: int) -> str:
        if style == 0:
            return when.isoformat()
        if style == 1:
            return when.isoformat().replace("+00:00", "Z")
        return when.replace(microsecond=0).isoformat().replace("+00:00", "Z")

    return st.builds(render, _aware_datetimes(), st.integers(0, 2))


def _pattern_string(pattern: str) -> st.SearchStrategy[str]:
    if r"\d{4}-\d{2}-\d{2}T" in pattern:  # a timestamp pattern: real timestamps, naive ones included
        naive = st.builds(lambda d: d.replace(tzinfo=None).isoformat(), _aware_datetimes())
        return naive | _iso_datetime()
    return st.from_regex(pattern.replace(r"\d", "[0-9]").replace(r"\w", "[A-Za-z0-9_]"), fullmatch=True)


@attrs.frozen
class Fuzzer:
    """Builds tolerant strategies for one service's schemas.

    Attributes:
        service: whose spec the schemas come from.
        sparse: leave optional properties out at random (else every declared property is sent).
    """

    service: str
    sparse: bool = False

    def value(self, schema: Mapping[str, Any] | None, depth: int = 0, owner: str = "") -> st.SearchStrategy[JSON]:
        """A tolerant value for ``schema`` (``owner`` names the enclosing component, for union hints)."""
        if schema is None:
            return _any_json()
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return self._named(name, depth)
        strategy = self._unnullable(schema, depth, owner)
        if schema.get("nullable"):
            strategy = st.none() | strategy
        return strategy

    def _named(self, name: str, depth: int) -> st.SearchStrategy[JSON]:
        # deferred so recursive schemas do not recurse at build time
        return st.deferred(lambda: self.value(_lookup(self.service, f"#/components/schemas/{name}"), depth + 1, name))

    def _unnullable(self, schema: Mapping[str, Any], depth: int, owner: str) -> st.SearchStrategy[JSON]:
        if "allOf" in schema:
            parts = schema["allOf"]
            if len(parts) == 1 and "$ref" in parts[0]:  # a named schema made nullable: keep its name (hints)
                return self.value(parts[0], depth, owner)
            return self._object(_merge_all_of(self.service, schema), depth, owner)
        if "oneOf" in schema or "anyOf" in schema:
            return st.one_of([self.value(s, depth, owner) for s in schema.get("oneOf", schema.get("anyOf"))])
        if "enum" in schema:
            known = st.sampled_from(schema["enum"])
            return known | st.sampled_from(UNKNOWN_ENUM_VALUES) if schema.get("type", "string") == "string" else known
        kind = schema.get("type", "object" if "properties" in schema else None)
        builder: Callable[[Mapping[str, Any], int, str], st.SearchStrategy[JSON]] | None = {
            "object": self._object,
            "array": self._array,
            "string": _string,
            "integer": _integer,
            "number": _number,
            "boolean": lambda *_: st.booleans(),
        }.get(kind or "")
        return _any_json() if builder is None else builder(schema, depth, owner)

    def _array(self, schema: Mapping[str, Any], depth: int, owner: str) -> st.SearchStrategy[JSON]:
        low = schema.get("minItems", 0)
        high = max(low, min(schema.get("maxItems", 2), 2 if depth < 4 else 1))
        return st.lists(self.value(schema.get("items"), depth + 1, owner), min_size=low, max_size=high)

    def _object(self, schema: Mapping[str, Any], depth: int, owner: str) -> st.SearchStrategy[JSON]:
        props: Mapping[str, Any] = schema.get("properties") or {}
        required = set(schema.get("required") or ())
        if schema.get("maxProperties") == 1 and props:  # an AWS-style keyed union: exactly one member
            members = [st.fixed_dictionaries({k: self.value(v, depth + 1, owner)}) for k, v in props.items()]
            unknown = st.dictionaries(st.sampled_from(UNKNOWN_MEMBER_KEYS), _any_json(1), min_size=1, max_size=1)
            return st.one_of(*members, unknown)
        members = KEYED_UNIONS.get((self.service, owner), ())
        fields: dict[str, st.SearchStrategy[JSON]] = {}
        for key, sub in props.items():
            if key in members:
                continue
            hint = UNION_HINTS.get((self.service, owner, key))
            override = FIELD_OVERRIDES.get((self.service, owner, key))
            plain = _deref(self.service, sub)
            if override is not None:
                fields[key] = override
            elif (
                _ID_LIKE.search(key)
                and plain.get("type") == "string"
                and not ({"enum", "format", "pattern"} & set(plain))
            ):
                fields[key] = (st.none() | _ID_TEXT) if plain.get("nullable") else _ID_TEXT
            elif hint is not None and depth < MAX_DEPTH:
                choices = [self._named(name, depth) for name in hint]
                fields[key] = st.one_of(*choices, st.dictionaries(_EXTRA_KEYS, _any_json(1), max_size=2))
                if (_deref(self.service, sub)).get("nullable"):
                    fields[key] = st.none() | fields[key]
            else:
                fields[key] = self.value(sub, depth + 1, owner) if depth < MAX_DEPTH else _any_json(0)
        must = {k: s for k, s in fields.items() if k in required or not self.sparse}
        may = {k: s for k, s in fields.items() if k not in must}
        base = st.fixed_dictionaries(must, optional=may)
        if members:
            keys = st.sampled_from([*members, *UNKNOWN_MEMBER_KEYS])
            member = st.dictionaries(keys, _ID_TEXT, min_size=1, max_size=1)
            base = st.builds(lambda b, m: {**b, **m}, base, member)
        extra_values = (
            self.value(schema["additionalProperties"], depth + 1, owner)
            if isinstance(schema.get("additionalProperties"), dict)
            else _any_json(1)
        )
        extras = st.dictionaries(_EXTRA_KEYS.filter(lambda k: k not in props), extra_values, max_size=1)
        return st.builds(lambda b, e: {**e, **b}, base, extras)


def _merge_all_of(service: str, schema: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
    for part in schema["allOf"]:
        part = _deref(service, part)
        if "allOf" in part:
            part = _merge_all_of(service, part)
        merged["properties"].update(part.get("properties") or {})
        merged["required"].extend(part.get("required") or ())
        if "additionalProperties" in part:
            merged["additionalProperties"] = part["additionalProperties"]
    return merged


def _string(schema: Mapping[str, Any], _depth: int, _owner: str) -> st.SearchStrategy[JSON]:
    fmt = schema.get("format")
    if fmt == "date-time":
        return _iso_datetime()
    if fmt == "uuid":
        return st.uuids().map(str)
    if "pattern" in schema:
        return _pattern_string(schema["pattern"])
    low = schema.get("minLength", 1)  # empty strings are among the hostile replacements
    return st.text(_PRINTABLE, min_size=low, max_size=max(low, 12))


def _integer(schema: Mapping[str, Any], _depth: int, _owner: str) -> st.SearchStrategy[JSON]:
    low = schema.get("minimum", 0)  # counts, sizes and epochs: negative values are among the hostile ones
    high = schema.get("maximum", 2_000_000_000)
    return st.integers(low, max(low, high))


def _number(schema: Mapping[str, Any], _depth: int, _owner: str) -> st.SearchStrategy[JSON]:
    low = schema.get("minimum", -1e9)
    high = schema.get("maximum", 1e9)
    return st.floats(low, high, allow_nan=False, allow_infinity=False) | st.integers(int(max(low, -1e9)), int(high))


# ---------------------------------------------------------------------------------------------------------------
# Hostile bodies: defects at random places


def _paths(value: JSON, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location inside ``value`` (the root is ``()``)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


_REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, -1, 2**63, -(2**63), 10**30, 1.5, "", "not-a-date", "null", [], {}, [None], {"": None}]),
    _any_json(1),
)


def _set(value: JSON, path: tuple[Any, ...], new: JSON, delete: bool) -> JSON:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        copy = dict(value)
        if delete and not rest:
            copy.pop(head, None)
        else:
            copy[head] = _set(copy[head], rest, new, delete)
        return copy
    copy_list = list(value)
    if delete and not rest:
        del copy_list[head]
    else:
        copy_list[head] = _set(copy_list[head], rest, new, delete)
    return copy_list


@st.composite
def _with_defects(draw: st.DrawFn, base: st.SearchStrategy[JSON]) -> JSON:
    body = draw(base)
    for _ in range(draw(st.integers(1, 3))):
        places = _paths(body)
        path = draw(st.sampled_from(places))
        delete = bool(path) and draw(st.booleans())
        body = _set(body, path, None if delete else draw(_REPLACEMENTS), delete)
    return body


def encode(body: JSON) -> bytes:
    """A body as the wire carries it."""
    return json.dumps(body, ensure_ascii=False).encode("utf-8", errors="surrogatepass")


_GARBAGE = st.sampled_from(
    [
        b"",
        b"null",
        b"{",
        b"<html><body>502 Bad Gateway</body></html>",
        b"\xff\xfe\x00",
        b"[1, 2",
        b"{}{}",
        b'"text"',
        b"[" * 5000 + b"]" * 5000,
        b'{"a":' * 3000 + b"1" + b"}" * 3000,
    ]
) | st.binary(max_size=40)


def tolerant_bytes(schema: Mapping[str, Any] | None, service: str) -> st.SearchStrategy[bytes]:
    """Encoded tolerant bodies for a schema (an empty or arbitrary JSON body when the spec documents none)."""
    if schema is None:
        return st.just(b"") | _any_json().map(encode)
    return Fuzzer(service).value(schema).map(encode)


def hostile_bytes(schema: Mapping[str, Any] | None, service: str) -> st.SearchStrategy[bytes]:
    """Encoded hostile bodies: tolerant ones with defects, wrong top-level types, or bytes that are not JSON."""
    if schema is None:
        return _with_defects(_any_json()).map(encode) | _GARBAGE
    sparse = Fuzzer(service, sparse=True).value(schema)
    return (
        sparse.map(encode)
        | _with_defects(Fuzzer(service).value(schema)).map(encode)
        | _any_json().map(encode)
        | _GARBAGE
    )
