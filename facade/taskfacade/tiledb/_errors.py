"""TileDB's own exception names, fitted into the taskfacade error tree.

::

    TaskFacadeError
    └── TileDBError                 anything TileDB-specific
        ├── TasksError              seed 000: a task, listing or result could not be accessed (always chained
        │   │                       to the underlying APIError / TransportError / ResponseDecodeError)
        │   ├── TaskNotReady        the result is still being computed (HTTP 202); ``retry_after`` says when to ask
        │   └── PickleRefused       the server sent a pickled result and the caller did not allow unpickling
        ├── ConfigurationError      no credentials, host or workspace could be found
        └── NoChargeableNamespace   no organization or user allows the requested action (also a LookupError)

Bad arguments raise ``taskfacade.InvalidArgument`` before any request, never one of these.
"""

from __future__ import annotations

from .._errors import APIError, TaskFacadeError

__all__ = [
    "ConfigurationError",
    "NoChargeableNamespace",
    "PickleRefused",
    "TaskNotReady",
    "TasksError",
    "TileDBError",
]

#: Seconds ``TaskNotReady.retry_after`` suggests when the server sent no ``Retry-After``.
DEFAULT_RESULT_RETRY_S = 1.0


class TileDBError(TaskFacadeError):
    """Root of the TileDB-specific errors."""


class TasksError(TileDBError):
    """Raised when tasks can not be accessed (seed 000's name).

    Every request failure of ``taskfacade.tiledb.tasks`` is a ``TasksError`` raised ``from`` the core error that
    caused it, so ``except TasksError`` catches them all and ``error.api_error`` gives the HTTP details.
    """

    @property
    def api_error(self) -> APIError | None:
        """The ``APIError`` on the ``__cause__`` chain (status, service code, request id), if the server answered."""
        current: BaseException | None = self.__cause__
        for _ in range(10):
            if current is None or isinstance(current, APIError):
                return current
            current = current.__cause__
        return None

    @property
    def status(self) -> int | None:
        """The HTTP status of the underlying ``APIError``, if any."""
        error = self.api_error
        return None if error is None else error.status


class TaskNotReady(TasksError):
    """The task's result is not ready yet (the server answered 202): ask again after ``retry_after`` seconds.

    Attributes:
        task_id: the task asked about.
        retry_after: the server's ``Retry-After`` when it sent one, else a default of one second.
    """

    def __init__(self, task_id: str, retry_after: float | None = None) -> None:
        self.task_id = task_id
        self.retry_after = DEFAULT_RESULT_RETRY_S if retry_after is None else retry_after
        super().__init__(f"the result of task {task_id} is not ready yet; ask again in {self.retry_after:g}s")


class PickleRefused(TasksError):
    """The result is a pickle; unpickling server data runs code, so it needs ``allow_pickle=True``."""


class ConfigurationError(TileDBError):
    """No usable TileDB configuration: credentials, host or workspace are missing or unreadable."""


class NoChargeableNamespace(TileDBError, LookupError):
    """Neither an organization nor the user itself allows the required action."""
