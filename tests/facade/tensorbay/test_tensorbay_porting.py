"""Porting suite: the tensorbay SDK's job idioms (seed 004 and the SDK's docstrings), run once with the SDK and
once with taskfacade, imports swapped, against the same emulator; what a user observes must agree.

Each idiom is written once against a namespace holding ``GAS``, the ``tensorbay.client.job`` classes and the
``tensorbay.exception`` module, imported from the SDK or from taskfacade's mirrors of those module paths. The SDK
only speaks ``https://`` and has no public endpoint setting, so its client is pointed at the emulator through its
private ``_open_api`` (reference section 1; taskfacade takes the emulator's ``http://`` URL as ``url``). The
emulator's clock is frozen and moved by the tests, so both sides see the same job states.

Differences kept on purpose are asserted as such: ``abort()`` and ``retry()`` refresh the job (the SDK's status
stays stale), and ``update()`` refreshes every field (the SDK's never refreshes ``title``/``description``).
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from taskfacade_emulator import Emulator
from tensorbay_support import DATASET, KEY, PREFIX

Observation = dict[str, Any]


def _api(package: str) -> types.SimpleNamespace:
    """The names ported code imports, from the SDK (``tensorbay``) or from taskfacade (``taskfacade.tensorbay``)."""
    job = importlib.import_module(f"{package}.client.job")
    return types.SimpleNamespace(
        name=package,
        GAS=importlib.import_module(f"{package}.client").GAS,
        Job=job.Job,
        SquashAndMergeJob=job.SquashAndMergeJob,
        BasicSearchJob=job.BasicSearchJob,
        exception=importlib.import_module(f"{package}.exception"),
    )


SDK, OURS = _api("tensorbay"), _api("taskfacade.tensorbay")


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=30, speed=0) as emulator:
        yield emulator


def _gas(api: types.SimpleNamespace, emu: Emulator) -> Any:
    if api is OURS:
        return api.GAS(KEY, url=emu.base_url("tensorbay"))
    gas = api.GAS(KEY)
    gas._client._open_api = f"{emu.base_url('tensorbay')}{PREFIX}/"  # the SDK's only way to a plain-http server
    return gas


def _plain(value: Any) -> Any:
    if isinstance(value, BaseException):
        return ("raised", type(value).__name__)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _attempt(action: Callable[[], Any]) -> Any:
    try:
        return _plain(action())
    except Exception as error:  # the exception is the observation
        return _plain(error)


_TIMES = ("created_at", "started_at", "finished_at")


def _fields(job: Any, since: int = 0) -> Observation:
    """A job's public fields as the seed lists them, with their types; times as seconds after ``since`` (the two
    runs of an idiom happen at different emulator times)."""
    seen: Observation = {"class": type(job).__name__}
    names = ("title", "job_id", "arguments", *_TIMES, "status", "error_message", "description")
    for name in names:
        value = getattr(job, name)
        shown = None if name == "job_id" else value - since if name in _TIMES and isinstance(value, int) else value
        seen[name] = (type(value).__name__, shown)
    return seen


def _both(emu: Emulator, idiom: Callable[[types.SimpleNamespace, Any], Observation]) -> tuple[Observation, ...]:
    """The idiom with the SDK, then with taskfacade, each on a fresh dataset client of the same emulator."""
    return tuple(_plain(idiom(api, _gas(api, emu).get_dataset(DATASET))) for api in (SDK, OURS))


def _diff(ours: Any, theirs: Any, where: str = "") -> list[str]:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = [f"{where}.{key}: missing on one side" for key in set(ours) ^ set(theirs)]
        for key in set(ours) & set(theirs):
            found += _diff(ours[key], theirs[key], f"{where}.{key}")
        return found
    return [] if ours == theirs else [f"{where}: ours {ours!r}, the SDK's {theirs!r}"]


def test_squash_and_merge_job_fields_through_its_life(emu: Emulator) -> None:
    """``create_job(draft_title=..., source_branch_name=..., strategy=...)``, then ``update()`` and
    ``update(until_complete=True)``: the seed's fields with the seed's types (times are ints, epoch seconds)."""

    def idiom(api: types.SimpleNamespace, dataset: Any) -> Observation:
        since = int(emu.now())
        job = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev", strategy="override")
        seen = {"created": _fields(job, since)}
        emu.advance(3)
        job.update()
        seen["running"] = _fields(job, since)
        emu.advance(20)
        job.update(until_complete=True)
        seen["done"] = _fields(job, since)
        seen["elapsed"] = job.finished_at - job.created_at  # an int, as ported code expects
        draft = job.result
        seen["draft"] = [type(draft).__name__, type(draft.number).__name__, draft.title, draft.branch_name]
        seen["draft_status"] = draft.status
        again = dataset.squash_and_merge.get_job(job.job_id)
        seen["get_job"] = _fields(again, since)
        seen["same_times"] = (again.created_at, again.finished_at) == (job.created_at, job.finished_at)
        return seen

    theirs, ours = _both(emu, idiom)
    assert ours == theirs, _diff(ours, theirs)
    assert ours["done"]["created_at"][0] == ours["done"]["finished_at"][0] == "int"
    assert ours["running"]["status"] == ["str", "PROCESSING"]
    assert ours["done"]["status"] == ["str", "SUCCESS"]
    assert ours["draft"][0] == "Draft"
    assert isinstance(ours["elapsed"], int)


def test_listing_getting_and_deleting_jobs(emu: Emulator) -> None:
    """``list_jobs()``, ``list_jobs(status=...)``, ``get_job(job_id)``, ``delete_job(job_id)``."""

    def idiom(api: types.SimpleNamespace, dataset: Any) -> Observation:
        since = int(emu.now())
        created = []
        for n in (1, 2):  # a second apart: jobs created in the same second are listed in no fixed order
            created.append(dataset.squash_and_merge.create_job(draft_title=f"d{n}", source_branch_name="dev"))
            emu.advance(1)
        emu.advance(30)
        everything = dataset.squash_and_merge.list_jobs()
        seen: Observation = {
            "count": len(everything),
            "first": _fields(everything[0], since),
            "succeeded": sorted(job.title for job in dataset.squash_and_merge.list_jobs(status="SUCCESS")),
            "queuing": len(dataset.squash_and_merge.list_jobs(status="QUEUING")),
            "searches": len(dataset.basic_search.list_jobs()),
        }
        dataset.squash_and_merge.delete_job(created[0].job_id)
        seen["after_delete"] = len(dataset.squash_and_merge.list_jobs())
        seen["deleted"] = _attempt(lambda: dataset.squash_and_merge.get_job(created[0].job_id))
        for job in created[1:]:
            dataset.squash_and_merge.delete_job(job.job_id)
        return seen

    theirs, ours = _both(emu, idiom)
    assert ours == theirs, _diff(ours, theirs)
    assert ours["deleted"] == ["raised", "ResourceNotExistError"]


def test_abort_and_retry(emu: Emulator) -> None:
    """``job.abort()`` then ``job.update()``, ``job.retry()``, and ``abort()`` of a finished job (refused by the
    service with ``Forbidden``, which both raise as ``ForbiddenError``)."""

    def idiom(api: types.SimpleNamespace, dataset: Any) -> Observation:
        since = int(emu.now())
        job = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
        seen: Observation = {"abort": _attempt(job.abort), "right_after_abort": job.status}
        job.update()
        seen["aborted"] = _fields(job, since)
        seen["retry"] = _attempt(job.retry)
        job.update()
        seen["retried"] = job.status
        emu.advance(30)
        job.update(until_complete=True)
        seen["final"] = job.status
        try:
            job.abort()
        except api.exception.ForbiddenError as error:
            seen["abort_finished"] = (type(error).__name__, isinstance(error, api.exception.ResponseError))
        return seen

    theirs, ours = _both(emu, idiom)
    assert theirs["right_after_abort"] == "QUEUING"  # the SDK's status stays stale after abort()...
    assert ours["right_after_abort"] == "ABORTED"  # ...taskfacade's is refreshed (reference defect 7)
    del ours["right_after_abort"], theirs["right_after_abort"]
    assert ours == theirs, _diff(ours, theirs)
    assert ours["aborted"]["status"] == ["str", "ABORTED"]
    assert ours["final"] == "SUCCESS"
    assert ours["abort_finished"] == ["ForbiddenError", True]


def test_the_fields_the_sdk_lets_users_set(emu: Emulator) -> None:
    """The SDK's job is a plain attribute bag: ported code may set its fields (e.g. to annotate a job locally)."""

    def idiom(api: types.SimpleNamespace, dataset: Any) -> Observation:
        job = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
        job.title = "renamed"
        job.description = "annotated"
        job.arguments = {"strategy": "skip"}
        job.error_message = "none yet"
        job.status = "PROCESSING"
        job.created_at, job.started_at, job.finished_at = 1700000000, 1700000001, None
        seen: Observation = {"set": _fields(job)}
        job.update()
        seen["updated"] = {key: _fields(job)[key] for key in ("status", "started_at", "error_message")}
        seen["kept_by_the_sdk"] = {key: _fields(job)[key] for key in ("title", "description")}
        return seen

    theirs, ours = _both(emu, idiom)
    assert ours["set"] == theirs["set"], _diff(ours["set"], theirs["set"])
    assert ours["updated"] == theirs["updated"]
    assert theirs["kept_by_the_sdk"] == {"title": ["str", "renamed"], "description": ["str", "annotated"]}
    refreshed = {"title": ["str", "dev->main(abort)"], "description": ["str", ""]}
    assert ours["kept_by_the_sdk"] == refreshed  # refreshed on purpose


def test_basic_search_job(emu: Emulator) -> None:
    """``basic_search.create_job(conjunction=..., filters=[(key, operator, value[, label_type])], unit=...)``,
    ``update(until_complete=True)`` and ``result``."""

    def idiom(api: types.SimpleNamespace, dataset: Any) -> Observation:
        since = int(emu.now())
        job = dataset.basic_search.create_job(
            conjunction="and", filters=[("category", "in", ["car", "bus"], "BOX2D"), ("size", ">", 0)], unit="file"
        )
        seen: Observation = {"created": _fields(job, since), "result_before": job.result}
        emu.advance(60)
        job.update(until_complete=True)
        seen["done"] = _fields(job, since)
        result = job.result
        seen["result"] = (type(result).__name__, result.job_id == job.job_id)
        seen["is_search"] = isinstance(job, api.BasicSearchJob) and isinstance(job, api.Job)
        return seen

    theirs, ours = _both(emu, idiom)
    assert ours == theirs, _diff(ours, theirs)
    assert ours["result"] == ["SearchResult", True]


def test_the_sdk_exceptions_catch_the_same_failures(emu: Emulator) -> None:
    """``except ResourceNotExistError`` (an unknown job), ``except UnauthorizedError`` (a wrong key) and
    ``except ResponseError`` / ``TensorBayException`` for both, from ``<package>.exception``."""

    def idiom(api: types.SimpleNamespace, dataset: Any) -> Observation:
        exc = api.exception
        seen: Observation = {}
        try:
            dataset.squash_and_merge.get_job("no-such-job")
        except exc.ResourceNotExistError as error:
            seen["missing"] = [isinstance(error, cls) for cls in (exc.ResponseError, exc.TensorBayException)]
        wrong = _gas(api, emu)
        wrong_key = "ACCESSKEY-wrong"
        if api is OURS:
            wrong = api.GAS(wrong_key, url=emu.base_url("tensorbay"))
        else:
            wrong._client.access_key = wrong_key
        try:
            wrong.get_dataset(DATASET)
        except exc.UnauthorizedError as error:
            seen["unauthorized"] = isinstance(error, exc.ClientError)
        return seen

    theirs, ours = _both(emu, idiom)
    assert ours == theirs, _diff(ours, theirs)
    assert ours == {"missing": [True, True], "unauthorized": True}
