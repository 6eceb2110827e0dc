"""spec-diff's command line, its refusal of broken specs, and the impact listing from the facade's source."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import generate
import pytest
import yaml
from spec_drills import ROOT, applied
from specdiff import FacadeIndex, SpecError, load_spec, parse_spec
from specdiff._cli import main

GOOD = (ROOT / "openapi" / "tiledb.yaml").read_text()


def _write(tmp_path: Path, name: str, spec: object) -> Path:
    path = tmp_path / name
    path.write_text(spec if isinstance(spec, str) else yaml.safe_dump(spec, sort_keys=False))
    return path


def test_markdown_report_and_exit_code_of_a_breaking_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path, "old.yaml", GOOD)
    new = _write(
        tmp_path, "new.yaml", applied("tiledb", "removed field the facade reads", "new optional response field")
    )
    assert main(["tiledb", "--old", str(old), "--new", str(new)]) == 2
    out = capsys.readouterr().out
    assert "- **tiledb**: BREAKING" in out
    assert (
        "| getTask | **breaking** removed | response 200 field status | response field removed (the facade reads it) |"
        in out
    )
    assert "| getTask | non-breaking added | response 200 field drillExtra | new response field (string) |" in out
    assert "- `getTask`: called by `taskfacade.tiledb." in out
    assert "tests/facade/tiledb/" in out


def test_json_report_and_exit_code_of_a_non_breaking_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path, "old.yaml", GOOD)
    new = _write(tmp_path, "new.yaml", applied("tiledb", "new operation", "new optional response field"))
    out_file = tmp_path / "report.json"
    assert main(["tiledb", "--old", str(old), "--new", str(new), "--format", "json", "--json-out", str(out_file)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report == json.loads(out_file.read_text())
    assert report["severity"] == "non-breaking"
    [service] = report["services"]
    kinds = {(c["operation"], c["kind"], c["where"], c["severity"]) for c in service["changes"]}
    assert ("drillNewOperation", "added", "operation", "non-breaking") in kinds
    assert service["impact"]["drillNewOperation"] == {"callers": [], "affected": [], "tests": []}
    assert service["impact"]["listTasks"]["callers"] == ["taskfacade.tiledb._tasks:list_page_steps"]


def test_no_change_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path, "old.yaml", GOOD)
    assert main(["tiledb", "--old", str(old), "--new", str(old)]) == 0
    assert "no change (0 changes, 0 breaking)" in capsys.readouterr().out


def test_make_spec_diff_default_compares_head_with_the_working_tree() -> None:
    proc = subprocess.run(
        [sys.executable, "scripts/spec_diff.py", "--format", "json"], cwd=ROOT, capture_output=True, text=True
    )
    report = json.loads(proc.stdout)
    assert [s["service"] for s in report["services"]] == ["deadline", "geobox", "tensorbay", "tiledb"]
    assert all(s["old"] == f"HEAD:openapi/{s['service']}.yaml" for s in report["services"])
    assert proc.returncode == {"none": 0, "no change": 0, "non-breaking": 1, "breaking": 2}[report["severity"]]


BROKEN = {
    "yaml": ("paths:\n  /a:\n    get: [unclosed\n", r"bad\.yaml:\d+:\d+: not valid YAML"),
    "not openapi": ("swagger: '2.0'\npaths: {}\n", r"bad\.yaml: not an OpenAPI 3 document"),
    "dangling ref": (
        GOOD.replace('$ref: "#/components/schemas/ArrayTaskStatus"', '$ref: "#/components/schemas/Nowhere"', 1),
        r"bad\.yaml: \$ref at /paths/~1v1~1tasks~1\{workspace\}/get/parameters/\d+/schema points nowhere: "
        r"#/components/schemas/Nowhere",
    ),
    "invalid": (
        GOOD.replace("      operationId: listTasks\n", "      operationId: 7\n", 1),
        r"bad\.yaml: invalid OpenAPI at /paths/~1v1~1tasks~1\{workspace\}/get/operationId: 7 is not",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_spec_is_one_clear_error(tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    text, message = BROKEN[case]
    bad = _write(tmp_path, "bad.yaml", text)
    with pytest.raises(SpecError, match=message):
        load_spec(bad)
    assert main(["tiledb", "--old", str(bad)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(bad) in err


def test_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"missing\.yaml: no such spec file"):
        load_spec(tmp_path / "missing.yaml")


def test_nothing_is_generated_from_a_broken_spec(tmp_path: Path) -> None:
    bad = _write(tmp_path, "tiledb.yaml", BROKEN["dangling ref"][0])
    with pytest.raises(SystemExit, match=r"not generating: .*tiledb\.yaml: \$ref at .* points nowhere"):
        generate.check_specs([bad])
    with pytest.raises(SystemExit, match="no spec for"):
        generate.generate_all(tmp_path / "out", ["nosuch"])
    assert not (tmp_path / "out").exists()


def test_every_committed_spec_passes_the_checks() -> None:
    for spec in generate.service_specs():
        assert parse_spec(spec.read_text(), spec.name)["paths"]


def test_impact_follows_callers_to_public_functions_and_tests() -> None:
    index = FacadeIndex("deadline")
    impact = index.impact("getTask")
    assert impact.callers
    assert all(c.startswith("taskfacade.deadline.") for c in impact.callers)
    assert set(impact.callers) <= set(impact.affected)
    assert any(t.startswith("tests/facade/deadline/") for t in impact.tests)
    # every test named really exists
    for test in impact.tests:
        path, name = test.split("::", 1)
        assert f"def {name.rsplit('::', 1)[-1]}(" in (ROOT / path).read_text()
    assert index.impact("noSuchOperation").callers == ()


def test_every_operation_the_facade_imports_is_found() -> None:
    for service in ["deadline", "geobox", "tensorbay", "tiledb"]:
        imported = set()
        for path in (ROOT / "facade" / "taskfacade" / service).rglob("*.py"):
            for line in path.read_text().splitlines():
                if line.startswith(f"from taskfacade_generated.{service}.api."):
                    names = line.split(" import ", 1)[1]
                    imported |= {n.split(" as ")[0].strip() for n in names.split(",") if n.strip() not in "()"}
        assert imported <= set(FacadeIndex(service).callers()), service
