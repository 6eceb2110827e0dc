"""Fuzz every response the facade parses: nothing may escape but the facade's documented errors.

For each operation of the four specs (the list comes from the specs and is checked against the generated api
modules and against ``PROBES``, so a new operation without a fuzz case fails ``test_every_operation_is_fuzzed``),
hypothesis generates response bodies from the operation's response schema and a loopback stub server sends them
to a real facade client, which parses them through its real path (transport, generated models, facade
conversion). Two properties per operation:

- tolerant bodies (unknown enum values, unknown union members, extra fields, missing optional fields, nulls where
  the spec allows them) must be accepted: the call returns and its result can be read;
- hostile bodies (nulls and wrong types anywhere, deleted keys, wrong top-level types, bytes that are not JSON)
  may be refused, but only with a ``taskfacade.TaskFacadeError`` subclass.

Examples are bounded (``TASKFACADE_FUZZ_EXAMPLES``, default 15 per property and operation) and derandomized, so a
run is repeatable; raise the number locally to search longer.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import datetime
import io
import itertools
import json
import os
import pathlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs
import pytest
import taskfacade
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from system._bodies import JSON, ROOT, SERVICES, encode, hostile_bytes, operations, snake, tolerant_bytes
from system._stub import Answer, StubServer
from taskfacade import deadline, geobox, tensorbay, tiledb
from taskfacade.tiledb import tasks as tiledb_tasks

EXAMPLES = int(os.environ.get("TASKFACADE_FUZZ_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

IDS = {
    "farmId": "farm-" + "1" * 32,
    "queueId": "queue-" + "2" * 32,
    "jobId": "job-" + "3" * 32,
    "stepId": "step-" + "4" * 32,
    "taskId": "task-" + "5" * 32 + "-0",
}
SESSION = "session-" + "7" * 32
SESSION_ACTION = "sessionaction-" + "7" * 32 + "-0"
TILEDB_TASK = "6a7d2a8e-0d4c-4b55-9c1e-3f4a5b6c7d8e"
GEOBOX_TASK = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"
TB_DATASET = "d" * 32
TB_JOB = "j" * 10


# ---------------------------------------------------------------------------------------------------------------
# Clients against the stub


@attrs.frozen
class Clients:
    """One facade client per service, all pointed at the stub server, retries disabled (no sleeps)."""

    tiledb: tiledb.Client
    deadline: deadline.DeadlineClient
    geobox: geobox.GeoboxClient
    geobox_login: geobox.GeoboxClient
    tensorbay: tensorbay.Client
    gas: tensorbay.GAS
    dataset: tensorbay.DatasetClient
    profile_dir: pathlib.Path


@pytest.fixture(scope="module")
def stub() -> Iterator[StubServer]:
    server = StubServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def clients(stub: StubServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clients]:
    profile_dir = tmp_path_factory.mktemp("tiledb-profile")
    tb = tensorbay.Client("ACCESSKEY-fuzz", stub.base_url("tensorbay"), retry_mode="disabled", timeout=5)
    built = Clients(
        tiledb=tiledb.Client(
            retry_mode="disabled",
            host=stub.base_url("tiledb"),
            token="fuzz-tiledb-token",
            workspace="ws_fuzz",
            profile_dir=profile_dir,
            timeout=5,
        ),
        deadline=deadline.client(
            region_name="us-east-1",
            endpoint_url=stub.base_url("deadline"),
            aws_access_key_id="AKIDFUZZ",
            aws_secret_access_key="fuzz-secret",
            retry_mode="disabled",
            timeout=5,
            environ={},
        ),
        geobox=geobox.GeoboxClient(
            host=stub.base_url("geobox"), access_token="fuzz-geobox-token", retry_mode="disabled", timeout=5
        ),
        geobox_login=geobox.GeoboxClient(
            host=stub.base_url("geobox"), username="fuzz", password="fuzz-pass", retry_mode="disabled", timeout=5
        ),
        tensorbay=tb,
        gas=tensorbay.GAS("ACCESSKEY-fuzz", stub.base_url("tensorbay"), retry_mode="disabled", timeout=5),
        dataset=tensorbay.DatasetClient(
            "fuzz-dataset", TB_DATASET, tb, status=tensorbay.Status(branch_name="main", commit_id="c" * 32)
        ),
        profile_dir=profile_dir,
    )
    yield built
    for closable in (built.deadline, built.geobox, built.geobox_login, built.tensorbay, built.gas):
        closable.close()
    tiledb.set_default_client(None)


# ---------------------------------------------------------------------------------------------------------------
# Reading a result the way a caller would (no request may be made here)


def touch(value: Any, depth: int = 0) -> None:
    """Read ``value`` like a caller: properties of jobs, items of pagers (bounded), every element of containers."""
    if depth > 6:
        return
    repr(value)
    if isinstance(value, taskfacade.Job):
        _touch_job(value)
    if isinstance(value, taskfacade.Pager):
        for item in itertools.islice(value, 5):
            touch(item, depth + 1)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            str(key)
            touch(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value[:5]:
            touch(item, depth + 1)
    elif attrs.has(type(value)):
        touch(attrs.asdict(value, recurse=False), depth + 1)


def _touch_job(job: taskfacade.Job[Any]) -> None:
    phase = job.phase
    assert isinstance(phase, taskfacade.JobPhase)
    assert isinstance(job.done, bool)
    assert job.done == phase.finished
    for name in ("error", "created_utc", "started_utc", "finished_utc"):
        when = getattr(job, name)
        if name.endswith("_utc") and when is not None:
            assert when.utcoffset() == datetime.timedelta(0), (name, when)  # aware (a naive one has None) and UTC
    if isinstance(job, geobox.Task):
        repr((job.data, job.errors, job.name, job.id, job.user_id))
        result = job.data.get("result")
        if not (isinstance(result, Mapping) and set(result) & set(GEOBOX_ASSET_KEYS.values())):
            repr(job.output_asset)  # an unknown asset kind (or none): answered without a request
    elif isinstance(job, tensorbay.TensorBayJob):
        repr((job.title, job.job_id, job.job_type, job.arguments, job.error_message, job.description))
        if isinstance(job, tensorbay.BasicSearchJob):
            # a result of an unknown shape (a future union member) is refused when read, not when listed
            with contextlib.suppress(taskfacade.ResponseDecodeError):
                repr(job.result)
    elif isinstance(job, tiledb.TileDBTask):
        repr((job.progress, job.to_dict(), job.start_time, job.finish_time))


# ---------------------------------------------------------------------------------------------------------------
# Probes: one public call per operation, with the answers its other requests need


@attrs.frozen
class Probe:
    """How to make the facade parse one operation's response.

    Attributes:
        call: makes the public call(s) and returns what the caller gets. It sees the fuzzed body, for the calls
            whose arguments must match the answer: Geobox's list-or-count, the TensorBay job type and dataset name.
        setup: answers for the other operations the call needs first (valid, fixed bodies).
        tolerated: documented errors a *tolerant* body may still legitimately cause (e.g. a listing that does not
            contain the name looked up).
        answers: overrides the body strategies (operations whose answer is more than a JSON body).
    """

    call: Callable[[Clients, bytes], Any]
    setup: Mapping[str, Answer] = attrs.field(factory=dict)
    tolerated: tuple[type[BaseException], ...] = ()
    answers: Callable[[str], st.SearchStrategy[tuple[Answer, tuple[type[BaseException], ...]]]] | None = None


def _json_answer(body: JSON) -> Answer:
    return Answer(encode(body))


GEOBOX_TASK_BODY = {
    "id": 7,
    "uuid": GEOBOX_TASK,
    "name": "publish roads",
    "state": "PROGRESS",
    "user_id": 1,
    "created_at": "2025-01-02T03:04:05",
    "result": None,
}
TB_SQUASH = {
    "title": "dev->main(abort)",
    "jobId": TB_JOB,
    "jobType": "squashAndMerge",
    "arguments": {"title": "d", "sourceBranchName": "dev", "targetBranchName": "main", "strategy": "abort"},
    "createdAt": 1_700_000_000,
    "startedAt": None,
    "finishedAt": None,
    "status": "PROCESSING",
    "errorMessage": "",
    "result": None,
}
TB_SEARCH_DONE = {
    **TB_SQUASH,
    "jobType": "basicSearch",
    "arguments": {"commit": "c" * 32, "conjunction": "and", "filters": [], "unit": "file"},
    "status": "SUCCESS",
    "finishedAt": 1_700_000_100,
    "result": {"searchResultId": "r" * 10, "searchResultCommitId": "c" * 32},
}
TB_DATASET_LIST = {"datasets": [{"id": TB_DATASET, "name": "fuzz-dataset", "type": 0}], "totalCount": 1}
TB_DATASET_BODY = {
    "id": TB_DATASET,
    "name": "fuzz-dataset",
    "type": 0,
    "alias": "",
    "isPublic": False,
    "defaultBranch": "main",
    "commitId": "c" * 32,
}
TILEDB_USER = {"id": "u-1", "username": "fuzzer", "email": "fuzz@example.com", "organizations": []}
GEOBOX_ASSET_KEYS = {
    "geobox.get_vector_layer": "layer_uuid",
    "geobox.get_raster": "raster_uuid",
    "geobox.get_model_3d": "model_uuid",
    "geobox.get_file_info": "file_uuid",
    "geobox.get_tile_3d": "3dtiles_uuid",
    "geobox.get_table": "table_uuid",
}


def _geobox_asset_probe(key: str) -> Probe:
    task = {**GEOBOX_TASK_BODY, "state": "SUCCESS", "result": {GEOBOX_ASSET_KEYS[key]: "a1b2c3"}}
    return Probe(
        lambda c, _b: geobox.Task.get_task(c.geobox, GEOBOX_TASK).output_asset,
        setup={"geobox.get_task": _json_answer(task)},
    )


def _tiledb_result_answers(_key: str) -> st.SearchStrategy[tuple[Answer, tuple[type[BaseException], ...]]]:
    """Results come in five content types, and 202 while the task runs: each has its own outcome."""
    json_body = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=6),
        lambda inner: st.lists(inner, max_size=3),
        max_leaves=8,
    )
    as_json = json_body.map(lambda b: (Answer(encode(b), content_type="application/json"), ()))
    raw = st.binary(max_size=30).map(lambda b: (Answer(b, content_type="application/octet-stream"), ()))
    arrow = st.lists(st.integers(-5, 5), max_size=4).map(
        lambda xs: (Answer(_arrow_stream(xs), content_type="application/vnd.apache.arrow.stream"), ())
    )
    tdb = st.builds(
        lambda b: {"__tdbudf__": "immediate", "format": "json", "base64_data": base64.b64encode(encode(b)).decode()},
        json_body,
    ).map(lambda b: (Answer(encode(b), content_type="application/vnd.tiledb.udf-data+json"), ()))
    pickled = st.just(
        (Answer(b"\x80\x04K\x01.", content_type="application/vnd.tiledb.python-pickle"), (tiledb.PickleRefused,))
    )
    not_ready = st.integers(0, 120).map(
        lambda s: (
            Answer(b"", status=202, content_type=None, headers=(("Retry-After", str(s)),)),
            (tiledb.TaskNotReady,),
        )
    )
    return st.one_of(as_json, raw, arrow, tdb, pickled, not_ready)


def _tiledb_result_hostile(_key: str) -> st.SearchStrategy[tuple[Answer, tuple[type[BaseException], ...]]]:
    content_types = st.sampled_from(
        [
            "application/json",
            "application/vnd.apache.arrow.stream",
            "application/vnd.tiledb.udf-data+json",
            "application/json; charset=latin-1",
            "text/html",
            "application/x-unknown",
        ]
    )
    bodies = st.binary(max_size=40) | st.sampled_from([b"[" * 5000 + b"]" * 5000, b'{"__tdbudf__": "nope"}', b"\xff"])
    return st.builds(lambda b, ct: (Answer(b, content_type=ct), ()), bodies, content_types)


def _arrow_stream(values: list[int]) -> bytes:
    import pyarrow as pa

    table = pa.table({"x": pa.array(values, type=pa.int64())})
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _tiledb_login(c: Clients) -> Any:
    try:
        return tiledb.login(
            username="fuzzer", password="fuzz-pass", host=c.tiledb.settings.host, profile_dir=c.profile_dir
        )
    finally:
        tiledb.set_default_client(None)


def _paginate(pages: Any) -> list[Any]:
    return list(itertools.islice(iter(pages), 3))


def _tiledb_workspace_by_name(c: Clients) -> str:
    """A client configured with a workspace *name* resolves it (GET /v4/workspaces/{name}) on first use."""
    by_name = tiledb.Client(
        retry_mode="disabled", host=c.tiledb.settings.host, token="fuzz-tiledb-token", workspace="fuzz-team", timeout=5
    )
    with by_name:
        return by_name.workspace


PROBES: dict[str, Probe] = {
    # TileDB
    "tiledb.list_tasks": Probe(lambda c, _b: tiledb_tasks.fetch_tasks(client=c.tiledb)),
    "tiledb.get_task": Probe(lambda c, _b: tiledb_tasks.task(TILEDB_TASK, client=c.tiledb)),
    "tiledb.get_task_result": Probe(
        lambda c, _b: tiledb_tasks.fetch_results(TILEDB_TASK, client=c.tiledb), answers=_tiledb_result_answers
    ),
    "tiledb.get_user": Probe(
        lambda c, _b: (tiledb.client.user_profile(client=c.tiledb), tiledb.client.default_user(client=c.tiledb)),
    ),
    "tiledb.list_organizations": Probe(lambda c, _b: tiledb.client.organizations(client=c.tiledb)),
    "tiledb.get_organization": Probe(lambda c, _b: tiledb.client.organization("acme", client=c.tiledb)),
    "tiledb.get_session": Probe(lambda c, _b: _tiledb_login(c), setup={"tiledb.get_user": _json_answer(TILEDB_USER)}),
    "tiledb.get_workspace": Probe(lambda c, _b: _tiledb_workspace_by_name(c)),
    "tiledb.list_owned_arrays": Probe(lambda c, _b: tiledb.client.list_arrays(client=c.tiledb)),
    "tiledb.list_public_arrays": Probe(lambda c, _b: tiledb.client.list_public_arrays(client=c.tiledb)),
    "tiledb.list_shared_arrays": Probe(lambda c, _b: tiledb.client.list_shared_arrays(client=c.tiledb)),
    "tiledb.list_owned_groups": Probe(lambda c, _b: tiledb.client.list_groups(client=c.tiledb)),
    "tiledb.list_public_groups": Probe(lambda c, _b: tiledb.client.list_public_groups(client=c.tiledb)),
    "tiledb.list_shared_groups": Probe(lambda c, _b: tiledb.client.list_shared_groups(client=c.tiledb)),
    # Deadline
    "deadline.get_task": Probe(lambda c, _b: (c.deadline.get_task(**IDS), _deadline_job(c))),
    "deadline.update_task": Probe(
        lambda c, _b: c.deadline.update_task(**IDS, targetRunStatus="CANCELED", clientToken="fuzz-token-0001")
    ),
    "deadline.list_tasks": Probe(
        lambda c, _b: _paginate(c.deadline.get_paginator("list_tasks").paginate(**_without(IDS, "taskId"))),
        tolerated=(deadline.PaginationError,),  # the stub answers every page alike, so a nextToken repeats
    ),
    "deadline.search_tasks": Probe(
        lambda c, _b: c.deadline.search_tasks(farmId=IDS["farmId"], queueIds=[IDS["queueId"]], itemOffset=0)
    ),
    "deadline.batch_get_task": Probe(lambda c, _b: (c.deadline.batch_get_task(identifiers=[IDS]), _deadline_batch(c))),
    "deadline.get_job": Probe(
        lambda c, _b: c.deadline.get_job(farmId=IDS["farmId"], queueId=IDS["queueId"], jobId=IDS["jobId"])
    ),
    "deadline.list_jobs": Probe(
        lambda c, _b: _paginate(
            c.deadline.get_paginator("list_jobs").paginate(farmId=IDS["farmId"], queueId=IDS["queueId"])
        ),
        tolerated=(deadline.PaginationError,),
    ),
    "deadline.batch_get_job": Probe(
        lambda c, _b: (c.deadline.batch_get_job(identifiers=[_job_ids()]), _deadline_job_batch(c))
    ),
    "deadline.search_jobs": Probe(
        lambda c, _b: c.deadline.search_jobs(farmId=IDS["farmId"], queueIds=[IDS["queueId"]], itemOffset=0)
    ),
    "deadline.get_step": Probe(lambda c, _b: c.deadline.get_step(**_without(IDS, "taskId"))),
    "deadline.list_steps": Probe(
        lambda c, _b: _paginate(c.deadline.get_paginator("list_steps").paginate(**_job_ids())),
        tolerated=(deadline.PaginationError,),
    ),
    "deadline.batch_get_step": Probe(lambda c, _b: c.deadline.batch_get_step(identifiers=[_without(IDS, "taskId")])),
    "deadline.search_steps": Probe(
        lambda c, _b: c.deadline.search_steps(farmId=IDS["farmId"], queueIds=[IDS["queueId"]], itemOffset=0)
    ),
    "deadline.list_sessions": Probe(
        lambda c, _b: _paginate(c.deadline.get_paginator("list_sessions").paginate(**_job_ids())),
        tolerated=(deadline.PaginationError,),
    ),
    "deadline.get_session": Probe(lambda c, _b: c.deadline.get_session(**_job_ids(), sessionId=SESSION)),
    "deadline.batch_get_session": Probe(
        lambda c, _b: c.deadline.batch_get_session(identifiers=[{**_job_ids(), "sessionId": SESSION}])
    ),
    "deadline.list_session_actions": Probe(
        lambda c, _b: _paginate(
            c.deadline.get_paginator("list_session_actions").paginate(**_job_ids(), taskId=IDS["taskId"])
        ),
        tolerated=(deadline.PaginationError,),
    ),
    "deadline.get_session_action": Probe(
        lambda c, _b: c.deadline.get_session_action(**_job_ids(), sessionActionId=SESSION_ACTION)
    ),
    "deadline.batch_get_session_action": Probe(
        lambda c, _b: c.deadline.batch_get_session_action(
            identifiers=[{**_job_ids(), "sessionActionId": SESSION_ACTION}]
        )
    ),
    # Geobox
    "geobox.get_tasks": Probe(
        lambda c, b: geobox.Task.get_tasks(c.geobox, return_count=not b.lstrip().startswith(b"["))
    ),
    "geobox.get_task": Probe(lambda c, _b: geobox.Task.get_task(c.geobox, GEOBOX_TASK)),
    "geobox.get_task_status": Probe(
        lambda c, _b: geobox.Task.get_task(c.geobox, GEOBOX_TASK).progress,
        setup={"geobox.get_task": _json_answer(GEOBOX_TASK_BODY)},
    ),
    "geobox.abort_task": Probe(
        lambda c, _b: _abort_geobox(c), setup={"geobox.get_task": _json_answer(GEOBOX_TASK_BODY)}
    ),
    "geobox.login_for_access_token": Probe(lambda c, _b: c.geobox_login.login()),
    **{key: _geobox_asset_probe(key) for key in GEOBOX_ASSET_KEYS},
    # TensorBay
    "tensorbay.list_datasets": Probe(
        lambda c, b: c.gas.get_dataset(_first_dataset_name(b)),
        setup={"tensorbay.get_dataset": _json_answer(TB_DATASET_BODY)},
        tolerated=(tensorbay.ResourceNotExistError,),  # an empty listing: the name looked up is not there
    ),
    "tensorbay.get_dataset": Probe(
        lambda c, b: c.gas.get_dataset("fuzz-dataset", is_fusion=_peek(b, "type") == 1),
        setup={"tensorbay.list_datasets": _json_answer(TB_DATASET_LIST)},
    ),
    "tensorbay.list_drafts": Probe(lambda c, _b: c.dataset.list_drafts()),
    "tensorbay.create_job": Probe(
        lambda c, _b: c.dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    ),
    "tensorbay.list_jobs": Probe(lambda c, b: _tb_jobs(c, b).list_jobs("SUCCESS" if b"basicSearch" in b else None)),
    "tensorbay.get_job": Probe(lambda c, b: _tb_jobs(c, b).get_job(TB_JOB)),
    "tensorbay.delete_job": Probe(lambda c, _b: c.dataset.squash_and_merge.delete_job(TB_JOB)),
    "tensorbay.abort_job": Probe(
        lambda c, _b: _tb_verb(c, "abort"), setup={"tensorbay.get_job": _json_answer(TB_SQUASH)}
    ),
    "tensorbay.retry_job": Probe(
        lambda c, _b: _tb_verb(c, "retry"),
        setup={"tensorbay.get_job": _json_answer({**TB_SQUASH, "status": "FAILED", "errorMessage": "boom"})},
    ),
    "tensorbay.create_dataset_from_search_result": Probe(
        lambda c, _b: c.dataset.basic_search.get_job(TB_JOB).create_dataset("fuzz-new"),
        setup={"tensorbay.get_job": _json_answer(TB_SEARCH_DONE)},
    ),
}


def _without(ids: Mapping[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in ids.items() if k not in names}


def _deadline_job(c: Clients) -> Any:
    job = c.deadline.task(**IDS)
    job.refresh()
    return job


def _job_ids() -> dict[str, str]:
    return {k: IDS[k] for k in ("farmId", "queueId", "jobId")}


def _deadline_job_batch(c: Clients) -> Any:
    """``wait_all``'s batch hook for jobs parses BatchGetJob: refresh two jobs through it, and read them."""
    jobs = [c.deadline.job(**_job_ids()), c.deadline.job(**{**_job_ids(), "jobId": "job-" + "8" * 32})]
    type(jobs[0])._refresh_many(jobs)
    return [(job.phase, job.progress, job.finished_at, job.task_run_status_counts) for job in jobs]


def _deadline_batch(c: Clients) -> Any:
    """``wait_all``'s batch hook parses BatchGetTask too: refresh two jobs through it."""
    jobs = [c.deadline.task(**IDS), c.deadline.task(**{**IDS, "taskId": "task-" + "5" * 32 + "-1"})]
    type(jobs[0])._refresh_many(jobs)
    return jobs


def _peek(body: bytes, *path: str | int) -> Any:
    """The value at ``path`` inside a JSON body, or None (hostile bodies need not be JSON at all)."""
    try:
        value: Any = json.loads(body)
    except (ValueError, RecursionError):
        return None
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _first_dataset_name(body: bytes) -> str:
    """The name of the first dataset in a listing body (what ``get_dataset`` looks up), else a default."""
    name = _peek(body, "datasets", 0, "name")
    return name if isinstance(name, str) and name else "fuzz-dataset"


def _tb_jobs(c: Clients, body: bytes) -> Any:
    """The job client of the type the body names (a squash job's answer through basic_search would be a lie)."""
    return c.dataset.basic_search if b'"basicSearch"' in body else c.dataset.squash_and_merge


def _abort_geobox(c: Clients) -> Any:
    task = geobox.Task.get_task(c.geobox, GEOBOX_TASK)
    task.abort()
    return task


def _tb_verb(c: Clients, verb: str) -> Any:
    job = c.dataset.squash_and_merge.get_job(TB_JOB)
    getattr(job, verb)()
    return job


# ---------------------------------------------------------------------------------------------------------------
# Coverage: every operation has a probe


def _generated_operations() -> set[str]:
    found = set()
    for service in SERVICES:
        api = ROOT / "generated" / "taskfacade_generated" / service / "api"
        found |= {f"{service}.{p.stem}" for p in api.glob("*/*.py") if p.stem != "__init__"}
    return found


def _spec_operations() -> set[str]:
    return {op.key for service in SERVICES for op in operations(service)}


def test_every_operation_is_fuzzed() -> None:
    """The specs, the generated clients and the probes name the same operations: a new one needs a fuzz case."""
    spec_ops = _spec_operations()
    assert spec_ops == _generated_operations(), "generated/ is out of date with openapi/ (make generate)"
    assert set(PROBES) == spec_ops, {
        "operations without a probe": sorted(spec_ops - set(PROBES)),
        "probes without an operation": sorted(set(PROBES) - spec_ops),
    }
    assert len(spec_ops) >= 35


def _facade_imported_operations() -> set[str]:
    """``service.module`` for every generated api module some facade module imports (read from the source)."""
    found = set()
    for path in (ROOT / "facade" / "taskfacade").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("taskfacade_generated."):
                continue
            parts = node.module.split(".")  # taskfacade_generated.<service>.api.<tag>[.<module>]
            if len(parts) >= 4 and parts[2] == "api":
                names = [parts[4]] if len(parts) == 5 else [alias.name for alias in node.names]
                found |= {f"{parts[1]}.{name}" for name in names}
    return found


def test_the_facade_uses_every_fuzzed_operation() -> None:
    """Every spec operation is imported by the facade, so fuzzing them all is fuzzing what the facade parses."""
    assert _facade_imported_operations() == _spec_operations()


# ---------------------------------------------------------------------------------------------------------------
# The two properties


def _operation(key: str) -> Any:
    service, name = key.split(".")
    return next(op for op in operations(service) if snake(op.operation_id) == name)


def _json_schema(key: str) -> tuple[Mapping[str, Any] | None, str]:
    op = _operation(key)
    for status in sorted(op.responses):
        content = op.responses[status]
        if "application/json" in content:
            return content["application/json"], status
        if not content:
            return None, status
    raise AssertionError(f"{key}: no JSON or empty 2xx response")


def _answers(key: str, hostile: bool) -> st.SearchStrategy[tuple[Answer, tuple[type[BaseException], ...]]]:
    probe = PROBES[key]
    if probe.answers is not None:
        return _tiledb_result_hostile(key) if hostile else probe.answers(key)
    schema, status = _json_schema(key)
    service = key.split(".")[0]
    bodies = hostile_bytes(schema, service) if hostile else tolerant_bytes(schema, service)
    return bodies.map(lambda b: (Answer(b, status=int(status)), ()))


def _run(stub: StubServer, clients: Clients, key: str, answer: Answer) -> Any:
    probe = PROBES[key]
    stub.reset({**probe.setup, key: answer})
    result = probe.call(clients, answer.body)
    touch(result)
    return result


def _check_stub(stub: StubServer, key: str) -> None:
    assert not stub.unexpected, f"{key}: requests outside the probe: {stub.unexpected}"
    assert stub.hits[key] >= 1, f"{key}: the probe never reached the fuzzed operation"


@pytest.mark.parametrize("key", sorted(PROBES))
def test_tolerant_bodies_are_accepted(key: str, stub: StubServer, clients: Clients) -> None:
    """Forward-compatible answers parse: unknown enums and members, extra and missing optional fields."""

    @FUZZ
    @given(answer=_answers(key, hostile=False))
    def check(answer: tuple[Answer, tuple[type[BaseException], ...]]) -> None:
        body, expected = answer
        if expected:  # answers whose documented outcome is an error (a pickle refused, a 202 "not ready")
            with pytest.raises(expected):
                _run(stub, clients, key, body)
        else:
            with contextlib.suppress(*PROBES[key].tolerated):
                _run(stub, clients, key, body)
        _check_stub(stub, key)

    check()


@pytest.mark.parametrize("key", sorted(PROBES))
def test_hostile_bodies_raise_only_documented_errors(key: str, stub: StubServer, clients: Clients) -> None:
    """Nulls, wrong types, missing keys and garbage: either parsed, or a ``TaskFacadeError``, never anything else."""

    @FUZZ
    @given(answer=_answers(key, hostile=True))
    def check(answer: tuple[Answer, tuple[type[BaseException], ...]]) -> None:
        with contextlib.suppress(taskfacade.TaskFacadeError):
            _run(stub, clients, key, answer[0])
        assert not stub.unexpected, f"{key}: requests outside the probe: {stub.unexpected}"

    check()


def test_a_known_good_body_round_trips(stub: StubServer, clients: Clients) -> None:
    """The harness itself works: a plain valid answer comes back as the facade's value, with the right fields."""
    body = {
        "id": TILEDB_TASK,
        "status": "RUNNING",
        "type": "SQL",
        "start_time": "2025-01-02T03:04:05Z",
        "namespace": "fuzzer",
    }
    found = _run(stub, clients, "tiledb.get_task", _json_answer(body))
    assert found.id == TILEDB_TASK
    assert found.phase is taskfacade.JobPhase.RUNNING
    assert found.started_utc == datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    unknown = _run(stub, clients, "tiledb.get_task", _json_answer({**body, "status": "HIBERNATING"}))
    assert unknown.phase is taskfacade.JobPhase.UNKNOWN
    assert not unknown.done
    assert stub.hits["tiledb.get_task"] == 1


@pytest.mark.parametrize("content_type", ["application/json", "application/vnd.tiledb.udf-data+json"])
def test_deeply_nested_results_are_refused_cleanly(content_type: str, stub: StubServer, clients: Clients) -> None:
    """Nesting deeper than the JSON parser's stack is a decode error, not a RecursionError (a fuzz finding)."""
    body = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(tiledb.TasksError) as caught:
        _run(stub, clients, "tiledb.get_task_result", Answer(body, content_type=content_type))
    assert isinstance(caught.value.__cause__, taskfacade.ResponseDecodeError)
