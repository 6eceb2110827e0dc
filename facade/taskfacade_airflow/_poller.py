"""One batched poller per connection and event loop, shared by every ``TaskfacadeJobsTrigger`` waiting there.

Why: a triggerer process runs thousands of triggers in one event loop. Airflow's AWS and Google providers poll one
job per trigger, so 1,000 deferred tasks cost 1,000 GETs per interval. Here every trigger for one connection id (one
endpoint and one set of credentials) in one event loop is a *member* of one ``SharedPoller``: one async client, and
one poll per interval for the jobs of every member that is due. A poll is one ``taskfacade.aio.refresh_all``: its
jobs are grouped as ``taskfacade.aio.wait_all`` groups them, so each service refreshes them with its batch or list
requests: Deadline ``BatchGetTask`` (100 tasks a request), Geobox ``uuid IN (...)`` lists, TileDB and TensorBay
list calls. 1,000 Deadline tasks across 1,000 triggers cost 10 requests per interval.

Schedule: each member asks for a poll every ``interval`` seconds (start to start) and gets one at least that often.
When some member is due, the poll also takes every member that would be due before the next poll anyway (within the
shortest interval of the members due now, and at most half of its own interval early), so members with one interval
settle into one poll per interval whatever their start times, and a member with a long interval rides along with
the polls of members with short ones instead of costing requests of its own. A new member's first poll comes
``FIRST_POLL_DELAY`` after it joins, so triggers started together (a triggerer starts them in batches) share it.

Errors: a poll's errors are handed to the members whose jobs they concern, as ``PollOutcome.errors`` (job -> error).
A group refresh that fails for good (not ``taskfacade.is_transient``) with several jobs in it is repeated job by job,
in that poll only (``refresh_all`` does it), so that a deleted task in one trigger fails that trigger alone, not the
999 others sharing the batch. Transient errors (network, 429, 5xx, after the client's own retries) are left to the
members to tolerate; the member's next poll waits at least the ``Retry-After`` the service sent
(``taskfacade.retry_after``).

Lifetime: the poller is a task of the event loop, started by its first member and cancelled when its last member
leaves; it opens the client through the factory it was made with (no request: the facade's clients connect on
their first call) and closes it as it ends. A member leaves at once when its trigger's task is cancelled (leaving is
synchronous, in ``finally``), and a poll under way for it alone is abandoned with its request.

State: the registry is per event loop, a ``weakref.WeakKeyDictionary`` keyed by the running loop (the point of this
module: sharing inside one loop and never across loops). Each loop's pollers are removed as their last member
leaves, so an idle loop holds nothing here, and a loop's entry goes with the loop itself. A poll task that is ending
(closing its client) is held in ``_ENDING``, keyed the same way, until it is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import math
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Sequence
from typing import Any

import attrs
from taskfacade import retry_after
from taskfacade.aio import refresh_all

__all__ = ["FIRST_POLL_DELAY", "Member", "PollOutcome", "SharedPoller", "joined", "pollers"]

#: Seconds from a member's joining to its first poll: triggers started together share that poll.
FIRST_POLL_DELAY = 0.2
#: How early, as a share of its own interval, a member may be polled with others (see the module docstring).
EARLY_SHARE = 0.5

ClientFactory = Callable[[], Awaitable[Any]]


@attrs.frozen
class PollOutcome:
    """What one poll brought one member: the poll's start (``loop.time()``) and each failed job's error.

    A job of the member that is not in ``errors`` was refreshed by the poll. ``errors`` maps ``id(job)`` to the
    exception its refresh raised: lasting (``taskfacade.is_transient`` false: a missing task, a 403) or transient.
    """

    started: float
    errors: dict[int, BaseException]


class Member:
    """One trigger's place in a ``SharedPoller``: the client its jobs are built with, its jobs and interval, and
    the outcome of each poll that refreshed them (``next_poll``)."""

    def __init__(self, poller: SharedPoller) -> None:
        self._poller = poller
        self.jobs: list[Any] = []
        self.interval = math.inf
        self.next_due = math.inf  # loop.time() of the next poll it asks for; inf until it watches jobs
        self.deadline: float | None = None
        self.polls = 0
        self._outcome: PollOutcome | None = None
        self._polled = asyncio.Event()

    @property
    def client(self) -> Any:
        """The poller's async client: build the member's jobs with it so they share its batch requests."""
        return self._poller.client

    def watch(self, jobs: Sequence[Any], interval: float, deadline: float | None = None) -> None:
        """Poll ``jobs`` (``taskfacade.aio.AsyncJob`` objects built with ``client``) every ``interval`` seconds.

        ``deadline`` (``loop.time()``): the member's wait ends then; its last poll is timed to end by it (it starts
        twice the previous poll's duration early, as the facade's own waits time theirs), so a job that finishes
        between the last regular poll and the deadline is still seen.
        """
        if not (isinstance(interval, int | float) and math.isfinite(interval) and interval > 0):
            raise ValueError(f"interval must be a finite number of seconds > 0, got {interval!r}")
        self.jobs = list(jobs)
        self.interval = float(interval)
        self.deadline = deadline
        self.next_due = self._poller.now() + min(FIRST_POLL_DELAY, self.interval)
        self._poller.changed.set()

    async def next_poll(self) -> PollOutcome:
        """Wait for the next poll that refreshed this member's jobs and return its outcome."""
        await self._polled.wait()
        self._polled.clear()
        outcome = self._outcome
        assert outcome is not None
        return outcome

    def _deliver(self, outcome: PollOutcome, next_due: float) -> None:
        self.polls += 1
        self.next_due = next_due
        self._outcome = outcome
        self._polled.set()


class SharedPoller:
    """The members for one key (a connection id) in one event loop, their client and the task polling for them.

    Made and found by ``joined``; see the module docstring for the schedule and the errors.
    """

    def __init__(self, key: Hashable, registry: dict[Hashable, SharedPoller], open_client: ClientFactory) -> None:
        self.key = key
        self._registry = registry
        self._loop = asyncio.get_running_loop()
        self.members: dict[int, Member] = {}
        self.client: Any = None
        self.changed = asyncio.Event()
        self.polls = 0
        # set once the client is open or could not be (an Event, not a shared Future: 1,000 members awaiting one
        # shielded Future cost O(n^2) callback removals when it completes)
        self.opened = asyncio.Event()
        self.open_error: BaseException | None = None
        # in a context of its own: the triggerer binds each trigger's id into its context (logs, spans), and the
        # shared poll belongs to no one trigger (the first member's context would otherwise be copied). Opening the
        # client (Airflow's async connection lookup) needs nothing from a trigger's context.
        self.task: asyncio.Task[None] = self._loop.create_task(
            self._run(open_client), name=f"taskfacade poll {key}", context=contextvars.Context()
        )

    def now(self) -> float:
        return self._loop.time()

    @property
    def retired(self) -> bool:
        """Whether this poller has left the registry (no member left, or its client could not be opened)."""
        return self._registry.get(self.key) is not self

    def add(self) -> Member:
        member = Member(self)
        self.members[id(member)] = member
        return member

    def remove(self, member: Member) -> None:
        """Forget ``member`` (synchronous, so a cancelled trigger leaves at once); the last one ends the poller."""
        self.members.pop(id(member), None)
        if not self.members:
            self._retire()
            self.task.cancel()
            _keep_until_done(self._loop, self.task)  # it still closes the client: a task nobody holds may be collected
        else:
            self.changed.set()

    def _retire(self) -> None:
        if self._registry.get(self.key) is self:
            del self._registry[self.key]
        _prune(self._loop)

    async def _run(self, open_client: ClientFactory) -> None:
        try:
            self.client = await open_client()
        except Exception as exc:  # a bad connection: every member waiting for the client hears it
            self._retire()
            self.open_error = exc
            self.opened.set()
            return
        except BaseException:  # the last member left while the client was being opened
            self.open_error = RuntimeError(f"the shared poller of {self.key!r} closed before its client opened")
            self.opened.set()
            raise
        self.opened.set()
        try:
            while True:
                batch = await self._next_batch()
                await self._poll(batch)
        finally:
            await _close(self.client)

    async def _next_batch(self) -> list[Member]:
        """Sleep until some member is due; return it with those due before the next poll anyway."""
        while True:
            now = self.now()
            watching = [member for member in self.members.values() if member.jobs]
            first = min((member.next_due for member in watching), default=math.inf)
            if first <= now:
                window = min(member.interval for member in watching if member.next_due <= now)
                return [m for m in watching if m.next_due <= now + min(EARLY_SHARE * m.interval, window)]
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), None if math.isinf(first) else first - now)

    async def _poll(self, batch: Sequence[Member]) -> None:
        started = self.now()
        jobs: dict[int, Any] = {}
        for member in batch:
            for job in member.jobs:
                if not job.done:
                    jobs.setdefault(id(job), job)
        polled = list(jobs.values())
        outcomes = await refresh_all(polled, return_exceptions=True) if polled else []
        errors = {id(job): error for job, error in zip(polled, outcomes, strict=True) if error is not None}
        ended = self.now()
        self.polls += 1
        for member in batch:
            if id(member) not in self.members:
                continue  # left during the poll
            mine = {id(job): errors[id(job)] for job in member.jobs if id(job) in errors}
            due = started + max([member.interval, *(retry_after(error) or 0.0 for error in mine.values())])
            last = None if member.deadline is None else member.deadline - 2 * (ended - started)
            if last is not None and due > last:
                due = last if last > ended else due  # the last poll, to end by the deadline (unless this was it)
                member.deadline = None  # once
            member._deliver(PollOutcome(started, mine), due)


async def _close(client: Any) -> None:
    """Close a facade async client (they all are async context managers); never raises."""
    exit_ = getattr(client, "__aexit__", None)
    if exit_ is None:
        return
    with contextlib.suppress(Exception):
        await asyncio.shield(exit_(None, None, None))


#: Each running event loop's pollers by key (see "State" in the module docstring).
_LOOPS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[Hashable, SharedPoller]] = weakref.WeakKeyDictionary()


#: Each running event loop's poll tasks that are ending (closing their clients), held until they are done.
_ENDING: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, set[asyncio.Task[None]]] = weakref.WeakKeyDictionary()


def _keep_until_done(loop: asyncio.AbstractEventLoop, task: asyncio.Task[None]) -> None:
    ending = _ENDING.setdefault(loop, set())
    ending.add(task)

    def done(finished: asyncio.Task[None]) -> None:
        ending.discard(finished)
        if not ending and _ENDING.get(loop) is ending:
            del _ENDING[loop]

    task.add_done_callback(done)


def _prune(loop: asyncio.AbstractEventLoop) -> None:
    if not _LOOPS.get(loop, True):
        del _LOOPS[loop]


def pollers() -> dict[Hashable, SharedPoller]:
    """The running event loop's pollers by key (a copy): empty once every member has left."""
    return dict(_LOOPS.get(asyncio.get_running_loop(), {}))


@contextlib.asynccontextmanager
async def joined(key: Hashable, open_client: ClientFactory) -> AsyncIterator[Member]:
    """Join the running loop's poller for ``key`` (made, with its client from ``open_client()``, if there is none).

    Yields the member once the client is open; leaves on exit, also when the awaiting task is cancelled. The error
    ``open_client`` raised is raised here, to every member that was waiting for that client (the next member to
    join tries again with a poller of its own).
    """
    loop = asyncio.get_running_loop()
    registry = _LOOPS.setdefault(loop, {})
    poller = registry.get(key)
    if poller is None:
        poller = registry[key] = SharedPoller(key, registry, open_client)
    member = poller.add()
    try:
        await poller.opened.wait()
        if poller.open_error is not None:
            raise poller.open_error
        yield member
    finally:
        poller.remove(member)
