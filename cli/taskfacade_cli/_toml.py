"""Writing the config file: ``tomlkit`` edits the user's file in place (comments and layout kept), and a minimal
writer of nested tables of strings and booleans is the fallback (the standard library's ``tomllib`` reads both).

``tomlkit`` is imported only when the file is written, so reading commands start as fast as before.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from typing import Any

__all__ = ["dumps", "preserving_dumps"]

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


def preserving_dumps(original: str, data: Mapping[str, Any]) -> str:
    """``original`` (a TOML document) edited to hold exactly ``data``, keeping its comments, order and layout.

    Keys missing from ``data`` are removed, changed values replaced in place and new keys added at the end of
    their table. When the edited text would not read back as ``data`` (or ``original`` does not parse), the
    plain ``dumps`` of ``data`` is returned instead: the file's content always wins over its layout.

    Args:
        original: the file's current text ('' for a new file).
        data: what the file must hold.

    Returns:
        The new text of the file.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(original)
        _sync(document, data)
        text = tomlkit.dumps(document)
        if tomllib.loads(text) == data:
            return text if text.endswith("\n") else text + "\n"
    except (TOMLKitError, tomllib.TOMLDecodeError, TypeError, ValueError, KeyError):
        pass
    return dumps(data)


def _sync(container: Any, data: Mapping[str, Any]) -> None:
    """Make the tomlkit ``container`` (a document or table) hold ``data``, touching only what differs."""
    import tomlkit

    for key in [key for key in container if key not in data]:
        del container[key]
    for key, value in data.items():
        if isinstance(value, Mapping):
            if key not in container or not isinstance(container[key], Mapping):
                if key in container:
                    del container[key]
                only_tables = bool(value) and all(isinstance(inner, Mapping) for inner in value.values())
                container[key] = tomlkit.table(is_super_table=only_tables)
            _sync(container[key], value)
        elif key in container:
            if container[key] != value or type(container[key] == value) is not bool:
                container[key] = value
        else:
            _add_value(container, key, value)


def _add_value(container: Any, key: str, value: Any) -> None:
    """A new plain key after the table's last plain key, so it lands above a comment that introduces the next
    table (``tomlkit`` appends after it); appended when the table has no plain key or tomlkit lacks the hook."""
    plain = {name for name, item in container.items() if not isinstance(item, Mapping)}
    body = getattr(container, "value", container)  # a Table's Container; a document is its own
    items = getattr(body, "body", [])
    positions = [i for i, (name, _) in enumerate(items) if name is not None and getattr(name, "key", None) in plain]
    if positions:
        try:
            body._insert_at(positions[-1] + 1, key, value)
        except (AttributeError, KeyError, TypeError, ValueError):
            pass
        else:
            return
    container[key] = value
