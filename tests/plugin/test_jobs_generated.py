"""The plug-in's generated client cannot rot: it is regenerated from its spec with taskfacade's pinned generator,
templates and config, and must match byte for byte (what ``make check-generated`` does for the four services).
The plug-in's layers keep taskfacade's import rules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PLUGIN = Path(__file__).parent
ROOT = PLUGIN.parent.parent
PACKAGE = PLUGIN / "taskfacade_jobs"


def test_generated_client_matches_the_spec() -> None:
    command = [
        sys.executable,
        str(ROOT / "scripts" / "generate.py"),
        "--check",
        "--spec",
        str(PLUGIN / "openapi" / "jobs.yaml"),
        "--out",
        str(PACKAGE / "generated"),
    ]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "matches" in proc.stdout


def _imports(path: Path) -> set[str]:
    """Absolute names a module imports (relative imports resolved against the package)."""
    package = ".".join(path.relative_to(PLUGIN).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            module = node.module or ""
            found.add(f"{base}.{module}".rstrip(".") if node.level else module)
    return found


def _layer(name: str) -> dict[str, set[str]]:
    return {str(p.relative_to(PLUGIN)): _imports(p) for p in sorted((PACKAGE / name).rglob("*.py"))}


def _touches(imports: set[str], prefix: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for name in imports)


def test_layers_keep_taskfacades_import_rules() -> None:
    facade, emulator, cli = _layer("facade"), _layer("emulator"), _layer("cli")
    for path, imports in facade.items():
        for banned in ("taskfacade_jobs.emulator", "taskfacade_jobs.cli", "taskfacade_emulator", "taskfacade_cli"):
            assert not _touches(imports, banned), f"{path} imports {banned}"
    for path, imports in emulator.items():
        for banned in ("taskfacade_jobs.facade", "taskfacade_jobs.cli", "taskfacade_jobs.generated", "taskfacade"):
            assert not _touches(imports, banned), f"{path} imports {banned}"
    assert not any(_touches(cli["taskfacade_jobs/cli/__init__.py"], name) for name in ("taskfacade", "attrs"))
    for path, imports in _layer("generated").items():
        assert not any(name.startswith("taskfacade") and not name.startswith("taskfacade_jobs.generated")
                       for name in imports), path  # fmt: skip
    boundary = [path for path, imports in {**facade, **cli}.items() if _touches(imports, "taskfacade_jobs.generated")]
    assert boundary == ["taskfacade_jobs/facade/_wire.py"]  # one module meets the generated code
