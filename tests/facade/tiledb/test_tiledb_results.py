"""``tasks.fetch_results`` and ``fetch_results_pandas``: every result format, 202, expiry, pickles and faults."""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import uuid
from typing import Any

import httpx
import pytest
from taskfacade import InvalidArgument, NotFound, ResponseDecodeError
from taskfacade.tiledb import Client, PickleRefused, TaskNotReady, TasksError, tasks
from taskfacade.tiledb._codecs import decode
from taskfacade_emulator import Emulator
from tiledb_helpers import RESULT_ROUTE, make_client, requests_made


def _finished(emu: Emulator, result_format: str, *, task_type: str = "UDF", outcome: str = "succeeded") -> str:
    [task_id] = emu.create_tasks("tiledb", type=task_type, result_format=result_format, run_s=1, outcome=outcome)
    emu.advance(2)
    return task_id


def _rows(task_id: str) -> list[dict[str, Any]]:
    digest = hashlib.sha256(task_id.encode()).digest()
    return [{"x": i, "y": digest[i] / 255.0, "label": f"row-{digest[i + 3] % 100}"} for i in range(3)]


def test_json_bytes_and_tiledb_json_results(emu: Emulator, client: Client) -> None:
    as_json = _finished(emu, "json")
    assert tasks.fetch_results(as_json, client=client) == _rows(as_json)
    as_bytes = _finished(emu, "bytes")
    assert tasks.fetch_results(as_bytes, client=client) == hashlib.sha256(as_bytes.encode()).digest()
    sentinels = _finished(emu, "tiledb_json", task_type="BATCH_UDF")
    assert tasks.fetch_results(uuid.UUID(sentinels), client=client) == {
        "rows": _rows(sentinels),
        "xs": [0, 1, 2],
        "meta": {"__tdbudf__": "not a sentinel", "count": 3},
    }
    assert tasks.fetch_results(as_json, result_format="bytes", client=client) == json.dumps(_rows(as_json)).encode()
    assert tasks.task(as_json, client=client).fetch_results() == _rows(as_json)


def test_arrow_results_become_tables_and_frames(emu: Emulator, client: Client) -> None:
    task_id = _finished(emu, "arrow", task_type="SQL")
    table = tasks.fetch_results(task_id, client=client)
    assert table.num_rows == 3
    assert table.column_names == ["x", "y", "label"]
    assert table.to_pylist() == _rows(task_id)
    frame = tasks.fetch_results_pandas(task_id, client=client)
    assert list(frame["x"]) == [0, 1, 2]
    as_json = _finished(emu, "json")
    assert tasks.fetch_results_pandas(as_json, client=client).to_dict("records") == _rows(as_json)


@pytest.mark.parametrize("result_format", ["python_pickle", "native"])
def test_pickles_are_refused_unless_allowed(emu: Emulator, client: Client, result_format: str) -> None:
    task_id = _finished(emu, result_format)
    with pytest.raises(PickleRefused, match="allow_pickle=True"):
        tasks.fetch_results(task_id, client=client)
    assert tasks.fetch_results(task_id, allow_pickle=True, client=client) == {
        "task_id": task_id,
        "rows": _rows(task_id),
    }
    frame = tasks.fetch_results_pandas(task_id, result_format="native", allow_pickle=True, client=client)
    assert list(frame.columns) == ["task_id", "rows"]


def test_a_running_task_is_not_ready_yet(emu: Emulator, client: Client) -> None:
    [task_id] = emu.create_tasks("tiledb", type="UDF", result_format="json", run_s=60)
    with pytest.raises(TaskNotReady) as caught:
        tasks.fetch_results(task_id, client=client)
    assert caught.value.task_id == task_id
    assert caught.value.retry_after == 1.0
    assert isinstance(caught.value, TasksError)
    emu.advance(61)
    assert tasks.fetch_results(task_id, client=client) == _rows(task_id)


def test_missing_and_expired_results_are_not_found(emu: Emulator, client: Client) -> None:
    failed = _finished(emu, "json", outcome="failed")
    query = _finished(emu, "", task_type="QUERY")
    kept = _finished(emu, "json")
    for task_id in (failed, query):
        with pytest.raises(TasksError) as caught:
            tasks.fetch_results(task_id, client=client)
        assert isinstance(caught.value.__cause__, NotFound)
    emu.advance(25 * 3600)
    with pytest.raises(TasksError, match="expired") as caught:
        tasks.fetch_results(kept, client=client)
    assert caught.value.status == 404


def test_faults_on_results(emu: Emulator, client: Client) -> None:
    task_id = _finished(emu, "json")
    emu.add_faults(service="tiledb", path="/result$", action="truncate", count=1)
    assert tasks.fetch_results(task_id, client=client) == _rows(task_id)
    emu.add_faults(service="tiledb", path="/result$", action="malformed", count=1)
    with pytest.raises(TasksError) as caught:
        tasks.fetch_results(task_id, client=client)
    assert isinstance(caught.value.__cause__, ResponseDecodeError)
    emu.add_faults(service="tiledb", path="/result$", action="status", status=520, count=5)
    with pytest.raises(TasksError) as caught:
        tasks.fetch_results(task_id, client=client)
    assert caught.value.status == 520
    assert requests_made(emu, RESULT_ROUTE) == 2 + 1 + 1


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"result_format": "r_serialization"}, "result_format"),
        ({"result_format": "xml"}, "result_format"),
        ({"result_format": 5}, "result_format"),
        ({"result_format": "native"}, "result_format"),
        ({"result_format": "python_pickle"}, "result_format"),
        ({"allow_pickle": "yes"}, "allow_pickle"),
        ({"task_id": "nope"}, "task_id"),
    ],
)
def test_bad_result_arguments_make_no_request(
    emu: Emulator, client: Client, arguments: dict[str, Any], parameter: str
) -> None:
    arguments = {"task_id": str(uuid.uuid4()), **arguments}
    with pytest.raises(InvalidArgument) as caught:
        tasks.fetch_results(**arguments, client=client)
    assert caught.value.parameter == parameter
    with pytest.raises(InvalidArgument):
        tasks.fetch_results_pandas(**arguments, client=client)
    assert requests_made(emu) == 0


def test_missing_optional_libraries_are_named(emu: Emulator, client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    arrow_task = _finished(emu, "arrow", task_type="SQL")
    assert tasks.fetch_results(arrow_task, result_format="bytes", client=client)  # the emulator stores it now
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"taskfacade\[pandas\]"):
        tasks.fetch_results_pandas(arrow_task, client=client)
    assert requests_made(emu, RESULT_ROUTE) == 1  # refused before asking
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"taskfacade\[arrow\]"):
        tasks.fetch_results(arrow_task, client=client)


def _scripted(emu: Emulator, handler: Any) -> Client:
    return make_client(emu, httpx_transport=httpx.MockTransport(handler))


def test_content_types_are_read_with_parameters_and_unknown_ones_refused(emu: Emulator) -> None:
    replies = {
        "json": httpx.Response(200, content=b"[1, 2]", headers={"Content-Type": "Application/JSON; charset=utf-8"}),
        "text": httpx.Response(200, content=b"hello", headers={"Content-Type": "text/plain"}),
        "none": httpx.Response(200, content=b"hello"),
        "later": httpx.Response(202, headers={"Retry-After": "7"}),
    }
    ids = {name: str(uuid.uuid4()) for name in replies}
    by_id = {task_id: replies[name] for name, task_id in ids.items()}
    client = _scripted(emu, lambda request: by_id[request.url.path.split("/")[-2]])
    assert tasks.fetch_results(ids["json"], client=client) == [1, 2]
    for name in ("text", "none"):
        with pytest.raises(TasksError, match="result_format='bytes'") as caught:
            tasks.fetch_results(ids[name], client=client)
        assert isinstance(caught.value.__cause__, ResponseDecodeError)
        assert tasks.fetch_results(ids[name], result_format="bytes", client=client) == b"hello"
    with pytest.raises(TaskNotReady) as not_ready:
        tasks.fetch_results(ids["later"], client=client)
    assert not_ready.value.retry_after == 7.0


def test_non_tabular_results_are_not_frames(emu: Emulator, client: Client) -> None:
    with pytest.raises(TasksError, match="not a table"):
        tasks.fetch_results_pandas(_finished(emu, "bytes"), client=client)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"a": {"__tdbudf__": "immediate", "format": "bytes", "base64_data": _b64(b"\x00\x01")}}, {"a": b"\x00\x01"}),
        ([{"__tdbudf__": "raw_json", "raw_json": {"__tdbudf__": "kept as is"}}], [{"__tdbudf__": "kept as is"}]),
        (
            {
                "__tdbudf__": "__escape__",
                "__escape__": {"__tdbudf__": 1, "b": {"__tdbudf__": "raw_json", "raw_json": 2}},
            },
            {"__tdbudf__": 1, "b": 2},
        ),
        ({"plain": [1, {"nested": None}]}, {"plain": [1, {"nested": None}]}),
    ],
)
def test_tiledb_json_sentinels(document: Any, expected: Any) -> None:
    assert decode("tiledb_json", json.dumps(document).encode(), allow_pickle=False) == expected


@pytest.mark.parametrize(
    "document",
    [
        {"__tdbudf__": "mystery"},
        {"__tdbudf__": "immediate", "format": "json", "base64_data": "***"},
        {"__tdbudf__": "immediate", "format": "r_serialization", "base64_data": ""},
        {"__tdbudf__": "immediate", "format": "json", "base64_data": _b64(b"{not json")},
    ],
)
def test_bad_tiledb_json_is_a_decode_error(document: Any) -> None:
    with pytest.raises(ResponseDecodeError):
        decode("tiledb_json", json.dumps(document).encode(), allow_pickle=False)
