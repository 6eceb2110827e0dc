"""Deadline's exception members come from the generated error models and match openapi/deadline.yaml.

``_errors`` derives each modeled class's ``MODELED`` (the members botocore merges into ``e.response``) from the
generated model of its error schema; ``retryAfterSeconds`` is added where the spec documents a ``Retry-After``
header on that error's response. These tests read the spec directly, so a derivation that drifts fails here.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml
from taskfacade.deadline import _errors
from taskfacade.deadline._generated import ERROR_MODELS, wire_members

SPEC = Path(__file__).resolve().parents[3] / "openapi" / "deadline.yaml"


@functools.cache
def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC.read_text())
    return spec


def _error_responses() -> dict[str, dict[str, Any]]:
    """The spec's reusable error responses, by name (``ResourceNotFoundException``...)."""
    responses: dict[str, dict[str, Any]] = _spec()["components"]["responses"]
    return {name: body for name, body in responses.items() if "X-Amzn-ErrorType" in body.get("headers", {})}


def test_every_documented_error_has_a_class_and_a_model() -> None:
    documented = set(_error_responses())
    assert documented == set(ERROR_MODELS)
    assert documented == {cls.__name__ for cls in _errors.MODELED_ERRORS}


@pytest.mark.parametrize("cls", _errors.MODELED_ERRORS, ids=lambda cls: cls.__name__)
def test_members_are_the_spec_schema_plus_retry_after_where_documented(cls: type[_errors.ClientError]) -> None:
    response = _error_responses()[cls.__name__]
    schema_ref = response["content"]["application/json"]["schema"]["$ref"]
    schema = _spec()["components"]["schemas"][schema_ref.rsplit("/", 1)[-1]]
    header_members = ["retryAfterSeconds"] if "Retry-After" in response["headers"] else []
    assert list(cls.MODELED) == [*schema["properties"], *header_members]


def test_wire_members_follow_the_model_not_a_copy() -> None:
    """The derivation reads the model: every field, optional or required, under its wire name."""
    model = ERROR_MODELS["ValidationException"]
    assert wire_members(model) == ("message", "reason", "fieldList", "context")
    instance = model.from_dict({"message": "m", "reason": "OTHER", "extraMember": 1})
    assert set(instance.to_dict()) <= {*wire_members(model), "extraMember"}
