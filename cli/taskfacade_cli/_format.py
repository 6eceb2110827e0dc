"""``-o/--output table|json|yaml|text``, ``--query`` and ``--no-headers``: the output options AWS CLI and kubectl
users know.

Each command builds one JSON-shaped document (what ``-o json`` prints). ``--query`` (JMESPath, as in the AWS CLI)
selects from that document; ``json``, ``yaml`` and ``text`` then print the selection. ``table`` is the command's
own table for people, or a generic table of the selection when ``--query`` is given. YAML comes from a small
emitter for JSON-shaped data (no PyYAML needed); ``text`` is tab-separated values, one record a line, as the AWS
CLI's text output.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ._exit import UsageError
from ._render import dumps_json, key_values, plain, table
from ._terminal import escape_json, visible

__all__ = ["OutputOptions", "emit", "output_options", "terminal_columns", "to_yaml"]

#: Strings written without quotes in YAML: nothing a YAML 1.1 or 1.2 loader reads as a number, date, bool or null.
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})


@attrs.frozen
class OutputOptions:
    """The output options of one command.

    Attributes:
        format: ``table``, ``json``, ``yaml`` or ``text``.
        query: the compiled ``--query`` expression, or None.
        headers: False with ``--no-headers``.
    """

    format: str = "table"
    query: Any = None
    headers: bool = True

    @property
    def for_people(self) -> bool:
        """True for the command's own table (``-o table`` without ``--query``)."""
        return self.format == "table" and self.query is None


def output_options(args: argparse.Namespace) -> OutputOptions:
    """The command's output options, ``--query`` compiled (before any request: a bad one is a usage error)."""
    expression = getattr(args, "query", None)
    compiled = None
    if expression is not None:
        try:
            import jmespath
            import jmespath.exceptions
        except ImportError:
            raise UsageError("--query needs jmespath: pip install 'taskfacade[jmespath]'") from None
        try:
            compiled = jmespath.compile(expression)
        except jmespath.exceptions.JMESPathError as error:
            raise UsageError(f"invalid --query {expression!r}: {' '.join(str(error).split())}") from None
    return OutputOptions(getattr(args, "output", "table") or "table", compiled, not getattr(args, "no_headers", False))


def emit(options: OutputOptions, document: Any, *, records: Sequence[Any] | None = None) -> None:
    """Print ``document`` on stdout as ``options`` say (not for the command's own table).

    Args:
        options: the command's output options.
        document: the JSON-shaped document (what ``-o json`` prints).
        records: what ``-o text`` prints without ``--query`` (one line each); default: the document.
    """
    value = plain(document)
    if options.query is not None:
        value = options.query.search(value)
    elif options.format == "text" and records is not None:
        value = plain(records)
    if options.format == "json":
        print(dumps_json(value))
    elif options.format == "yaml":
        print(to_yaml(value), end="")
    elif options.format == "text":
        print(to_text(value), end="")
    else:
        print(generic_table(value, headers=options.headers))


# -- yaml ----------------------------------------------------------------------------------------------------------


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        shown = repr(value)  # YAML 1.1 loaders read a float only with a dot: 1e+20 as 1.0e+20
        return shown if "." in shown or "e" not in shown else shown.replace("e", ".0e", 1)
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list):
        return "[]"
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return escape_json(json.dumps(text, ensure_ascii=False))  # a JSON string is a YAML double-quoted scalar


def _yaml_lines(value: Any) -> list[str]:
    if isinstance(value, Mapping) and value:
        lines = []
        for key, item in value.items():
            name = _yaml_scalar(str(key))
            if isinstance(item, Mapping | list) and item:
                lines.append(f"{name}:")
                lines.extend(f"  {line}" for line in _yaml_lines(item))
            else:
                lines.append(f"{name}: {_yaml_scalar(item)}")
        return lines
    if isinstance(value, list) and value:
        lines = []
        for item in value:
            first, *rest = _yaml_lines(item)
            lines.append(f"- {first}")
            lines.extend(f"  {line}" for line in rest)
        return lines
    return [_yaml_scalar(value)]


def to_yaml(value: Any) -> str:
    """JSON-shaped ``value`` as block-style YAML (``yaml.safe_load`` gives it back), ending in a newline.

    Strings that a YAML loader could read as anything else (numbers, dates, ``yes``, ``null``...) are quoted, and
    control and invisible characters are escaped inside the quotes, as in JSON output.
    """
    return "\n".join(_yaml_lines(plain(value))) + "\n"


# -- text ----------------------------------------------------------------------------------------------------------


def _text_cell(value: Any) -> str:
    if isinstance(value, Mapping | list):
        return dumps_json(value, indent=None)
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    return visible(str(value))  # a tab or newline in a value cannot split a record


def to_text(value: Any) -> str:
    """``value`` as tab-separated text, as the AWS CLI's ``--output text``: a list of records one a line, a list
    of scalars on one line, a record's values on one line; empty for an empty list or null."""
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        if all(isinstance(item, Mapping | list) for item in value):
            lines = [_text_record(item) for item in value]
        else:
            lines = ["\t".join(_text_cell(item) for item in value)]
    else:
        lines = [_text_record(value)]
    return "".join(f"{line}\n" for line in lines)


def _text_record(value: Any) -> str:
    if isinstance(value, Mapping):
        return "\t".join(_text_cell(item) for item in value.values())
    if isinstance(value, list):
        return "\t".join(_text_cell(item) for item in value)
    return _text_cell(value)


# -- tables --------------------------------------------------------------------------------------------------------


def generic_table(value: Any, *, headers: bool = True) -> str:
    """A ``--query`` selection for people: records as a table, a record as ``key: value`` lines, scalars one a
    line."""
    if isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
        names = list(dict.fromkeys(key for item in value for key in item))
        rows = [[_table_cell(item.get(name)) for name in names] for item in value]
        return table([name.upper() for name in names], rows, headers_shown=headers, max_width=terminal_columns())
    if isinstance(value, Mapping) and value:
        return key_values(list(value.items()))
    if isinstance(value, list):
        return "\n".join(_table_cell(item) or "-" for item in value)
    return _table_cell(value) or "-"


def _table_cell(value: Any) -> str:
    if isinstance(value, Mapping | list):
        return dumps_json(value, indent=None)
    return "" if value is None else str(value)


def terminal_columns() -> int | None:
    """How wide tables may be: ``$COLUMNS`` when set, else the width of the terminal stdout is, else no limit (a
    pipe or file gets whole rows)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        pass
    return None
