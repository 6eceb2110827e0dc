"""Which facade functions and tests a changed operation touches, found by static analysis (``ast``) of the code.

The facade reaches each service only through generated operation modules, imported in one boundary module per
service (``taskfacade.<service>._generated``: ``from taskfacade_generated.<service>.api.<tag> import
<operation>``) and from there by the service's other modules (``from ._generated import <operation> [as name]``).
A function that references such a name calls that operation; functions of the same service package that
reference those functions by name are affected in turn (to a fixed point); a test that references any affected
public name, in a test file that imports the service, exercises it. Name matching is deliberately generous: an
impact list may hold a test too many, never one too few for a call the facade makes by name.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parents[2]


@attrs.frozen
class Impact:
    """The facade functions (``module:qualname``) and tests (``path::name``) behind one operation."""

    callers: tuple[str, ...]
    affected: tuple[str, ...]
    tests: tuple[str, ...]


def _functions(tree: ast.Module) -> Iterator[tuple[str, ast.AST]]:
    """Module-level functions and class methods as (qualname, node); nested code counts for its outer function."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield f"{node.name}.{item.name}", item


def _short(function: str) -> str:
    """``module:Class.method`` -> ``method``."""
    return function.rsplit(":", 1)[1].rsplit(".", 1)[-1]


def _names(node: ast.AST) -> set[str]:
    out: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            out.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            out.add(sub.attr)
    return out


def operation_bindings(tree: ast.Module, service: str) -> dict[str, str]:
    """Local names bound to generated operation modules of ``service``: {local name: operation module name}."""
    prefix = f"taskfacade_generated.{service}.api."
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(prefix):
            depth = node.module.removeprefix(prefix).count(".")
            for alias in node.names:
                operation = alias.name if depth == 0 else node.module.rsplit(".", 1)[-1]
                out[alias.asname or alias.name] = operation
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(prefix) and alias.name.count(".") == prefix.count(".") + 1 and alias.asname:
                    out[alias.asname] = alias.name.rsplit(".", 1)[-1]
    return out


@functools.cache
def _parse(path: Path, mtime_ns: int) -> ast.Module:
    """Parse a source file once per version of it."""
    return ast.parse(path.read_text(), str(path))


def parse(path: Path) -> ast.Module:
    """The parsed source of ``path`` (cached while the file is unchanged)."""
    return _parse(path, path.stat().st_mtime_ns)


class FacadeIndex:
    """The facade's and the tests' source, parsed once, answering impact questions for one service."""

    def __init__(self, service: str, root: Path = ROOT) -> None:
        self.service = service
        self.root = root
        package = root / "facade" / "taskfacade"
        self.modules: dict[str, ast.Module] = {}
        for path in sorted(package.rglob("*.py")):
            name = ".".join(path.relative_to(root / "facade").with_suffix("").parts)
            self.modules[name] = parse(path)
        self.service_prefix = f"taskfacade.{service}"

    def _service_modules(self) -> dict[str, ast.Module]:
        return {
            n: t for n, t in self.modules.items() if n == self.service_prefix or n.startswith(f"{self.service_prefix}.")
        }

    def facade_names(self) -> frozenset[str]:
        """Every attribute, keyword argument and string constant the service's facade package uses."""
        out: set[str] = set()
        for tree in self._service_modules().values():
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute):
                    out.add(node.attr)
                elif isinstance(node, ast.keyword) and node.arg:
                    out.add(node.arg)
                elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                    out.add(node.value)
        return frozenset(out)

    def _bindings(self, module: str, tree: ast.Module) -> dict[str, str]:
        """Local names of ``module`` bound to operations: imported directly or through the service's boundary."""
        out = operation_bindings(tree, self.service)
        boundary_name = f"{self.service_prefix}._generated"
        boundary = self.modules.get(boundary_name)
        if boundary is None or module == boundary_name:
            return out
        exported = operation_bindings(boundary, self.service)
        in_service = module.startswith(f"{self.service_prefix}.")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (
                (node.level == 0 and node.module == boundary_name)
                or (in_service and node.level == 1 and node.module == "_generated")
            ):
                for alias in node.names:
                    if alias.name in exported:
                        out[alias.asname or alias.name] = exported[alias.name]
        return out

    def callers(self) -> dict[str, list[str]]:
        """{operation module name: ["module:qualname", ...]} for every generated operation the facade calls."""
        out: dict[str, list[str]] = {}
        for module, tree in self.modules.items():
            bindings = {local: {operation} for local, operation in self._bindings(module, tree).items()}
            if not bindings:
                continue
            for statement in tree.body:  # module-level tables of operations: _OPS = {"owned": list_owned_op, ...}
                if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
                    ops = set().union(*(bindings[n] for n in _names(statement.value) & bindings.keys()))
                    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                    for target in targets:
                        if ops and isinstance(target, ast.Name):
                            bindings[target.id] = ops
            for qualname, node in _functions(tree):
                found = set().union(*(bindings[n] for n in _names(node) & bindings.keys()))
                for operation in sorted(found):
                    out.setdefault(operation, []).append(f"{module}:{qualname}")
        return out

    def affected(self, callers: list[str]) -> list[str]:
        """``callers`` plus every function of the service package that reaches them by name, to a fixed point."""
        found = set(callers)
        functions = [
            (f"{module}:{qualname}", _names(node))
            for module, tree in self._service_modules().items()
            for qualname, node in _functions(tree)
        ]
        while True:
            short = {_short(f) for f in found} - {"__init__", "__call__"}
            grown = {name for name, refs in functions if refs & short} | found
            if grown == found:
                return sorted(found)
            found = grown

    def tests(self, affected: list[str], operation: str) -> list[str]:
        """Tests (``path::name``) that reference an affected public name, in files that import the service."""
        wanted = {w for w in map(_short, affected) if not w.startswith("_")} | {operation}
        uses = re.compile(rf"taskfacade(_generated)?\.{self.service}\b|from taskfacade import [^\n]*\b{self.service}\b")
        out: list[str] = []
        for path in sorted((self.root / "tests").rglob("test_*.py")):
            if self.service not in path.name and not uses.search(path.read_text()):
                continue
            tree = parse(path)
            rel = path.relative_to(self.root).as_posix()
            for qualname, node in _functions(tree):
                if qualname.rsplit(".", 1)[-1].startswith("test") and _names(node) & wanted:
                    out.append(f"{rel}::{qualname.replace('.', '::')}")
        return out

    def impact(self, operation_id: str) -> Impact:
        """The impact of a change to ``operation_id`` (a spec operationId)."""
        from ._model import snake_case

        operation = snake_case(operation_id)
        callers = self.callers().get(operation, [])
        affected = self.affected(callers) if callers else []
        tests = self.tests(affected, operation) if callers else []
        return Impact(tuple(callers), tuple(affected), tuple(tests))
