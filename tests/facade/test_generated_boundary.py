"""One boundary to generated code: in each service package, only ``_generated.py`` imports ``taskfacade_generated``.

import-linter (``pyproject.toml``) forbids every other import of ``taskfacade_generated`` in the facade. These
checks add what its wildcard cannot say, without a list of services: a service's boundary imports its own
generated package only, and exports nothing that no module of its package uses.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import taskfacade

FACADE = Path(taskfacade.__file__).parent
BOUNDARIES = sorted(FACADE.glob("*/_generated.py"))


def _absolute_imports(path: Path) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return found


def _boundary_names(path: Path) -> set[str]:
    """Names sibling modules import from ``._generated``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module == "_generated":
            names.update(alias.name for alias in node.names)
    return names


def test_every_service_package_has_a_boundary() -> None:
    services = {p.parent.name for p in FACADE.glob("*/__init__.py")}
    assert services, "no service packages found"
    assert {p.parent.name for p in BOUNDARIES} == services


@pytest.mark.parametrize("path", sorted(FACADE.rglob("*.py")), ids=lambda p: str(p.relative_to(FACADE)))
def test_only_the_boundary_imports_generated_code(path: Path) -> None:
    generated = [name for name in _absolute_imports(path) if name.split(".")[0] == "taskfacade_generated"]
    if path.name != "_generated.py" or path.parent == FACADE:
        assert generated == [], f"{path.relative_to(FACADE)} imports {generated}: go through <service>/_generated.py"
        return
    own = f"taskfacade_generated.{path.parent.name}"
    strays = [name for name in generated if name != own and not name.startswith(f"{own}.")]
    assert strays == [], f"{path.relative_to(FACADE)} imports another service's generated code: {strays}"


@pytest.mark.parametrize("path", BOUNDARIES, ids=lambda p: p.parent.name)
def test_the_boundary_exports_only_what_its_package_uses(path: Path) -> None:
    tree = ast.parse(path.read_text())
    assert (ast.get_docstring(tree) or "").startswith("The one place the "), "say what the boundary is for"
    exported = next(
        {ast.literal_eval(element) for element in node.value.elts}
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id == "__all__"
    )
    used = set().union(*(_boundary_names(p) for p in path.parent.glob("*.py") if p != path))
    assert exported - used == set(), "exported but unused: drop it from the boundary"
    assert used - exported == set(), "imported from the boundary but not in its __all__"
