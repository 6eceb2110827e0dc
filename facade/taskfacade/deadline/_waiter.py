"""boto3's waiters for Deadline jobs: ``client.get_waiter("job_complete").wait(..., WaiterConfig={...})``.

The acceptors are botocore's deadline waiter model (``waiters-2.json``), for the waiters whose operation this
client serves (GetJob: ``job_complete``, ``job_succeeded``, ``job_create_complete``). ``wait`` runs botocore's
algorithm: call the operation, take the first acceptor that matches (a service error is matched as its answer
dict ``{"Error": {"Code": ...}}``), stop on ``success``, raise ``WaiterError`` on ``failure``, on an error no
acceptor expects, or after ``MaxAttempts`` calls; otherwise sleep ``Delay`` seconds (on the client's clock) and
call again. The ``WaiterError`` reasons are botocore's, word for word, so code that reads them ports unchanged.

The algorithm is written once, as a flow (``Waiter._flow``) that asks for calls and sleeps; ``Waiter.wait`` drives
it with the client's method and clock, ``AsyncWaiter.wait`` (``taskfacade.deadline.aio``, aiobotocore's
``await waiter.wait(...)``) with the async client's coroutine method and a sleep that leaves the loop running.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Generator, Mapping
from typing import Any

import attrs

from .._check import check_int, check_seconds
from .._clock import Clock, sleep_async
from .._errors import InvalidArgument, TaskFacadeError
from ._errors import ClientError

__all__ = ["WAITERS", "Acceptor", "AsyncWaiter", "Waiter", "WaiterError", "WaiterModel"]


class WaiterError(TaskFacadeError):
    """A waiter failed: a terminal failure state, an unexpected service error, or too many attempts.

    Same name, message (``Waiter JobComplete failed: <reason>``) and ``last_response`` as botocore's
    ``botocore.exceptions.WaiterError``.
    """

    def __init__(self, name: str, reason: str, last_response: Mapping[str, Any]) -> None:
        super().__init__(f"Waiter {name} failed: {reason}")
        self.name = name
        self.reason = reason
        #: The last answer dict (or ``{"Error": ..., "ResponseMetadata": ...}`` for a service error).
        self.last_response = dict(last_response)
        self.kwargs = {"name": name, "reason": reason}


@attrs.frozen
class Acceptor:
    """One acceptor of botocore's waiter model (only the ``path`` and ``error`` matchers are used by Deadline)."""

    state: str
    matcher: str
    expected: Any
    argument: str | None = None

    def matches(self, response: Mapping[str, Any]) -> bool:
        """Whether ``response`` (an answer dict, or an error's ``{"Error": ...}``) is matched."""
        error = response.get("Error")
        is_error = isinstance(error, Mapping) and "Code" in error
        if self.matcher == "error":
            return is_error and error.get("Code") == self.expected  # type: ignore[union-attr]
        if is_error or self.argument is None:
            return False
        return bool(response.get(self.argument) == self.expected)

    @property
    def explanation(self) -> str:
        """botocore's words for this acceptor (part of the ``WaiterError`` reason)."""
        if self.matcher == "error":
            return f"Matched expected service error code: {self.expected}"
        return f'For expression "{self.argument}" we matched expected path: "{self.expected}"'


@attrs.frozen
class WaiterModel:
    """One waiter of the model: its operation, default delay and attempts, and acceptors in order."""

    name: str
    operation: str
    delay: float
    max_attempts: int
    acceptors: tuple[Acceptor, ...]


def _path(argument: str, state: str, *values: str) -> list[Acceptor]:
    return [Acceptor(state, "path", value, argument) for value in values]


_TASK_FINAL = ("SUCCEEDED", "FAILED", "CANCELED", "SUSPENDED", "NOT_COMPATIBLE")

#: botocore's deadline waiter model (2023-10-12), the waiters on operations this client serves.
WAITERS: Mapping[str, WaiterModel] = {
    "job_complete": WaiterModel(
        "JobComplete",
        "get_job",
        15,
        240,
        (*_path("taskRunStatus", "success", *_TASK_FINAL), *_path("lifecycleStatus", "success", "ARCHIVED")),
    ),
    "job_succeeded": WaiterModel(
        "JobSucceeded",
        "get_job",
        15,
        240,
        (
            *_path("taskRunStatus", "success", "SUCCEEDED"),
            *_path("taskRunStatus", "failure", *_TASK_FINAL[1:]),
            *_path("lifecycleStatus", "failure", "ARCHIVED"),
        ),
    ),
    "job_create_complete": WaiterModel(
        "JobCreateComplete",
        "get_job",
        1,
        120,
        (
            *_path(
                "lifecycleStatus",
                "success",
                "CREATE_COMPLETE",
                "UPDATE_IN_PROGRESS",
                "UPDATE_FAILED",
                "UPDATE_SUCCEEDED",
            ),
            *_path("lifecycleStatus", "failure", "UPLOAD_FAILED", "CREATE_FAILED"),
        ),
    ),
}


#: A waiter's flow: yields ``(True, kwargs)`` for a call (sent its answer dict) or ``(False, seconds)`` to sleep.
_Flow = Generator[tuple[bool, Any], Any, None]


class Waiter:
    """``client.get_waiter(name)``: ``wait(**operation_kwargs, WaiterConfig={"Delay": s, "MaxAttempts": n})``."""

    def __init__(self, model: WaiterModel, operation: Callable[..., Any], clock: Clock) -> None:
        self._model = model
        self._operation = operation
        self._clock = clock

    @property
    def name(self) -> str:
        """The model's waiter name (``JobComplete``), as botocore's ``waiter.name``."""
        return self._model.name

    def wait(self, **kwargs: Any) -> None:
        """Poll until a success state (returns None), else raise ``WaiterError`` as botocore does.

        Raises:
            InvalidArgument: a bad ``WaiterConfig`` or operation argument (before any request).
            WaiterError: a failure state, a service error no acceptor expects, or ``MaxAttempts`` reached.
        """
        flow = self._flow(kwargs)
        try:
            call, value = next(flow)
            while True:
                if call:
                    call, value = flow.send(self._call(value))
                else:
                    self._clock.sleep(value)
                    call, value = next(flow)
        except StopIteration:
            return
        finally:
            flow.close()

    def _call(self, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        """The operation's answer, or a service error as botocore's error response dict."""
        try:
            answer: dict[str, Any] = self._operation(**kwargs)
        except ClientError as error:
            return dict(error.response)
        return answer

    def _flow(self, kwargs: dict[str, Any]) -> _Flow:
        """botocore's algorithm, without I/O (the arguments are checked before the first call is asked for)."""
        config = kwargs.pop("WaiterConfig", None) or {}
        if not isinstance(config, Mapping) or not set(config) <= {"Delay", "MaxAttempts"}:
            raise InvalidArgument("WaiterConfig", config, "a dict with Delay and/or MaxAttempts")
        delay = check_seconds("WaiterConfig.Delay", config.get("Delay", self._model.delay), exclusive=False)
        attempts = check_int("WaiterConfig.MaxAttempts", config.get("MaxAttempts", self._model.max_attempts), 1)
        try:
            inspect.signature(self._operation).bind(**kwargs)
        except TypeError as refused:  # a missing or unknown id: say so before any request, as botocore validates
            raise InvalidArgument(
                self._model.operation, sorted(kwargs), f"the operation's arguments ({refused})"
            ) from None
        state, last = "waiting", None
        done = 0
        while True:
            response = yield (True, kwargs)
            done += 1
            for acceptor in self._model.acceptors:
                if acceptor.matches(response):
                    state, last = acceptor.state, acceptor
                    break
            else:
                error = response.get("Error")
                if isinstance(error, Mapping) and "Code" in error:
                    code, message = error.get("Code", "Unknown"), error.get("Message", "Unknown")
                    raise WaiterError(self.name, f"An error occurred ({code}): {message}", response)
            if state == "success":
                return
            if state == "failure" and last is not None:
                reason = f"Waiter encountered a terminal failure state: {last.explanation}"
                raise WaiterError(self.name, reason, response)
            if done >= attempts:
                reason = "Max attempts exceeded"
                if last is not None:
                    reason += f". Previously accepted state: {last.explanation}"
                raise WaiterError(self.name, reason, response)
            yield (False, float(delay))


class AsyncWaiter(Waiter):
    """The async twin (aiobotocore's): ``await client.get_waiter(name).wait(...)``; sleeps leave the loop running
    and cancelling the awaiting task stops the wait at once."""

    _operation: Callable[..., Awaitable[dict[str, Any]]]

    async def wait(self, **kwargs: Any) -> None:  # type: ignore[override]
        """``Waiter.wait``, awaited."""
        flow = self._flow(kwargs)
        try:
            call, value = next(flow)
            while True:
                if call:
                    call, value = flow.send(await self._acall(value))
                else:
                    await sleep_async(self._clock, value)
                    call, value = next(flow)
        except StopIteration:
            return
        finally:
            flow.close()

    async def _acall(self, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        try:
            return await self._operation(**kwargs)
        except ClientError as error:
            return dict(error.response)
