"""An overall deadline that reaches through every request made inside a wait.

``wait()`` promises one overall deadline, never ``timeout x retries``. The polls it makes go through service
code into the transport, which has its own per-call budget; ``deadline_scope`` carries the wait's deadline down
that stack in a context variable (per thread and per asyncio task, never process-wide), so the transport stops
retrying, and shortens each request's timeout, when the wait's time is up.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import attrs

from ._clock import Clock


@attrs.frozen
class Deadline:
    """An absolute point in time on a given clock."""

    clock: Clock
    at: float

    def remaining(self) -> float:
        """Seconds left (negative once passed)."""
        return self.at - self.clock.monotonic()


_CURRENT: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("taskfacade_deadline", default=None)


@contextlib.contextmanager
def deadline_scope(clock: Clock, at: float | None) -> Iterator[None]:
    """Make ``at`` (a ``clock.monotonic()`` reading; None = no deadline) the deadline of every call inside.

    Scopes nest: an inner scope can only shorten the deadline, never extend it.
    """
    outer = _CURRENT.get()
    inner = None if at is None else Deadline(clock, at)
    if outer is not None and (inner is None or outer.remaining() < inner.remaining()):
        inner = outer
    token = _CURRENT.set(inner)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def remaining_in_scope() -> float | None:
    """Seconds left before the innermost enclosing deadline, or None outside any deadline scope."""
    current = _CURRENT.get()
    return None if current is None else current.remaining()
