"""Property-based fuzz of the public API: hostile arguments to every public callable of the core and the services.

``test_bad_input.py`` is a table of known-bad calls and what each must say; ``test_fuzz.py`` fuzzes what servers
send. This file fuzzes what *callers* send. The callables are found by walking ``taskfacade.__all__`` and each
service module's ``__all__``, the async twins' (``aio``) included (functions, class constructors, and the public
methods of every public class; coroutines are awaited and async pagers read on one event loop), so a
new public function is fuzzed without anyone listing it; ``test_every_public_callable_is_fuzzed`` fails when one
has no way to be called here (a method of a class without an instance in ``INSTANCES``) and is not in
``EXCLUDED`` with a reason.

Each argument is, independently, omitted (when it has a default), a valid value for a parameter of that name
(``VALID``, so the hostile one is not always refused by the first check), or hostile: very long strings,
non-ASCII and unpaired surrogates, control characters, wrong types, NaN and infinities, huge numbers,
unhashables, empty values. The clients are real, against the emulator, with retries disabled and a
``ManualClock`` (so no wait ever sleeps). Properties:

- only ``taskfacade.TaskFacadeError`` (the documented error tree) comes out: an ``InvalidArgument`` for a refused
  argument, an ``APIError`` subclass when a well-formed but unknown value reached the server (a ``NotFound`` for an
  id nobody has is the API's answer, not a validation gap), ``WaitTimeout`` and the like;
- a call refused with ``InvalidArgument`` sent zero requests (``emu.request_counts()``);
- a NaN or an infinity given to a numeric parameter (annotated ``int`` or ``float``) is always refused.

Examples per callable: ``TASKFACADE_API_FUZZ_EXAMPLES`` (default 100, derandomized so a run is repeatable);
``make fuzz`` runs 2000 with a fresh seed.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import inspect
import math
import os
import re
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import botocore.credentials
import pytest
import taskfacade
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from taskfacade import aio, deadline, geobox, tensorbay, tiledb
from taskfacade.deadline import aio as deadline_aio
from taskfacade.geobox import aio as geobox_aio
from taskfacade.tensorbay import aio as tensorbay_aio
from taskfacade.tiledb import aio as tiledb_aio
from taskfacade.tiledb import client as tiledb_client
from taskfacade.tiledb import tasks as tiledb_tasks
from taskfacade.tiledb.aio import client as tiledb_aio_client
from taskfacade.tiledb.aio import tasks as tiledb_aio_tasks
from taskfacade_emulator import Emulator

EXAMPLES = int(os.environ.get("TASKFACADE_API_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("TASKFACADE_API_FUZZ_RANDOM") != "1",
    database=None,
    suppress_health_check=list(HealthCheck),
)

MODULES = {
    "taskfacade": taskfacade,
    "tiledb": tiledb,
    "tiledb.client": tiledb_client,
    "tiledb.tasks": tiledb_tasks,
    "deadline": deadline,
    "geobox": geobox,
    "tensorbay": tensorbay,
    # The async twins: their objects live on one event loop (``Ctx.loop``), where every coroutine is run.
    "aio": aio,
    "tiledb.aio": tiledb_aio,
    "tiledb.aio.client": tiledb_aio_client,
    "tiledb.aio.tasks": tiledb_aio_tasks,
    "deadline.aio": deadline_aio,
    "geobox.aio": geobox_aio,
    "tensorbay.aio": tensorbay_aio,
}

#: Callables not fuzzed, each with why. Everything else public is.
EXCLUDED: dict[str, str] = {
    # Closing the shared client would turn every later example into ClientClosed.
    "taskfacade.Transport.close": "closes the shared client (ClientClosed is covered in tests/facade/core)",
    "tiledb.Client.close": "closes the shared client",
    "deadline.DeadlineClient.close": "closes the shared client",
    "geobox.GeoboxClient.close": "closes the shared client",
    "tensorbay.GAS.close": "closes the shared client",
    "tensorbay.Client.close": "closes the shared client",
    "aio.AsyncTransport.aclose": "closes the shared client",
    "tiledb.aio.AsyncClient.aclose": "closes the shared client",
    "deadline.aio.AsyncDeadlineClient.close": "closes the shared client",
    "geobox.aio.AsyncGeoboxClient.aclose": "closes the shared client",
    "tensorbay.aio.GAS.aclose": "closes the shared client",
    "tensorbay.aio.AsyncClient.aclose": "closes the shared client",
    # httpx.Auth's own drivers, inherited: httpx calls them with its own Request (auth_flow and sign are fuzzed).
    "deadline.SigV4Auth.sync_auth_flow": "httpx.Auth's driver, called only by httpx",
    "deadline.SigV4Auth.async_auth_flow": "httpx.Auth's driver, called only by httpx",
    # concurrent.futures.Future's executor side, inherited by TileDB's AsyncResult: the pool calls them, users do not.
    "tiledb.AsyncResult.set_result": "Future's executor-side method",
    "tiledb.AsyncResult.set_exception": "Future's executor-side method",
    "tiledb.AsyncResult.set_running_or_notify_cancel": "Future's executor-side method",
    # Really sleeps: a valid duration blocks the test for that long (its checks are in test_bad_input).
    "taskfacade.SystemClock.sleep": "really sleeps for a valid value",
    "taskfacade.SystemClock.asleep": "really sleeps for a valid value (its checks are SystemClock.sleep's)",
}

#: Exceptions outside the error tree that a callable documents, beyond ``taskfacade.TaskFacadeError``.
DOCUMENTED: dict[str, tuple[type[BaseException], ...]] = {
    # docs/tiledb.md: ``Ctx()`` builds a native ``tiledb.Ctx`` and raises a clear ImportError without the package.
    "tiledb.Ctx": (ImportError,),
}

#: Valid values by parameter name (callables) so a hostile value meets more than the first check.
VALID: dict[str, Callable[[Ctx], Any]] = {}


@attrs.frozen
class Ctx:
    """Real clients against one emulator, and objects of every public class whose methods are fuzzed."""

    emu: Emulator
    objects: Mapping[str, Any]
    valid: Mapping[str, Any]
    loop: asyncio.AbstractEventLoop

    def run(self, awaitable: Any) -> Any:
        """Run a coroutine on the loop that the async objects belong to."""
        return self.loop.run_until_complete(awaitable)


@attrs.frozen
class Target:
    """One public callable: ``owner`` names the class whose instance provides it (None: a plain callable)."""

    key: str
    func: Callable[..., Any]
    owner: type | None = None
    method: str | None = None


def _is_enum(obj: object) -> bool:
    return isinstance(obj, type) and issubclass(obj, enum.Enum)


def _public_methods(cls: type) -> list[str]:
    names = []
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") or isinstance(inspect.getattr_static(cls, name), property):
            continue
        if inspect.isfunction(member) or inspect.ismethod(member):
            names.append(name)
    return names


def public_targets() -> dict[str, Target]:
    """Every public function, constructor and method, once each (re-exports share the first module's key)."""
    found: dict[str, Target] = {}
    seen: set[int] = set()
    for prefix, module in MODULES.items():
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj) or id(obj) in seen:
                continue
            seen.add(id(obj))
            key = f"{prefix}.{name}"
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue  # exception classes: data carriers the facade raises, not an API to call
            if _is_enum(obj):
                continue  # calling an enum looks a member up: ValueError for an unknown one is the enum protocol
            if isinstance(obj, type):
                if not inspect.isabstract(obj) and getattr(obj, "_is_protocol", False) is False:
                    found[key] = Target(key, obj)
                for method in _public_methods(obj):
                    found[f"{key}.{method}"] = Target(f"{key}.{method}", getattr(obj, method), obj, method)
            else:
                found[key] = Target(key, obj)
    return found


TARGETS = public_targets()


# ---------------------------------------------------------------------------------------------------------------
# The world the calls run in


def _instances(emu: Emulator, tmp: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    clock = taskfacade.ManualClock()
    seeded = emu.seeded()
    dl = seeded["deadline"]
    ids = {k: dl[k] for k in ("farmId", "queueId", "jobId", "stepId")} | {"taskId": dl["task_ids"][0]}
    tdb = tiledb.Client(
        retry_mode="disabled",
        host=emu.base_url("tiledb"),
        token="emulator-token",
        workspace="ws_emulator",
        profile_dir=tmp,
        clock=clock,
    )
    tiledb.set_default_client(tdb)
    dlc = deadline.client(
        region_name="us-west-2",
        endpoint_url=emu.base_url("deadline"),
        aws_access_key_id="AKIDEMULATOR",
        aws_secret_access_key="emulator-secret",
        retry_mode="disabled",
        clock=clock,
        environ={},
    )
    gbc = geobox.GeoboxClient(
        host=emu.base_url("geobox"), access_token="emulator-token", retry_mode="disabled", clock=clock
    )
    gas = tensorbay.GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"), retry_mode="disabled", clock=clock)
    dataset = gas.get_dataset(seeded["tensorbay"]["dataset_name"])
    done = seeded["tensorbay"]["job_ids_by_status"]["SUCCESS"]
    squash = next(j for j in done if j in seeded["tensorbay"]["job_ids"]["squashAndMerge"])
    search = next(j for j in done if j in seeded["tensorbay"]["job_ids"]["basicSearch"])
    # Finished jobs only (the emulator runs at speed 0, so they stay finished): a wait on them ends after one poll,
    # whatever timeout the fuzzer picks (None included).
    tiledb_task = _finished(tiledb_tasks.task(t, client=tdb) for t in seeded["tiledb"]["task_ids"])
    deadline_task = _finished(dlc.task(**{**ids, "taskId": t}) for t in dl["task_ids"])
    ids["taskId"] = deadline_task.ids["taskId"]
    geobox_task = _finished(gbc.get_task(t) for t in seeded["geobox"]["task_ids"])
    transport = taskfacade.Transport(service="fuzz", base_url=emu.base_url("geobox"), retry="disabled", clock=clock)
    objects: dict[str, Any] = {
        "taskfacade.ManualClock": clock,
        "taskfacade.Pager": taskfacade.Pager(lambda request: taskfacade.Page([], total_pages=1), page_size=5),
        "taskfacade.RetryPolicy": taskfacade.RetryPolicy("mine", 3, 10.0, [503]),
        "taskfacade.PollPolicy": taskfacade.PollPolicy(initial=1, maximum=4, timeout=5),
        "taskfacade.TokenData": taskfacade.TokenData.from_token(geobox_task.to_token()),
        "taskfacade.Redactor": taskfacade.Redactor(["emulator-token"], [("emulator", "emulator-secret")]),
        "deadline.SigV4Auth": deadline.SigV4Auth(deadline.Credentials("AKIDEMULATOR", "emulator-secret"), "us-west-2"),
        "deadline.Credentials": deadline.Credentials("AKIDEMULATOR", "emulator-secret"),
        "deadline.DeadlineJob": _finished(
            dlc.job(farmId=ids["farmId"], queueId=ids["queueId"], jobId=j) for j in dl["job_ids"]
        ),
        "deadline.Waiter": dlc.get_waiter("job_complete"),
        "deadline.RefreshingCredentials": deadline.RefreshingCredentials(
            botocore.credentials.Credentials("AKIDEMULATOR", "emulator-secret"), "fuzz"
        ),
        "taskfacade.Transport": transport,
        "tiledb.ArrayPager": tiledb_client.list_arrays(client=tdb),
        "tiledb.GroupPager": tiledb_client.list_groups(client=tdb),
        "tiledb.TaskPager": tiledb_tasks.fetch_tasks(client=tdb),
        "tiledb.Client": tdb,
        "tiledb.TileDBTask": tiledb_task,
        "tiledb.client.TileDBConfig": tiledb_client.TileDBConfig({"rest.server_address": emu.base_url("tiledb")}),
        "tiledb.AsyncResult": tiledb_tasks.task(tiledb_task.id, client=tdb, async_req=True),
        "tiledb.client.ProfileLocation": tiledb_client.ProfileLocation(tmp),
        "deadline.DeadlineClient": dlc,
        "deadline.DeadlineTask": deadline_task,
        "deadline.Paginator": dlc.get_paginator("list_tasks"),
        "deadline.PageIterator": dlc.get_paginator("list_tasks").paginate(**{k: ids[k] for k in ids if k != "taskId"}),
        "geobox.GeoboxClient": gbc,
        "geobox.GeoboxTask": geobox_task,
        "tensorbay.GAS": gas,
        "tensorbay.Client": gas._client,
        "tensorbay.DatasetClient": dataset,
        "tensorbay.SquashAndMerge": dataset.squash_and_merge,
        "tensorbay.BasicSearch": dataset.basic_search,
        "tensorbay.SquashAndMergeJob": dataset.squash_and_merge.get_job(squash),
        "tensorbay.BasicSearchJob": dataset.basic_search.get_job(search),
        "tensorbay.FusionDatasetClient": tensorbay.FusionDatasetClient(
            dataset.name, dataset.dataset_id, gas, status=tensorbay.Status("main", None)
        ),
    }
    # Abstract and base classes: their methods are called on an instance of a concrete subclass.
    objects |= {
        "taskfacade.Clock": clock,
        "taskfacade.SystemClock": taskfacade.SystemClock(),
        "taskfacade.Job": deadline_task,
        "tiledb.TileDBPager": objects["tiledb.TaskPager"],
        "tensorbay.DatasetClientBase": dataset,
        "tensorbay.Job": objects["tensorbay.SquashAndMergeJob"],
        "tensorbay.JobMixin": dataset.squash_and_merge,
    }
    valid: dict[str, Any] = {
        **ids,
        "queueIds": [ids["queueId"]],
        "itemOffset": 0,
        "identifiers": [ids],
        "targetRunStatus": "SUCCEEDED",
        "operation_name": "list_tasks",
        "region_name": "us-west-2",
        "endpoint_url": emu.base_url("deadline"),
        "environ": {},
        "clock": clock,
        "retry_mode": "disabled",
        "retry": "disabled",
        "mode": "disabled",
        "timeout": 5.0,
        "interval": 0.5,
        "min_interval": 0.1,
        "max_poll_errors": 0,
        "jobs": [deadline_task, geobox_task],
        "client": None,
        "host": emu.base_url("geobox"),
        "url": emu.base_url("tensorbay"),
        "base_url": emu.base_url("geobox"),
        "service": "fuzz",
        "profile_dir": str(tmp),
        "id": tiledb_task.id,
        "task_id": tiledb_task.id,
        "uuid": geobox_task.uuid,
        "api": gbc,
        "name": seeded["tensorbay"]["dataset_name"],
        "job_id": squash,
        "status": None,
        "limit": 5,
        "page": 1,
        "per_page": 5,
        "page_size": 5,
        "draft_number": 1,
        "conjunction": "and",
        "filters": [("category", "in", ["car"], "BOX2D")],
        "draft_title": "d",
        "source_branch_name": "dev",
        "progress_bar": False,
        "seconds": 0.5,
        "fetch": lambda request: taskfacade.Page([]),
        "operation": lambda **kwargs: None,
        "fn": lambda: None,
        "max_attempts": 2,
        "budget": 5.0,
        "retry_statuses": [503],
    }
    return objects, valid


def _finished(jobs: Iterator[Any]) -> Any:
    for job in jobs:
        job.refresh()
        if job.done:
            return job
    raise AssertionError("the emulator seeded no finished job of this service")


async def _afinished(get: Callable[[str], Awaitable[Any]], ids: list[str]) -> Any:
    for job_id in ids:
        job = await get(job_id)
        await job.refresh()
        if job.done:
            return job
    raise AssertionError("the emulator seeded no finished job of this service")


async def _async_instances(emu: Emulator, tmp: Path, sync: Mapping[str, Any]) -> dict[str, Any]:
    """The async twins' objects, built on the loop they will be used from, for the same seeded ids."""
    clock = sync["taskfacade.ManualClock"]
    seeded = emu.seeded()
    dl = seeded["deadline"]
    ids = {k: dl[k] for k in ("farmId", "queueId", "jobId", "stepId")}
    tdb = tiledb_aio.AsyncClient(
        retry_mode="disabled",
        host=emu.base_url("tiledb"),
        token="emulator-token",
        workspace="ws_emulator",
        profile_dir=tmp,
        clock=clock,
    )
    await tiledb_aio.set_default_client(tdb)
    dlc = await deadline_aio.client(
        region_name="us-west-2",
        endpoint_url=emu.base_url("deadline"),
        aws_access_key_id="AKIDEMULATOR",
        aws_secret_access_key="emulator-secret",
        retry_mode="disabled",
        clock=clock,
        environ={},
    )
    gbc = geobox_aio.AsyncGeoboxClient(
        host=emu.base_url("geobox"), access_token="emulator-token", retry_mode="disabled", clock=clock
    )
    gas = tensorbay_aio.GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"), retry_mode="disabled", clock=clock)
    dataset = await gas.get_dataset(seeded["tensorbay"]["dataset_name"])
    squash = sync["tensorbay.SquashAndMergeJob"].job_id
    search = sync["tensorbay.BasicSearchJob"].job_id
    paginator = dlc.get_paginator("list_tasks")
    objects: dict[str, Any] = {
        "aio.AsyncTransport": aio.AsyncTransport(
            service="fuzz", base_url=emu.base_url("geobox"), retry="disabled", clock=clock
        ),
        "tiledb.aio.AsyncClient": tdb,
        "tiledb.aio.AsyncTileDBTask": await _afinished(
            lambda t: tiledb_aio_tasks.task(t, client=tdb), seeded["tiledb"]["task_ids"]
        ),
        "tiledb.aio.AsyncTaskPager": tiledb_aio_tasks.fetch_tasks(client=tdb),
        "tiledb.aio.AsyncArrayPager": tiledb_aio_client.list_arrays(client=tdb),
        "tiledb.aio.AsyncGroupPager": tiledb_aio_client.list_groups(client=tdb),
        "deadline.aio.AsyncDeadlineClient": dlc,
        "deadline.aio.ClientCreator": deadline_aio.client(
            region_name="us-west-2",
            endpoint_url=emu.base_url("deadline"),
            aws_access_key_id="AKIDEMULATOR",
            aws_secret_access_key="emulator-secret",
            environ={},
        ),
        "deadline.aio.AsyncDeadlineTask": await _afinished(lambda t: dlc.task(**ids, taskId=t), dl["task_ids"]),
        "deadline.aio.AsyncDeadlineJob": await _afinished(
            lambda j: dlc.job(farmId=ids["farmId"], queueId=ids["queueId"], jobId=j), dl["job_ids"]
        ),
        "deadline.aio.AsyncPaginator": paginator,
        "deadline.aio.AsyncPageIterator": paginator.paginate(**ids),
        "deadline.aio.AsyncWaiter": dlc.get_waiter("job_complete"),
        "geobox.aio.AsyncGeoboxClient": gbc,
        "geobox.aio.AsyncTask": await _afinished(gbc.get_task, seeded["geobox"]["task_ids"]),
        "tensorbay.aio.GAS": gas,
        "tensorbay.aio.AsyncClient": gas.client,
        "tensorbay.aio.DatasetClient": dataset,
        "tensorbay.aio.FusionDatasetClient": tensorbay_aio.FusionDatasetClient(
            dataset.name, dataset.dataset_id, gas, status=tensorbay.Status("main", None)
        ),
        "tensorbay.aio.SquashAndMerge": dataset.squash_and_merge,
        "tensorbay.aio.BasicSearch": dataset.basic_search,
        "tensorbay.aio.SquashAndMergeJob": await dataset.squash_and_merge.get_job(squash),
        "tensorbay.aio.BasicSearchJob": await dataset.basic_search.get_job(search),
        "tensorbay.aio.AsyncPager": dataset.squash_and_merge.list_jobs(),
        "tensorbay.aio.AsyncJobFetcher": tensorbay_aio.AsyncJobFetcher(
            gas.client, dataset.dataset_id, "SquashAndMerge"
        ),
    }
    # Base classes: their methods are called on an instance of a concrete subclass.
    objects |= {
        "aio.AsyncJob": objects["deadline.aio.AsyncDeadlineTask"],
        "tiledb.aio.AsyncTileDBPager": objects["tiledb.aio.AsyncTaskPager"],
        "tensorbay.aio.DatasetClientBase": dataset,
        "tensorbay.aio.TensorBayJob": objects["tensorbay.aio.SquashAndMergeJob"],
    }
    return objects


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ctx]:
    tmp = tmp_path_factory.mktemp("api-fuzz-profile")
    saved = {k: os.environ.pop(k, None) for k in list(os.environ) if k.startswith(("TILEDB_", "AWS_", "GEOBOX_"))}
    os.environ["TILEDB_PROFILE_DIR"] = str(tmp)  # a login without profile_dir writes here, never to ~/.tiledb
    loop = asyncio.new_event_loop()
    try:
        with Emulator(seed_count=5, speed=0) as emu:
            emu.advance(40 * 86_400)  # every seeded task and job has finished: a wait ends after one poll
            objects, valid = _instances(emu, tmp)
            objects |= loop.run_until_complete(_async_instances(emu, tmp, objects))
            fuzz = Ctx(emu, objects, valid, loop)
            yield fuzz
            for obj in objects.values():
                if not isinstance(obj, taskfacade.Pager):
                    _dispose(obj, fuzz)
            tiledb.set_default_client(None)
            loop.run_until_complete(tiledb_aio.set_default_client(None))
    finally:
        loop.close()
        os.environ.pop("TILEDB_PROFILE_DIR", None)
        os.environ.update({k: v for k, v in saved.items() if v is not None})


# ---------------------------------------------------------------------------------------------------------------
# Hostile values


class _Opaque:
    """An object of no expected type, whose repr is harmless."""

    def __repr__(self) -> str:
        return "<opaque>"


NAN, INF = float("nan"), float("inf")
HOSTILE = st.one_of(
    st.sampled_from(
        [
            None,
            "",
            " ",
            "x" * 70_000,
            "\U0001f600" * 5_000,
            "a\nb",
            "tab\there",
            "\x00",
            "\x1b[2J",
            "\ud800",
            "é",
            "../../etc",
            "%00",
            NAN,
            INF,
            -INF,
            1e308,
            -1,
            0,
            -(2**63),
            2**64,
            10**30,
            True,
            False,
            [],
            {},
            set(),
            [[]],
            {"a": []},
            (),
            b"bytes",
            bytearray(b"x"),
            _Opaque(),
            3.5,
            -0.0,
        ]
    ),
    st.text(max_size=12),
    st.integers(),
    st.floats(),
    st.lists(st.text(max_size=4) | st.integers() | st.none(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4) | st.floats(), max_size=2),
)

_OMIT = object()
_NUMERIC = re.compile(r"\b(int|float)\b")


def _non_finite(value: object) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


@attrs.frozen
class Call:
    """The arguments of one example, and which of them are hostile."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    hostile: frozenset[str]

    def __repr__(self) -> str:
        shown = {name: _short(value) for name, value in self.kwargs.items()}
        return f"Call(args={tuple(_short(a) for a in self.args)}, kwargs={shown}, hostile={sorted(self.hostile)})"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}...<{len(text)} chars>"


def _parameters(target: Target) -> list[inspect.Parameter]:
    params = list(inspect.signature(target.func).parameters.values())
    if target.owner is not None and params and params[0].name in ("self", "cls") and not _is_classmethod(target):
        params = params[1:]
    return [p for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def _calls(target: Target, ctx: Ctx) -> st.SearchStrategy[Call]:
    choices = {}
    for param in _parameters(target):
        options = [HOSTILE.map(lambda v: ("hostile", v))]
        if param.name in ctx.valid:
            options.append(st.just(("valid", ctx.valid[param.name])))
        if param.default is not param.empty:
            options.append(st.just(("omit", _OMIT)))
        choices[param.name] = st.one_of(*options)

    positional = {p.name for p in _parameters(target) if p.kind is p.POSITIONAL_ONLY}

    def build(drawn: dict[str, tuple[str, Any]]) -> Call:
        args = tuple(value for name, (kind, value) in drawn.items() if name in positional and kind != "omit")
        kwargs = {name: value for name, (kind, value) in drawn.items() if kind != "omit" and name not in positional}
        return Call(args, kwargs, frozenset(name for name, (kind, _v) in drawn.items() if kind == "hostile"))

    return st.fixed_dictionaries(choices).map(build)


@contextlib.contextmanager
def _hang_guard(key: str, seconds: float = 20.0) -> Iterator[None]:
    """Fail an example that runs for ``seconds`` (a wait that never ends is a finding, not a stuck CI job)."""

    def hung(_signum: int, _frame: object) -> None:
        raise AssertionError(f"{key}: no answer within {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _requests(emu: Emulator) -> int:
    return sum(sum(routes.values()) for routes in emu.request_counts().values())


def _dispose(result: Any, ctx: Ctx) -> None:
    """Close what a call built (a client, a transport), so thousands of examples do not leak connections."""
    if isinstance(result, taskfacade.Job | aio.AsyncJob | taskfacade.Pager):
        return
    for name in ("aclose", "close"):  # the async twins close with a coroutine, named as their vendors name it
        close = getattr(result, name, None)
        if callable(close):
            with contextlib.suppress(Exception):
                closing = close()
                if inspect.iscoroutine(closing):
                    ctx.run(closing)
            return


def _check_one(target: Target, ctx: Ctx, call: Call) -> None:
    func = target.func
    if target.owner is not None:
        static = inspect.getattr_static(target.owner, target.method or "")
        holder = target.owner if isinstance(static, classmethod | staticmethod) else ctx.objects[_owner_key(target)]
        func = getattr(holder, target.method or "")
    ctx.emu.clear_request_counts()
    tiledb.set_default_client(ctx.objects["tiledb.Client"])
    ctx.run(tiledb_aio.set_default_client(ctx.objects["tiledb.aio.AsyncClient"]))
    refused: taskfacade.InvalidArgument | None = None
    outcome = "returned"
    try:
        with _hang_guard(target.key):
            result = func(*call.args, **call.kwargs)
            if inspect.isawaitable(result):  # an async method: its checks run when it is awaited
                result = ctx.run(_awaited(result))
            if isinstance(result, AsyncIterator):  # an async pager: its first page is where requests start
                ctx.run(_first(result))
    except taskfacade.InvalidArgument as error:
        refused = error
    except (taskfacade.TaskFacadeError, *DOCUMENTED.get(target.key, ())):
        outcome = "error"
    else:
        if inspect.isgenerator(result) or isinstance(result, Iterator):
            with contextlib.suppress(taskfacade.TaskFacadeError):
                next(iter(result), None)
        _dispose(result, ctx)
    if refused is not None:
        assert _requests(ctx.emu) == 0, f"{target.key}: refused after sending requests: {ctx.emu.request_counts()}"
        assert isinstance(refused.parameter, str), f"{target.key}: InvalidArgument without a parameter: {refused}"
        return
    numeric = {p.name for p in _parameters(target) if isinstance(p.annotation, str) and _NUMERIC.search(p.annotation)}
    bad = sorted(name for name in call.hostile & numeric if _non_finite(call.kwargs.get(name)))
    assert not bad, f"{target.key}: non-finite {bad} accepted ({outcome})"


async def _awaited(awaitable: Any) -> Any:
    return await awaitable


async def _first(iterator: AsyncIterator[Any]) -> None:
    with contextlib.suppress(taskfacade.TaskFacadeError, StopAsyncIteration):
        await anext(iterator)


def _is_classmethod(target: Target) -> bool:
    static = inspect.getattr_static(target.owner, target.method or "") if target.owner else None
    return isinstance(static, classmethod | staticmethod)


def _owner_key(target: Target) -> str:
    return target.key.rsplit(".", 1)[0]


# ---------------------------------------------------------------------------------------------------------------
# Tests


def _excluded(key: str) -> bool:
    return key in EXCLUDED or _owner_key(TARGETS[key]) in EXCLUDED if TARGETS[key].owner else key in EXCLUDED


def _fuzzed_keys() -> list[str]:
    return sorted(key for key in TARGETS if not _excluded(key))


def test_every_public_callable_is_fuzzed(ctx: Ctx) -> None:
    """Each public method has an object to call it on; exclusions name real callables (no stale entries)."""
    missing = [
        key for key in _fuzzed_keys() if TARGETS[key].owner is not None and _owner_key(TARGETS[key]) not in ctx.objects
    ]
    missing = [key for key in missing if not _is_classmethod(TARGETS[key])]
    assert not missing, f"public methods without an instance in _instances(): {missing}"
    stale = sorted(set(EXCLUDED) - set(TARGETS))
    assert not stale, f"EXCLUDED names callables that are not public (any more): {stale}"
    assert len(_fuzzed_keys()) >= 150


@pytest.mark.parametrize("key", _fuzzed_keys())
def test_hostile_arguments_raise_only_documented_errors(key: str, ctx: Ctx) -> None:
    target = TARGETS[key]

    @FUZZ
    @given(call=_calls(target, ctx))
    def check(call: Call) -> None:
        _check_one(target, ctx, call)

    check()
