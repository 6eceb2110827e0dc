"""``TaskfacadeJobsSensor``: the sensor form of the wait, for DAGs built around sensors.

Each poke refreshes the jobs once with ``taskfacade.refresh_all``, batched as ``taskfacade.wait_all`` batches them
(a Deadline ``BatchGetTask`` for up to 100 tasks, Geobox ``uuid IN (...)``, TileDB and TensorBay listings), and is
done when every job has finished; a job in a phase of ``fail_on_phases`` fails the task at once with its error
text. With ``deferrable=True`` the sensor defers to the same trigger as ``TaskfacadeWaitOperator`` (the sensor's
``timeout`` becomes the trigger's deadline, ``poke_interval`` its poll interval).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airflow.sdk import BaseSensorOperator, PokeReturnValue
from taskfacade import TaskFacadeError, is_transient, refresh_all

from ._waiting import (
    DEFAULT_FAIL_ON_PHASES,
    WaitRequest,
    checked_wait,
    finish,
    outcome_of,
    rebuild_jobs,
    trigger_for,
)
from .hooks import TaskfacadeHook

__all__ = ["TaskfacadeJobsSensor"]


class TaskfacadeJobsSensor(BaseSensorOperator):
    """Wait until jobs of one service finish, poking with one batched refresh.

    Args:
        conn_id: the Airflow connection of the jobs' service.
        tokens, job_ids: the jobs, as ``TaskfacadeWaitOperator`` takes them (exactly one of the two).
        fail_on_phases: the ``JobPhase`` names that fail the task (default ``FAILED``, ``CANCELED``).
        deferrable: defer to ``TaskfacadeJobsTrigger`` instead of poking (default False).
        **kwargs: ``BaseSensorOperator``'s arguments (``poke_interval``, ``timeout``, ``mode``...).

    Returns (XCom): the jobs list, as ``TaskfacadeWaitOperator``'s.
    """

    template_fields: Sequence[str] = ("conn_id", "tokens", "job_ids")
    ui_color = "#e8f1fb"

    def __init__(
        self,
        *,
        conn_id: str,
        tokens: Sequence[str] | None = None,
        job_ids: Sequence[Any] | None = None,
        fail_on_phases: Sequence[str] = DEFAULT_FAIL_ON_PHASES,
        deferrable: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.conn_id = conn_id
        self.tokens = tokens
        self.job_ids = job_ids
        self.fail_on_phases = fail_on_phases
        self.deferrable = deferrable
        self._checked: tuple[TaskfacadeHook, WaitRequest] | None = None

    def _request(self) -> tuple[TaskfacadeHook, WaitRequest]:
        """The hook and the checked request (checked once per task instance run)."""
        if self._checked is not None:
            return self._checked
        hook, request = checked_wait(
            self.conn_id,
            tokens=self.tokens,
            job_ids=self.job_ids,
            timeout=self.timeout if self.deferrable else None,
            poll_interval=self.poke_interval,
            fail_on_phases=self.fail_on_phases,
        )
        self._checked = hook, request
        return self._checked

    def execute(self, context: Any) -> Any:
        """Check every argument first; then defer, or poke as any sensor does."""
        _, request = self._request()
        if self.deferrable:
            self.defer(trigger=trigger_for(request), method_name="execute_complete")
        return super().execute(context)

    def poke(self, context: Any) -> bool | PokeReturnValue:
        """One batched refresh; done (with the jobs list as XCom) when all finished."""
        hook, request = self._request()
        with hook.get_client() as client:
            jobs = rebuild_jobs(request, client, from_ids=self.job_ids is not None)
            try:
                refresh_all(jobs)
            except TaskFacadeError as error:
                if is_transient(error):
                    self.log.warning("taskfacade poll failed, trying again next poke: %s", error)
                    return False
                finish(context, {"status": "error", "message": str(error), "conn_id": self.conn_id, "jobs": []})
            outcome = outcome_of(request, jobs)
        if outcome is None:
            return False
        return PokeReturnValue(is_done=True, xcom_value=finish(context, outcome))

    def execute_complete(self, context: Any, event: Any = None) -> list[dict[str, Any]]:
        """After the trigger fired: the jobs list (XCom), or the task fails carrying the jobs' error text."""
        return finish(context, event)
