"""Run one behaviour suite against both twins: the sync facade and its async twin, driven from sync test code.

``EventLoopThread`` runs an asyncio loop in a thread of its own for the whole test; ``run(coro_fn)`` runs a
coroutine there *in the caller's context* (so a ``deadline_scope`` or any other context variable the test set is
seen, as it would be by a task the caller awaited) and blocks for its result or exception. ``AsyncAsSync`` wraps an
``AsyncTransport`` so a test written against ``Transport`` (``call``, ``exchange``, ``close``, ``closed``,
``retry``) drives the async twin unchanged: a generated ``sync_detailed`` it is handed becomes the same
module's ``asyncio_detailed``.
"""

from __future__ import annotations

import asyncio
import contextvars
import sys
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class EventLoopThread:
    """An asyncio event loop running in its own daemon thread until ``close``."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="twin-loop", daemon=True)
        self._thread.start()

    def run(self, coro_fn: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Run ``coro_fn()`` on the loop, in a copy of the caller's context; block for its outcome."""
        context = contextvars.copy_context()

        async def in_context() -> T:
            return await asyncio.get_running_loop().create_task(coro_fn(), context=context)

        return asyncio.run_coroutine_threadsafe(in_context(), self.loop).result()

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.loop.close()


def async_twin(operation: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    """The ``asyncio_detailed`` of the generated module a ``sync_detailed`` belongs to."""
    if getattr(operation, "__name__", "") != "sync_detailed":
        return operation  # type: ignore[return-value]
    return sys.modules[operation.__module__].asyncio_detailed  # type: ignore[no-any-return]


class AsyncAsSync:
    """An ``AsyncTransport`` with ``Transport``'s synchronous calling convention, for twin-parametrized tests."""

    def __init__(self, transport: Any, loop: EventLoopThread) -> None:
        self.transport = transport
        self._loop = loop

    def call(self, operation: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        twin = async_twin(operation)
        return self._loop.run(lambda: self.transport.call(twin, *args, **kwargs))

    def exchange(self, operation: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        twin = async_twin(operation)
        return self._loop.run(lambda: self.transport.exchange(twin, *args, **kwargs))

    def close(self) -> None:
        self._loop.run(self.transport.aclose)

    @property
    def closed(self) -> bool:
        return bool(self.transport.closed)

    @property
    def retry(self) -> Any:
        return self.transport.retry

    @retry.setter
    def retry(self, mode: Any) -> None:
        self.transport.retry = mode

    def __enter__(self) -> AsyncAsSync:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
