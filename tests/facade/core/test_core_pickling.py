"""Every exception class the facade can raise pickles, with its attributes, and no credential inside (issue 12).

The tree is walked (every subclass of ``taskfacade.TaskFacadeError`` once the facade and its four services are
imported, Deadline's per-status-family ``ClientError`` classes for unmodeled codes included), each class is built
and round-tripped through pickle in this process, a few through a ``ProcessPoolExecutor`` worker, and errors the
services really raise against the emulator (404, an injected 503, a wait that times out) round-trip too.
"""

from __future__ import annotations

import importlib
import pickle
import pkgutil
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import taskfacade
from taskfacade import deadline, geobox, tensorbay, tiledb
from taskfacade.deadline._errors import ERROR_CLASSES, ClientError, Exceptions
from taskfacade_emulator import Emulator

if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

from core_pickling_support import deadline_unmodeled, reraise

PACKAGES = ("taskfacade", "taskfacade.deadline", "taskfacade.geobox", "taskfacade.tensorbay", "taskfacade.tiledb")
#: Codes the Deadline model does not list: each gets its status family's dynamically made ``ClientError``.
UNMODELED = ((503, "ServiceUnavailableException"), (403, "InvalidSignatureException"), (418, "Teapot"), (520, ""))


def _import_everything() -> None:
    for name in PACKAGES:
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            importlib.import_module(info.name)


def _error_tree() -> list[type[taskfacade.TaskFacadeError]]:
    _import_everything()
    for status, code in UNMODELED:
        taskfacade.error_class_for(status, code or None, ERROR_CLASSES)
    seen: list[type[taskfacade.TaskFacadeError]] = []
    stack = [taskfacade.TaskFacadeError]
    while stack:
        cls = stack.pop()
        if cls not in seen:
            seen.append(cls)
            stack.extend(cls.__subclasses__())
    return sorted(seen, key=lambda c: (c.__module__, c.__qualname__, [b.__name__ for b in c.__mro__]))


class _Unpicklable:
    """Stands in for a job holding its client's lock (jobs may not pickle)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def __repr__(self) -> str:
        return "<Job deadline task-0123>"


def _status_of(cls: type) -> int:
    for family, status in (
        (taskfacade.BadRequest, 400),
        (taskfacade.Unauthorized, 401),
        (taskfacade.Forbidden, 403),
        (taskfacade.NotFound, 404),
        (taskfacade.Conflict, 409),
        (taskfacade.RateLimited, 429),
        (taskfacade.ServerError, 503),
    ):
        if issubclass(cls, family):
            return status
    return 418


def _api(cls: type) -> Any:
    status = _status_of(cls)
    return cls(
        "the service said no",
        status=status,
        code="SomeCode",
        request_id="req-1234",
        body={"message": "the service said no", "fieldList": [{"name": "x"}]},
        service="svc",
        method="GET",
        url="https://example.test/path",
        retry_after=2.5,
        attempts=3,
        headers={"X-Amzn-RequestId": "req-1234", "Retry-After": "2"},
    )


#: How to build an instance, by the class whose ``__init__`` it inherits (a new signature needs a row here).
BUILDERS: dict[str, Callable[[type], Any]] = {
    "taskfacade._errors.APIError": _api,
    "taskfacade._errors.TransportError": lambda c: c("reset", service="s", method="GET", url="http://h/p", attempts=2),
    "taskfacade._errors.ResponseDecodeError": lambda c: c("bad", status=200, service="s", method="GET", content=b"{"),
    "taskfacade._errors.ResponseTooLarge": lambda c: c("big", limit=10, received=11, status=200, attempts=2),
    "taskfacade._errors.InvalidArgument": lambda c: c("limit", 0, "a positive integer", source="environment"),
    "taskfacade._errors.WaitTimeout": lambda c: c("not done", timeout=1.5, pending=[_Unpicklable(), "job-7"]),
    "taskfacade._errors.WaitCancelled": lambda c: c("cancelled", pending=[_Unpicklable(), "job-8"]),
    "taskfacade.tiledb._errors.TaskNotReady": lambda c: c("task-1", 2.0),
    "taskfacade.geobox._errors.WorkflowGraphError": lambda c: c("cycle"),
    "taskfacade.geobox._errors.WorkflowRunError": lambda c: c("failed", result={"a": 1}),
    "taskfacade.geobox._errors.WorkflowNodeError": lambda c: c(3, "buffer", "boom", task=_Unpicklable(), cause="x"),
    "taskfacade.deadline._waiter.WaiterError": lambda c: c("JobComplete", "failed", {"Error": {"Code": "X"}}),
}


def _build(cls: type) -> Any:
    owner = next(k for k in cls.__mro__ if "__init__" in vars(k))
    if owner.__module__ == "builtins":  # Exception's own (or NotImplementedError's...) constructor
        return cls("something went wrong")
    key = f"{owner.__module__}.{owner.__qualname__}"
    assert key in BUILDERS, f"{cls.__qualname__}: add a builder for {key}.__init__ to BUILDERS"
    return BUILDERS[key](cls)


def _expected(value: Any) -> Any:
    """What an attribute becomes through pickle: itself, or its repr when it does not pickle."""
    if isinstance(value, list):
        return [_expected(item) for item in value]
    if isinstance(value, _Unpicklable):
        return repr(value)
    return value


def _assert_same(before: BaseException, after: BaseException) -> None:
    assert type(after) is type(before)
    assert after.args == before.args
    assert vars(after) == {name: _expected(value) for name, value in vars(before).items()}
    assert str(after) == str(before)
    if isinstance(before, ClientError):
        assert isinstance(after, ClientError)
        assert after.response == before.response


def _round_trip(error: BaseException, protocol: int = pickle.DEFAULT_PROTOCOL) -> Any:
    return pickle.loads(pickle.dumps(error, protocol))  # noqa: S301 - the test's own bytes


def _class_id(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}({','.join(base.__name__ for base in cls.__bases__)})"


TREE = _error_tree()


def test_the_walk_finds_the_whole_tree() -> None:
    names = {f"{c.__module__}.{c.__qualname__}" for c in TREE}
    assert {
        "taskfacade._errors.WaitTimeout",
        "taskfacade.deadline._errors.ClientError",
        "taskfacade.deadline._waiter.WaiterError",
        "taskfacade.geobox._errors.WorkflowNodeError",
        "taskfacade.tensorbay._errors.ResponseError",
        "taskfacade.tiledb._errors.TaskNotReady",
    } <= names
    generic = [c for c in TREE if c.__qualname__ == "ClientError" and c is not ClientError]
    assert len(generic) >= 8  # one per status family
    assert len(TREE) >= 70


@pytest.mark.parametrize("cls", TREE, ids=_class_id)
def test_every_error_class_round_trips_through_pickle(cls: type[taskfacade.TaskFacadeError]) -> None:
    error = _build(cls)
    for protocol in (2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        _assert_same(error, _round_trip(error, protocol))


def test_a_raised_error_keeps_its_attributes_not_its_traceback_or_cause() -> None:
    try:
        try:
            raise KeyError("inner")
        except KeyError as inner:
            raise _api(taskfacade.NotFound) from inner
    except taskfacade.NotFound as caught:
        after = _round_trip(caught)
    assert (after.status, after.request_id) == (404, "req-1234")
    assert after.__cause__ is None


@pytest.mark.parametrize(("status", "code"), UNMODELED)
def test_an_unmodeled_deadline_error_unpickles_as_the_same_class(status: int, code: str) -> None:
    cls = taskfacade.error_class_for(status, code or None, ERROR_CLASSES)
    error = cls("no", status=status, code=code or None, request_id="req-1", service="deadline")
    error.operation_name = "GetTask"
    after = _round_trip(error)
    assert type(after) is cls  # the process's one class, so ``except client.exceptions.X`` still matches
    assert isinstance(after, Exceptions.ClientError)
    assert isinstance(after, taskfacade.error_class_for(status))
    assert after.response == error.response
    assert after.operation_name == "GetTask"


def test_a_wait_timeout_carries_its_pending_jobs_as_their_repr_when_they_do_not_pickle() -> None:
    job = _Unpicklable()
    error = taskfacade.WaitTimeout("not done", timeout=2.0, pending=[job, "job-2"])
    after = _round_trip(error)
    assert after.pending == [repr(job), "job-2"]
    assert after.timeout == 2.0
    assert isinstance(after, TimeoutError)


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(max_workers=1) as executor:
        yield executor


@pytest.mark.parametrize(
    "build",
    [
        lambda: _api(taskfacade.error_class_for(503, "ServiceUnavailableException", ERROR_CLASSES)),
        lambda: _api(Exceptions.ResourceNotFoundException),
        lambda: taskfacade.InvalidArgument("limit", -1, "a positive integer", source="--limit"),
        lambda: taskfacade.WaitTimeout("not done", timeout=1.0, pending=[_Unpicklable()]),
        lambda: _api(tensorbay.exception.ResourceNotExistError),
        lambda: _api(geobox.exception.NotFoundError),
    ],
    ids=["deadline-503", "deadline-404", "invalid-argument", "wait-timeout", "tensorbay-404", "geobox-404"],
)
def test_errors_cross_a_process_pool(pool: ProcessPoolExecutor, build: Callable[[], Any]) -> None:
    error = build()
    with pytest.raises(taskfacade.TaskFacadeError) as caught:
        pool.submit(reraise, pickle.dumps(error)).result(timeout=60)
    _assert_same(error, caught.value)


def test_an_unmodeled_deadline_error_made_in_a_worker_is_caught_by_its_class_here(pool: ProcessPoolExecutor) -> None:
    with pytest.raises(Exceptions.ClientError) as caught:
        pool.submit(deadline_unmodeled, 503, "ServiceUnavailableException").result(timeout=60)
    assert type(caught.value) is taskfacade.error_class_for(503, None, ERROR_CLASSES)
    assert isinstance(caught.value, taskfacade.ServerError)
    assert caught.value.response["Error"]["Code"] == "ServiceUnavailableException"
    assert caught.value.request_id == "req-worker"


# ---------------------------------------------------------------------------------------------------------------
# Errors the services really raise against the emulator

HEX = "0123456789abcdef" * 2
IDS = {"farmId": f"farm-{HEX}", "queueId": f"queue-{HEX}", "jobId": f"job-{HEX}", "stepId": f"step-{HEX}"}
UUID = "6a7d2a8e-0d4c-4b55-9c1e-3f4a5b6c7d8e"
SECRETS = ("emulator-secret", "emulator-token", "ACCESSKEY-emulator")


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=1, speed=0) as emulator:
        yield emulator


def _deadline(emu: Emulator) -> Any:
    return deadline.client(
        endpoint_url=emu.base_url("deadline"),
        aws_access_key_id="AKIDEMULATOR",
        aws_secret_access_key="emulator-secret",
        environ={},
        retry_mode="disabled",
    )


CALLS: dict[str, tuple[Callable[[Emulator], Any], Callable[[Any], Any]]] = {
    "deadline": (_deadline, lambda c: c.get_task(**IDS, taskId=f"task-{HEX}-0")),
    "geobox": (
        lambda e: geobox.GeoboxClient(host=e.base_url("geobox"), access_token="emulator-token", retry_mode="disabled"),
        lambda c: c.get_task(UUID),
    ),
    "tensorbay": (
        lambda e: tensorbay.GAS("ACCESSKEY-emulator", e.base_url("tensorbay"), retry_mode="disabled"),
        lambda g: g.get_dataset("no-such-dataset"),
    ),
    "tiledb": (
        lambda e: tiledb.Client(
            host=e.base_url("tiledb"), token="emulator-token", workspace="ws_emulator", retry_mode="disabled"
        ),
        lambda c: tiledb.tasks.task(UUID, client=c).status,
    ),
}


def _raised(emu: Emulator, service: str) -> BaseException:
    make, call = CALLS[service]
    with make(emu) as client, pytest.raises(taskfacade.TaskFacadeError) as caught:
        call(client)
    return caught.value


def _check_round_trip(error: BaseException) -> None:
    data = pickle.dumps(error)
    for secret in SECRETS:
        assert secret.encode() not in data
    _assert_same(error, pickle.loads(data))  # noqa: S301 - our own bytes


@pytest.mark.parametrize("service", list(CALLS))
def test_a_404_from_each_service_round_trips(emu: Emulator, service: str) -> None:
    error = _raised(emu, service)
    api = error if isinstance(error, taskfacade.APIError) else error.__cause__
    assert isinstance(api, taskfacade.NotFound), repr(error)
    _check_round_trip(error)


@pytest.mark.parametrize("service", list(CALLS))
def test_a_503_from_each_service_round_trips(emu: Emulator, service: str) -> None:
    emu.add_faults(service=service, action="status", status=503)
    try:
        error = _raised(emu, service)
    finally:
        emu.clear_faults()
    api = error if isinstance(error, taskfacade.APIError) else error.__cause__
    assert isinstance(api, taskfacade.ServerError), repr(error)
    if service == "deadline":
        assert type(error) is taskfacade.error_class_for(503, None, ERROR_CLASSES)  # the dynamically made class
    _check_round_trip(error)


@pytest.mark.parametrize("how", ["task.wait", "wait_all"])
def test_a_real_wait_timeout_round_trips_with_its_jobs_as_their_tokens(emu: Emulator, how: str) -> None:
    with geobox.GeoboxClient(host=emu.base_url("geobox"), access_token="emulator-token") as client:
        tasks = [client.get_task(uuid) for uuid in emu.create_tasks("geobox", count=2, run_s=10_000)]
        if how == "task.wait":
            with pytest.raises(taskfacade.WaitTimeout) as caught:
                tasks[0].wait(timeout=0.05, interval=0.01, progress_bar=False)
        else:
            with pytest.raises(taskfacade.WaitTimeout) as caught:
                taskfacade.wait_all(tasks, timeout=0.05, interval=0.01)
    data = pickle.dumps(caught.value)
    assert b"emulator-token" not in data
    after = pickle.loads(data)  # noqa: S301 - our own bytes
    assert after.timeout == caught.value.timeout
    assert str(after) == str(caught.value)
    assert len(after.pending) == len(caught.value.pending) >= 1
    for before, token in zip(caught.value.pending, after.pending, strict=True):
        assert token == before.to_token()  # a string: unpickling needs no client
        assert taskfacade.job_from_token(token, client=client).uuid == before.uuid


def test_the_errors_raised_outside_the_tree_pickle_too() -> None:
    """``AsyncResult.get``'s timeout is a ``multiprocessing.TimeoutError`` as the vendor's, not a TaskFacadeError."""
    from taskfacade.tiledb._async import AsyncTimeout

    error = AsyncTimeout("the call did not finish within 1s")
    after = _round_trip(error)
    assert type(after) is AsyncTimeout
    assert after.args == error.args
