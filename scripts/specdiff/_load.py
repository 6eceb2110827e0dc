"""Read one OpenAPI spec, and refuse it with one clear error when it cannot be trusted.

A spec that does not parse, does not validate as OpenAPI 3, or holds a ``$ref`` that points nowhere raises
``SpecError`` naming the file and the location, so nothing downstream (a diff, a regeneration) runs on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class SpecError(Exception):
    """A spec that cannot be used; the message names the file and where in it the problem is."""


def _pointer_get(spec: Any, ref: str) -> Any:
    """Follow a local JSON pointer (``#/a/b``); raise KeyError when it leads nowhere."""
    target = spec
    for raw in ref.removeprefix("#/").split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(target, list) and part.isdigit() and int(part) < len(target):
            target = target[int(part)]
        elif isinstance(target, dict) and part in target:
            target = target[part]
        else:
            raise KeyError(ref)
    return target


def _escape(part: object) -> str:
    """One JSON-pointer segment (``/`` and ``~`` escaped, as in ``/paths/~1v1~1tasks``)."""
    return str(part).replace("~", "~0").replace("/", "~1")


def dangling_refs(spec: Any) -> list[tuple[str, str]]:
    """Every ``$ref`` that does not resolve, as (location as a JSON pointer, the ref)."""
    found: list[tuple[str, str]] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                if not ref.startswith("#/"):
                    found.append((where or "/", ref))
                else:
                    try:
                        _pointer_get(spec, ref)
                    except KeyError:
                        found.append((where or "/", ref))
            for key, value in node.items():
                walk(value, f"{where}/{_escape(key)}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(spec, "")
    return found


def parse_spec(text: str, name: str) -> dict[str, Any]:
    """Parse and check a spec's text; ``name`` is what errors call the file.

    Raises:
        SpecError: YAML that does not parse (with line and column), a document that is not an OpenAPI 3 mapping,
            a dangling ``$ref`` (with its location) or an OpenAPI validation error (with its JSON path).
    """
    try:
        spec = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise SpecError(f"{name}{where}: not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise SpecError(f"{name}: not valid YAML: {exc}") from None
    if not isinstance(spec, dict) or not str(spec.get("openapi", "")).startswith("3."):
        raise SpecError(f"{name}: not an OpenAPI 3 document (no `openapi: 3.x` at the top)")
    dangling = dangling_refs(spec)
    if dangling:
        where, ref = dangling[0]
        more = f" (and {len(dangling) - 1} more)" if len(dangling) > 1 else ""
        raise SpecError(f"{name}: $ref at {where} points nowhere: {ref}{more}")
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    try:
        validate(spec)
    except OpenAPIValidationError as exc:
        path = "".join(f"/{_escape(p)}" for p in getattr(exc, "absolute_path", []))
        message = str(getattr(exc, "message", exc)).strip().splitlines()[0]
        raise SpecError(f"{name}: invalid OpenAPI at {path or '/'}: {message}") from None
    return spec


def load_spec(path: Path) -> dict[str, Any]:
    """Read and check the spec file at ``path`` (see ``parse_spec``); a missing file is a ``SpecError`` too."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        raise SpecError(f"{path}: no such spec file") from None
    except OSError as exc:
        raise SpecError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_spec(text, str(path))
