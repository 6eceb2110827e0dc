"""``get_waiter``: boto3's Deadline job waiters, run by boto3 and by taskfacade against the same emulator job.

Each case records what a user observes: returned or raised, ``WaiterError``'s message, the ``last_response``'s
status fields, and how many GetJob requests the waiter made. boto3's sleeps are routed to the emulator's clock
(as the facade's ``EmulatorClock`` does), so a waiter that needs several polls sees the job progress identically.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from typing import Any

import boto3
import botocore.config
import botocore.exceptions
import botocore.waiter
import pytest
import taskfacade
from deadline_support import KEY, SECRET, EmulatorClock, make_client
from taskfacade import deadline
from taskfacade_emulator import Emulator

JOB_KEYS = ("farmId", "queueId")
Outcome = tuple[str, str | None, dict[str, Any], int]


def _boto(emu: Emulator) -> Any:
    config = botocore.config.Config(inject_host_prefix=False, retries={"mode": "standard", "total_max_attempts": 1})
    session = boto3.session.Session(region_name="eu-west-1")
    return session.client(
        "deadline", endpoint_url=emu.base_url("deadline"), aws_access_key_id=KEY, aws_secret_access_key=SECRET,
        config=config,
    )  # fmt: skip


def _observe(emu: Emulator, wait: Callable[[], None], error: type[Exception]) -> Outcome:
    """(returned/raised, the WaiterError message, the last response's statuses, GetJob requests)."""
    emu.clear_request_counts()
    try:
        wait()
        result: Outcome = ("returned", None, {}, 0)
    except error as caught:
        last = caught.last_response  # type: ignore[attr-defined]
        fields = {k: last.get(k) for k in ("taskRunStatus", "lifecycleStatus", "jobId")}
        fields["Error"] = last.get("Error", {}).get("Code")
        result = ("raised", str(caught), fields, 0)
    requests = sum(n for route, n in emu.request_counts()["deadline"].items() if route.startswith("GET"))
    return (*result[:3], requests)


def _both(emu: Emulator, tclient: Any, name: str, **kwargs: Any) -> tuple[Outcome, Outcome]:
    boto = _boto(emu)
    theirs = _observe(emu, lambda: boto.get_waiter(name).wait(**kwargs), botocore.exceptions.WaiterError)
    ours = _observe(emu, lambda: tclient.get_waiter(name).wait(**kwargs), deadline.WaiterError)
    return theirs, ours


def _jobs(seeded: dict[str, Any], tclient: Any) -> dict[str, str]:
    """The seeded jobs by their current taskRunStatus."""
    where = {k: seeded[k] for k in JOB_KEYS}
    return {tclient.get_job(**where, jobId=j)["taskRunStatus"]: j for j in seeded["job_ids"]}


@pytest.mark.parametrize("name", ["job_complete", "job_succeeded", "job_create_complete"])
def test_waiters_on_every_seeded_job_equal_boto3(
    emu: Emulator, tclient: Any, seeded: dict[str, Any], name: str
) -> None:
    jobs = _jobs(seeded, tclient)
    assert {"SUCCEEDED", "FAILED", "CANCELED", "RUNNING"} <= set(jobs)
    where = {k: seeded[k] for k in JOB_KEYS}
    for job_id in jobs.values():
        config = {"Delay": 0, "MaxAttempts": 2}
        theirs, ours = _both(emu, tclient, name, **where, jobId=job_id, WaiterConfig=config)
        assert ours == theirs


def test_unexpected_service_error_equals_boto3(emu: Emulator, tclient: Any, seeded: dict[str, Any]) -> None:
    where = {k: seeded[k] for k in JOB_KEYS}
    missing = "job-" + "0" * 32
    theirs, ours = _both(emu, tclient, "job_complete", **where, jobId=missing, WaiterConfig={"Delay": 0})
    assert ours == theirs
    assert ours[0] == "raised"
    assert "An error occurred (ResourceNotFoundException)" in str(ours[1])
    assert ours[3] == 1  # an unexpected error ends the wait at once


@pytest.mark.parametrize("name", ["job_complete", "job_succeeded"])
def test_waiting_through_a_running_job_equals_boto3(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The main job runs for about two emulated hours: both wait it out with the same number of polls."""
    outcomes = []
    for side in ("boto3", "taskfacade"):
        with Emulator(seed_count=60, speed=0) as emu:
            seeded = emu.seeded()["deadline"]
            kwargs = {**{k: seeded[k] for k in JOB_KEYS}, "jobId": seeded["jobId"]}
            kwargs["WaiterConfig"] = {"Delay": 900, "MaxAttempts": 40}
            clock = EmulatorClock(emu)
            if side == "boto3":
                boto = _boto(emu)
                monkeypatch.setattr(botocore.waiter, "time", types.SimpleNamespace(sleep=clock.sleep))
                wait = functools.partial(boto.get_waiter(name).wait, **kwargs)
                outcome = _observe(emu, wait, botocore.exceptions.WaiterError)
                monkeypatch.undo()
            else:
                with make_client(emu, clock) as client:
                    wait = functools.partial(client.get_waiter(name).wait, **kwargs)
                    outcome = _observe(emu, wait, deadline.WaiterError)
            outcomes.append(outcome)
    assert outcomes[0] == outcomes[1]
    assert outcomes[1][3] > 2  # it did poll through the run


def test_waiter_error_shape(tclient: Any, seeded: dict[str, Any]) -> None:
    where = {k: seeded[k] for k in JOB_KEYS}
    waiter = tclient.get_waiter("job_succeeded")
    assert waiter.name == "JobSucceeded"
    with pytest.raises(deadline.WaiterError) as caught:
        waiter.wait(**where, jobId=seeded["jobId"], WaiterConfig={"Delay": 0, "MaxAttempts": 1})
    assert isinstance(caught.value, taskfacade.TaskFacadeError)
    assert caught.value.last_response["jobId"] == seeded["jobId"]
    assert str(caught.value) == "Waiter JobSucceeded failed: Max attempts exceeded"
    assert tclient.waiter_names == ["job_complete", "job_create_complete", "job_succeeded"]


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda c, w: c.get_waiter("fleet_active"), "waiter_name"),
        (lambda c, w: c.get_waiter("job_complete").wait(**w, WaiterConfig={"Delay": -1}), "WaiterConfig.Delay"),
        (lambda c, w: c.get_waiter("job_complete").wait(**w, WaiterConfig={"MaxAttempts": 0}), "MaxAttempts"),
        (lambda c, w: c.get_waiter("job_complete").wait(**w, WaiterConfig={"Sleep": 1}), "WaiterConfig"),
        (lambda c, w: c.get_waiter("job_complete").wait(**{**w, "jobId": "bad"}), "jobId"),
    ],
)
def test_bad_waiter_input_refused_before_any_request(
    emu: Emulator, tclient: Any, seeded: dict[str, Any], call: Any, parameter: str
) -> None:
    where = {**{k: seeded[k] for k in JOB_KEYS}, "jobId": seeded["jobId"]}
    emu.clear_request_counts()
    with pytest.raises(taskfacade.InvalidArgument, match=parameter):
        call(tclient, where)
    assert not emu.request_counts()["deadline"]
