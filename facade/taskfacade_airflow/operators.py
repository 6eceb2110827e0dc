"""Operators: wait for taskfacade jobs (deferrable by default), and submit TensorBay jobs.

``TaskfacadeWaitOperator`` waits for jobs given as continuation tokens (``job.to_token()``, e.g. another task's
XCom) or as ids of the connection's service. Deferred, it frees its worker slot and waits in Airflow's triggerer
(``TaskfacadeJobsTrigger``), where all waits on one connection share one batched poller; not deferred, it polls in
the worker with the same batching. Either way the task's XCom return value is the final jobs list::

    [{"token": ..., "id": ..., "status": <the service's own status>, "phase": "SUCCEEDED", "error": None}, ...]

Bad input (a missing connection, one of another type, a token of another service or of an unknown version, an
unknown phase name, a bad timeout) fails the task at once with ``AirflowFailException`` (no retry), naming the
connection id and the argument, before anything is deferred or polled.

``TensorBaySubmitOperator`` creates a squash-and-merge or basic-search job on a TensorBay dataset and returns its
token in a list (the XCom a wait operator takes as ``tokens=submit.output``), or waits for it itself with
``wait_for_completion=True``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from airflow.sdk import BaseOperator
from taskfacade import InvalidArgument

from ._waiting import (
    DEFAULT_FAIL_ON_PHASES,
    WaitRequest,
    check_request,
    checked_wait,
    fail_task,
    finish,
    rebuild_jobs,
    trigger_for,
    wait_in_worker,
)
from .hooks import TaskfacadeHook, TensorBayHook

__all__ = ["TaskfacadeWaitOperator", "TensorBaySubmitOperator"]

Seconds = float | datetime.timedelta


class _WaitMixin:
    """The wait both operators run: check, then defer to the trigger or wait in the worker."""

    conn_id: str
    poll_interval: Seconds
    timeout: Seconds | None
    fail_on_phases: Sequence[str]
    deferrable: bool

    def _set_wait(
        self, timeout: Seconds | None, poll_interval: Seconds, fail_on_phases: Sequence[str], deferrable: bool
    ) -> None:
        """Keep the wait's arguments (checked when the task runs: they may be templates until then)."""
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.fail_on_phases = fail_on_phases
        self.deferrable = deferrable

    def _checked(self, tokens: object, job_ids: object) -> tuple[TaskfacadeHook, WaitRequest]:
        """The hook and the checked request; ``AirflowFailException`` naming the argument or the conn id."""
        return checked_wait(
            self.conn_id,
            tokens=tokens,
            job_ids=job_ids,
            timeout=self.timeout,
            poll_interval=self.poll_interval,
            fail_on_phases=self.fail_on_phases,
        )

    def _wait(self, context: Mapping[str, Any], hook: TaskfacadeHook, request: WaitRequest, from_ids: bool) -> Any:
        if self.deferrable:
            self.defer(trigger=trigger_for(request), method_name="execute_complete")  # type: ignore[attr-defined]
        with hook.get_client() as client:
            event = wait_in_worker(request, client, rebuild_jobs(request, client, from_ids=from_ids))
        return finish(context, event)

    def execute_complete(self, context: Mapping[str, Any], event: Any = None) -> list[dict[str, Any]]:
        """After the trigger fired: the jobs list (XCom), or the task fails carrying the jobs' error text."""
        return finish(context, event)


class TaskfacadeWaitOperator(_WaitMixin, BaseOperator):
    """Wait until jobs of one service finish; deferrable by default.

    Args:
        conn_id: the Airflow connection of the jobs' service (``taskfacade_<service>`` type).
        tokens: the jobs' continuation tokens (``job.to_token()``); or
        job_ids: the jobs' ids instead: TileDB task ids or Geobox task uuids (strings), Deadline dicts with
            ``farmId``, ``queueId``, ``jobId`` (and ``stepId``, ``taskId`` for a task), TensorBay dicts with
            ``dataset_id``, ``job_type``, ``job_id``. Exactly one of ``tokens`` and ``job_ids``.
        timeout: how long to wait (seconds or a ``timedelta``); None waits without limit. Past it the task fails
            with ``AirflowException`` (so its retries, if any, wait again).
        poll_interval: seconds between polls (deferred waits on one connection share their polls).
        fail_on_phases: the ``JobPhase`` names that fail the task (default ``FAILED``, ``CANCELED``): as soon as one
            job is in such a phase, the task fails with ``AirflowFailException`` carrying the job's error text.
        deferrable: wait in the triggerer (True, the default) or in the worker.
        **kwargs: ``BaseOperator``'s arguments (``task_id``, ``retries``...).

    Returns (XCom): the jobs list, one entry per job: ``token`` (the latest), ``id``, ``status`` (the service's
    own), ``phase`` (a ``JobPhase`` name), ``error``. On failure the same list is pushed under the key ``jobs``.
    """

    template_fields: Sequence[str] = ("conn_id", "tokens", "job_ids", "timeout", "poll_interval", "fail_on_phases")
    ui_color = "#e8f1fb"

    def __init__(
        self,
        *,
        conn_id: str,
        tokens: Sequence[str] | None = None,
        job_ids: Sequence[Any] | None = None,
        timeout: Seconds | None = None,
        poll_interval: Seconds = 30.0,
        fail_on_phases: Sequence[str] = DEFAULT_FAIL_ON_PHASES,
        deferrable: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.conn_id = conn_id
        self.tokens = tokens
        self.job_ids = job_ids
        self._set_wait(timeout, poll_interval, fail_on_phases, deferrable)

    def execute(self, context: Any) -> Any:
        """Check every argument, then defer to the trigger (or wait here when not deferrable)."""
        hook, request = self._checked(self.tokens, self.job_ids)
        return self._wait(context, hook, request, from_ids=self.job_ids is not None)


#: The dataset's job clients (``dataset.squash_and_merge`` / ``dataset.basic_search``) by ``job_type``.
JOB_TYPES = ("squash_and_merge", "basic_search")


class TensorBaySubmitOperator(_WaitMixin, BaseOperator):
    """Create a TensorBay job (squash-and-merge or basic search) and return its token; optionally wait for it.

    Args:
        dataset_name: the dataset (checked out at its default branch).
        job_type: ``"squash_and_merge"`` or ``"basic_search"``.
        job_kwargs: the arguments of the job client's ``create_job`` (squash-and-merge: ``draft_title``,
            ``source_branch_name``, ``target_branch_name``, ``strategy``...; basic search: ``conjunction``,
            ``filters``, ``unit``), and ``title`` / ``description``.
        is_fusion: the dataset is a fusion dataset.
        conn_id: a ``taskfacade_tensorbay`` connection (default ``taskfacade_tensorbay_default``).
        wait_for_completion: also wait for the job, as ``TaskfacadeWaitOperator`` does (the XCom is then its
            jobs list); else the XCom is ``[token]``.
        timeout, poll_interval, fail_on_phases, deferrable: as ``TaskfacadeWaitOperator``'s, for the wait.
        **kwargs: ``BaseOperator``'s arguments.

    A retry of this task creates another job (TensorBay has no idempotency key for job creation).
    """

    template_fields: Sequence[str] = ("conn_id", "dataset_name", "job_kwargs")
    ui_color = "#e8f1fb"

    def __init__(
        self,
        *,
        dataset_name: str,
        job_type: str,
        job_kwargs: Mapping[str, Any] | None = None,
        is_fusion: bool = False,
        conn_id: str = TensorBayHook.default_conn_name,
        wait_for_completion: bool = False,
        timeout: Seconds | None = None,
        poll_interval: Seconds = 30.0,
        fail_on_phases: Sequence[str] = DEFAULT_FAIL_ON_PHASES,
        deferrable: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.dataset_name = dataset_name
        self.job_type = job_type
        self.job_kwargs = job_kwargs
        self.is_fusion = is_fusion
        self.conn_id = conn_id
        self.wait_for_completion = wait_for_completion
        self._set_wait(timeout, poll_interval, fail_on_phases, deferrable)

    def _check_submission(self) -> tuple[TensorBayHook, dict[str, Any]]:
        try:
            hook = TensorBayHook(self.conn_id)
            hook.connection_fields()  # a missing connection or one of another type, before anything else
            if self.job_type not in JOB_TYPES:
                raise InvalidArgument("job_type", self.job_type, f"one of {', '.join(JOB_TYPES)}")
            if not isinstance(self.dataset_name, str) or not self.dataset_name:
                raise InvalidArgument("dataset_name", self.dataset_name, "a TensorBay dataset name")
            if not isinstance(self.is_fusion, bool):
                raise InvalidArgument("is_fusion", self.is_fusion, "True or False")
            kwargs = {} if self.job_kwargs is None else self.job_kwargs
            if not isinstance(kwargs, Mapping) or not all(isinstance(key, str) for key in kwargs):
                raise InvalidArgument("job_kwargs", kwargs, "a dict of create_job arguments")
            if self.wait_for_completion:  # the wait's arguments too, before the job is created
                check_request(
                    hook,
                    tokens=["unchecked"],
                    job_ids=None,
                    timeout=self.timeout,
                    poll_interval=self.poll_interval,
                    fail_on_phases=self.fail_on_phases,
                )
        except InvalidArgument as error:
            raise fail_task(self.conn_id, error) from None
        return hook, dict(kwargs)

    def execute(self, context: Any) -> Any:
        """Create the job (bad arguments fail the task before any request), then return ``[token]`` or wait."""
        hook, kwargs = self._check_submission()
        with hook.get_client() as gas:
            dataset = gas.get_dataset(self.dataset_name, is_fusion=self.is_fusion)
            jobs = getattr(dataset, self.job_type)
            try:
                job = jobs.create_job(**kwargs)
            except InvalidArgument as error:
                raise fail_task(self.conn_id, error) from None
            except TypeError as error:  # an argument create_job does not take
                raise fail_task(self.conn_id, InvalidArgument("job_kwargs", sorted(kwargs), str(error))) from None
            token: str = job.to_token()
        self.log.info("created TensorBay %s job %s on dataset %r", self.job_type, job.job_id, self.dataset_name)
        if not self.wait_for_completion:
            return [token]
        _, request = self._checked([token], None)
        return self._wait(context, hook, request, from_ids=False)
