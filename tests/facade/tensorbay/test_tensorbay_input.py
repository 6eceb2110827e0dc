"""Bad input to every public function: ``InvalidArgument`` naming the parameter, before any request is sent.

Every case runs against both twins (the sync facade and ``taskfacade.tensorbay.aio``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import taskfacade
from taskfacade.tensorbay import BasicSearchJob, DatasetClient, SquashAndMergeJob
from taskfacade_emulator import Emulator
from tensorbay_support import total

SQUASH = {"draft_title": "d", "source_branch_name": "dev"}
SEARCH: dict[str, Any] = {"conjunction": "and", "filters": [("size", ">", 0)]}

Call = Callable[[DatasetClient, SquashAndMergeJob, BasicSearchJob, Any], object]


def squash(**kwargs: Any) -> Call:
    return lambda d, s, b, t: d.squash_and_merge.create_job(**{**SQUASH, **kwargs})


def search(**kwargs: Any) -> Call:
    return lambda d, s, b, t: d.basic_search.create_job(**{**SEARCH, **kwargs})


def filters(*items: Any) -> Call:
    return search(filters=list(items))


CASES: list[tuple[str, Call, str]] = [
    ("title", squash(title=1), "title"),
    ("description", squash(description=None), "description"),
    ("draft_title", squash(draft_title=None), "draft_title"),
    ("source empty", squash(source_branch_name=""), "source_branch_name"),
    ("target empty", squash(target_branch_name=""), "target_branch_name"),
    ("target spaced", squash(target_branch_name=" main"), "target_branch_name"),
    ("draft_description", squash(draft_description=3), "draft_description"),
    ("strategy", squash(strategy="merge"), "strategy"),
    ("strategy None", squash(strategy=None), "strategy"),
    ("conjunction", search(conjunction="xor"), "conjunction"),
    ("filters str", search(filters="size>0"), "filters"),
    ("filters dict", search(filters={"key": "size"}), "filters"),
    ("filter key", filters(("nokey", "in", 1)), "filters[0][0]"),
    ("filter short", filters(("size", ">")), "filters[0]"),
    ("filter operator", filters(("size", "", 1)), "filters[0][1]"),
    ("filter value", filters(("size", ">", object())), "filters[0][2]"),
    ("filter nan", filters(("size", ">", float("nan"))), "filters[0][2]"),
    ("filter label", filters(("size", ">", 1, 3)), "filters[0][3]"),
    ("filter dict", filters(("size", ">", 1), {"key": "x"}), "filters[1]"),
    ("filter extra", filters({"key": "size", "operator": ">", "value": 1, "extraInfo": 5}), "filters[0]['extraInfo']"),
    ("filter item", filters(42), "filters[0]"),
    ("unit", search(unit="pixel"), "unit"),
    ("search title", search(title=None), "title"),
    ("get_job empty", lambda d, s, b, t: d.squash_and_merge.get_job(""), "job_id"),
    ("get_job int", lambda d, s, b, t: d.basic_search.get_job(5), "job_id"),  # type: ignore[arg-type]
    ("get_job spaced", lambda d, s, b, t: d.squash_and_merge.get_job(" J1"), "job_id"),
    ("list_jobs FAIL", lambda d, s, b, t: d.squash_and_merge.list_jobs(status="FAIL"), "status"),
    ("list_jobs lower", lambda d, s, b, t: d.basic_search.list_jobs(status="success"), "status"),
    ("delete_job", lambda d, s, b, t: d.squash_and_merge.delete_job(None), "job_id"),  # type: ignore[arg-type]
    ("until_complete", lambda d, s, b, t: s.update("yes"), "until_complete"),  # type: ignore[arg-type]
    ("update timeout", lambda d, s, b, t: s.update(True, timeout=-1), "timeout"),
    ("update interval", lambda d, s, b, t: s.update(True, interval=0), "interval"),
    ("update timeout str", lambda d, s, b, t: b.update(True, timeout="10"), "timeout"),  # type: ignore[arg-type]
    ("wait timeout", lambda d, s, b, t: s.wait(timeout=-5), "timeout"),
    ("as_completed timeout", lambda d, s, b, t: list(t.as_completed([s, b], timeout=-1)), "timeout"),
    ("dataset name", lambda d, s, b, t: b.create_dataset(""), "name"),
    ("dataset alias", lambda d, s, b, t: b.create_dataset("x", alias=None), "alias"),  # type: ignore[arg-type]
    ("dataset public", lambda d, s, b, t: b.create_dataset("x", is_public="yes"), "is_public"),  # type: ignore[arg-type]
    ("draft 0", lambda d, s, b, t: d.get_draft(0), "draft_number"),
    ("draft str", lambda d, s, b, t: d.get_draft("1"), "draft_number"),  # type: ignore[arg-type]
    ("draft bool", lambda d, s, b, t: d.get_draft(True), "draft_number"),
    ("drafts status", lambda d, s, b, t: d.list_drafts(status="open"), "status"),
    ("drafts branch", lambda d, s, b, t: d.list_drafts(branch_name=""), "branch_name"),
]


@pytest.mark.parametrize(("case", "call", "parameter"), CASES, ids=[case[0] for case in CASES])
def test_bad_input_is_refused_before_any_request(
    twin: Any, twin_dataset: Any, emu: Emulator, case: str, call: Call, parameter: str
) -> None:
    dataset = twin_dataset
    squash = dataset.squash_and_merge.create_job(**SQUASH)
    search = dataset.basic_search.create_job(**SEARCH)
    emu.clear_request_counts()
    with pytest.raises(taskfacade.InvalidArgument) as error:
        call(dataset, squash, search, twin)
    assert error.value.parameter == parameter
    assert isinstance(error.value, ValueError)
    assert parameter in str(error.value)
    assert total(emu) == 0
