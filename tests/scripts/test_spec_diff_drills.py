"""Drills: synthetic vendor changes to each real spec, classified by spec-diff, regenerated, and run for real.

For every service and drill, spec-diff must give the right severity. Every drilled spec must regenerate cleanly
(with ``--fail-on-warning``). For TileDB the regenerated client is swapped in for the committed one and the facade's
tests run against it: the non-breaking drills keep them green, and each breaking drill fails the named test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import generate
import pytest
import yaml
from spec_drills import DRILLS, ROOT, SERVICES, TARGETS, applied, load
from specdiff import Severity, diff_specs, worst

NON_BREAKING = [name for name, (_, breaking) in DRILLS.items() if not breaking]
BREAKING = [name for name, (_, breaking) in DRILLS.items() if breaking]
TILEDB_TESTS = ["tests/facade/tiledb/test_tiledb_task.py", "tests/facade/tiledb/test_tiledb_fetch_tasks.py"]
#: breaking drill -> the TileDB facade test it must fail
VENDOR_FIELDS = "tests/facade/tiledb/test_tiledb_task.py::test_task_returns_a_job_with_the_vendor_fields"
FILTERS = "tests/facade/tiledb/test_tiledb_fetch_tasks.py::test_status_type_and_exclude_type_filters"
FAILS = {
    "removed field the facade reads": VENDOR_FIELDS,
    "changed type": VENDOR_FIELDS,
    "renamed query parameter": FILTERS,
    "new required parameter": FILTERS,
}


@pytest.mark.parametrize("service", SERVICES)
def test_an_unchanged_spec_has_no_changes(service: str) -> None:
    assert diff_specs(load(service), load(service), service) == []


@pytest.mark.parametrize("drill", list(DRILLS))
@pytest.mark.parametrize("service", SERVICES)
def test_drill_is_classified(service: str, drill: str) -> None:
    changes = diff_specs(load(service), applied(service, drill), service)
    breaking = DRILLS[drill][1]
    assert worst(changes) is (Severity.BREAKING if breaking else Severity.NON_BREAKING), changes
    details = [f"{c.kind} {c.where}: {c.detail}" for c in changes]
    _, _, read, (operation, sent), retyped = TARGETS[service]
    expected = {
        "new enum value": "enum values added ['DRILL_NEW_VALUE'] (open enums keep unknown values)",
        "new optional response field": "field drillExtra: new response field",
        "removed field the facade reads": f"field {read}: response field removed (the facade reads it)",
        "renamed query parameter": f"removed parameter query:{sent}: parameter removed (the facade sends it)",
        "changed type": f"field {retyped}: type ",
        "new required parameter": "added parameter query:drill_required: new required parameter",
        "new operation": "added operation: new operation GET /drill/new-operation",
    }[drill]
    assert any(expected in d for d in details), details
    if drill == "renamed query parameter":
        assert any(c.where == f"parameter query:{sent}Renamed" and c.operation == operation for c in changes)


def test_a_removed_field_the_facade_does_not_read_is_not_breaking() -> None:
    new = load("tiledb")
    del new["components"]["schemas"]["TaskAsset"]["properties"]["teamspace_name"]  # kept raw, never read
    changes = diff_specs(load("tiledb"), new, "tiledb")
    assert worst(changes) is Severity.NON_BREAKING
    assert any("the facade does not read it" in c.detail for c in changes)


def _regenerate(tmp: Path, service: str, spec: dict[str, object], *, whole: bool = True) -> Path:
    """Generate ``spec`` as taskfacade_generated.<service> (``whole``: beside copies of the other services)."""
    (tmp / f"{service}.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    package = tmp / "pkg" / "taskfacade_generated"
    if whole:  # the other services and the package files link to the committed ones
        package.mkdir(parents=True)
        for entry in (ROOT / "generated" / "taskfacade_generated").iterdir():
            if entry.name not in (service, "__pycache__"):
                (package / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    generate.check_specs([tmp / f"{service}.yaml"])
    generate.generate_one(tmp / f"{service}.yaml", package)
    return package.parent


def _pytest(pythonpath: Path, *tests: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    cmd = [sys.executable, "-m", "pytest", "-q", "-n", "0", *tests]  # xdist stays loaded: addopts name --dist
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["non-breaking", "breaking"])
@pytest.mark.parametrize("service", SERVICES)
def test_drilled_specs_regenerate_cleanly(tmp_path: Path, service: str, kind: str) -> None:
    names = NON_BREAKING if kind == "non-breaking" else BREAKING
    package = _regenerate(tmp_path, service, applied(service, *names), whole=False) / "taskfacade_generated" / service
    assert (package / "client.py").is_file()
    assert any((package / "api").rglob("*.py"))


@pytest.mark.slow
def test_non_breaking_drills_keep_the_tiledb_facade_tests_green(tmp_path: Path) -> None:
    pythonpath = _regenerate(tmp_path, "tiledb", applied("tiledb", *NON_BREAKING))
    generated = pythonpath / "taskfacade_generated" / "tiledb" / "models" / "array_task_status.py"
    assert "DRILL_NEW_VALUE" in generated.read_text()  # the drilled client is the one under test
    proc = _pytest(pythonpath, *TILEDB_TESTS)
    assert proc.returncode == 0, proc.stdout[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize("drill", BREAKING)
def test_a_breaking_drill_fails_a_named_tiledb_test(tmp_path: Path, drill: str) -> None:
    pythonpath = _regenerate(tmp_path, "tiledb", applied("tiledb", drill))
    proc = _pytest(pythonpath, FAILS[drill])
    assert proc.returncode == 1, proc.stdout[-3000:]
    assert f"FAILED {FAILS[drill]}" in proc.stdout
