"""Compare two flattened specs and classify every difference for a client of this facade.

"Breaking" means: the facade as it is (with its generated client) may fail against the new API, or must change
after ``make generate``. The rules follow from how this project generates and uses clients:

- enums are open (``openapi/templates/str_enum.py.jinja``), so a new enum value in a response is not breaking;
- unknown response fields land in ``additional_properties``, so a new response field is not breaking;
- a removed (or no longer required) response field is breaking only when the facade reads it: ``facade_names``
  holds every attribute, keyword and string key the facade's service package uses (``_impact.facade_names``);
- anything a request must now carry (a new required parameter or body field, a renamed or removed parameter the
  facade sends, a changed type, style or explode) is breaking;
- a removed success status, a changed path or method, and changed security are breaking.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

import attrs

from ._model import Field, Operation, Param, snake_case


class Severity(enum.IntEnum):
    """How bad a change is; the command's exit code is the worst severity found."""

    NONE = 0
    NON_BREAKING = 1
    BREAKING = 2


@attrs.frozen
class Change:
    """One difference in one operation."""

    operation: str
    kind: str  # added | removed | changed
    where: str  # e.g. "parameter query:page", "response 200 field items[].status", "operation"
    detail: str
    severity: Severity

    def to_json(self) -> dict[str, str]:
        """The change as a JSON object."""
        return {
            "operation": self.operation,
            "kind": self.kind,
            "where": self.where,
            "detail": self.detail,
            "severity": "breaking" if self.severity is Severity.BREAKING else "non-breaking",
        }


def _leaf(path: str) -> str:
    return path.rsplit(".", 1)[-1].removesuffix("[]").removesuffix("{}").removesuffix("[]")


def _fmt(field: Field) -> str:
    enum = f" enum {list(field.enum)}" if field.enum is not None else ""
    return f"{field.type}{enum}"


class _Differ:
    def __init__(self, facade_names: frozenset[str]) -> None:
        self.names = facade_names
        self.changes: list[Change] = []

    def used(self, path: str) -> bool:
        leaf = _leaf(path)
        return bool(leaf) and (leaf in self.names or snake_case(leaf) in self.names)

    def add(self, op: str, kind: str, where: str, detail: str, breaking: bool) -> None:
        severity = Severity.BREAKING if breaking else Severity.NON_BREAKING
        self.changes.append(Change(op, kind, where, detail, severity))

    def fields(
        self,
        op: str,
        where: str,
        old: dict[str, Field],
        new: dict[str, Field],
        *,
        response: bool,
    ) -> None:
        for path in sorted(old.keys() | new.keys()):
            label = f"{where} field {path}" if path else where
            a, b = old.get(path), new.get(path)
            parent_gone = bool(path) and any(p not in new for p in _parents(path))
            parent_new = bool(path) and any(p not in old for p in _parents(path))
            if a is None and b is not None:
                if parent_new:
                    continue
                if response:
                    self.add(op, "added", label, f"new response field ({_fmt(b)})", False)
                else:
                    self.add(op, "added", label, f"new {'required' if b.required else 'optional'} field", b.required)
            elif b is None and a is not None:
                if parent_gone:
                    continue
                if response:
                    read = self.used(path)
                    why = "the facade reads it" if read else "the facade does not read it"
                    self.add(op, "removed", label, f"response field removed ({why})", read)
                else:
                    sent = self.used(path)
                    why = "the facade sends it" if sent else "the facade does not send it"
                    self.add(op, "removed", label, f"request field removed ({why})", sent)
            elif a is not None and b is not None:
                self.field(op, label, path, a, b, response=response)

    def field(self, op: str, label: str, path: str, a: Field, b: Field, *, response: bool) -> None:
        if a.type != b.type:
            self.add(op, "changed", label, f"type {a.type} -> {b.type}", True)
        if a.enum != b.enum:
            before, after = set(a.enum or ()), set(b.enum or ())
            if a.enum is None or b.enum is None:
                self.add(op, "changed", label, f"enum {list(a.enum or [])} -> {list(b.enum or [])}", not response)
            else:
                if after - before:
                    gained = sorted(after - before)
                    note = " (open enums keep unknown values)" if response else ""
                    self.add(op, "changed", label, f"enum values added {gained}{note}", False)
                if before - after:
                    lost = sorted(before - after)
                    self.add(op, "changed", label, f"enum values removed {lost}", not response)
        if a.required != b.required and path:
            if response:
                read = self.used(path)
                if a.required:
                    self.add(
                        op, "changed", label, f"no longer required (may be absent){' and read' if read else ''}", read
                    )
                else:
                    self.add(op, "changed", label, "now always present", False)
            else:
                self.add(op, "changed", label, "now required" if b.required else "now optional", b.required)

    def param(self, op: str, key: str, a: Param | None, b: Param | None) -> None:
        where = f"parameter {key}"
        name = key.split(":", 1)[1]
        if a is None and b is not None:
            self.add(op, "added", where, f"new {'required' if b.required else 'optional'} parameter", b.required)
            return
        if b is None and a is not None:
            sent = a.required or self.used(name)
            why = "the facade sends it" if sent else "the facade does not send it"
            self.add(op, "removed", where, f"parameter removed ({why})", sent)
            return
        if a is None or b is None:
            return
        if a.required != b.required:
            self.add(op, "changed", where, "now required" if b.required else "now optional", b.required)
        if (a.style, a.explode) != (b.style, b.explode):
            detail = f"style/explode {a.style}/{a.explode} -> {b.style}/{b.explode} (the generator ignores both)"
            self.add(op, "changed", where, detail, True)
        self.fields(op, where, a.fields, b.fields, response=False)

    def operation(self, a: Operation | None, b: Operation | None, called: Callable[[str], bool]) -> None:
        if a is None and b is not None:
            self.add(b.operation_id, "added", "operation", f"new operation {b.method} {b.path}", False)
            return
        if b is None and a is not None:
            use = called(a.operation_id)
            why = "the facade calls it" if use else "the facade does not call it"
            self.add(a.operation_id, "removed", "operation", f"{a.method} {a.path} removed ({why})", use)
            return
        if a is None or b is None:
            return
        op = a.operation_id
        if (a.method, a.path) != (b.method, b.path):
            self.add(op, "changed", "operation", f"{a.method} {a.path} -> {b.method} {b.path}", True)
        for key in sorted(a.params.keys() | b.params.keys()):
            self.param(op, key, a.params.get(key), b.params.get(key))
        if a.body is None and b.body is not None:
            self.add(op, "added", "request body", "new request body", b.body_required)
        elif a.body is not None and b.body is None:
            self.add(op, "removed", "request body", "request body removed", True)
        elif a.body is not None and b.body is not None:
            if a.body_required != b.body_required:
                self.add(
                    op,
                    "changed",
                    "request body",
                    "now required" if b.body_required else "now optional",
                    b.body_required,
                )
            self.fields(op, "request body", a.body, b.body, response=False)
        for status in sorted(a.responses.keys() | b.responses.keys()):
            where = f"response {status}"
            if status not in b.responses:
                success = status.startswith("2") or status == "default"
                self.add(op, "removed", where, "status code removed", success)
            elif status not in a.responses:
                self.add(op, "added", where, "new status code (parsed; unknown codes are kept as int)", False)
            else:
                self.fields(op, where, a.responses[status], b.responses[status], response=True)
        if a.security != b.security:
            self.add(op, "changed", "security", f"{list(a.security)} -> {list(b.security)}", True)


def _parents(path: str) -> Iterable[str]:
    """The positions enclosing ``path`` (``items[].status`` -> ``items``, ``items[]``)."""
    out: list[str] = []
    for index, char in enumerate(path):
        if char in ".[{" and index:
            out.append(path[:index])
            if char in "[{":
                out.append(path[: index + 2])
    return [p for p in out if p and p != path]


def diff_operations(
    old: dict[str, Operation],
    new: dict[str, Operation],
    facade_names: frozenset[str] = frozenset(),
    called: Callable[[str], bool] = lambda _op: True,
) -> list[Change]:
    """Every change between two specs' operations, classified (see the module docstring)."""
    differ = _Differ(facade_names)
    for op_id in sorted(old.keys() | new.keys()):
        differ.operation(old.get(op_id), new.get(op_id), called)
    return differ.changes


def worst(changes: Iterable[Change]) -> Severity:
    """The highest severity among ``changes`` (``NONE`` when there are none)."""
    return max((c.severity for c in changes), default=Severity.NONE)
