"""Helpers shared by the Deadline facade tests (named to avoid clashes with other test folders' helpers)."""

from __future__ import annotations

from typing import Any

import taskfacade
from taskfacade import deadline
from taskfacade_emulator import Emulator

KEY, SECRET = "AKIDEMULATOR", "emulator-secret"
STEP_KEYS = ("farmId", "queueId", "jobId", "stepId")


class EmulatorClock(taskfacade.ManualClock):
    """Time for the facade (retries, waits) that drags the emulator's clock along, so waits run in milliseconds
    while the tasks progress exactly as they would in real time."""

    def __init__(self, emu: Emulator) -> None:
        super().__init__()
        self.emu = emu

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        if seconds > 0:
            self.emu.advance(seconds)


def make_client(emu: Emulator, clock: taskfacade.Clock | None = None, **kwargs: Any) -> deadline.DeadlineClient:
    """A facade client on the emulator (explicit credentials, an empty environment)."""
    options: dict[str, Any] = {
        "endpoint_url": emu.base_url("deadline"),
        "aws_access_key_id": KEY,
        "aws_secret_access_key": SECRET,
        "environ": {},
        **kwargs,
    }
    if clock is not None:
        options["clock"] = clock
    return deadline.client(**options)


def deadline_requests(emu: Emulator) -> int:
    """Requests the emulator counted for Deadline (faulted ones included)."""
    return sum(emu.request_counts()["deadline"].values())


def task_ids(step: dict[str, str], task_id: str) -> dict[str, str]:
    """The five ids of a task of ``step``."""
    return {**step, "taskId": task_id}


def missing_task(task_id: str) -> str:
    """A well-formed id of a task that does not exist in the same step."""
    return task_id.rsplit("-", 1)[0] + "-99999"


def boto_client(emu: Emulator) -> Any:
    """boto3's deadline client on the emulator: no host prefix, no retries (boto3 is a dev dependency)."""
    import boto3
    import botocore.config

    config = botocore.config.Config(inject_host_prefix=False, retries={"mode": "standard", "total_max_attempts": 1})
    return boto3.session.Session(region_name="eu-west-1").client(
        "deadline", endpoint_url=emu.base_url("deadline"), aws_access_key_id=KEY, aws_secret_access_key=SECRET,
        config=config,
    )  # fmt: skip


def strip_metadata(value: Any) -> Any:
    """A response without its per-request metadata (request ids, headers)."""
    if isinstance(value, dict):
        return {k: strip_metadata(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [strip_metadata(v) for v in value]
    return value
