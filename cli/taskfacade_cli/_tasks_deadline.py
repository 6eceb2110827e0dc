"""AWS Deadline Cloud in the command line, over ``taskfacade.deadline`` (boto3's client shape, seed 002).

Credentials and region: the profile's ``deadline`` table, else what ``taskfacade.deadline.client`` resolves itself
(``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``/``AWS_SESSION_TOKEN``, ``AWS_PROFILE``, ``AWS_DEFAULT_REGION``,
``~/.aws/credentials`` and ``~/.aws/config``). A task lives in a farm, queue, job and step: ``--farm-id``,
``--queue-id``, ``--job-id``, ``--step-id`` (or the profile's ``farm_id``... keys, or the emulator's seeded ids).
"""

from __future__ import annotations

from typing import Any

from taskfacade import InvalidArgument, deadline
from taskfacade.deadline import DeadlineTask

from ._service import Listing, ListQuery, Row, Service, peek_row, phase_names
from ._svc_deadline import ID_OPTIONS

__all__ = ["SERVICE", "DeadlineService"]


class DeadlineService(Service):
    """Deadline tasks of one step: list (ListTasks, filtered here), show, wait (BatchGetTask), cancel, requeue."""

    name = "deadline"
    status_phases = phase_names(DeadlineTask.STATUS_PHASES)
    cancel_verb = "UpdateTask targetRunStatus=CANCELED"
    retry_verb = "requeue: UpdateTask targetRunStatus=PENDING"
    parameters = {
        "taskId": ("ID", None),
        "endpoint_url": ("--endpoint", "endpoint"),
        "region_name": (None, "region"),
        "profile_name": (None, "aws_profile"),
        "aws_access_key_id": (None, "access_key_id"),
        "aws_secret_access_key": (None, "secret_access_key"),
        "aws_session_token": (None, "session_token"),
        **{name: (option, key) for name, option, key in ID_OPTIONS},
    }

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        s = self.settings
        try:
            self.client = deadline.client(
                region_name=s.get("region"),
                endpoint_url=s.get("endpoint"),
                aws_access_key_id=s.get("access_key_id"),
                aws_secret_access_key=s.get("secret_access_key"),
                aws_session_token=s.get("session_token"),
                profile_name=s.get("aws_profile"),
                retry_mode=self.context.retry_mode,
                trust_env=self.context.trust_env,
            )
        except InvalidArgument as error:
            if error.parameter != "aws_access_key_id" or error.value is not None:  # not "found nowhere"
                raise
            raise self.no_credentials(
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or ~/.aws/credentials)",
                "access_key_id",
                "deadline.secret_access_key, or deadline.aws_profile",
            ) from None

    def ids(self) -> dict[str, str]:
        """farmId, queueId, jobId and stepId: options, else the profile, else the emulator's seeded ids."""
        seeded: dict[str, Any] | None = None
        ids = {}
        for name, option, key in ID_OPTIONS:
            value = getattr(self.options, key, None) or self.settings.get(key)
            if not value and self.context.emulator:
                seeded = seeded if seeded is not None else self.context.emulator_seeded("deadline")
                value = seeded.get(name)
            ids[name] = self.required(option, value, key)
        return ids

    def list_tasks(self, query: ListQuery) -> Listing:
        ids = self.ids()
        pages = self.client.get_paginator("list_tasks").paginate(**ids, PaginationConfig={"PageSize": 100})
        found = [
            DeadlineTask(self.client, {**ids, "taskId": item["taskId"]}, item)
            for item in pages.items()
            if query.window.contains(item.get("createdAt"))
            and (query.statuses is None or item.get("runStatus") in query.statuses)
        ]
        found.sort(key=lambda task: (task.created_utc is not None, task.created_utc), reverse=True)
        return Listing(iter(found), total=len(found))

    def get(self, task_id: str) -> DeadlineTask:
        task = self.client.task(**self.ids(), taskId=task_id)
        task.refresh()
        return task

    def row(self, job: DeadlineTask) -> Row:
        name = ", ".join(f"{key}={_parameter(value)}" for key, value in job.parameters.items())
        return peek_row(
            self.name,
            job,
            job.task_id,
            name=name or None,
            created_at=job.created_utc,
            started_at=job.started_utc,
            finished_at=job.finished_utc,
            error=job.error,
        )

    def details(self, job: DeadlineTask) -> dict[str, Any]:
        return {**job.ids, **job.data}

    def cancel(self, job: DeadlineTask) -> None:
        job.cancel()
        job.refresh()

    def retry(self, job: DeadlineTask) -> None:
        self.client.update_task(**job.ids, targetRunStatus="PENDING")
        job.refresh()

    def close(self) -> None:
        self.client.close()


def _parameter(value: Any) -> str:
    """A task parameter's value (``{"int": "12"}`` -> ``12``); ``?`` for a member this version does not know."""
    if isinstance(value, dict) and len(value) == 1:
        member, inner = next(iter(value.items()))
        return "?" if member == "SDK_UNKNOWN_MEMBER" else str(inner)
    return "?"


SERVICE = DeadlineService
