"""One way to turn a failed request of the tasks module into ``TasksError`` chained to the core error."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from .._errors import APIError, ResponseDecodeError, TransportError
from ._errors import TasksError

__all__ = ["tasks_failure"]


@contextlib.contextmanager
def tasks_failure(what: str) -> Iterator[None]:
    """Re-raise request failures (``APIError``, ``TransportError``, ``ResponseDecodeError``) as ``TasksError``.

    Bad arguments (``InvalidArgument``), missing configuration and ``TasksError`` itself pass through unchanged.
    """
    try:
        yield
    except (APIError, TransportError, ResponseDecodeError) as exc:
        raise TasksError(f"{what}: {exc}") from exc
