"""The TensorBay emulator over real loopback HTTP: lookup, lifecycle on the clock, verbs, auth, bad parameters,
persistence, and the generated client (taskfacade_generated.tensorbay) as its client.

Emulators here run with a frozen clock (speed 0) and are stepped with ``advance``, so states are exact.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from taskfacade_emulator import Emulator
from taskfacade_emulator.tensorbay import Service
from taskfacade_generated.tensorbay import AuthenticatedClient, models
from taskfacade_generated.tensorbay.api.datasets import create_dataset_from_search_result, get_dataset, list_datasets
from taskfacade_generated.tensorbay.api.drafts import list_drafts
from taskfacade_generated.tensorbay.api.jobs import abort_job, create_job, delete_job, get_job, list_jobs, retry_job

PREFIX = "/gatewayv2/tensorbay-open-api/v1"
TOKEN = "ACCESSKEY-emulator"
SQUASH, SEARCH = "squashAndMerge", "basicSearch"
SQUASH_BODY: dict[str, Any] = {
    "title": "dev->main(abort)",
    "jobType": SQUASH,
    "arguments": {"title": "d", "sourceBranchName": "dev", "targetBranchName": "main", "strategy": "abort"},
}
SEARCH_BODY: dict[str, Any] = {
    "title": "cars",
    "jobType": SEARCH,
    "arguments": {
        "commit": "c0ffee",
        "conjunction": "and",
        "filters": [{"key": "label.box2d.category", "operator": "in", "value": ["car"]}],
        "unit": "file",
    },
}


def start(db: str | None = None, count: int = 40) -> Emulator:
    return Emulator(db=db, seed_count=0, seed_counts={"tensorbay": count}, speed=0, services=[Service])


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with start() as running:
        yield running


@pytest.fixture
def api(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url("tensorbay") + PREFIX, headers={"X-Token": TOKEN}) as client:
        yield client


@pytest.fixture
def seeded(emu: Emulator) -> dict[str, Any]:
    data: dict[str, Any] = emu.seeded()["tensorbay"]
    return data


def job(api: httpx.Client, ds: str, job_id: str, job_type: str = SQUASH) -> dict[str, Any]:
    response = api.get(f"/datasets/{ds}/jobs/{job_id}", params={"jobType": job_type})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def create(api: httpx.Client, ds: str, body: dict[str, Any]) -> str:
    response = api.post(f"/datasets/{ds}/jobs", json=body)
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"jobId", "createdAt"}
    job_id: str = response.json()["jobId"]
    return job_id


def assert_error(response: httpx.Response, status: int, code: str, *words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"code", "message"}
    assert body["code"] == code
    for word in words:
        assert word in body["message"]


# seed and lookup ------------------------------------------------------------------------------------------------


def test_default_emulator_mounts_tensorbay_and_admin_seeded_has_the_issue_shape() -> None:
    with Emulator(db=None, seed_count=20, speed=0) as emu:
        seeded = httpx.get(emu.url + "/_emulator/seeded").json()["tensorbay"]
        assert seeded["dataset_name"] == "emulator-dataset"
        assert seeded["dataset_id"]
        assert set(seeded["job_ids"]) == {SQUASH, SEARCH}
        assert len(seeded["job_ids"][SQUASH]) + len(seeded["job_ids"][SEARCH]) == 20
        response = httpx.get(
            f"{emu.base_url('tensorbay')}{PREFIX}/datasets",
            params={"name": "emulator-dataset"},
            headers={"X-Token": TOKEN},
        )
        assert response.json()["datasets"][0]["id"] == seeded["dataset_id"]


def test_seed_spreads_jobs_over_30_days_in_every_state(
    emu: Emulator, api: httpx.Client, seeded: dict[str, Any]
) -> None:
    by_status = seeded["job_ids_by_status"]
    assert all(by_status[s] for s in ["QUEUING", "PROCESSING", "SUCCESS", "FAILED", "ABORTED"]), by_status
    ds = seeded["dataset_id"]
    jobs = [j for t in (SQUASH, SEARCH) for j in api.get(f"/datasets/{ds}/jobs", params={"jobType": t}).json()["jobs"]]
    ages = [(emu.now() - j["createdAt"]) / 86400 for j in jobs]
    assert len(jobs) == 40
    assert max(ages) <= 30
    assert max(ages) > 20
    assert min(ages) < 1
    assert sum(a <= 7 for a in ages) < len(ages)  # a 7-day window leaves some out


def test_seed_is_deterministic_for_the_same_seed() -> None:
    with start() as one, start() as two:
        first, second = one.seeded()["tensorbay"], two.seeded()["tensorbay"]
    assert first["dataset_id"] == second["dataset_id"]
    assert first["job_ids"] == second["job_ids"]


def test_dataset_lookup_by_name_then_details(api: httpx.Client, seeded: dict[str, Any]) -> None:
    listed = api.get("/datasets", params={"name": "emulator-dataset", "offset": 0, "limit": 128}).json()
    assert listed["totalCount"] == 1
    assert listed["recordSize"] == 1
    assert listed["offset"] == 0
    ds = listed["datasets"][0]["id"]
    assert ds == seeded["dataset_id"]
    detail = api.get(f"/datasets/{ds}").json()
    assert {"type", "commitId", "defaultBranch", "alias", "isPublic"} <= set(detail)
    assert detail["type"] == 0
    assert detail["defaultBranch"] == "main"
    assert detail["isPublic"] is False
    assert api.get("/datasets", params={"name": "nope"}).json() == {
        "datasets": [],
        "offset": 0,
        "recordSize": 0,
        "totalCount": 0,
    }
    assert_error(api.get("/datasets/nope"), 404, "ResourceNotExist", "nope")


# lifecycle and verbs --------------------------------------------------------------------------------------------


def test_squash_job_lifecycle_over_the_clock_ends_in_a_draft(
    emu: Emulator, api: httpx.Client, seeded: dict[str, Any]
) -> None:
    ds = seeded["dataset_id"]
    job_id = create(api, ds, SQUASH_BODY)
    queued = job(api, ds, job_id)
    assert queued["status"] == "QUEUING"
    assert queued["startedAt"] is None
    assert queued["result"] is None
    assert queued["jobType"] == SQUASH
    assert queued["arguments"] == SQUASH_BODY["arguments"]
    emu.advance(3)
    running = job(api, ds, job_id)
    assert running["status"] == "PROCESSING"
    assert running["startedAt"] == queued["createdAt"] + 2
    assert running["finishedAt"] is None
    open_drafts = api.get(f"/datasets/{ds}/drafts", params={"status": "OPEN"}).json()["drafts"]
    emu.advance(10)
    done = job(api, ds, job_id)
    assert done["status"] == "SUCCESS"
    assert done["finishedAt"] == done["startedAt"] + 8
    assert done["errorMessage"] == ""
    number = done["result"]["draftNumber"]
    assert number not in [d["number"] for d in open_drafts]
    drafts = api.get(f"/datasets/{ds}/drafts", params={"offset": 0, "limit": 128, "status": "OPEN"}).json()
    draft = next(d for d in drafts["drafts"] if d["number"] == number)
    assert draft["title"] == "d"
    assert draft["branchName"] == "main"
    assert draft["status"] == "OPEN"


def test_failed_squash_job_retries_once_into_success(emu: Emulator, api: httpx.Client, seeded: dict[str, Any]) -> None:
    ds = seeded["dataset_id"]
    [job_id] = emu.create_tasks("tensorbay", outcome="failed", queued_s=1, run_s=4, jobType=SQUASH)
    emu.advance(6)
    failed = job(api, ds, job_id)
    assert failed["status"] == "FAILED"
    assert failed["errorMessage"]
    assert failed["result"] is None
    assert api.post(f"/datasets/{ds}/jobs/{job_id}/retry", params={"jobType": SQUASH}).status_code == 200
    assert job(api, ds, job_id)["status"] == "PROCESSING"
    again = api.post(f"/datasets/{ds}/jobs/{job_id}/retry", params={"jobType": SQUASH})
    assert_error(again, 403, "Forbidden", "PROCESSING", "FAILED or ABORTED")
    emu.advance(5)
    retried = job(api, ds, job_id)
    assert retried["status"] == "SUCCESS"
    assert retried["errorMessage"] == ""
    assert retried["result"]["draftNumber"] >= 1
    counts = emu.seeded()["tensorbay"]
    assert counts["verb_counts"]["retry"] == {job_id: 1}
    assert counts["verb_attempts"]["retry"] == {job_id: 2}


def test_abort_only_while_queuing_or_processing(emu: Emulator, api: httpx.Client, seeded: dict[str, Any]) -> None:
    ds = seeded["dataset_id"]
    queued = create(api, ds, SQUASH_BODY)
    assert job(api, ds, queued)["status"] == "QUEUING"
    assert api.post(f"/datasets/{ds}/jobs/{queued}/abort", params={"jobType": SQUASH}).status_code == 200
    emu.advance(3)
    running = create(api, ds, SEARCH_BODY)
    emu.advance(3)
    assert job(api, ds, running, SEARCH)["status"] == "PROCESSING"
    assert api.post(f"/datasets/{ds}/jobs/{running}/abort", params={"jobType": SEARCH}).status_code == 200
    emu.advance(100)
    for job_id, kind in [(queued, SQUASH), (running, SEARCH)]:
        aborted = job(api, ds, job_id, kind)
        assert aborted["status"] == "ABORTED"
        assert aborted["finishedAt"] is not None
        assert aborted["result"] is None
        again = api.post(f"/datasets/{ds}/jobs/{job_id}/abort", params={"jobType": kind})
        assert_error(again, 403, "Forbidden", "ABORTED", "QUEUING or PROCESSING")
    assert job(api, ds, queued)["startedAt"] is None
    assert job(api, ds, running, SEARCH)["startedAt"] is not None
    assert_error(
        api.post(f"/datasets/{ds}/jobs/{running}/retry", params={"jobType": SEARCH}),
        403,
        "Forbidden",
        "only supported for squashAndMerge",
    )
    assert api.post(f"/datasets/{ds}/jobs/{queued}/retry", params={"jobType": SQUASH}).status_code == 200
    assert job(api, ds, queued)["status"] == "PROCESSING"
    assert emu.seeded()["tensorbay"]["verb_counts"]["abort"] == {queued: 1, running: 1}


def test_abort_a_finished_job_is_refused(api: httpx.Client, seeded: dict[str, Any]) -> None:
    ds = seeded["dataset_id"]
    for status in ["SUCCESS", "FAILED", "ABORTED"]:
        job_id = seeded["job_ids_by_status"][status][0]
        kind = SQUASH if job_id in seeded["job_ids"][SQUASH] else SEARCH
        response = api.post(f"/datasets/{ds}/jobs/{job_id}/abort", params={"jobType": kind})
        assert_error(response, 403, "Forbidden", status)


def test_concurrent_aborts_apply_exactly_once(emu: Emulator, api: httpx.Client, seeded: dict[str, Any]) -> None:
    ds = seeded["dataset_id"]
    job_id = create(api, ds, SQUASH_BODY)
    url = f"{str(api.base_url).rstrip('/')}/datasets/{ds}/jobs/{job_id}/abort"
    statuses: list[int] = []
    lock = threading.Lock()

    def abort() -> None:
        response = httpx.post(url, params={"jobType": SQUASH}, headers={"X-Token": TOKEN})
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=abort) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [403] * 7
    seeded_now = emu.seeded()["tensorbay"]
    assert seeded_now["verb_counts"]["abort"] == {job_id: 1}
    assert seeded_now["verb_attempts"]["abort"] == {job_id: 8}


def test_delete_removes_the_job_and_checks_the_type(api: httpx.Client, seeded: dict[str, Any]) -> None:
    ds = seeded["dataset_id"]
    job_id = seeded["job_ids"][SQUASH][-1]
    assert_error(api.delete(f"/datasets/{ds}/jobs/{job_id}", params={"jobType": SEARCH}), 404, "ResourceNotExist")
    response = api.delete(f"/datasets/{ds}/jobs/{job_id}", params={"jobType": SQUASH})
    assert response.status_code == 200
    assert response.content == b""
    assert_error(api.get(f"/datasets/{ds}/jobs/{job_id}", params={"jobType": SQUASH}), 404, "ResourceNotExist")
    assert_error(api.delete(f"/datasets/{ds}/jobs/{job_id}", params={"jobType": SQUASH}), 404, "ResourceNotExist")
    listed = api.get(f"/datasets/{ds}/jobs", params={"jobType": SQUASH}).json()
    assert job_id not in [j["jobId"] for j in listed["jobs"]]
    assert listed["totalCount"] == len(seeded["job_ids"][SQUASH]) - 1


def test_basic_search_result_becomes_a_new_dataset(emu: Emulator, api: httpx.Client, seeded: dict[str, Any]) -> None:
    ds = seeded["dataset_id"]
    job_id = create(api, ds, SEARCH_BODY)
    body = {"datasetName": "cars-only", "alias": "Cars", "isPublic": True}
    early = api.post(f"/searchResults/{job_id}/datasets", json=body)
    assert_error(early, 403, "Forbidden", "QUEUING", "SUCCESS")
    emu.advance(20)
    result = job(api, ds, job_id, SEARCH)["result"]
    assert set(result) == {"searchResultId", "searchResultCommitId"}
    created = api.post(f"/searchResults/{job_id}/datasets", json=body)
    assert created.status_code == 200, created.text
    new = api.get("/datasets", params={"name": "cars-only"}).json()["datasets"]
    detail = api.get(f"/datasets/{new[0]['id']}").json()
    assert detail["commitId"] == result["searchResultCommitId"]
    assert detail["alias"] == "Cars"
    assert detail["isPublic"]
    assert_error(api.post(f"/searchResults/{job_id}/datasets", json=body), 409, "NameConflict", "cars-only")
    by_result_id = api.post(f"/searchResults/{result['searchResultId']}/datasets", json={"datasetName": "again"})
    assert by_result_id.status_code == 200  # older SDKs put the searchResultId in the path
    assert_error(api.post("/searchResults/nope/datasets", json=body), 404, "ResourceNotExist")
    squash = seeded["job_ids"][SQUASH][0]
    assert_error(api.post(f"/searchResults/{squash}/datasets", json=body), 404, "ResourceNotExist")


# listing ----------------------------------------------------------------------------------------------------------


def test_job_pages_of_128_cover_every_job_once() -> None:
    with start(count=420) as emu, httpx.Client(base_url=emu.base_url("tensorbay") + PREFIX) as api:
        api.headers["X-Token"] = TOKEN
        seeded = emu.seeded()["tensorbay"]
        ds, total = seeded["dataset_id"], len(seeded["job_ids"][SQUASH])
        pages = [
            api.get(f"/datasets/{ds}/jobs", params={"jobType": SQUASH, "offset": o, "limit": 128}).json()
            for o in range(0, total, 128)
        ]
        assert [p["recordSize"] for p in pages] == [min(128, total - o) for o in range(0, total, 128)]
        assert {p["totalCount"] for p in pages} == {total}
        assert [p["offset"] for p in pages] == [0, 128, 256]
        ids = [j["jobId"] for p in pages for j in p["jobs"]]
        assert len(ids) == len(set(ids)) == total
        assert set(ids) == set(seeded["job_ids"][SQUASH])
        assert all(j["jobType"] == SQUASH for p in pages for j in p["jobs"])
        by_status = {
            s: api.get(f"/datasets/{ds}/jobs", params={"jobType": SQUASH, "status": s}).json()
            for s in ["QUEUING", "PROCESSING", "SUCCESS", "FAILED", "ABORTED"]
        }
        assert sum(b["totalCount"] for b in by_status.values()) == total
        assert all(j["status"] == s for s, b in by_status.items() for j in b["jobs"])


def test_drafts_filter_by_status_and_branch(api: httpx.Client, seeded: dict[str, Any]) -> None:
    ds = seeded["dataset_id"]
    every = api.get(f"/datasets/{ds}/drafts", params={"status": "ALL"}).json()
    assert every == api.get(f"/datasets/{ds}/drafts").json()
    statuses = {d["status"] for d in every["drafts"]}
    assert statuses == {"OPEN", "CLOSED", "COMMITTED"}
    closed = api.get(f"/datasets/{ds}/drafts", params={"status": "CLOSED", "branchName": "dev"}).json()
    assert closed["totalCount"] == 1
    assert closed["drafts"][0]["title"] == "abandoned cleanup"
    paged = api.get(f"/datasets/{ds}/drafts", params={"offset": 1, "limit": 2}).json()
    assert [d["number"] for d in paged["drafts"]] == [d["number"] for d in every["drafts"][1:3]]


# auth and bad parameters ------------------------------------------------------------------------------------------

ROUTES = [
    ("GET", "/datasets"),
    ("GET", "/datasets/DS"),
    ("GET", "/datasets/DS/drafts"),
    ("GET", "/datasets/DS/jobs?jobType=squashAndMerge"),
    ("POST", "/datasets/DS/jobs"),
    ("GET", "/datasets/DS/jobs/J?jobType=squashAndMerge"),
    ("DELETE", "/datasets/DS/jobs/J?jobType=squashAndMerge"),
    ("POST", "/datasets/DS/jobs/J/abort?jobType=squashAndMerge"),
    ("POST", "/datasets/DS/jobs/J/retry?jobType=squashAndMerge"),
    ("POST", "/searchResults/J/datasets"),
]


@pytest.mark.parametrize("token", [None, "", "ACCESSKEY-wrong", "Accesskey-emulator"])
def test_every_route_refuses_a_missing_or_wrong_token(emu: Emulator, seeded: dict[str, Any], token: str | None) -> None:
    headers = {} if token is None else {"X-Token": token}
    base = emu.base_url("tensorbay") + PREFIX
    for method, path in ROUTES:
        url = base + path.replace("DS", seeded["dataset_id"])
        response = httpx.request(method, url, headers=headers, json=SQUASH_BODY if method == "POST" else None)
        assert_error(response, 401, "Unauthorized", "X-Token")


def test_unknown_method_and_path_answer_in_tensorbay_format(api: httpx.Client, seeded: dict[str, Any]) -> None:
    response = api.put(f"/datasets/{seeded['dataset_id']}/jobs")
    assert_error(response, 405, "InvalidParamsValue", "PUT")
    assert response.headers["allow"] == "GET, POST"
    assert_error(api.get("/nothing/here"), 404, "ResourceNotExist")


@pytest.mark.parametrize(
    ("path", "params", "code", "words"),
    [
        ("/datasets", {"offset": "-1"}, "InvalidParamsValue", ["offset", ">= 0"]),
        ("/datasets", {"offset": "abc"}, "InvalidParamsValue", ["offset", "'abc'"]),
        ("/datasets", {"limit": "0"}, "InvalidParamsValue", ["limit", "1 to 128"]),
        ("/datasets/DS/drafts", {"limit": "129"}, "InvalidParamsValue", ["limit", "1 to 128"]),
        ("/datasets/DS/drafts", {"status": "DRAFTY"}, "InvalidParamsValue", ["status", "OPEN, CLOSED, COMMITTED, ALL"]),
        ("/datasets/DS/jobs", {}, "RequestParamsMissing", ["jobType", "squashAndMerge, basicSearch"]),
        ("/datasets/DS/jobs", {"jobType": "merge"}, "InvalidParamsValue", ["jobType", "'merge'"]),
        ("/datasets/DS/jobs", {"jobType": SQUASH, "status": "PAUSED"}, "InvalidParamsValue", ["status", "QUEUING"]),
        ("/datasets/DS/jobs/J", {}, "RequestParamsMissing", ["jobType"]),
    ],
)
def test_bad_query_parameters_get_400_naming_them(
    api: httpx.Client, seeded: dict[str, Any], path: str, params: dict[str, str], code: str, words: list[str]
) -> None:
    response = api.get(path.replace("DS", seeded["dataset_id"]), params=params)
    assert_error(response, 400, code, *words)


def test_an_offset_past_everything_is_an_empty_page(api: httpx.Client, seeded: dict[str, Any]) -> None:
    huge = "9" * 30
    listed = api.get(f"/datasets/{seeded['dataset_id']}/jobs", params={"jobType": SQUASH, "offset": huge}).json()
    assert listed["jobs"] == []
    assert listed["totalCount"] == len(seeded["job_ids"][SQUASH])
    assert api.get("/datasets", params={"offset": huge}).json()["datasets"] == []


def _with(body: dict[str, Any], **arguments: Any) -> dict[str, Any]:
    return {**body, "arguments": {**body["arguments"], **arguments}}


@pytest.mark.parametrize(
    ("body", "status", "code", "words"),
    [
        (b"{not json", 400, "InvalidParamsValue", ["valid JSON"]),
        (b"[1, 2]", 400, "InvalidParamsValue", ["JSON object"]),
        (b"", 400, "RequestParamsMissing", ["request body"]),
        (b'{"title": "\\ud800", "jobType": "squashAndMerge", "arguments": {}}', 400, "InvalidParamsValue", ["UTF-8"]),
        (b'{"title": "t", "jobType": "basicSearch", "arguments": {"x": NaN}}', 400, "InvalidParamsValue", ["JSON"]),
        (b'{"title": "t", "jobType": "basicSearch", "arguments": {"x": 1e999}}', 400, "InvalidParamsValue", ["finite"]),
        ({"jobType": SQUASH, "arguments": {}}, 400, "RequestParamsMissing", ["title"]),
        ({**SQUASH_BODY, "jobType": "dedupe"}, 400, "InvalidParamsValue", ["jobType", "basicSearch"]),
        ({"title": "t", "jobType": SQUASH}, 400, "RequestParamsMissing", ["arguments"]),
        (_with(SQUASH_BODY, strategy="merge"), 400, "InvalidParamsValue", ["strategy", "abort, override, skip"]),
        (_with(SQUASH_BODY, sourceBranchName=""), 400, "InvalidParamsValue", ["sourceBranchName"]),
        (_with(SQUASH_BODY, sourceBranchName="ghost"), 404, "ResourceNotExist", ["'ghost'"]),
        (_with(SEARCH_BODY, unit="page"), 400, "InvalidParamsValue", ["unit", "file, frame"]),
        (_with(SEARCH_BODY, filters=[{"key": "k"}]), 400, "RequestParamsMissing", ["operator"]),
        (_with(SEARCH_BODY, filters="all"), 400, "InvalidParamsValue", ["filters"]),
        ({**SEARCH_BODY, "description": 3}, 400, "InvalidParamsValue", ["description"]),
    ],
)
def test_bad_create_bodies_are_refused_before_anything_is_stored(
    emu: Emulator, api: httpx.Client, seeded: dict[str, Any], body: Any, status: int, code: str, words: list[str]
) -> None:
    ds = seeded["dataset_id"]
    before = api.get(f"/datasets/{ds}/jobs", params={"jobType": SQUASH}).json()["totalCount"]
    kwargs: dict[str, Any] = {"content": body} if isinstance(body, bytes) else {"json": body}
    assert_error(api.post(f"/datasets/{ds}/jobs", **kwargs), status, code, *words)
    assert api.get(f"/datasets/{ds}/jobs", params={"jobType": SQUASH}).json()["totalCount"] == before


def test_admin_task_spec_is_validated(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="jobType must be one of squashAndMerge, basicSearch"):
        emu.create_tasks("tensorbay", jobType="dedupe")
    with pytest.raises(ValueError, match="unknown keys"):
        emu.create_tasks("tensorbay", colour="red")
    response = httpx.post(emu.url + "/_emulator/tasks", json={"service": "tensorbay", "dataset_id": "nope"})
    assert response.status_code == 400
    assert "dataset_id" in response.text


# faults in TensorBay's format -------------------------------------------------------------------------------------


def test_injected_status_and_unknown_members(emu: Emulator, api: httpx.Client, seeded: dict[str, Any]) -> None:
    ds = seeded["dataset_id"]
    done = seeded["job_ids_by_status"]["SUCCESS"]
    squash_done = next(j for j in done if j in seeded["job_ids"][SQUASH])
    emu.add_faults(service="tensorbay", action="status", status=503, retry_after=2, count=1)
    throttled = api.get(f"/datasets/{ds}")
    assert_error(throttled, 503, "InternalServerError")
    assert throttled.headers["retry-after"] == "2"
    emu.add_faults(service="tensorbay", action="unknown_enum", path="/jobs/", count=1)
    odd = job(api, ds, squash_done)
    assert odd["status"] == "FUTURE_VALUE"
    assert odd["jobType"] == "FUTURE_VALUE"
    assert odd["arguments"] == {"futureArgument": "FUTURE_VALUE"}
    assert odd["result"] == {"futureResult": "FUTURE_VALUE"}
    parsed = models.Job.from_dict(odd)
    assert parsed.status.name == "UNKNOWN"
    assert parsed.status.value == "FUTURE_VALUE"
    assert job(api, ds, squash_done)["status"] == "SUCCESS"


# persistence ------------------------------------------------------------------------------------------------------


def test_restart_on_the_same_file_keeps_jobs_states_and_verb_counts(tmp_path: Path) -> None:
    db = str(tmp_path / "emulator.sqlite")
    with start(db) as emu, httpx.Client(base_url=emu.base_url("tensorbay") + PREFIX) as api:
        api.headers["X-Token"] = TOKEN
        seeded = emu.seeded()["tensorbay"]
        ds = seeded["dataset_id"]
        created = create(api, ds, SQUASH_BODY)
        running = seeded["job_ids_by_status"]["PROCESSING"][0]
        kind = SQUASH if running in seeded["job_ids"][SQUASH] else SEARCH
        assert api.post(f"/datasets/{ds}/jobs/{running}/abort", params={"jobType": kind}).status_code == 200
        emu.advance(5)
        before = {j: job(api, ds, j, k) for j, k in [(created, SQUASH), (running, kind)]}
        assert before[created]["status"] == "PROCESSING"
        assert before[running]["status"] == "ABORTED"
    with start(db) as emu, httpx.Client(base_url=emu.base_url("tensorbay") + PREFIX) as api:
        api.headers["X-Token"] = TOKEN
        again = emu.seeded()["tensorbay"]
        assert again["job_ids"] == seeded["job_ids"]
        assert again["verb_counts"]["abort"] == {running: 1}
        after = {j: job(api, ds, j, k) for j, k in [(created, SQUASH), (running, kind)]}
        assert after == before
        emu.advance(10)
        assert job(api, ds, created)["status"] == "SUCCESS"


# the generated client -----------------------------------------------------------------------------------------------


def _error(response: Any) -> models.Error:
    """The documented error body of a generated response (operations parse success bodies only)."""
    assert response.parsed is None
    return models.Error.from_dict(json.loads(response.content))


def test_generated_client_drives_the_main_operations(emu: Emulator) -> None:
    client = AuthenticatedClient(
        base_url=emu.base_url("tensorbay"), token=TOKEN, prefix="", auth_header_name="X-Token", timeout=httpx.Timeout(5)
    )
    with client:
        found = list_datasets.sync_detailed(client=client, name="emulator-dataset", offset=0, limit=128).parsed
        assert isinstance(found, models.DatasetList)
        assert found.total_count == 1
        ds = found.datasets[0].id
        detail = get_dataset.sync_detailed(ds, client=client).parsed
        assert isinstance(detail, models.Dataset)
        assert detail.default_branch == "main"

        arguments = models.SquashAndMergeArguments(
            title="d", source_branch_name="dev", target_branch_name="main", strategy=models.SquashAndMergeStrategy.SKIP
        )
        request = models.SquashAndMergeJobRequest(
            title="dev->main(skip)", job_type=models.SquashAndMergeJobRequestJobType.SQUASHANDMERGE, arguments=arguments
        )
        created = create_job.sync_detailed(ds, client=client, body=request).parsed
        assert isinstance(created, models.CreatedJob)
        squash = models.JobType.SQUASHANDMERGE
        fetched = get_job.sync_detailed(ds, created.job_id, client=client, job_type=squash).parsed
        assert isinstance(fetched, models.Job)
        assert fetched.status is models.JobStatus.QUEUING

        queuing = list_jobs.sync_detailed(
            ds, client=client, job_type=squash, status=models.JobStatus.QUEUING, limit=128
        ).parsed
        assert isinstance(queuing, models.JobList)
        assert created.job_id in [j.job_id for j in queuing.jobs]
        assert all(j.status is models.JobStatus.QUEUING for j in queuing.jobs)

        assert abort_job.sync_detailed(ds, created.job_id, client=client, job_type=squash).status_code == 200
        refused = _error(abort_job.sync_detailed(ds, created.job_id, client=client, job_type=squash))
        assert isinstance(refused, models.Error)
        assert refused.code is models.ErrorCode.FORBIDDEN
        assert retry_job.sync_detailed(ds, created.job_id, client=client, job_type=squash).status_code == 200
        emu.advance(30)
        done = get_job.sync_detailed(ds, created.job_id, client=client, job_type=squash).parsed
        assert isinstance(done, models.Job)
        assert done.status is models.JobStatus.SUCCESS
        assert done.result
        number = models.SquashAndMergeResult.from_dict(done.result.to_dict()).draft_number
        drafts = list_drafts.sync_detailed(
            ds, client=client, status=models.DraftStatusFilter.OPEN, offset=0, limit=128
        ).parsed
        assert isinstance(drafts, models.DraftList)
        assert number in [d.number for d in drafts.drafts]

        search_arguments = models.BasicSearchArguments(
            commit=detail.commit_id or "",
            conjunction=models.SearchConjunction.AND,
            filters=[models.SearchFilter(key="label.box2d.category", operator="in", value=["car"])],
            unit=models.SearchUnit.FILE,
        )
        search_request = models.BasicSearchJobRequest(
            title="cars", job_type=models.BasicSearchJobRequestJobType.BASICSEARCH, arguments=search_arguments
        )
        search = create_job.sync_detailed(ds, client=client, body=search_request).parsed
        assert isinstance(search, models.CreatedJob)
        emu.advance(30)
        body = models.CreateDatasetFromSearchResultRequest(dataset_name="from-search", alias="", is_public=False)
        made = create_dataset_from_search_result.sync_detailed(search.job_id, client=client, body=body)
        assert made.status_code == 200
        conflict = _error(create_dataset_from_search_result.sync_detailed(search.job_id, client=client, body=body))
        assert isinstance(conflict, models.Error)
        assert conflict.code is models.ErrorCode.NAMECONFLICT

        assert delete_job.sync_detailed(ds, created.job_id, client=client, job_type=squash).status_code == 200
        gone = _error(get_job.sync_detailed(ds, created.job_id, client=client, job_type=squash))
        assert isinstance(gone, models.Error)
        assert gone.code is models.ErrorCode.RESOURCENOTEXIST
