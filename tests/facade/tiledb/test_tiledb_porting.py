"""Porting suite: the vendor's idioms run with tiledb-client 3.x and with taskfacade, imports swapped, same emulator.

``porting_idioms.py`` holds the idioms (from the vendor's docstrings and seeds 000/001), written once. This test
starts one emulator, makes the tasks the idioms need, and runs that file in two fresh interpreters side by side:
one importing ``tiledb.client``, one importing ``taskfacade.tiledb``, both configured only through the
environment tiledb-client reads (``TILEDB_REST_TOKEN``, ``TILEDB_REST_SERVER_ADDRESS``, ``TILEDB_REST_WORKSPACE``)
and both in a time zone far from UTC, so a naive datetime read as UTC instead of local time would show.

Every idiom is either observed the same, or differs in the one way listed in ``DIFFERENT`` (each a vendor defect
we fixed on purpose, also in docs/tiledb.md's migration table).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from taskfacade_emulator import Emulator
from tiledb_helpers import TOKEN, WORKSPACE

#: The emulator workspace's name (its id is WORKSPACE); the suite configures both sides by name.
WORKSPACE_NAME = WORKSPACE.removeprefix("ws_")

IDIOMS = Path(__file__).with_name("porting_idioms.py")
#: +05:30 all year: a naive datetime read as UTC would be 5.5 hours off.
TIME_ZONE = "Asia/Kolkata"


def _same(name: str) -> tuple[str, Callable[[dict[str, Any], dict[str, Any]], None]]:
    def check(vendor: dict[str, Any], ours: dict[str, Any]) -> None:
        assert ours == vendor, name

    return "same", check


def _invalid_argument_for_value_error(vendor: dict[str, Any], ours: dict[str, Any]) -> None:
    assert vendor["raises"] == "ValueError"
    assert ours["raises"] == "InvalidArgument"  # a ValueError subclass naming the parameter and accepted values


def _wrapped_async_error(vendor: dict[str, Any], ours: dict[str, Any]) -> None:
    assert vendor["raises"] == "ApiException"  # the generated layer's raw exception, not TasksError
    assert ours["raises"] == "TasksError"


def _one_based_pages(vendor: dict[str, Any], ours: dict[str, Any]) -> None:
    assert vendor["value"] == {"page": 0.0, "call_page_1_is_first_page": False}  # the 0-based wire page, a float
    assert ours["value"] == {"page": 1, "call_page_1_is_first_page": True}  # 1-based, like fetch_tasks(page=)


def _asked_of_the_server(vendor: dict[str, Any], ours: dict[str, Any]) -> None:
    assert vendor["raises"] == "Exception"  # "There is no last run sql task in current python session"
    assert ours["value"] is True  # the user's newest SQL task, from the server


#: The idioms that differ on purpose, with the reason (also in docs/tiledb.md).
DIFFERENT: dict[str, tuple[str, Callable[[dict[str, Any], dict[str, Any]], None]]] = {
    "retry_mode_unknown_string": (
        "InvalidArgument (a ValueError) naming the parameter and the accepted values, not a bare ValueError",
        _invalid_argument_for_value_error,
    ),
    "async_req_failure": (
        "TasksError chained to NotFound, as the synchronous call raises; the vendor leaves async errors unwrapped",
        _wrapped_async_error,
    ),
    "pager_page_numbers": (
        "page and call_page(p) are 1-based like fetch_tasks(page=); the vendor's are the 0-based wire page (a float)",
        _one_based_pages,
    ),
    "last_sql_task_in_a_new_process": (
        "asked of the server, so it works in any process; the vendor only knows tasks this process submitted",
        _asked_of_the_server,
    ),
}


@pytest.fixture(scope="module")
def observations(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    home = tmp_path_factory.mktemp("porting-home")
    with Emulator(seed_count=120, seed_counts={"deadline": 1, "geobox": 1, "tensorbay": 1}, speed=0) as emu:
        emu.create_tasks("tiledb", 3, type="UDF", run_s=36_000)  # RUNNING now: the seed example finds them
        [sql_id] = emu.create_tasks("tiledb", type="SQL", result_format="json", run_s=5)
        [json_id] = emu.create_tasks("tiledb", type="UDF", result_format="json", run_s=5)
        created_at = emu.now()
        emu.advance(10)  # both finished (the three long ones still run)
        # tiledb-client sends end=int(now at import): a task created in the same wall-clock second as the import
        # would fall outside every default window (vendor defect 1 plus truncation). Start in the next second.
        time.sleep(max(0.0, math.floor(created_at) + 1.1 - time.time()))
        ids = {"sql": sql_id, "json": json_id, "token": TOKEN}
        env = {k: v for k, v in os.environ.items() if not k.startswith("TILEDB_")}
        env.update(
            HOME=str(home),
            TZ=TIME_ZONE,
            TILEDB_REST_TOKEN=TOKEN,
            TILEDB_REST_SERVER_ADDRESS=emu.base_url("tiledb"),
            TILEDB_REST_WORKSPACE=WORKSPACE_NAME,  # by name: both sides resolve it to ws_emulator
            PYTHONWARNINGS="ignore",
        )
        runs = {
            side: subprocess.Popen(
                [sys.executable, str(IDIOMS), side, json.dumps(ids)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for side in ("vendor", "taskfacade")
        }
        results = {}
        for side, run in runs.items():
            out, err = run.communicate(timeout=120)
            assert run.returncode == 0, f"{side}: {err[-3000:]}"
            results[side] = json.loads(out)
        resolved = emu.request_counts()["tiledb"].get("GET /v4/workspaces/{workspace}", 0)
        assert 2 <= resolved <= 3, resolved  # the name was resolved: once by the vendor, once (per client) by us
        yield results["vendor"], results["taskfacade"]


def test_every_idiom_ran_on_both_sides(observations: tuple[dict[str, Any], dict[str, Any]]) -> None:
    vendor, ours = observations
    assert set(vendor) == set(ours)
    assert set(DIFFERENT) <= set(vendor)
    # Not vacuous: the seed example found the running tasks, paging crossed pages, results decoded.
    assert len(ours["seed_example_running_in_last_three_hours"]["value"]) >= 3
    assert ours["every_page_of_a_small_page_size"]["value"]["count"] > 14
    assert ours["fetch_results_json"]["value"]


IDIOM_NAMES = [
    "seed_example_running_in_last_three_hours",
    "naive_window_on_both_ends",
    "aware_window",
    "every_page_of_a_small_page_size",
    "pager_attributes",
    "filters_type_and_exclude_type",
    "second_page_from_page_argument",
    "tasks_alias",
    "one_task",
    "async_req_apply_result",
    "async_req_get_with_timeout_keyword",
    "unknown_task_is_a_tasks_error",
    "async_req_failure",
    "pager_page_numbers",
    "pager_func_args_kwargs",
    "last_sql_task_in_a_new_process",
    "fetch_results_json",
    "retry_modes",
    "retry_mode_unknown_string",
    "config_is_a_native_config",
    "config_with_extra_settings",
    "native_ctx_from_config",
    "ctx_helper",
]


def test_the_idiom_list_is_complete(observations: tuple[dict[str, Any], dict[str, Any]]) -> None:
    assert sorted(IDIOM_NAMES) == sorted(observations[0])


@pytest.mark.parametrize("name", IDIOM_NAMES)
def test_idiom_observed_as_with_the_vendor(name: str, observations: tuple[dict[str, Any], dict[str, Any]]) -> None:
    vendor, ours = observations
    _kind, check = DIFFERENT.get(name) or _same(name)
    check(vendor[name], ours[name])
