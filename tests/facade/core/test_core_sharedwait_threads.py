"""Concurrent sync ``Job.wait()`` calls from many threads share polls (``_sharedwait_threads.py``) without sharing
what is not theirs: about one batch request per poll for all of them, a lasting error of one job ends that job's
wait alone, a wait only takes the result of a poll its own job was in, a leader whose deadline cuts its poll short
leaves the others to poll again, and each wait keeps its own deadline and cancel signal.

On the real clock (a ``ManualClock`` moves time by every sleeper's sleep, which concurrent sleepers break), with
intervals long enough that a wait which wrongly sleeps one shows as a timeout.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from typing import Any

import pytest
from core_fakejobs import BatchJob, FakeService
from taskfacade import Job, NotFound, ServerError, SystemClock, Timeout, WaitCancelled, WaitTimeout, _sharedwait_threads
from taskfacade._timelimit import remaining_in_scope


@pytest.fixture
def service() -> FakeService:
    made = FakeService()
    made.clock = SystemClock()  # type: ignore[assignment]
    made.t0 = made.clock.monotonic()
    return made


class GatedJob(BatchJob):
    """A batched job whose group refresh records the jobs it was given and can be held at a gate (until the
    gate opens, or the wait's deadline comes: then it fails as the transport would, with ``Timeout``)."""

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        gated = [job for job in jobs if isinstance(job, GatedJob)]
        box = gated[0].box
        box["polls"].append(sorted(job.job_id for job in gated))
        gate: threading.Event | None = box.get("gate")
        if gate is not None:
            box["entered"].set()
            if not gate.wait(remaining_in_scope()):
                raise Timeout("the wait's deadline came during the request")
        super()._refresh_many(jobs)

    def __init__(self, service: FakeService, job_id: str, box: dict[str, Any]) -> None:
        super().__init__(service, job_id)
        self.box = box


def _run(job: Job[Any], results: dict[str, Any], ended: dict[str, float], **kwargs: Any) -> threading.Thread:
    def target() -> None:
        try:
            results[job.job_id] = job.wait(**kwargs)  # type: ignore[attr-defined]
        except Exception as exc:
            results[job.job_id] = exc  # type: ignore[attr-defined]
        ended[job.job_id] = time.monotonic()  # type: ignore[attr-defined]

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def _join(threads: Sequence[threading.Thread], limit: float = 10) -> None:
    end = time.monotonic() + limit
    for thread in threads:
        thread.join(max(end - time.monotonic(), 0))
        assert not thread.is_alive(), "a wait did not return"
    assert _sharedwait_threads._ROOMS.rooms == {}  # nothing outlives the waits


def test_n_threads_on_n_jobs_cost_about_one_batch_request_per_poll(service: FakeService) -> None:
    threads_before = threading.active_count()
    for i in range(40):
        service.add(f"j{i}", 0, 0.5 + 0.01 * (i % 4))
    results: dict[str, Any] = {}
    ended: dict[str, float] = {}
    start = time.monotonic()
    threads = [_run(BatchJob(service, f"j{i}"), results, ended, interval=0.1, timeout=5) for i in range(40)]
    _join(threads)
    elapsed = time.monotonic() - start
    assert results == {f"j{i}": "DONE" for i in range(40)}
    assert max(ended.values()) - start <= 0.53 + 0.1 + 0.15  # each noticed within about one interval
    kinds = [kind for kind, _, _ in service.calls]
    assert set(kinds) == {"batch"}
    # Alone, each wait would send one GET a poll: 40 x ~6 = ~240. Shared: while the threads start one after
    # another, a newcomer finds the last poll ended without its job and leads its own (these fake polls take no
    # time: with real requests, newcomers follow the poll under way); once all have started, about one batch a
    # poll for all of them.
    polls = elapsed / 0.1 + 1
    started = service.calls[0][1] + 0.05  # every thread has joined its room by then (half an interval)
    steady = [call for call in service.calls if call[1] > started]
    assert len(steady) <= 1.5 * polls, (len(steady), polls)
    assert len(service.calls) <= 40 + 1.5 * polls
    assert max(count for _, _, count in service.calls) == 40  # one batch held every waiting job
    assert threading.active_count() == threads_before  # no background thread


def test_a_missing_job_ends_its_own_wait_not_the_others(service: FakeService) -> None:
    for i in range(6):
        service.add(f"b{i}", 0, 0.3)
    gone = NotFound("b3 was deleted", status=404)
    service.gone["b3"] = gone
    results: dict[str, Any] = {}
    threads = [_run(BatchJob(service, f"b{i}"), results, {}, interval=0.1, timeout=5) for i in range(6)]
    _join(threads)
    assert results.pop("b3") is gone
    assert results == {f"b{i}": "DONE" for i in range(6) if i != 3}
    # the failed batch was traced job by job; later polls batch the five others only
    assert any(kind == "get" for kind, _, _ in service.calls)
    assert service.calls[-1][0] == "batch"
    assert service.calls[-1][2] == 5


def test_a_transient_error_is_shared_and_tolerated(service: FakeService) -> None:
    for i in range(3):
        service.add(f"t{i}", 0, 0.3)
    service.failures = [ServerError("503", status=503)]
    results: dict[str, Any] = {}
    threads = [_run(BatchJob(service, f"t{i}"), results, {}, interval=0.1, timeout=5) for i in range(3)]
    _join(threads)
    assert results == {"t0": "DONE", "t1": "DONE", "t2": "DONE"}
    assert [kind for kind, _, _ in service.calls] == ["batch"] * len(service.calls)  # never traced one by one


def test_a_wait_joining_during_a_poll_does_not_take_its_result(service: FakeService) -> None:
    service.add("a", 0, 0)
    service.add("b", 0, 0)
    box: dict[str, Any] = {"polls": [], "gate": threading.Event(), "entered": threading.Event()}
    results: dict[str, Any] = {}
    first = _run(GatedJob(service, "a", box), results, {}, interval=30, timeout=60)
    assert box["entered"].wait(5)  # a's poll is under way, held at the gate
    second = _run(GatedJob(service, "b", box), results, {}, interval=30, timeout=60)
    time.sleep(0.05)  # b's wait has joined and found the poll under way
    gate = box["gate"]
    box["gate"] = None
    gate.set()
    _join([first, second], limit=3)  # b's interval is 30 s: a wait that took a's poll as its own would sleep it
    assert results == {"a": "DONE", "b": "DONE"}
    assert box["polls"] in ([["a"], ["a", "b"]], [["a"], ["b"]])


def test_a_fresh_poll_without_the_job_is_not_taken(service: FakeService) -> None:
    service.add("slow", 0, 100)
    service.add("new", 0, 0)
    box: dict[str, Any] = {"polls": []}
    results: dict[str, Any] = {}
    slow = _run(GatedJob(service, "slow", box), results, {}, interval=30, timeout=1.5)
    time.sleep(0.1)  # slow's poll has just ended: fresh for 15 s of a 30 s interval
    assert box["polls"] == [["slow"]]
    new = _run(GatedJob(service, "new", box), results, {}, interval=30, timeout=60)
    _join([slow, new], limit=3)
    assert results["new"] == "DONE"
    assert isinstance(results["slow"], WaitTimeout)
    assert box["polls"][1] == ["new", "slow"]  # new's own poll (with the waiting slow job: one batch)


def test_a_leader_whose_deadline_cuts_its_poll_leaves_the_others_to_poll_again(service: FakeService) -> None:
    service.add("other", 0, 0.3)
    service.add("leader", 0, 100)
    box: dict[str, Any] = {"polls": []}
    results: dict[str, Any] = {}
    ended: dict[str, float] = {}
    start = time.monotonic()
    # other polls at 0 s (running), then sleeps its 1 s interval; with max_poll_errors=0 it raises the first
    # transient error it takes
    other = _run(GatedJob(service, "other", box), results, ended, interval=1.0, timeout=5, max_poll_errors=0)
    time.sleep(0.05)
    box.update(gate=threading.Event(), entered=threading.Event())
    # the leader's first poll holds both jobs (other is still waiting in the room) and hangs until the leader's
    # deadline cuts it (Timeout, transient) at ~0.75 s: fresh for 0.5 s of other's interval when other wakes at 1 s
    leader = _run(GatedJob(service, "leader", box), results, ended, interval=0.1, timeout=0.7)
    leader.join(3)
    box["gate"] = None
    _join([leader, other], limit=5)
    assert box["polls"][:2] == [["other"], ["leader", "other"]]
    assert isinstance(results["leader"], WaitTimeout)
    assert 0.7 <= ended["leader"] - start <= 1.0
    # other did not take the cut poll's error as its own: it polled again itself
    assert results["other"] == "DONE"
    assert box["polls"][2] == ["other"]


def test_a_follower_leaves_at_its_own_deadline_while_the_leader_is_held(service: FakeService) -> None:
    service.add("a", 0, 0)
    service.add("b", 0, 100)
    box: dict[str, Any] = {"polls": [], "gate": threading.Event(), "entered": threading.Event()}
    results: dict[str, Any] = {}
    ended: dict[str, float] = {}
    first = _run(GatedJob(service, "a", box), results, ended, interval=5, timeout=60)
    assert box["entered"].wait(5)
    start = time.monotonic()
    second = _run(GatedJob(service, "b", box), results, ended, interval=5, timeout=0.3)
    second.join(3)
    assert not second.is_alive()
    assert isinstance(results["b"], WaitTimeout)
    assert 0.3 <= ended["b"] - start <= 0.6  # its own deadline, not the leader's held poll nor its 5 s interval
    gate = box["gate"]
    box["gate"] = None
    gate.set()
    _join([first])
    assert results["a"] == "DONE"


def test_a_cancel_signal_stops_its_own_wait_only(service: FakeService) -> None:
    for i in range(4):
        service.add(f"c{i}", 0, 0.6)
    cancel = threading.Event()
    results: dict[str, Any] = {}
    ended: dict[str, float] = {}
    threads = [
        _run(BatchJob(service, f"c{i}"), results, ended, interval=0.1, timeout=5, cancel=cancel if i == 2 else None)
        for i in range(4)
    ]
    time.sleep(0.2)
    cancelled_at = time.monotonic()
    cancel.set()
    _join(threads)
    assert isinstance(results.pop("c2"), WaitCancelled)
    assert ended["c2"] - cancelled_at <= 0.15  # within one interval
    assert results == {"c0": "DONE", "c1": "DONE", "c3": "DONE"}


def test_a_cancel_signal_stops_a_follower_while_the_leader_is_held(service: FakeService) -> None:
    service.add("a", 0, 0)
    service.add("b", 0, 100)
    box: dict[str, Any] = {"polls": [], "gate": threading.Event(), "entered": threading.Event()}
    results: dict[str, Any] = {}
    ended: dict[str, float] = {}
    cancel = threading.Event()
    first = _run(GatedJob(service, "a", box), results, ended, interval=5, timeout=60)
    assert box["entered"].wait(5)
    second = _run(GatedJob(service, "b", box), results, ended, interval=0.2, timeout=60, cancel=cancel)
    time.sleep(0.1)
    cancelled_at = time.monotonic()
    cancel.set()
    second.join(3)
    assert isinstance(results["b"], WaitCancelled)
    assert ended["b"] - cancelled_at <= 0.3  # within one of its intervals, the leader still held
    assert first.is_alive()
    gate = box["gate"]
    box["gate"] = None
    gate.set()
    _join([first])
    assert results["a"] == "DONE"


def test_each_wait_keeps_its_own_deadline(service: FakeService) -> None:
    for i in range(3):
        service.add(f"d{i}", 0, 1.0)
    results: dict[str, Any] = {}
    ended: dict[str, float] = {}
    start = time.monotonic()
    threads = [
        _run(BatchJob(service, f"d{i}"), results, ended, interval=0.1, timeout=timeout)
        for i, timeout in enumerate((0.25, 0.5, 5))
    ]
    _join(threads)
    assert isinstance(results["d0"], WaitTimeout)
    assert isinstance(results["d1"], WaitTimeout)
    assert results["d2"] == "DONE"
    # the last poll is timed to end by the deadline (it starts twice a poll's time early), then WaitTimeout
    assert 0.25 - 0.02 <= ended["d0"] - start <= 0.45
    assert 0.5 - 0.02 <= ended["d1"] - start <= 0.7
    assert {kind for kind, _, _ in service.calls} == {"batch"}


def test_done_callbacks_run_once_for_each_wait(service: FakeService) -> None:
    for i in range(5):
        service.add(f"e{i}", 0, 0.2)
    seen: list[str] = []
    lock = threading.Lock()

    def note(job: Any) -> None:
        with lock:
            seen.append(job.job_id)

    jobs = [BatchJob(service, f"e{i}") for i in range(5)]
    for job in jobs:
        job.add_done_callback(note)
    threads = [_run(job, {}, {}, interval=0.05, timeout=5) for job in jobs]
    _join(threads)
    assert sorted(seen) == [f"e{i}" for i in range(5)]


def test_two_waits_on_one_job_object_both_see_it_finish(service: FakeService) -> None:
    service.add("same", 0, 0.4)
    service.add("other", 0, 0.2)
    job = BatchJob(service, "same")
    results: dict[str, Any] = {}
    first = _run(job, results, {}, interval=0.1, timeout=5)
    second = _run(job, results, {}, interval=0.1, timeout=0.2)  # leaves first, on its deadline
    third = _run(BatchJob(service, "other"), results, {}, interval=0.1, timeout=5)
    second.join(3)
    _join([first, second, third])
    # the job stayed polled for the first wait after the second left: it saw it finish
    assert results == {"same": "DONE", "other": "DONE"}
    assert service.calls[-1][2] == 1


@pytest.mark.skipif(not hasattr(os, "register_at_fork"), reason="fork is POSIX")
def test_a_forked_child_finds_no_room_and_a_free_lock(service: FakeService) -> None:
    # The parent's other threads do not live on in a forked child (multiprocessing's "fork" start method): had a
    # wait of theirs left a room, or held the lock, the child's waits would block on it for ever.
    service.add("j1", 0, 0.05)
    box: dict[str, Any] = {"polls": [], "gate": threading.Event(), "entered": threading.Event()}
    results: dict[str, Any] = {}
    held = _run(GatedJob(service, "j1", box), results, {}, interval=0.1, timeout=5)
    assert box["entered"].wait(5)  # the parent's waiting thread leads a poll, held at the gate: a room is in use
    assert _sharedwait_threads._ROOMS.rooms
    with _sharedwait_threads._CHANGED:  # and the lock is held while the process forks
        child = multiprocessing.get_context("fork").Process(target=_child_checks)
        child.start()
    child.join(10)
    box["gate"].set()
    _join([held])
    assert child.exitcode == 0
    assert results == {"j1": "DONE"}


def _child_checks() -> None:
    assert _sharedwait_threads._CHANGED.acquire(timeout=2), "the lock is still held in the child"
    _sharedwait_threads._CHANGED.release()
    assert _sharedwait_threads._ROOMS.rooms == {}, "the parent's rooms live on in the child"
