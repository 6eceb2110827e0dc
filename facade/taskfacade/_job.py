"""``Job``: every service's task or job, with one normalized ``JobPhase`` and one way to wait.

A service subclasses ``Job[ItsStatusType]`` and provides:

- ``STATUS_PHASES``: a mapping from the service's status values (enum members or raw strings) to ``JobPhase``.
  Anything not in it (a status added by the service after we shipped) maps to ``JobPhase.UNKNOWN``, which never
  counts as finished, so an unknown status can never end a wait early.
- ``_peek_status()``: the last known status, without a request. The core reads status only through it, so a
  subclass may make its public ``status`` a refreshing property (Geobox's SDK does) without the core's
  polling making extra requests.
- ``refresh()``: fetch the job's state from the server (through the service's ``Transport``).

and may override ``progress``, ``error``, the timestamps (``created_utc``, ``started_utc``, ``finished_utc``),
``abort()``, the batching hooks ``_batch_key()`` and ``_refresh_many()`` (used by ``wait_all``/``as_completed``),
``_peek_phase()`` (when the phase depends on more than the status), ``_peek_progress()``, ``_wait_clock()`` and
``_wait_policy()``.
The ``_peek_*`` hooks must never make a request: the polling engine reads only them.
"""

from __future__ import annotations

import abc
import datetime
import enum
import functools
import inspect
import sys
import warnings
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Generic, SupportsIndex

import attrs

if sys.version_info >= (3, 13):
    from typing import TypeVar
else:  # TypeVar(default=...) (PEP 696) is in typing from 3.13
    from typing_extensions import TypeVar

from ._callbacks import add_done_callback, fire_done, remove_done_callback
from ._clock import SYSTEM_CLOCK, Clock
from ._errors import InvalidArgument, UnsupportedOperation
from ._phase import JobPhase
from ._poll import BACKOFF, apoll, check_wait_args, poll
from ._pollpolicy import PollPolicy, check_policy
from ._sharedwait import SharedWait
from ._sharedwait_threads import wait_shared_sync
from ._steer import CancelSignal, check_cancel

__all__ = ["AsyncJob", "Job", "JobBase", "JobPhase", "check_async_jobs", "check_jobs", "deprecated_timestamp"]

#: A job's status type; ``Any`` by default, so users may write plain ``Job`` (``Job[Any]``) in annotations.
StatusT = TypeVar("StatusT", default=Any)


def _status_key(status: object) -> object:
    """The lookup key of a status: an enum member's value (works for open-enum UNKNOWN members too)."""
    return status.value if isinstance(status, enum.Enum) else status


class JobBase(abc.ABC, Generic[StatusT]):
    """What ``Job`` and ``AsyncJob`` share: the last known state and everything read from it without I/O.

    Statuses, phases, progress, errors and timestamps are plain attributes of the last fetch in both twins; only
    fetching (``refresh``), ``abort`` and ``wait`` differ (a call in one, a coroutine in the other).
    """

    #: The service's status values mapped to phases (enum members or raw values as keys).
    STATUS_PHASES: ClassVar[Mapping[Any, JobPhase]] = {}
    #: Seconds between polls in ``wait()`` when the caller gives no ``interval``.
    DEFAULT_INTERVAL: ClassVar[float] = 1.0

    _phase_table: ClassVar[dict[object, JobPhase]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        table: dict[object, JobPhase] = {}
        for status, phase in cls.STATUS_PHASES.items():
            if not isinstance(phase, JobPhase):
                raise TypeError(f"{cls.__name__}.STATUS_PHASES[{status!r}] must be a JobPhase, got {phase!r}")
            table[_status_key(status)] = phase
        cls._phase_table = table
        refresh = vars(cls).get("refresh")
        if callable(refresh) and not getattr(refresh, "__isabstractmethod__", False):
            cls.refresh = _calling_back(refresh)  # type: ignore[attr-defined]

    # -- what a subclass provides ------------------------------------------------------------------------------

    @abc.abstractmethod
    def _peek_status(self) -> StatusT:
        """The status as of the last fetch. Must not make a request."""

    # -- the common surface ------------------------------------------------------------------------------------

    @classmethod
    def phase_of(cls, status: object) -> JobPhase:
        """The phase for one of this service's status values (UNKNOWN for values not in ``STATUS_PHASES``)."""
        try:
            return cls._phase_table.get(_status_key(status), JobPhase.UNKNOWN)
        except TypeError:  # an unhashable value from a confused server
            return JobPhase.UNKNOWN

    @property
    def status(self) -> StatusT:
        """The service's own status value, exactly as its SDK shows it (unknown values included)."""
        return self._peek_status()

    @property
    def phase(self) -> JobPhase:
        """The normalized phase of the last known status."""
        return self._peek_phase()

    @property
    def done(self) -> bool:
        """Whether the last known status is final (SUCCEEDED, FAILED or CANCELED)."""
        return self._peek_phase().finished

    @property
    def progress(self) -> float | None:
        """Percent complete (0-100) where the service reports it, else None."""
        return None

    @property
    def error(self) -> str | None:
        """Why the job failed, where the service says, else None."""
        return None

    # The normalized timestamps end in ``_utc`` so they collide with no vendor attribute on any service:
    # TensorBay's ``created_at`` is an int and Geobox's task data keys (``created_at``...) are attributes too.

    @property
    def created_utc(self) -> datetime.datetime | None:
        """When the job was created (aware, UTC), if known."""
        return None

    @property
    def started_utc(self) -> datetime.datetime | None:
        """When the job started running (aware, UTC), if known."""
        return None

    @property
    def finished_utc(self) -> datetime.datetime | None:
        """When the job finished (aware, UTC), if known."""
        return None

    # -- done callbacks ----------------------------------------------------------------------------------------

    def add_done_callback(self, fn: Callable[[Any], object]) -> None:
        """Call ``fn(job)`` once, when a wait or ``refresh()`` first sees this job finished (at once if it is).

        It runs in the thread or task that saw the job finish; an exception it raises is logged on the
        ``taskfacade`` logger and goes no further (see ``_callbacks.py``). Thread-safe.
        """
        add_done_callback(self, fn)

    def remove_done_callback(self, fn: Callable[[Any], object]) -> int:
        """Unregister ``fn`` (every registration not yet run); how many were removed."""
        return remove_done_callback(self, fn)

    # -- hooks for the polling engine --------------------------------------------------------------------------

    def _batch_key(self) -> Hashable:
        """Jobs of one class with equal keys are refreshed together by ``_refresh_many`` (e.g. same client)."""
        return None

    def _peek_phase(self) -> JobPhase:
        """The phase without a request: ``phase_of(_peek_status())``; override when the phase needs more fields."""
        return self.phase_of(self._peek_status())

    def _peek_progress(self) -> float | None:
        """Progress for progress bars, without a request (default: ``progress``)."""
        return self.progress

    def _shared_wait(
        self,
        timeout: float | None,
        interval: float,
        max_poll_errors: int,
        cancel: CancelSignal | None,
        fast: float | None,
        multiplier: float,
        jitter: float,
    ) -> SharedWait:
        """The state of one wait that shares its polls (``_sharedwait.SharedWait``), for either twin's shell."""
        return SharedWait(
            self,
            timeout=timeout,
            interval=interval,
            clock=self._wait_clock(),
            max_poll_errors=max_poll_errors,
            label=self._label(),
            cancel=cancel,
            min_interval=fast,
            multiplier=multiplier,
            jitter=jitter,
        )

    def _wait_clock(self) -> Clock:
        """The clock waits run on (services return their transport's clock; tests a ``ManualClock``)."""
        return SYSTEM_CLOCK

    def _wait_policy(self) -> PollPolicy | None:
        """The client's ``poll_policy`` (``ClientOptions``): how ``wait()`` polls when the call gives neither
        ``interval`` nor ``policy``. None (the default): ``DEFAULT_INTERVAL`` between polls."""
        return None

    def _label(self) -> str:
        """A short description for progress bars and timeout messages."""
        return type(self).__name__

    def to_token(self) -> str:
        """A continuation token: a short, URL-safe string that rebuilds this job anywhere, with any client of its
        service (``taskfacade.job_from_token``). It holds the service, the ids and the last known status, never
        a credential or a URL. Jobs pickle through it."""
        from ._token import token_of

        return token_of(self)

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        """Pickle through the continuation token (no client, no secrets) where the class has one."""
        if not isinstance(getattr(type(self), "_JOB_KIND", None), str):
            return super().__reduce_ex__(protocol)  # a job kind without tokens pickles as any object does
        from ._token import reduce_job

        return reduce_job(self, asynchronous=isinstance(self, AsyncJob))

    def __copy__(self) -> Any:
        """``copy.copy(job)``: the same client and last state (not a rebuild from the token, as pickling is)."""
        duplicate = object.__new__(type(self))
        duplicate.__dict__.update(self.__dict__)
        return duplicate

    def __repr__(self) -> str:
        return f"<{self._label()} status={self._peek_status()!r} phase={self._peek_phase().value}>"


class Job(JobBase[StatusT]):
    """A long-running task or job on some service. See the module docstring for what a subclass provides."""

    @abc.abstractmethod
    def refresh(self) -> None:
        """Fetch the job's current state from the server."""

    def abort(self) -> None:
        """Ask the service to stop the job. Raises ``UnsupportedOperation`` where the service has no such verb."""
        raise UnsupportedOperation(f"{type(self).__name__}: this service cannot abort a job")

    def wait(
        self,
        timeout: float | None = None,
        interval: float | None = None,
        progress_bar: bool = False,
        *,
        max_poll_errors: int = 3,
        cancel: Any = None,
        policy: PollPolicy | None = None,
    ) -> StatusT:
        """Poll until the job finishes and return its final ``status``.

        Args:
            timeout: one overall deadline in seconds for the whole wait, requests and their retries included
                (None = no limit). ``WaitTimeout`` (a ``TimeoutError``) is raised once it passes.
            interval: seconds between polls (default ``DEFAULT_INTERVAL``).
            progress_bar: show a tqdm bar when tqdm is installed (otherwise none, and a warning once per process).
            max_poll_errors: consecutive transient polling failures tolerated (``TransportError``,
                ``RateLimited``, ``ServerError``, also when wrapped in a service's own error); the next one is
                raised. Any other error is raised at once. A FAILED or CANCELED job is not an error: its status
                is returned.
            cancel: a ``threading.Event`` or anything with ``is_set()``: once set, the wait stops within one
                interval (the sleep between polls wakes early) and raises ``WaitCancelled``.
            policy: a ``taskfacade.PollPolicy`` (first gap, multiplier, longest gap, jitter, timeout); it replaces
                ``timeout`` and ``interval`` (giving ``timeout`` too is refused). When neither ``policy`` nor
                ``interval`` is given, the client's ``poll_policy`` applies (if it has one), with ``timeout``, when
                given, in place of the policy's own.

        Concurrent waits in one process (from different threads) on jobs one batch request can refresh share their
        polls: one batch request for all of them per interval (see ``_sharedwait.py``), so 1,000 threads each
        waiting on its own task of one client cost what one ``taskfacade.wait_all`` costs. Each wait keeps its own
        deadline, interval, ``cancel`` and tolerance of errors; a job's lasting error ends its own wait only. A
        wait under a ``policy`` keeps its own adaptive gaps (``initial`` growing to ``maximum``) and takes a shared
        poll when one fresh enough for its gap has its job. With ``progress_bar=True`` the wait polls on its own.
        """
        if not isinstance(progress_bar, bool):
            raise InvalidArgument("progress_bar", progress_bar, "True or False")
        signal = check_cancel(cancel)
        policy, timeout = _client_policy(self, check_policy(policy), interval, timeout)
        interval = self.DEFAULT_INTERVAL if interval is None else interval
        timeout, interval, fast, multiplier, jitter = _with_policy(policy, timeout, interval)
        check_wait_args(timeout, interval, max_poll_errors)
        if not progress_bar:
            wait_shared_sync(self._shared_wait(timeout, interval, max_poll_errors, signal, fast, multiplier, jitter))
            return self._peek_status()
        for _ in poll(
            [self],
            timeout=timeout,
            interval=interval,
            min_interval=fast,
            clock=self._wait_clock(),
            progress_bar=progress_bar,
            max_poll_errors=max_poll_errors,
            label=self._label(),
            cancel=signal,
            multiplier=multiplier,
            jitter=jitter,
        ):
            pass
        return self._peek_status()

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        """Refresh several jobs that share a batch key. Default: one ``refresh()`` each.

        Services override this to use batch or list endpoints (Deadline ``BatchGetTask``, 100 ids a call). It
        must update every job it can and may raise; the jobs given are all unfinished.
        """
        for job in jobs:
            job.refresh()


class AsyncJob(JobBase[StatusT]):
    """The async twin of ``Job``: the same state and phases; ``refresh``, ``abort`` and ``wait`` are coroutines.

    A service's async job provides ``_peek_status`` and ``refresh()`` (a coroutine), and may override
    ``_refresh_many_async`` to refresh a group with one batch or list request, as ``_refresh_many`` does in sync.
    ``taskfacade.aio.wait_all`` and ``as_completed`` poll any mix of services' async jobs in one event loop.
    """

    @abc.abstractmethod
    async def refresh(self) -> None:
        """Fetch the job's current state from the server."""

    async def abort(self) -> None:
        """Ask the service to stop the job. Raises ``UnsupportedOperation`` where the service has no such verb."""
        raise UnsupportedOperation(f"{type(self).__name__}: this service cannot abort a job")

    async def wait(
        self,
        timeout: float | None = None,
        interval: float | None = None,
        progress_bar: bool = False,
        *,
        max_poll_errors: int = 3,
        cancel: Any = None,
        policy: PollPolicy | None = None,
    ) -> StatusT:
        """Poll until the job finishes and return its final ``status``: ``Job.wait``, without blocking the loop.

        Concurrent waits in one event loop on jobs one batch request can refresh share their polls (one batch
        request for all of them per interval, see ``_sharedwait.py``), so gathering one ``wait()`` per job costs
        what ``taskfacade.aio.wait_all`` costs. Cancelling the awaiting task stops the polling at once (no request
        is left running). With a ``policy`` (or the client's ``poll_policy``), each wait keeps its own adaptive gaps
        (``initial`` growing to ``maximum``), as a wait alone. ``cancel`` (an
        ``anyio.Event``, ``asyncio.Event`` or anything with ``is_set()``) stops it too, raising ``WaitCancelled``
        within one interval, as in sync.
        """
        if not isinstance(progress_bar, bool):
            raise InvalidArgument("progress_bar", progress_bar, "True or False")
        signal = check_cancel(cancel)
        policy, timeout = _client_policy(self, check_policy(policy), interval, timeout)
        interval = self.DEFAULT_INTERVAL if interval is None else interval
        timeout, interval, fast, multiplier, jitter = _with_policy(policy, timeout, interval)
        check_wait_args(timeout, interval, max_poll_errors)
        if not progress_bar:
            from ._sharedwait_aio import wait_shared  # anyio: only async users pay for it

            await wait_shared(self._shared_wait(timeout, interval, max_poll_errors, signal, fast, multiplier, jitter))
            return self._peek_status()
        async for _ in apoll(
            [self],
            timeout=timeout,
            interval=interval,
            min_interval=fast,
            clock=self._wait_clock(),
            progress_bar=progress_bar,
            max_poll_errors=max_poll_errors,
            label=self._label(),
            cancel=signal,
            multiplier=multiplier,
            jitter=jitter,
        ):
            pass
        return self._peek_status()

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[AsyncJob[Any]]) -> None:
        """Refresh several jobs that share a batch key. Default: their ``refresh()`` concurrently.

        Services override this to use batch or list endpoints; it must update every job it can and may raise.
        """
        import anyio

        async with anyio.create_task_group() as group:
            for job in jobs:
                group.start_soon(job.refresh)


def _client_policy(
    job: JobBase[Any], policy: PollPolicy | None, interval: float | None, timeout: float | None
) -> tuple[PollPolicy | None, float | None]:
    """The wait's policy and timeout: the caller's, else (no ``interval`` either) the client's ``poll_policy``,
    whose timeout a given ``timeout`` replaces (then None: the policy carries it)."""
    if policy is not None or interval is not None:
        return policy, timeout
    client = job._wait_policy()
    if client is None:
        return None, timeout
    if timeout is None:
        return client, None
    return attrs.evolve(client, timeout=timeout), None


def _with_policy(
    policy: PollPolicy | None, timeout: float | None, interval: float
) -> tuple[float | None, float, float, float, float]:
    """A single job's wait: (timeout, interval, min_interval, the engine's multiplier and jitter) under ``policy``."""
    if policy is None:
        return timeout, interval, interval, BACKOFF, 0.0
    if timeout is not None:
        raise InvalidArgument("timeout", timeout, "None when a policy is given (the policy's timeout applies)")
    return policy.timeout, policy.maximum, policy.initial, policy.multiplier, policy.jitter


def _calling_back(refresh: Callable[..., Any]) -> Callable[..., Any]:
    """``refresh`` (a service's, sync or async), then the job's done callbacks if it is now finished."""
    if getattr(refresh, "_tf_calls_back", False):
        return refresh
    if inspect.iscoroutinefunction(refresh):

        @functools.wraps(refresh)
        async def arefresh(self: Any, *args: Any, **kwargs: Any) -> Any:
            result = await refresh(self, *args, **kwargs)
            fire_done(self)
            return result

        arefresh._tf_calls_back = True  # type: ignore[attr-defined]
        return arefresh

    @functools.wraps(refresh)
    def srefresh(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = refresh(self, *args, **kwargs)
        fire_done(self)
        return result

    srefresh._tf_calls_back = True  # type: ignore[attr-defined]
    return srefresh


def _check_kind(jobs: object, kind: type[Any], accepted: str) -> list[Any]:
    if isinstance(jobs, str | bytes | Mapping) or not isinstance(jobs, Iterable):
        raise InvalidArgument("jobs", jobs, accepted)
    materialized = list(jobs)
    for job in materialized:
        if not isinstance(job, kind):
            raise InvalidArgument("jobs", job, accepted)
    return materialized


def check_jobs(jobs: object) -> list[Job[Any]]:
    """``jobs`` as a list when it is an iterable of ``Job`` objects (not a string), else ``InvalidArgument``.

    Checked before anything reads a job, so ``wait_all(["id"])`` names its mistake instead of failing with an
    ``AttributeError`` from inside the polling engine.
    """
    return _check_kind(jobs, Job, "an iterable of taskfacade.Job objects (jobs from a client, not ids)")


def check_async_jobs(jobs: object) -> list[AsyncJob[Any]]:
    """``check_jobs`` for the async twin: an iterable of ``taskfacade.aio.AsyncJob`` objects (from async clients)."""
    accepted = "an iterable of taskfacade.aio.AsyncJob objects (jobs from an async client, not ids or sync jobs)"
    return _check_kind(jobs, AsyncJob, accepted)


def deprecated_timestamp(old: str, new: str) -> property:
    """A read-only property ``old`` that warns (``DeprecationWarning``) and returns the property ``new``.

    Before the ``*_utc`` names were settled, ``Job`` called its timestamps ``created_at``, ``started_at`` and
    ``finished_at``. TileDB and Deadline tasks keep those names for a while through this; TensorBay and Geobox
    cannot, because there the names are the vendor's own attributes (with the vendor's types).
    """

    def get(self: object) -> datetime.datetime | None:
        warnings.warn(
            f"{type(self).__name__}.{old} is deprecated; use {new} (same value)", DeprecationWarning, stacklevel=2
        )
        value: datetime.datetime | None = getattr(self, new)
        return value

    return property(get, doc=f"Deprecated name of ``{new}``.")
