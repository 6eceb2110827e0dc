"""What ``async_req=True`` returns: a ``concurrent.futures.Future`` that also speaks ``multiprocessing``'s
``ApplyResult`` interface.

The vendor SDK runs ``async_req`` calls on a ``multiprocessing.pool.ThreadPool`` and hands back an
``ApplyResult`` (``get(timeout)``, ``ready()``, ``successful()``, ``wait(timeout)``); code written for it must
keep working, and code written for a ``Future`` (``result()``, ``done()``, ``add_done_callback``,
``concurrent.futures.wait``) too. ``AsyncResult`` is both: a real ``Future`` with the four extra methods.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from .._check import check_seconds

__all__ = ["AsyncResult", "AsyncTimeout", "run_async"]

T = TypeVar("T")
P = ParamSpec("P")


class AsyncTimeout(multiprocessing.TimeoutError, TimeoutError):
    """``AsyncResult.get(timeout)`` ran out of time.

    Both ``multiprocessing.TimeoutError`` (what ``ApplyResult.get`` raises) and the built-in ``TimeoutError``
    (what ``Future.result`` raises), so either ``except`` clause catches it.
    """


class AsyncResult(concurrent.futures.Future[T]):
    """A ``Future`` with ``ApplyResult``'s methods: ``get``, ``ready``, ``successful`` and ``wait``."""

    def get(self, timeout: float | None = None) -> T:
        """The result, waiting up to ``timeout`` seconds (None: forever); re-raises the call's exception.

        Raises:
            AsyncTimeout: the call has not finished in time (a ``multiprocessing.TimeoutError`` and a
                ``TimeoutError``).
        """
        if timeout is not None:
            timeout = check_seconds("timeout", timeout, exclusive=False)
        try:
            return self.result(timeout)
        except concurrent.futures.TimeoutError:
            raise AsyncTimeout(f"no result within {timeout} s") from None

    def ready(self) -> bool:
        """Whether the call has finished (successfully or not)."""
        return self.done()

    def successful(self) -> bool:
        """Whether the call finished without raising.

        Raises:
            ValueError: the call has not finished yet (as ``ApplyResult.successful`` does).
        """
        if not self.done():
            raise ValueError(f"{self!r} not ready")
        return not self.cancelled() and self.exception() is None

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the call has finished or ``timeout`` seconds have passed; never raises the call's error."""
        if timeout is not None:
            timeout = check_seconds("timeout", timeout, exclusive=False)
        concurrent.futures.wait([self], timeout)


def run_async(
    submit: Callable[[Callable[[], None]], object], fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> AsyncResult[T]:
    """Run ``fn(*args, **kwargs)`` through ``submit`` (a thread pool's) and return its ``AsyncResult``.

    Cancelling the result before the call starts keeps it from running, as with ``Executor.submit``.
    """
    outcome: AsyncResult[T] = AsyncResult()

    def run() -> None:
        if not outcome.set_running_or_notify_cancel():
            return
        try:
            value = fn(*args, **kwargs)
        except BaseException as exc:  # handed to whoever waits on the result, as Executor.submit does
            outcome.set_exception(exc)
        else:
            outcome.set_result(value)

    submit(run)
    return outcome
