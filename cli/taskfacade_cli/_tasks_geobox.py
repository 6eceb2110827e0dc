"""Geobox in the command line, over ``taskfacade.geobox`` (the ``geobox`` SDK's surface, seed 003).

Credentials: the profile's ``geobox`` table, else what ``GeoboxClient`` resolves itself (``GEOBOX_ACCESS_TOKEN``,
``GEOBOX_APIKEY``, ``GEOBOX_USERNAME``/``GEOBOX_PASSWORD``). The host: ``--endpoint`` or the profile's ``endpoint``
(default https://api.geobox.ir).
"""

from __future__ import annotations

from typing import Any

from taskfacade import InvalidArgument
from taskfacade.geobox import DEFAULT_HOST, GeoboxClient, Task

from ._service import Listing, ListQuery, Row, Service, peek_row, phase_names
from ._times import Window, iso_utc

__all__ = ["SERVICE", "GeoboxService"]

_PAGE = 100


def _cql(window: Window, search: str | None) -> str:
    """``created_at >= '...' [AND created_at <= '...'] [AND name ILIKE '%search%']`` (Geobox's CQL compares
    ISO 8601 UTC strings; its ``search`` parameter is ignored once ``q`` is given, so the keyword goes in here)."""
    parts = [f"created_at >= '{iso_utc(window.start)}'"]
    if window.end is not None:
        parts.append(f"created_at <= '{iso_utc(window.end)}'")
    if search:
        escaped = search.replace("'", "''")
        parts.append(f"name ILIKE '%{escaped}%'")
    return " AND ".join(parts)


class GeoboxService(Service):
    """Geobox tasks: list (state and CQL time window on the server), show, wait (one list request per ~75
    tasks), abort."""

    name = "geobox"
    status_phases = phase_names(Task.STATUS_PHASES)
    cancel_verb = "POST /v1/tasks/{uuid}/abort/"
    parameters = {
        "uuid": ("ID", None),
        "task_id": ("ID", None),
        "host": ("--endpoint", "endpoint"),
        "q": ("--search", None),
        "search": ("--search", None),
        "access_token": (None, "access_token"),
        "apikey": (None, "apikey"),
        "username": (None, "username"),
        "password": (None, "password"),
    }

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        s = self.settings
        try:
            self.client = GeoboxClient(
                host=s.get("endpoint") or DEFAULT_HOST,
                username=s.get("username"),
                password=s.get("password"),
                access_token=s.get("access_token"),
                apikey=s.get("apikey"),
                retry_mode=self.context.retry_mode,
                trust_env=self.context.trust_env,
            )
        except InvalidArgument as error:
            if error.parameter != "credentials":  # found nowhere; a bad value's message names its source
                raise
            raise self.no_credentials(
                "GEOBOX_ACCESS_TOKEN (or GEOBOX_APIKEY, or GEOBOX_USERNAME and GEOBOX_PASSWORD)",
                "access_token",
                "geobox.apikey, or geobox.username and geobox.password",
            ) from None

    def list_tasks(self, query: ListQuery) -> Listing:
        wanted = query.statuses
        state = next(iter(wanted)) if wanted is not None and len(wanted) == 1 else None
        q = _cql(query.window, getattr(query.options, "search", None))
        pager = self.client.iter_tasks(state=state, q=q, order_by="created_at D", page_size=_PAGE)
        if wanted is not None and state is None:
            return Listing(task for task in pager if self.row(task).status in wanted)
        total = self.client.get_tasks(state=state, q=q, return_count=True)
        return Listing(iter(pager), total=total if isinstance(total, int) else None)

    def get(self, task_id: str) -> Task:
        return self.client.get_task(task_id)

    def row(self, job: Task) -> Row:
        return peek_row(
            self.name,
            job,
            job.uuid,
            name=job.name,
            created_at=job.created_utc,
            started_at=job.started_utc,
            finished_at=job.finished_utc,
            error=job.error,
        )

    def details(self, job: Task) -> dict[str, Any]:
        return dict(job.data)

    def cancel(self, job: Task) -> None:
        job.abort()

    def close(self) -> None:
        self.client.close()


SERVICE = GeoboxService
