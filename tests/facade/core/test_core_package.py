"""The package surface: lazy re-exports, a cheap ``import taskfacade``, and a core that imports no service."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import taskfacade
import taskfacade._registry

CORE = Path(taskfacade.__file__).parent
SERVICES = set(taskfacade._registry.known_names())


def _fresh(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


def test_import_is_cheap_and_lazy() -> None:
    out = _fresh("import sys, taskfacade; print(sorted({'httpx', 'attrs', 'tqdm'} & set(sys.modules)))")
    assert out == "[]"
    out = _fresh("import sys, taskfacade; taskfacade.JobPhase; print('httpx' in sys.modules)")
    assert out == "False"  # the job layer does not drag the HTTP stack in


def _import_time_us() -> int:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import taskfacade"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    line = next(ln for ln in proc.stderr.splitlines() if ln.rstrip().endswith("| taskfacade"))
    return int(line.split("|")[1])


def test_import_time_budget() -> None:
    # best of three: a loaded CI machine adds noise, never speed
    assert min(_import_time_us() for _ in range(3)) < 60_000


def test_every_export_resolves() -> None:
    assert set(taskfacade.__all__) == {"__version__", *taskfacade._EXPORTS}
    for name in taskfacade.__all__:
        assert getattr(taskfacade, name) is not None
    assert set(taskfacade.__all__) <= set(dir(taskfacade))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        taskfacade.nope  # noqa: B018


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.update(f"{base}.{alias.name}" if not node.module else base for alias in node.names)
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in CORE.glob("_*.py")))
def test_core_modules_import_no_service_and_no_emulator(module: str) -> None:
    for name in _imports(CORE / module):
        parts = name.lstrip(".").split(".")
        assert not (name.startswith(".") and parts[0] in SERVICES), f"{module} imports service {name}"
        assert parts[0] not in ("taskfacade_emulator", "taskfacade_generated"), f"{module} imports {name}"
        if parts[0] == "taskfacade":
            assert len(parts) < 2 or parts[1] not in SERVICES, f"{module} imports service {name}"
