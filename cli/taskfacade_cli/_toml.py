"""A minimal TOML writer for the config file: nested tables of strings and booleans (stdlib reads it back)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["dumps"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # A JSON string (ASCII, every control character escaped) is a valid TOML basic string.
        return json.dumps(value)
    raise TypeError(f"cannot write {type(value).__name__} to the config file")


def dumps(data: Mapping[str, Any]) -> str:
    """``data`` as TOML: plain values first, then one ``[table]`` header per nested mapping."""
    lines: list[str] = []
    _table(lines, (), data)
    return "\n".join(lines).lstrip("\n") + "\n"


def _table(lines: list[str], path: tuple[str, ...], data: Mapping[str, Any]) -> None:
    values = [(k, v) for k, v in data.items() if not isinstance(v, Mapping)]
    tables = [(k, v) for k, v in data.items() if isinstance(v, Mapping)]
    if path and (values or not tables):
        lines.extend(["", "[" + ".".join(_key(p) for p in path) + "]"])
    lines.extend(f"{_key(k)} = {_value(v)}" for k, v in values)
    for name, table in tables:
        _table(lines, (*path, name), table)
