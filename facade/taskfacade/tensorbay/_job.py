"""``TensorBayJob`` (the seed's ``Job``): a TensorBay dataset job that is also a ``taskfacade.Job``.

Constructor, ``from_response_body`` and ``update(until_complete=False)`` are the vendor SDK's (seed 004); what
differs is what the vendor got wrong: ``update(until_complete=True)`` has one overall ``timeout`` and an
``interval`` (the SDK polls every 5 s forever), an unknown status keeps the wait going instead of ending it,
``abort()``/``retry()`` refresh the job afterwards (the SDK leaves ``status`` stale), every field is refreshed
(the SDK never refreshes ``title``/``arguments``/``description``), and missing ``errorMessage``/``jobType`` do
not crash. ``created_at``, ``started_at`` and ``finished_at`` are the seed's ints (epoch seconds);
``created_utc``, ``started_utc`` and ``finished_utc`` (the ``taskfacade.Job`` names) are aware UTC datetimes. The
fields the SDK lets users set (``title``, ``status``, ``created_at``...) can be set here too, checked.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Hashable, Mapping, Sequence
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Self

import attrs

from .._clock import Clock
from .._dates import as_utc
from .._errors import InvalidArgument, TaskFacadeError
from .._job import Job as CoreJob
from .._phase import JobPhase
from .._poll import check_wait_args, is_transient
from .._pollpolicy import PollPolicy
from .._steps import Call, Steps
from ._batch import MIN_BATCH, refresh_by_listing_steps
from ._body import JobFields, from_server, make_fields, parse_job_body, to_epoch
from ._client import Client
from ._generated import JobType, abort_job
from ._validate import check_bool, check_id
from ._wire import JobFetcher, JobSource

__all__ = ["JOB_STATUSES", "STATUS_PHASES", "TensorBayJob", "TensorBayJobBase", "batch_source"]


def _text(name: str, value: object, *, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value):
        raise InvalidArgument(name, value, "a string" if empty else "a non-empty string")
    return value


logger = logging.getLogger("taskfacade")

#: The statuses TensorBay documents (``list_jobs(status=...)`` accepts these).
JOB_STATUSES = ("QUEUING", "PROCESSING", "SUCCESS", "FAILED", "ABORTED")

#: TensorBay status -> phase. ``FAIL`` and ``ABORT`` are spellings the SDK's docstrings use; anything else is
#: UNKNOWN, which never ends a wait.
STATUS_PHASES: Mapping[str, JobPhase] = MappingProxyType(
    {
        "QUEUING": JobPhase.PENDING,
        "PROCESSING": JobPhase.RUNNING,
        "SUCCESS": JobPhase.SUCCEEDED,
        "FAILED": JobPhase.FAILED,
        "FAIL": JobPhase.FAILED,
        "ABORTED": JobPhase.CANCELED,
        "ABORT": JobPhase.CANCELED,
    }
)


class TensorBayJobBase:
    """What ``TensorBayJob`` and its async twin (``taskfacade.tensorbay.aio.TensorBayJob``) share: the checked
    fields, the vendor's attributes and setters, the hooks the polling engine reads, and the verbs as steps.
    Subclasses say which client they take (``_CLIENT``) and how a refresh is done (``_refresh_steps``).

    Args:
        client: the ``Client`` (from ``GAS``) used for ``abort()`` and friends.
        dataset_id: the dataset the job belongs to.
        job_updater: ``job_id -> job body`` (camelCase dict), what ``update()`` calls.
        title, job_id, job_type, arguments, created_at, started_at, finished_at, status, error_message, result,
        description: the job's fields as the Open API names them (times as epoch seconds; a datetime is taken
            as whole epoch seconds).
    """

    STATUS_PHASES = STATUS_PHASES
    DEFAULT_INTERVAL = 2.0
    #: The wire job type of this class (None: any).
    _JOB_TYPE: ClassVar[str | None] = None
    _SERVICE_NAME: ClassVar[str] = "tensorbay"
    _JOB_KIND: ClassVar[str] = "job"
    #: The client class jobs of this twin take, and how errors name it.
    _CLIENT: ClassVar[type[Any]] = Client
    _CLIENT_NAME: ClassVar[str] = "a taskfacade.tensorbay.Client (GAS builds one)"
    _client: Any
    _job_updater: Callable[[str], Any]

    def __init__(
        self,
        client: Any,
        dataset_id: str,
        job_updater: Callable[[str], Any],
        title: str,
        job_id: str,
        job_type: str,
        arguments: dict[str, Any],
        created_at: int | datetime.datetime | None,
        started_at: int | datetime.datetime | None,
        finished_at: int | datetime.datetime | None,
        status: str,
        error_message: str,
        result: dict[str, Any] | None,
        description: str | None = "",
    ) -> None:
        if not isinstance(client, self._CLIENT):
            raise InvalidArgument("client", type(client).__name__, self._CLIENT_NAME)
        self._check_updater(client, job_updater)
        self._client = client
        self._dataset_id = check_id("dataset_id", dataset_id)
        self._job_updater = job_updater
        self._fields = make_fields(
            title=title,
            job_id=job_id,
            job_type=job_type or self._JOB_TYPE,
            arguments=arguments,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
            status=status,
            error_message=error_message,
            result=result,
            description=description,
        )
        expected = self._JOB_TYPE
        if expected is not None and self._fields.job_type != expected:
            raise InvalidArgument("job_type", job_type, f"{expected!r} for a {type(self).__name__}")

    def _check_updater(self, client: Any, job_updater: object) -> None:
        if not callable(job_updater):
            raise InvalidArgument("job_updater", job_updater, "a function job_id -> job body (dict)")

    @classmethod
    def from_response_body(
        cls,
        body: dict[str, Any],
        *,
        client: Any,
        dataset_id: str,
        job_updater: Callable[[str], Any],
    ) -> Self:
        """A job from an Open API job body (``{"title", "jobId", "jobType", "arguments", "createdAt", ...}``)."""
        return cls._from_fields(
            parse_job_body(body, cls._JOB_TYPE), client=client, dataset_id=dataset_id, job_updater=job_updater
        )

    # -- continuation tokens (``taskfacade._token``) ---------------------------------------------------------

    def _token_ids(self) -> dict[str, Any]:
        owner = getattr(getattr(self, "_draft_getter", None), "__self__", None)  # the dataset client, if bound
        name = getattr(owner, "name", None)
        return {
            "dataset_id": self._dataset_id,
            "dataset": name if isinstance(name, str) else None,
            "fusion": bool(getattr(self, "_is_fusion", False)),
            "job_type": self._fields.job_type,
            "job_id": self._fields.job_id,
        }

    @classmethod
    def _from_fields(cls, fields: JobFields, **bind: Any) -> Self:
        values = attrs.asdict(fields, recurse=False)
        return cls(bind.pop("client"), **bind, **values)

    # -- the job's fields ----------------------------------------------------------------------------------
    # The SDK's job is a plain attrs-style object: every field below can be set, as there (checked here). The next
    # ``update()`` overwrites them all with what the server says (the SDK's leaves title, arguments and
    # description alone).

    def _set(self, **changes: Any) -> None:
        self._fields = attrs.evolve(self._fields, **changes)

    @property
    def title(self) -> str:
        """The job's title."""
        return self._fields.title

    @title.setter
    def title(self, value: str) -> None:
        self._set(title=_text("title", value))

    @property
    def job_id(self) -> str:
        """The job's id (setting it points ``update()`` at another job, as in the SDK)."""
        return self._fields.job_id

    @job_id.setter
    def job_id(self, value: str) -> None:
        self._set(job_id=check_id("job_id", value))

    @property
    def job_type(self) -> str:
        """``squashAndMerge`` or ``basicSearch``."""
        return self._fields.job_type or ""

    @property
    def dataset_id(self) -> str:
        """The id of the dataset the job belongs to."""
        return self._dataset_id

    @property
    def arguments(self) -> dict[str, Any]:
        """The job's arguments as the service holds them (their shape depends on ``job_type``)."""
        return self._fields.arguments

    @arguments.setter
    def arguments(self, value: dict[str, Any]) -> None:
        if not isinstance(value, Mapping):
            raise InvalidArgument("arguments", value, "a JSON object (dict)")
        self._set(arguments=dict(value))

    @property
    def status(self) -> str:
        """TensorBay's status string as the server sent it (``QUEUING``, ``PROCESSING``, ``SUCCESS``...)."""
        return self._fields.status

    @status.setter
    def status(self, value: str) -> None:
        self._set(status=_text("status", value, empty=False))

    @property
    def error_message(self) -> str:
        """Why the job failed ("" unless it did)."""
        return self._fields.error_message

    @error_message.setter
    def error_message(self, value: str) -> None:
        self._set(error_message=_text("error_message", value))

    @property
    def description(self) -> str:
        """The job's description."""
        return self._fields.description

    @description.setter
    def description(self, value: str) -> None:
        self._set(description=_text("description", value))

    @property
    def created_at(self) -> int | None:
        """When the job was created: epoch seconds as the service sends them (the seed's int)."""
        return self._fields.created_at

    @created_at.setter
    def created_at(self, value: int | None) -> None:
        self._set(created_at=to_epoch("created_at", value))

    @property
    def started_at(self) -> int | None:
        """When the job started running (epoch seconds), None before."""
        return self._fields.started_at

    @started_at.setter
    def started_at(self, value: int | None) -> None:
        self._set(started_at=to_epoch("started_at", value))

    @property
    def finished_at(self) -> int | None:
        """When the job finished (epoch seconds), None before."""
        return self._fields.finished_at

    @finished_at.setter
    def finished_at(self, value: int | None) -> None:
        self._set(finished_at=to_epoch("finished_at", value))

    @property
    def created_utc(self) -> datetime.datetime | None:
        """``created_at`` as an aware UTC datetime (the ``taskfacade.Job`` name)."""
        return as_utc(self._fields.created_at)

    @property
    def started_utc(self) -> datetime.datetime | None:
        """``started_at`` as an aware UTC datetime, None before."""
        return as_utc(self._fields.started_at)

    @property
    def finished_utc(self) -> datetime.datetime | None:
        """``finished_at`` as an aware UTC datetime, None before."""
        return as_utc(self._fields.finished_at)

    @property
    def error(self) -> str | None:
        """``error_message`` when there is one, else None."""
        return self._fields.error_message or None

    # -- refreshing ----------------------------------------------------------------------------------------

    def _check_update(self, until_complete: bool, timeout: float | None, interval: float | None) -> None:
        """``update``'s arguments, checked before any request (both twins)."""
        check_bool("until_complete", until_complete)
        check_wait_args(timeout, self.DEFAULT_INTERVAL if interval is None else interval, 0)

    def _refresh_steps(self) -> Steps[None]:
        """Fetch the job once and update every field, as steps (each twin says how)."""
        raise NotImplementedError

    def _apply_body(self, body: dict[str, Any]) -> None:
        fields: JobFields = from_server(lambda: parse_job_body(body, self._fields.job_type), "the job body")
        self._fields = attrs.evolve(fields, job_id=self._fields.job_id, job_type=self._fields.job_type)

    # -- verbs ---------------------------------------------------------------------------------------------

    def _verb_steps(self, name: str, operation: ModuleType, applied: Callable[[], bool]) -> Steps[None]:
        """POST a verb (abort, retry), then refresh the job.

        The POST is never replayed (TensorBay has no idempotency key), so after an ambiguous failure (a reset, a
        truncated answer, a 5xx) the job is fetched instead: if ``applied()`` says the verb took effect, that is
        success; otherwise the original error is raised.
        """
        try:
            yield Call(
                operation,
                args=(self._dataset_id, self.job_id),
                kwargs={"job_type": JobType(self.job_type)},
                exchange=True,
            )
        except TaskFacadeError as error:
            if not is_transient(error):
                raise
            took_effect = yield from self._took_effect_steps(applied)
            if not took_effect:
                raise
            logger.info("tensorbay: %s of job %s failed (%s) but took effect", name, self.job_id, error)
            return
        try:
            yield from self._refresh_steps()
        except TaskFacadeError as error:  # the verb was accepted; only our view of the job is stale
            logger.info("tensorbay: refreshing job %s after a verb failed: %s", self.job_id, error)

    def _abort_steps(self) -> Steps[None]:
        return self._verb_steps("abort", abort_job, lambda: self._peek_phase() is JobPhase.CANCELED)

    def _took_effect_steps(self, applied: Callable[[], bool]) -> Steps[bool]:
        try:
            yield from self._refresh_steps()
        except TaskFacadeError:
            return False
        return applied()

    # -- taskfacade.Job hooks ------------------------------------------------------------------------------

    def _peek_status(self) -> str:
        return self._fields.status

    def _wait_clock(self) -> Clock:
        clock: Clock = self._client.clock
        return clock

    def _wait_policy(self) -> PollPolicy | None:
        policy: PollPolicy | None = self._client.transport.options.poll_policy
        return policy

    def _label(self) -> str:
        return f'{type(self).__name__}("{self._fields.job_id}")'

    if TYPE_CHECKING:  # JobBase's, in each twin

        def _peek_phase(self) -> JobPhase: ...

    def _batch_key(self) -> Hashable:
        updater = self._job_updater
        if isinstance(updater, JobSource):
            return updater.batch_key()
        return ("job", id(self))


def batch_source(jobs: Sequence[Any], kind: type[TensorBayJobBase], source: type[JobSource]) -> JobSource | None:
    """The listing to refresh ``jobs`` through (``_batch.py``), or None when one fetch each is as cheap (fewer than
    ``MIN_BATCH``) or the jobs are not all ``kind`` with a facade-built ``source`` (the same for both twins)."""
    ours = [job for job in jobs if isinstance(job, kind)]
    fetcher = ours[0]._job_updater if ours else None
    if len(ours) < len(jobs) or len(ours) < MIN_BATCH or not isinstance(fetcher, source):
        return None
    return fetcher


class TensorBayJob(TensorBayJobBase, CoreJob[str]):
    """A TensorBay job (seed 004's ``tensorbay.client.job.Job``); ``status`` is the service's string as sent.

    Args:
        client: the ``Client`` (from ``GAS``) used for ``abort()`` and friends.
        dataset_id: the dataset the job belongs to.
        job_updater: ``job_id -> job body`` (camelCase dict), what ``update()`` calls.
        title, job_id, job_type, arguments, created_at, started_at, finished_at, status, error_message, result,
        description: the job's fields as the Open API names them (times as epoch seconds; a datetime is taken
            as whole epoch seconds).
    """

    _client: Client
    _job_updater: Callable[[str], dict[str, Any]]

    if TYPE_CHECKING:

        def __init__(
            self,
            client: Client,
            dataset_id: str,
            job_updater: Callable[[str], dict[str, Any]],
            title: str,
            job_id: str,
            job_type: str,
            arguments: dict[str, Any],
            created_at: int | datetime.datetime | None,
            started_at: int | datetime.datetime | None,
            finished_at: int | datetime.datetime | None,
            status: str,
            error_message: str,
            result: dict[str, Any] | None,
            description: str | None = "",
        ) -> None: ...

    def update(
        self, until_complete: bool = False, *, timeout: float | None = None, interval: float | None = None
    ) -> None:
        """Refresh the job; with ``until_complete``, poll until it is finished.

        Args:
            until_complete: keep polling until the status is final (SUCCESS, FAILED, ABORTED). A status this
                version does not know keeps the wait going. A failed job is not an exception: check ``status``.
            timeout: one overall deadline in seconds for the whole wait (None = none); ``taskfacade.WaitTimeout``
                (a ``TimeoutError``) once it passes.
            interval: seconds between polls (default ``DEFAULT_INTERVAL``, 2 s).
        """
        self._check_update(until_complete, timeout, interval)
        if until_complete:
            self.wait(timeout=timeout, interval=interval)
        else:
            self.refresh()

    def refresh(self) -> None:
        """Fetch the job once (through ``job_updater``) and update every field."""
        self._apply_body(self._job_updater(self.job_id))

    def _refresh_steps(self) -> Steps[None]:
        self.refresh()  # the vendor-style updater does its own I/O (the sync twin only)
        yield from ()

    def abort(self) -> None:
        """Abort the job (QUEUING or PROCESSING only; otherwise ``ForbiddenError``), then refresh it."""
        self._client._run(self._abort_steps())

    @classmethod
    def _refresh_many(cls, jobs: Sequence[CoreJob[Any]]) -> None:
        source = batch_source(jobs, TensorBayJob, JobFetcher)
        if source is None:
            for job in jobs:
                job.refresh()
            return
        source.client._run(refresh_by_listing_steps(source, jobs))  # type: ignore[arg-type]  # all TensorBayJobs
