"""Response bodies: TaskSummary, TaskSearchSummary, BatchGetTaskItem, JobSummary, GetJob's Job and the steps'."""

from __future__ import annotations

from typing import Any

from ._model import TaskRecord, TaskState, job_run_status, status_counts, task_state
from ._repo import JobRecord, StepRecord
from ._sessions import latest_action_id
from ._wire import iso

LIFECYCLE_MESSAGE = "Job creation complete."


def _run_fields(task: TaskRecord, state: TaskState) -> dict[str, Any]:
    """The members TaskSummary and TaskSearchSummary share (everything but the ids and creation)."""
    body: dict[str, Any] = {"runStatus": state.run_status, "failureRetryCount": task.failure_retry_count}
    if task.target_run_status is not None:
        body["targetRunStatus"] = task.target_run_status
    if state.started_at is not None:
        body["startedAt"] = iso(state.started_at)
        body["latestSessionActionId"] = latest_action_id(task)
    if state.ended_at is not None:
        body["endedAt"] = iso(state.ended_at)
    if task.updated_at is not None and task.updated_by is not None:
        body["updatedAt"] = iso(task.updated_at)
        body["updatedBy"] = task.updated_by
    if task.parameters:
        body["parameters"] = task.parameters
    return body


def task_summary(task: TaskRecord, now: float) -> dict[str, Any]:
    """GetTask's output and ListTasks' items."""
    created = {"taskId": task.task_id, "createdAt": iso(task.created_at), "createdBy": task.created_by}
    return {**created, **_run_fields(task, task_state(task, now))}


def task_search_summary(task: TaskRecord, state: TaskState) -> dict[str, Any]:
    """A SearchTasks hit: no creation members, plus the step, job and queue ids."""
    ids = {"taskId": task.task_id, "stepId": task.step_id, "jobId": task.job_id, "queueId": task.queue_id}
    return {**ids, **_run_fields(task, state)}


def batch_item(task: TaskRecord, now: float) -> dict[str, Any]:
    """A BatchGetTask item: the five identifiers plus the task's fields."""
    return {**task.identifiers, **task_summary(task, now)}


def _rollup(tasks: list[TaskRecord], now: float) -> dict[str, Any]:
    """The members a job and a step roll up from their tasks: run status, counts, retries and times."""
    states = [task_state(t, now) for t in tasks]
    statuses = [s.run_status for s in states]
    body: dict[str, Any] = {
        "taskRunStatus": job_run_status(statuses),
        "taskRunStatusCounts": status_counts(statuses),
        "taskFailureRetryCount": sum(t.failure_retry_count for t in tasks),
    }
    started = [s.started_at for s in states if s.started_at is not None]
    if started:
        body["startedAt"] = iso(min(started))
    ended = [s.ended_at for s in states]
    if ended and all(e is not None for e in ended):
        body["endedAt"] = iso(max(e for e in ended if e is not None))
    updates = [(t.updated_at, t.updated_by) for t in tasks if t.updated_at is not None and t.updated_by is not None]
    if updates:
        updated_at, updated_by = max(updates, key=lambda u: u[0] or 0.0)
        body["updatedAt"], body["updatedBy"] = iso(updated_at or 0.0), updated_by
    return body


def job_summary(job: JobRecord, tasks: list[TaskRecord], now: float) -> dict[str, Any]:
    """ListJobs' items: the job's fields with its tasks' statuses rolled up."""
    rollup = _rollup(tasks, now)
    body: dict[str, Any] = {
        "jobId": job.job_id,
        "name": job.name,
        "lifecycleStatus": "CREATE_COMPLETE",
        "lifecycleStatusMessage": LIFECYCLE_MESSAGE,
        "priority": job.priority,
        "createdAt": iso(job.created_at),
        "createdBy": job.created_by,
        "taskRunStatus": rollup.pop("taskRunStatus"),
        "taskRunStatusCounts": rollup.pop("taskRunStatusCounts"),
        "taskFailureRetryCount": rollup.pop("taskFailureRetryCount"),
        "maxFailedTasksCount": job.max_failed_tasks,
        "maxRetriesPerTask": job.max_retries_per_task,
        "maxWorkerCount": job.max_worker_count,
    }
    return {**body, **rollup}


def job_detail(job: JobRecord, tasks: list[TaskRecord], now: float) -> dict[str, Any]:
    """GetJob's output: the summary plus parameters and description."""
    body = job_summary(job, tasks, now)
    if job.parameters:
        body["parameters"] = job.parameters
    if job.description:
        body["description"] = job.description
    return body


def job_search_summary(job: JobRecord, tasks: list[TaskRecord], now: float) -> dict[str, Any]:
    """A SearchJobs hit (JobSearchSummary): the summary with the queue id and the parameters as jobParameters."""
    body = {"queueId": job.queue_id, **job_summary(job, tasks, now)}
    if job.parameters:
        body["jobParameters"] = job.parameters
    return body


def batch_job_item(job: JobRecord, tasks: list[TaskRecord], now: float) -> dict[str, Any]:
    """A BatchGetJob item: the farm and queue ids plus GetJob's members."""
    return {"farmId": job.farm_id, "queueId": job.queue_id, **job_detail(job, tasks, now)}


def step_summary(step: StepRecord, job: JobRecord, tasks: list[TaskRecord], now: float) -> dict[str, Any]:
    """ListSteps' items (StepSummary): the step's tasks rolled up; steps have no dependencies here."""
    body: dict[str, Any] = {
        "stepId": step.step_id,
        "name": step.name,
        "lifecycleStatus": "CREATE_COMPLETE",
        "lifecycleStatusMessage": "Step creation complete.",
        "createdAt": iso(step.created_at),
        "createdBy": job.created_by,
        **_rollup(tasks, now),
        "dependencyCounts": {
            "dependenciesResolved": 0,
            "dependenciesUnresolved": 0,
            "consumersResolved": 0,
            "consumersUnresolved": 0,
        },
    }
    return body


def step_detail(step: StepRecord, job: JobRecord, tasks: list[TaskRecord], now: float) -> dict[str, Any]:
    """GetStep's output: the summary plus a description."""
    return {**step_summary(step, job, tasks, now), "description": f"{step.name} of {job.name}"}


def step_search_summary(step: StepRecord, job: JobRecord, tasks: list[TaskRecord], now: float) -> dict[str, Any]:
    """A SearchSteps hit (StepSearchSummary): no dependency counts, plus the job and queue ids."""
    body = step_summary(step, job, tasks, now)
    del body["dependencyCounts"]
    return {"jobId": job.job_id, "queueId": job.queue_id, **body}
