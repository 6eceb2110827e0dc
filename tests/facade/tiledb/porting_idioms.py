"""Vendor idioms for the TileDB porting suite, written once against ``tasks`` and ``client`` module objects.

Each idiom is code a tiledb-client 3.x user writes, taken from the vendor's own docstrings (``tiledb/client/
tasks.py``, ``pager.py``, ``client.py``) and seeds 000/001. ``observe`` runs them all and returns what a user
observes (values, types, counts, exception class names) as JSON-able data. The porting suite runs this file in a
fresh interpreter twice, against the same emulator: once after ``from tiledb.client import client, tasks``, once
after ``from taskfacade.tiledb import client, tasks``. Nothing else differs.

Run as a script: ``python porting_idioms.py vendor|taskfacade '<json ids>'`` prints the observations as JSON.
"""

from __future__ import annotations

import datetime
import json
import sys
import uuid
from collections.abc import Callable
from typing import Any


def _outcome(idiom: Callable[[], Any]) -> dict[str, Any]:
    try:
        return {"value": idiom()}
    except Exception as exc:  # what the user sees is the exception's class (and its family)
        return {"raises": type(exc).__name__, "is_tasks_error": type(exc).__name__ == "TasksError"}


def observe(tasks: Any, client: Any, ids: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every idiom's observation, by idiom name."""
    import tiledb  # the native package: the vendor's Config() and Ctx() are tiledb.Config and tiledb.Ctx

    idioms: dict[str, Callable[[], Any]] = {}

    def idiom(fn: Callable[[], Any]) -> Callable[[], Any]:
        idioms[fn.__name__] = fn
        return fn

    @idiom
    def seed_example_running_in_last_three_hours() -> Any:
        # Seed 000 / tasks.fetch_tasks docstring: a naive datetime.now() - 3 hours.
        seen = []
        for task in tasks.fetch_tasks(status="RUNNING", start=datetime.datetime.now() - datetime.timedelta(hours=3)):
            seen.append((task.id, type(task.start_time).__name__))
        return sorted(seen)

    @idiom
    def naive_window_on_both_ends() -> Any:
        now = datetime.datetime.now()
        return sorted(t.id for t in tasks.fetch_tasks(start=now - datetime.timedelta(days=2), end=now))

    @idiom
    def aware_window() -> Any:
        now = datetime.datetime.now(datetime.UTC)
        return sorted(t.id for t in tasks.fetch_tasks(start=now - datetime.timedelta(days=2), end=now))

    @idiom
    def every_page_of_a_small_page_size() -> Any:
        # The pager walks every page: tiledb-client asks for its second page as page=1.0.
        week = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
        found = [t.id for t in tasks.fetch_tasks(start=week, per_page=7, order_by="start_time")]
        return {"count": len(found), "distinct": len(set(found)), "ids": sorted(found)}

    @idiom
    def pager_attributes() -> Any:
        week = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
        pager = tasks.fetch_tasks(start=week, per_page=4, order_by="name")
        return {
            "array_tasks": [t.id for t in pager.array_tasks],
            "response_array_tasks": [t.id for t in pager.response.array_tasks],
            "total_items": int(pager.pagination_metadata.total_items),
            "total_pages": int(pager.pagination_metadata.total_pages),
            "index_0": pager[0].id,
            "index_5": pager[5].id,
            "slice_2_6": [t.id for t in pager[2:6]],
        }

    @idiom
    def filters_type_and_exclude_type() -> Any:
        week = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
        sql = sorted(t.id for t in tasks.fetch_tasks(start=week, type="SQL"))
        not_udf = sorted(t.id for t in tasks.fetch_tasks(start=week, exclude_type=["UDF", "GENERIC_UDF"]))
        return {"sql": sql, "not_udf": not_udf}

    @idiom
    def second_page_from_page_argument() -> Any:
        week = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
        return [t.id for t in tasks.fetch_tasks(start=week, page=2, per_page=5, order_by="name").array_tasks]

    @idiom
    def tasks_alias() -> Any:
        return tasks.tasks is tasks.fetch_tasks

    @idiom
    def one_task() -> Any:
        task = tasks.task(ids["sql"])
        return {
            "id": task.id,
            "status_is_completed": task.status == "COMPLETED",
            "type_is_sql": task.type == "SQL",
            "sql_query": task.sql_query,
            "start_time_type": type(task.start_time).__name__,
        }

    @idiom
    def async_req_apply_result() -> Any:
        pending = tasks.task(ids["sql"], async_req=True)
        got = pending.get(30)
        pending.wait(5)
        return {"id": got.id, "ready": pending.ready(), "successful": pending.successful()}

    @idiom
    def async_req_get_with_timeout_keyword() -> Any:
        return tasks.task(ids["sql"], async_req=True).get(timeout=30).id

    @idiom
    def unknown_task_is_a_tasks_error() -> Any:
        try:
            tasks.task(str(uuid.uuid4()))
        except tasks.TasksError as error:
            return type(error).__name__
        return "no error"

    @idiom
    def async_req_failure() -> Any:
        tasks.task(str(uuid.uuid4()), async_req=True).get(30)
        return "no error"

    @idiom
    def pager_page_numbers() -> Any:
        week = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
        pager = tasks.fetch_tasks(start=week, per_page=4, order_by="name")
        first = [t.id for t in pager.array_tasks]
        page = pager.page
        pager.call_page(1)
        return {"page": page, "call_page_1_is_first_page": [t.id for t in pager.array_tasks] == first}

    @idiom
    def pager_func_args_kwargs() -> Any:
        # ArrayTaskPager's own plumbing: func(*args, page=wire_page, **kwargs) is one page of the same listing.
        week = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
        pager = tasks.fetch_tasks(start=week, per_page=4, order_by="name")
        second = pager.func(*pager.args, page=1, **pager.kwargs)
        return [t.id for t in second.array_tasks]

    @idiom
    def last_sql_task_in_a_new_process() -> Any:
        return tasks.last_sql_task().type == "SQL"

    @idiom
    def fetch_results_json() -> Any:
        return tasks.fetch_results(ids["json"])

    @idiom
    def retry_modes() -> Any:
        mode = client.RetryMode.maybe_from("forceful")
        made = client.Client(retry_mode=client.RetryMode.DISABLED)
        made.retry_mode(client.RetryMode.FORCEFUL)
        made.retry_mode("default")
        made.set_threads(2)
        return {
            "maybe_from_string": mode is client.RetryMode.FORCEFUL,
            "maybe_from_member": client.RetryMode.maybe_from(client.RetryMode.DISABLED) is client.RetryMode.DISABLED,
            "values": [m.value for m in client.RetryMode],
            "names": [m.name for m in client.RetryMode],
        }

    @idiom
    def retry_mode_unknown_string() -> Any:
        client.RetryMode.maybe_from("sometimes")
        return "accepted"

    @idiom
    def config_is_a_native_config() -> Any:
        config = client.Config()
        return {
            "is_tiledb_config": isinstance(config, tiledb.Config),
            "server_address": config["rest.server_address"],
            "token": config["rest.token"] == ids["token"],
        }

    @idiom
    def config_with_extra_settings() -> Any:
        config = client.Config({"sm.tile_cache_size": "1000"})
        return {"tile_cache": config["sm.tile_cache_size"], "server_address": config["rest.server_address"]}

    @idiom
    def native_ctx_from_config() -> Any:
        ctx = tiledb.Ctx(client.Config())
        return {"type": type(ctx).__name__, "server": ctx.config()["rest.server_address"]}

    @idiom
    def ctx_helper() -> Any:
        ctx = client.Ctx()
        return {"is_tiledb_ctx": isinstance(ctx, tiledb.Ctx), "server": ctx.config()["rest.server_address"]}

    return {name: _outcome(fn) for name, fn in idioms.items()}


def main() -> None:
    side, raw_ids = sys.argv[1], sys.argv[2]
    if side == "vendor":
        from tiledb.client import client, tasks
    else:
        from taskfacade.tiledb import client, tasks  # type: ignore[no-redef]
    print(json.dumps(observe(tasks, client, json.loads(raw_ids)), default=str))


if __name__ == "__main__":
    main()
