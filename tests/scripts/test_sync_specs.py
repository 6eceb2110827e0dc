"""``make sync-specs``: openapi/deadline.yaml rebuilt from botocore's model, for real and with synthetic upgrades.

The committed spec must be in step with the installed model (a sync changes nothing). A synthetic botocore
upgrade (a new enum value, a new member, a removed member, a new required member, a changed length) must arrive
as exactly those edits, keep the spec valid, be classified by spec-diff, and still generate a client.
"""

from __future__ import annotations

import copy
from typing import Any

import generate
import pytest
import sync_specs
import yaml
from specdiff import Severity, diff_specs, parse_spec, worst


@pytest.fixture(scope="module")
def model() -> dict[str, Any]:
    return sync_specs.botocore_model()


def test_the_committed_spec_is_in_step_with_botocore(model: dict[str, Any]) -> None:
    text = sync_specs.SPEC.read_text()
    assert sync_specs.sync_text(text, model) == (text, [])
    assert sync_specs.main(["--check"]) == 0


def _upgraded(model: dict[str, Any]) -> dict[str, Any]:
    upgraded = copy.deepcopy(model)
    shapes = upgraded["shapes"]
    shapes["TaskRunStatus"]["enum"].append("PAUSED")
    shapes["GetTaskResponse"]["members"]["note"] = {"shape": "String", "documentation": "<p>A <b>new</b> note.</p>"}
    del shapes["GetTaskResponse"]["members"]["updatedBy"]
    shapes["UpdateTaskRequest"]["members"]["reason"] = {"shape": "String"}
    shapes["UpdateTaskRequest"]["required"].append("reason")
    shapes["ListTasksRequest"]["members"]["maxResults"]["shape"] = "MaxResults"
    shapes["MaxResults"] = {**shapes[shapes["ListTasksRequest"]["members"]["maxResults"]["shape"]], "max": 50}
    return upgraded


def test_a_botocore_upgrade_arrives_as_exactly_its_edits(model: dict[str, Any], tmp_path: Any) -> None:
    old_text = sync_specs.SPEC.read_text()
    new_text, changes = sync_specs.sync_text(old_text, _upgraded(model))
    assert "components/schemas/GetTaskResponse.note: added" in changes
    assert "components/schemas/GetTaskResponse.updatedBy: removed" in changes
    assert any(c.startswith("components/schemas/TaskRunStatus: enum") and "PAUSED" in c for c in changes)
    assert any(c.startswith("components/schemas/UpdateTaskRequest: required") for c in changes)
    assert any("listTasks parameter maxresults: maximum 100 -> 50" in c for c in changes)
    assert "# ---- enums ----" in new_text  # comments survive the round trip
    new = parse_spec(new_text, "synced deadline.yaml")  # still valid, every $ref resolves
    assert new["components"]["schemas"]["GetTaskResponse"]["properties"]["note"] == {
        "type": "string",
        "description": "A new note.",
    }
    changes_found = diff_specs(yaml.safe_load(old_text), new, "deadline")
    assert worst(changes_found) is Severity.BREAKING  # the new required request member
    details = {(c.operation, c.where): c for c in changes_found}
    assert details[("getTask", "response 200 field runStatus")].severity is Severity.NON_BREAKING
    assert details[("getTask", "response 200 field note")].severity is Severity.NON_BREAKING
    assert details[("updateTask", "request body field reason")].severity is Severity.BREAKING
    assert sync_specs.sync_text(new_text, _upgraded(model)) == (new_text, [])  # a second sync changes nothing


@pytest.mark.slow
def test_a_synced_spec_still_generates_a_client(model: dict[str, Any], tmp_path: Any) -> None:
    new_text, _ = sync_specs.sync_text(sync_specs.SPEC.read_text(), _upgraded(model))
    spec = tmp_path / "deadline.yaml"
    spec.write_text(new_text)
    generate.generate_one(spec, tmp_path / "out")
    source = (tmp_path / "out" / "deadline" / "models" / "get_task_response.py").read_text()
    assert "note" in source
    assert "updated_by" not in source
