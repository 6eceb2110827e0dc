"""Service logic written once, run by the synchronous or the asynchronous shell.

A facade operation that talks to its service is written as *steps*: a generator that checks its arguments,
yields what it needs done (a ``Call`` of a generated operation, a ``Sleep``, or several calls at once in a
``Gather``), is sent each answer (or has the call's exception thrown into it), and returns its result. It does no
I/O of its own, so the same generator serves both twins::

    def get_task(uuid: object) -> Steps[Task]:
        uuid = check_uuid("uuid", uuid)                                      # before any request
        model = yield Call(op_get_task, kwargs={"uuid": uuid}, expect=TaskModel)
        return Task.from_model(model)

    run(get_task(uuid), transport)            # sync: Transport.call(op_get_task.sync_detailed, ...)
    await arun(get_task(uuid), atransport)    # async: AsyncTransport.call(op_get_task.asyncio_detailed, ...)

An operation is a generated endpoint *module*: it has ``sync_detailed`` and ``asyncio_detailed``, and the shell
picks the one its transport speaks. ``Gather`` runs its calls one after another in sync and concurrently in
async (within the transport's connection pool); its answers come back in order, each a value or the exception
it raised, so one failed call never hides the others' results.

Why generators rather than two copies: the sync and async twins must behave identically (checks, retries,
errors, redaction), and a rule written twice drifts (the Geobox vendor's two trees differ). Here the only code
that exists twice is the two small drivers below.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from types import ModuleType
from typing import Any, Protocol, TypeAlias, TypeVar

import attrs
import httpx

from ._retry import RetryLike

__all__ = ["AsyncCaller", "Call", "Effect", "Gather", "Sleep", "Steps", "SyncCaller", "arun", "run"]

T = TypeVar("T")


@attrs.frozen
class Call:
    """Call one generated operation through the transport (with its retries, budget and error mapping).

    Attributes:
        operation: the generated endpoint module (with ``sync_detailed`` and ``asyncio_detailed``).
        kwargs: the operation's own arguments (``client`` is supplied by the transport).
        args: positional arguments of the operation, if it takes any.
        expect: the model class a success must parse to (else ``ResponseDecodeError``); None returns ``parsed``.
        exchange: answer with the whole ``Exchange`` (status, headers, attempts) instead of the parsed body.
        idempotent, retry, timeout: as ``Transport.call``.
    """

    operation: ModuleType
    kwargs: Mapping[str, Any] = attrs.field(factory=dict)
    args: tuple[Any, ...] = ()
    expect: type[Any] | None = None
    exchange: bool = False
    idempotent: bool | None = None
    retry: RetryLike | None = None
    timeout: float | httpx.Timeout | None = None


@attrs.frozen
class Sleep:
    """Pause for ``seconds`` on the transport's clock (``asyncio``/``trio`` sleep in async: the loop runs on)."""

    seconds: float


@attrs.frozen
class Gather:
    """Several calls at once; the answer is a list, in order, of each call's result or the exception it raised."""

    calls: Sequence[Call]


Effect: TypeAlias = Call | Sleep | Gather
#: A generator of effects that returns ``T``: one facade operation, without I/O.
Steps: TypeAlias = Generator[Effect, Any, T]


class SyncCaller(Protocol):
    """What the sync driver needs of a transport."""

    def perform(self, call: Call) -> Any:
        """Run one call: its parsed answer (or ``Exchange``), or raise its error."""
        ...

    def pause(self, seconds: float) -> None:
        """Sleep on the transport's clock."""
        ...


class AsyncCaller(Protocol):
    """What the async driver needs of a transport."""

    def perform(self, call: Call) -> Awaitable[Any]:
        """Run one call: its parsed answer (or ``Exchange``), or raise its error."""
        ...

    def pause(self, seconds: float) -> Awaitable[None]:
        """Sleep on the transport's clock without blocking the event loop."""
        ...

    def perform_all(self, calls: Sequence[Call]) -> Awaitable[list[Any]]:
        """Run calls concurrently; each answer or the exception it raised, in order."""
        ...


def _sync_answer(effect: Effect, caller: SyncCaller) -> Any:
    if isinstance(effect, Call):
        return caller.perform(effect)
    if isinstance(effect, Sleep):
        return caller.pause(effect.seconds)
    if isinstance(effect, Gather):
        answers: list[Any] = []
        for call in effect.calls:
            try:
                answers.append(caller.perform(call))
            except Exception as exc:  # handed to the steps, which decide
                answers.append(exc)
        return answers
    raise TypeError(f"steps yielded {type(effect).__name__}, not a Call, Sleep or Gather")


async def _async_answer(effect: Effect, caller: AsyncCaller) -> Any:
    if isinstance(effect, Call):
        return await caller.perform(effect)
    if isinstance(effect, Sleep):
        return await caller.pause(effect.seconds)
    if isinstance(effect, Gather):
        return await caller.perform_all(effect.calls)
    raise TypeError(f"steps yielded {type(effect).__name__}, not a Call, Sleep or Gather")


def run(steps: Steps[T], caller: SyncCaller) -> T:
    """Drive ``steps`` to its result with a synchronous transport."""
    return _drive(steps, lambda effect: _sync_answer(effect, caller))


def _drive(steps: Steps[T], answer: Callable[[Effect], Any]) -> T:
    try:
        effect = next(steps)
        while True:
            try:
                result = answer(effect)
            except BaseException as exc:  # the steps may handle it (a 404 that means "not yet")
                effect = steps.throw(exc)
            else:
                effect = steps.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value
    finally:
        steps.close()


async def arun(steps: Steps[T], caller: AsyncCaller) -> T:
    """Drive ``steps`` to its result with an asynchronous transport (the async twin of ``run``)."""
    try:
        effect = next(steps)
        while True:
            try:
                result = await _async_answer(effect, caller)
            except BaseException as exc:  # cancellation too: the steps' ``finally`` blocks run
                effect = steps.throw(exc)
            else:
                effect = steps.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value
    finally:
        steps.close()
