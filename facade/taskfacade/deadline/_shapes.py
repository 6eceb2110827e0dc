"""Generated response models turned into the dicts boto3 returns (seed 002's response syntax).

- timestamps become aware UTC datetimes (botocore returns ``tzlocal()``);
- enum values become plain strings, unknown ones included (the generated enums are open);
- tagged unions (``TaskParameterValue``, ``JobParameter``) become ``{member: value}``; a member this client does
  not know becomes ``{"SDK_UNKNOWN_MEMBER": {"name": tag}}`` as boto3 shows it. Unlike botocore, a malformed
  union (no member, or several) does not fail the whole response: its members are kept as sent, and logged;
- keys the model does not list are dropped, as boto3 drops them.

One table per shape lists ``(wire key, model attribute, converter)``; absent (UNSET) members are left out.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Sequence
from typing import Any

from .._dates import as_utc
from .._log import logger
from ._generated import Unset

__all__ = ["JOB_FIELDS", "TASK_FIELDS", "convert", "union_dict"]

Converter = Callable[[Any], Any]
FieldTable = Sequence[tuple[str, str, Converter]]

UNKNOWN_MEMBER = "SDK_UNKNOWN_MEMBER"
_TASK_MEMBERS = (
    ("int", "int_"),
    ("float", "float_"),
    ("string", "string"),
    ("path", "path"),
    ("chunkInt", "chunk_int"),
)
_JOB_MEMBERS = (
    ("int", "int_"),
    ("float", "float_"),
    ("string", "string"),
    ("path", "path"),
    ("bool", "bool_"),
    ("rangeExpr", "range_expr"),
    ("stringList", "string_list"),
    ("pathList", "path_list"),
    ("intList", "int_list"),
    ("floatList", "float_list"),
    ("boolList", "bool_list"),
    ("intListList", "int_list_list"),
)


def _same(value: Any) -> Any:
    return value


def _time(value: Any) -> datetime.datetime | None:
    return as_utc(value)


def _enum(value: Any) -> Any:
    return str(value.value) if isinstance(value, enum.Enum) else value


def union_dict(model: Any, members: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A generated tagged-union model as boto3's ``{member: value}``.

    Exactly one known member: that member (unknown keys beside it are ignored, and logged). No known member and
    one unknown: ``{"SDK_UNKNOWN_MEMBER": {"name": tag}}``. Anything else (no member, several): the members as
    sent, logged, where botocore would fail the whole response.
    """
    known = {key: getattr(model, attr) for key, attr in members}
    known = {k: list(v) if isinstance(v, list) else v for k, v in known.items() if v is not None}
    known = {k: v for k, v in known.items() if not isinstance(v, Unset)}
    extra = {k: v for k, v in model.additional_properties.items() if k != "__type" and v is not None}
    if len(known) == 1:
        if extra:
            logger.info(
                "deadline: ignored unknown keys %s beside tagged-union member %s", sorted(extra), next(iter(known))
            )
        return known
    if not known and len(extra) == 1:
        return {UNKNOWN_MEMBER: {"name": next(iter(extra))}}
    present = {**known, **extra}
    logger.warning("deadline: a tagged union with %d members set (expected one): %s", len(present), sorted(present))
    return present


def _union_map(members: Sequence[tuple[str, str]]) -> Converter:
    def convert_map(value: Any) -> dict[str, Any]:
        entries = value.additional_properties
        unions = {name: union_dict(m, members) for name, m in entries.items() if hasattr(m, "additional_properties")}
        if len(unions) != len(entries):
            dropped = sorted(set(entries) - set(unions))
            logger.warning("deadline: dropped parameter entries that are not tagged unions: %s", dropped)
        return unions

    return convert_map


def _counts(value: Any) -> dict[str, int]:
    counts = value.additional_properties
    kept = {k: v for k, v in counts.items() if isinstance(v, int) and not isinstance(v, bool)}
    if len(kept) != len(counts):
        logger.warning(
            "deadline: dropped non-integer entries of a status count map: %s", sorted(set(counts) - set(kept))
        )
    return kept


def _manifest(value: Any) -> dict[str, Any]:
    return convert(value, _MANIFEST_FIELDS)


def _attachments(value: Any) -> dict[str, Any]:
    return convert(value, _ATTACHMENT_FIELDS)


def convert(model: Any, table: FieldTable) -> dict[str, Any]:
    """The members of ``table`` that ``model`` has, converted (UNSET ones left out)."""
    out: dict[str, Any] = {}
    for key, attr, converter in table:
        value = getattr(model, attr)
        if not isinstance(value, Unset):
            out[key] = converter(value)
    return out


_MANIFEST_FIELDS: FieldTable = (
    ("fileSystemLocationName", "file_system_location_name", _same),
    ("rootPath", "root_path", _same),
    ("rootPathFormat", "root_path_format", _enum),
    ("outputRelativeDirectories", "output_relative_directories", list),
    ("inputManifestPath", "input_manifest_path", _same),
    ("inputManifestHash", "input_manifest_hash", _same),
)
_ATTACHMENT_FIELDS: FieldTable = (
    ("manifests", "manifests", lambda items: [_manifest(m) for m in items]),
    ("fileSystem", "file_system", _enum),
)

#: TaskSummary / GetTask output members; BatchGetTaskItem and TaskSearchSummary add ``IDS_FIELDS``.
TASK_FIELDS: FieldTable = (
    ("taskId", "task_id", _same),
    ("createdAt", "created_at", _time),
    ("createdBy", "created_by", _same),
    ("runStatus", "run_status", _enum),
    ("targetRunStatus", "target_run_status", _enum),
    ("failureRetryCount", "failure_retry_count", _same),
    ("startedAt", "started_at", _time),
    ("endedAt", "ended_at", _time),
    ("updatedAt", "updated_at", _time),
    ("updatedBy", "updated_by", _same),
    ("latestSessionActionId", "latest_session_action_id", _same),
    ("parameters", "parameters", _union_map(_TASK_MEMBERS)),
)
FARM_QUEUE_JOB_STEP: FieldTable = (
    ("farmId", "farm_id", _same),
    ("queueId", "queue_id", _same),
    ("jobId", "job_id", _same),
    ("stepId", "step_id", _same),
)
#: TaskSearchSummary: no creation members; the queue, job and step ids.
SEARCH_FIELDS: FieldTable = (
    *FARM_QUEUE_JOB_STEP[1:],
    *(f for f in TASK_FIELDS if f[0] not in ("createdAt", "createdBy")),
)
BATCH_ITEM_FIELDS: FieldTable = (*FARM_QUEUE_JOB_STEP, *TASK_FIELDS)
BATCH_ERROR_FIELDS: FieldTable = (
    *FARM_QUEUE_JOB_STEP,
    ("taskId", "task_id", _same),
    ("code", "code", _enum),
    ("message", "message", _same),
)

#: JobSummary members; GetJob adds ``JOB_DETAIL_FIELDS``.
JOB_FIELDS: FieldTable = (
    ("jobId", "job_id", _same),
    ("name", "name", _same),
    ("lifecycleStatus", "lifecycle_status", _enum),
    ("lifecycleStatusMessage", "lifecycle_status_message", _same),
    ("priority", "priority", _same),
    ("createdAt", "created_at", _time),
    ("createdBy", "created_by", _same),
    ("updatedAt", "updated_at", _time),
    ("updatedBy", "updated_by", _same),
    ("startedAt", "started_at", _time),
    ("endedAt", "ended_at", _time),
    ("taskRunStatus", "task_run_status", _enum),
    ("targetTaskRunStatus", "target_task_run_status", _enum),
    ("taskRunStatusCounts", "task_run_status_counts", _counts),
    ("taskFailureRetryCount", "task_failure_retry_count", _same),
    ("maxFailedTasksCount", "max_failed_tasks_count", _same),
    ("maxRetriesPerTask", "max_retries_per_task", _same),
    ("maxWorkerCount", "max_worker_count", _same),
    ("sourceJobId", "source_job_id", _same),
)
JOB_DETAIL_FIELDS: FieldTable = (
    *JOB_FIELDS,
    ("storageProfileId", "storage_profile_id", _same),
    ("parameters", "parameters", _union_map(_JOB_MEMBERS)),
    ("attachments", "attachments", _attachments),
    ("description", "description", _same),
)


def raw_parameters(model: Any) -> dict[str, Any] | None:
    """A model's ``parameters`` exactly as the wire had them (unknown members with their values), or None."""
    value = getattr(model, "parameters", None)
    if value is None or isinstance(value, Unset):
        return None
    result: dict[str, Any] = value.to_dict()
    return result
