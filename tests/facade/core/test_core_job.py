"""Job, JobPhase and Job.wait with an in-memory job service on a ManualClock."""

from __future__ import annotations

import datetime
import enum
import inspect
import sys
from typing import Any, ClassVar

import pytest
from core_fakejobs import FakeJob, FakeService, RefreshingStatusJob
from taskfacade import (
    InvalidArgument,
    Job,
    JobPhase,
    NotFound,
    RateLimited,
    ServerError,
    TaskFacadeError,
    Timeout,
    TransportError,
    UnsupportedOperation,
    WaitTimeout,
)


def test_phases() -> None:
    assert {p for p in JobPhase if p.finished} == {JobPhase.SUCCEEDED, JobPhase.FAILED, JobPhase.CANCELED}
    assert not JobPhase.UNKNOWN.finished
    assert not JobPhase.SUSPENDED.finished
    assert JobPhase.RUNNING == "RUNNING"


def test_phase_mapping_accepts_members_raw_values_and_unknowns() -> None:
    class Open(enum.StrEnum):
        A = "A"

        @classmethod
        def _missing_(cls, value: object) -> Open | None:
            if not isinstance(value, str):
                return None
            member = str.__new__(cls, value)
            member._name_, member._value_ = "UNKNOWN", value
            return member

    class OpenJob(FakeJob):
        STATUS_PHASES: ClassVar[dict[Any, JobPhase]] = {Open.A: JobPhase.RUNNING, "B": JobPhase.SUCCEEDED}

    assert OpenJob.phase_of(Open.A) is JobPhase.RUNNING
    assert OpenJob.phase_of("A") is JobPhase.RUNNING
    assert OpenJob.phase_of("B") is JobPhase.SUCCEEDED
    assert OpenJob.phase_of(Open("FUTURE")) is JobPhase.UNKNOWN  # an open-enum pseudo-member
    assert OpenJob.phase_of("FUTURE") is JobPhase.UNKNOWN
    assert OpenJob.phase_of(None) is JobPhase.UNKNOWN
    assert OpenJob.phase_of(["unhashable"]) is JobPhase.UNKNOWN


def test_a_bad_mapping_fails_at_class_creation() -> None:
    with pytest.raises(TypeError, match="must be a JobPhase"):

        class Bad(FakeJob):
            STATUS_PHASES: ClassVar[dict[Any, Any]] = {"X": "RUNNING"}


def test_job_is_abstract() -> None:
    with pytest.raises(TypeError):
        Job()  # type: ignore[abstract]


def test_defaults_of_the_common_surface() -> None:
    job = FakeJob(FakeService(), "j", "RUNNING")
    assert (job.status, job.phase, job.done) == ("RUNNING", JobPhase.RUNNING, False)
    assert (job.progress, job.error, job.created_utc, job.started_utc, job.finished_utc) == (None,) * 5
    with pytest.raises(UnsupportedOperation, match="cannot abort"):
        job.abort()
    assert repr(job) == "<FakeJob j status='RUNNING' phase=RUNNING>"


def test_wait_returns_the_final_status_polling_at_the_interval() -> None:
    service = FakeService()
    service.add("j", start=1, end=3.5)
    job = FakeJob(service, "j")
    assert job.wait(interval=1) == "DONE"
    assert [t for _, t, _ in service.calls] == [0, 1, 2, 3, 4]
    assert job.done


@pytest.mark.parametrize("final", ["ERROR", "STOPPED"])
def test_failure_and_cancel_are_statuses_not_errors(final: str) -> None:
    service = FakeService()
    service.add("j", 0, 2, final)
    assert FakeJob(service, "j").wait() == final


def test_timeout_is_one_overall_deadline() -> None:
    service = FakeService()
    service.add("j", 0, 100)
    job = FakeJob(service, "j")
    with pytest.raises(WaitTimeout) as caught:
        job.wait(timeout=5, interval=1)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.pending == [job]
    assert caught.value.timeout == 5
    assert service.now() == 5  # exactly the deadline: not timeout x retries, not timeout + interval
    assert "not finished within 5s" in str(caught.value)


def test_a_job_finishing_just_before_the_deadline_is_seen() -> None:
    service = FakeService()
    service.add("j", 0, 4.5)
    assert FakeJob(service, "j").wait(timeout=5, interval=1) == "DONE"
    assert service.now() == 5


def test_timeout_zero_polls_once() -> None:
    service = FakeService()
    service.add("j", 0, 10)
    with pytest.raises(WaitTimeout):
        FakeJob(service, "j").wait(timeout=0)
    assert len(service.calls) == 1


def test_an_unknown_status_never_ends_a_wait() -> None:
    service = FakeService()
    service.script("j", "RUNNING", "MYSTERY", "MYSTERY", "DONE")
    job = FakeJob(service, "j")
    assert job.wait(interval=1) == "DONE"
    assert len(service.calls) == 4
    service.script("k", "MYSTERY")
    with pytest.raises(WaitTimeout):
        FakeJob(service, "k").wait(timeout=3)


@pytest.mark.parametrize(
    "error",
    [
        TransportError("reset"),
        Timeout("slow"),
        RateLimited("slow down", status=429),
        ServerError("oops", status=503),
    ],
)
def test_transient_poll_errors_are_tolerated_up_to_the_bound(error: Exception) -> None:
    service = FakeService()
    service.add("j", 0, 3)
    service.failures = [error] * 3
    assert FakeJob(service, "j").wait(interval=1, max_poll_errors=3) == "DONE"
    service.add("k", 0, 10)
    service.failures = [error] * 4
    with pytest.raises(type(error)):
        FakeJob(service, "k").wait(interval=1, max_poll_errors=3)


def test_errors_reset_after_a_good_poll() -> None:
    service = FakeService()
    service.add("j", 0, 8)
    e = TransportError("flaky")
    service.failures = [e, e, None, e, e, None, e, e]  # never more than 2 in a row
    assert FakeJob(service, "j").wait(interval=1, max_poll_errors=2) == "DONE"
    assert len(service.calls) == 9


def test_wrapped_transient_errors_count_as_transient() -> None:
    class TasksError(TaskFacadeError):
        pass

    wrapped = TasksError("tasks can not be accessed")
    wrapped.__cause__ = ServerError("oops", status=502)
    service = FakeService()
    service.add("j", 0, 2)
    service.failures = [wrapped]
    assert FakeJob(service, "j").wait() == "DONE"


def test_other_errors_are_raised_at_once() -> None:
    service = FakeService()
    service.add("j", 0, 5)
    service.failures = [NotFound("gone", status=404)]
    with pytest.raises(NotFound):
        FakeJob(service, "j").wait(max_poll_errors=10)
    assert len(service.calls) == 1


def test_rate_limit_hint_stretches_the_next_poll() -> None:
    service = FakeService()
    service.add("j", 0, 1)
    service.failures = [RateLimited("slow", status=429, retry_after=7.0)]
    FakeJob(service, "j").wait(interval=1)
    assert [t for _, t, _ in service.calls] == [0, 7]


def test_wait_uses_a_non_refreshing_status() -> None:
    service = FakeService()
    service.add("j", 0, 3)
    job = RefreshingStatusJob(service, "j")
    assert job.wait(interval=1) == "DONE"
    assert len(service.calls) == 4  # one request per poll, none from reading status
    assert job.status == "DONE"
    assert len(service.calls) == 5


def test_polls_run_inside_the_wait_deadline() -> None:
    service = FakeService()
    service.add("j", 0, 2)
    FakeJob(service, "j").wait(timeout=10, interval=1)
    assert service.scope_seen == [10, 9, 8]
    service.scope_seen.clear()
    FakeJob(service, "j").wait(interval=1)
    assert service.scope_seen == [None]


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"timeout": -1}, "timeout"),
        ({"timeout": "10"}, "timeout"),
        ({"interval": 0}, "interval"),
        ({"interval": -2}, "interval"),
        ({"max_poll_errors": -1}, "max_poll_errors"),
        ({"max_poll_errors": 1.5}, "max_poll_errors"),
    ],
)
def test_bad_wait_arguments_are_refused_before_any_request(kwargs: dict[str, Any], parameter: str) -> None:
    service = FakeService()
    service.add("j", 0, 1)
    with pytest.raises(InvalidArgument) as caught:
        FakeJob(service, "j").wait(**kwargs)
    assert caught.value.parameter == parameter
    assert service.calls == []


def test_progress_bar_with_tqdm(capsys: pytest.CaptureFixture[str]) -> None:
    class ProgressJob(FakeJob):
        @property
        def progress(self) -> float | None:
            return 50.0 if self._status == "RUNNING" else None

    service = FakeService()
    service.add("j", 0, 2)
    assert ProgressJob(service, "j").wait(interval=1, progress_bar=True) == "DONE"
    err = capsys.readouterr().err
    assert "FakeJob j" in err
    assert "100/100" in err


def test_progress_bar_without_tqdm_is_off_with_a_warning_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now raises ImportError
    service = FakeService()
    service.add("j", 0, 2)
    with pytest.warns(UserWarning, match=r"tqdm is not installed \(pip install 'taskfacade\[progress\]'\)"):
        assert FakeJob(service, "j").wait(interval=1, progress_bar=True) == "DONE"
    assert capsys.readouterr().err == ""  # no bar drawn


def test_phase_may_depend_on_more_than_the_status() -> None:
    class TargetedJob(FakeJob):
        """Finished only once the status and a second field agree (like a task with a target status)."""

        target_reached = False

        def _peek_phase(self) -> JobPhase:
            phase = super()._peek_phase()
            return phase if self.target_reached else JobPhase.RUNNING

    service = FakeService()
    service.add("j", 0, 0)
    job = TargetedJob(service, "j")
    with pytest.raises(WaitTimeout):
        job.wait(timeout=3)
    assert (job.status, job.phase, job.done) == ("DONE", JobPhase.RUNNING, False)
    job.target_reached = True
    assert job.wait() == "DONE"
    assert job.done


def test_the_base_timestamp_names_collide_with_no_vendor_attribute() -> None:
    """``created_utc``/``started_utc``/``finished_utc`` are the ``Job`` names on every service; the old ``*_at``
    names are TensorBay's ints and Geobox's data attributes now, and deprecated aliases on TileDB and Deadline."""
    import geobox.task
    import tensorbay.client.job
    from taskfacade import deadline, tiledb
    from taskfacade import geobox as tf_geobox
    from taskfacade import tensorbay as tf_tensorbay

    base = {"created_utc", "started_utc", "finished_utc"}
    assert base <= set(dir(Job))
    assert not {"created_at", "started_at", "finished_at"} & set(dir(Job))
    vendor_names = set(dir(tensorbay.client.job.SquashAndMergeJob)) | set(dir(geobox.task.Task))
    vendor_names |= set(inspect.signature(tensorbay.client.job.Job).parameters)  # its instance attributes
    assert not base & vendor_names
    for cls in (tiledb.TileDBTask, deadline.DeadlineTask, tf_geobox.Task, tf_tensorbay.TensorBayJob):
        assert all(isinstance(inspect.getattr_static(cls, name), property) for name in base), cls


def test_the_old_names_warn_on_tiledb_and_deadline() -> None:
    from taskfacade import deadline, tiledb

    class Probe:
        created_utc = started_utc = finished_utc = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)

    for cls in (tiledb.TileDBTask, deadline.DeadlineTask):
        for old in ("created_at", "started_at", "finished_at"):
            alias = inspect.getattr_static(cls, old)
            with pytest.warns(DeprecationWarning, match=f"{old} is deprecated; use {old[:-3]}_utc"):
                assert alias.fget(Probe()) == Probe.created_utc
