"""The one shape every service takes in the command line: list, get, cancel, retry, and a row per task.

Each ``_tasks_<name>.py`` subclasses ``Service`` over the facade's own module for that service (its options and
config keys are declared apart, in ``_svc_<name>.py``, so that ``--help`` need not import the facade); this module
holds what they share (status filters, rows, loading one by name through ``_registry``).
"""

from __future__ import annotations

import argparse
import datetime
import enum
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import attrs

from ._context import Context
from ._exit import UsageError
from ._registry import cli_service
from ._times import Window

__all__ = ["ListQuery", "Listing", "Row", "Service", "load_service", "status_text"]


def status_text(status: Any) -> str:
    """A service status as text: an enum's value (unknown values included), ``-`` when unknown."""
    if status is None:
        return "-"
    if isinstance(status, enum.Enum):
        return str(status.value)
    return str(status)


@attrs.frozen
class Row:
    """One task as the command line shows it, the same fields for every service."""

    service: str
    id: str
    status: str
    phase: str
    name: str | None = None
    kind: str | None = None
    progress: float | None = None
    created_at: datetime.datetime | None = None
    started_at: datetime.datetime | None = None
    finished_at: datetime.datetime | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The row as a JSON-ready dict (times as ISO 8601 UTC)."""
        from ._render import plain

        return {k: plain(v) for k, v in attrs.asdict(self).items()}


@attrs.frozen
class ListQuery:
    """What ``tasks list`` asks for.

    Attributes:
        window: the time window (tasks created inside it).
        statuses: the service's own status values to keep (None: all).
        options: the command's parsed options (service-specific filters such as ``--type``).
    """

    window: Window
    statuses: frozenset[str] | None
    options: argparse.Namespace


@attrs.frozen
class Listing:
    """A listing: tasks streamed lazily, and the server's total when it reports one for the same filter."""

    items: Iterator[Any]
    total: int | None = None


class Service:
    """A service as the command line sees it. Subclasses wrap the facade module of one service.

    Args:
        context: the command's context (profile, emulator, overrides).
        options: the command's parsed options.
    """

    name: ClassVar[str]
    #: The service's status values (as text) and their phase names.
    status_phases: ClassVar[Mapping[str, str]] = {}
    #: What ``tasks cancel`` does here, or None when the service cannot cancel.
    cancel_verb: ClassVar[str | None] = None
    #: What ``tasks retry`` does here, or None when the service cannot retry.
    retry_verb: ClassVar[str | None] = None
    #: The facade's parameter names and where the command line takes each from: (option, profile key), either
    #: None. A facade ``InvalidArgument`` for one of them is reported naming the option or the profile key.
    parameters: ClassVar[Mapping[str, tuple[str | None, str | None]]] = {}

    def __init__(self, context: Context, options: argparse.Namespace) -> None:
        self.context = context
        self.options = options
        self.settings = context.settings(self.name)

    @classmethod
    def source(cls, parameter: str, context: Context, options: argparse.Namespace) -> str | None:
        """Where the value of the facade's ``parameter`` came from: an option, the emulator or a profile key (None
        when unknown, e.g. a vendor environment variable the facade read itself, whose message names it)."""
        option, key = _COMMON_PARAMETERS.get(parameter) or cls.parameters.get(parameter) or (None, None)
        if option is not None and (option == "ID" or getattr(options, option[2:].replace("-", "_"), None)):
            return option
        if option == "--endpoint" and context.emulator:
            return "--emulator" if context.emulator_from_flag else f"emulator in profile {context.profile.name!r}"
        if key is not None and key in context.profile.values:
            return f"{key} in profile {context.profile.name!r}"
        if key is not None and context.profile.get(cls.name, key) is not None:
            return f"{cls.name}.{key} in profile {context.profile.name!r}"
        return None

    def named(self, error: BaseException) -> BaseException:
        """``error`` as a ``UsageError`` naming the option or profile key behind it, when it is a facade
        ``InvalidArgument`` whose source is known; else ``error`` itself."""
        return named_error(type(self), error, self.context, self.options)

    # -- what a subclass provides --------------------------------------------------------------------------

    def list_tasks(self, query: ListQuery) -> Listing:
        """Tasks matching ``query``, newest first."""
        raise NotImplementedError

    def get(self, task_id: str) -> Any:
        """One task as a ``taskfacade.Job`` (fetched, or lazy where the service's facade is lazy)."""
        raise NotImplementedError

    def row(self, job: Any) -> Row:
        """The common fields of ``job``, read without any request."""
        raise NotImplementedError

    def details(self, job: Any) -> dict[str, Any]:
        """Everything the service says about ``job`` (its raw fields), for ``tasks show``."""
        raise NotImplementedError

    def cancel(self, job: Any) -> None:
        """Ask the service to stop ``job``."""
        raise UsageError(f"{self.name} has no way to cancel a task through its API")

    def retry(self, job: Any) -> None:
        """Ask the service to run ``job`` again."""
        raise UsageError(f"{self.name} has no way to retry a task through its API")

    def results(self, task_id: str, result_format: str | None, dataframe: bool) -> Any:
        """A task's stored result (TileDB only)."""
        raise UsageError(f"tasks results is for tiledb only ({self.name} tasks have no stored results)")

    def close(self) -> None:
        """Release connections."""

    # -- shared helpers ------------------------------------------------------------------------------------

    def statuses(self, values: list[str] | None) -> frozenset[str] | None:
        """``--status`` values -> the service's statuses: each value is a status of this service or a phase
        (``pending``, ``running``, ``succeeded``, ``failed``, ``canceled``, ``suspended``), case-insensitive."""
        if not values:
            return None
        chosen: set[str] = set()
        phases = {phase.lower() for phase in self.status_phases.values()}
        for raw in (part.strip() for value in values for part in value.split(",")):
            by_status = {s.upper(): s for s in self.status_phases}
            if raw.upper() in by_status:
                chosen.add(by_status[raw.upper()])
            elif raw.lower() in phases:
                chosen.update(s for s, phase in self.status_phases.items() if phase.lower() == raw.lower())
            else:
                accepted = ", ".join([*self.status_phases, *sorted(phases)])
                raise UsageError(f"invalid --status {raw!r} for {self.name}: expected one of {accepted}")
        return frozenset(chosen)

    def no_credentials(self, variables: str, key: str, other_keys: str = "") -> UsageError:
        """The usage error for credentials found nowhere, naming where the command line reads them from.

        Args:
            variables: the environment variables, e.g. ``TILEDB_REST_TOKEN (or TILEDB_REST_USERNAME and ...)``.
            key: the main profile key without the service, e.g. ``token``.
            other_keys: other profile keys that also work, e.g. ``tiledb.username and tiledb.password``.

        Returns:
            The error to raise: one line, with no Python function or parameter names.
        """
        others = f" (or {other_keys})" if other_keys else ""
        return UsageError(
            f"no {self.name} credentials: set {variables}, or the profile key {self.name}.{key}{others} with "
            f"`taskfacade config set --profile {self.context.profile.name} {self.name}.{key}`, or pick a profile "
            "that has them with --profile NAME"
        )

    def required(self, option: str, value: Any, key: str) -> str:
        """An id the command needs: from its option, else the profile (``key``), else a usage error."""
        if value:
            return str(value)
        raise UsageError(
            f"{self.name} needs {option} (or `taskfacade config set {self.name}.{key} ...` in the profile)"
        )


def phase_names(mapping: Mapping[Any, Any]) -> dict[str, str]:
    """A facade ``STATUS_PHASES`` mapping as ``{status text: phase name}``."""
    return {status_text(status): str(phase.value) for status, phase in mapping.items()}


def peek_row(service: str, job: Any, job_id: str, **fields: Any) -> Row:
    """A ``Row`` from a ``taskfacade.Job`` through its no-request accessors (``_peek_*``, documented in
    docs/jobs.md for progress displays): a Geobox ``status`` or ``progress`` read would make a request."""
    return Row(
        service=service,
        id=job_id,
        status=status_text(job._peek_status()),
        phase=str(job._peek_phase().value),
        progress=job._peek_progress(),
        **fields,
    )


#: Parameters every service's client takes.
_COMMON_PARAMETERS: Mapping[str, tuple[str | None, str | None]] = {"retry_mode": ("--retry-mode", "retry_mode")}


def named_error(
    cls: type[Service], error: BaseException, context: Context, options: argparse.Namespace
) -> BaseException:
    """``error`` as a ``UsageError`` naming its option or profile key (see ``Service.named``)."""
    import taskfacade

    if not isinstance(error, taskfacade.InvalidArgument):
        return error
    source = cls.source(error.parameter, context, options)
    return error if source is None else UsageError(f"{source}: {error}")


def load_service(name: str, context: Context, options: argparse.Namespace) -> Service:
    """The ``Service`` for ``name`` (its module is imported now, and with it the facade's module); a facade
    ``InvalidArgument`` from building its client names the option or profile key behind it."""
    cls = cli_service(name).service_class()
    try:
        service = cls(context, options)
    except Exception as error:
        named = named_error(cls, error, context, options)
        if named is error:
            raise
        raise named from error
    return service
