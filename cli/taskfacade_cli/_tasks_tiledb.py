"""TileDB Cloud in the command line, over ``taskfacade.tiledb`` (seed 000's ``tasks`` and seed 001's ``Client``).

Credentials and host: the profile's ``tiledb`` table, else what ``taskfacade.tiledb.Client`` resolves itself
(``TILEDB_REST_TOKEN``, ``TILEDB_REST_HOST``, ``TILEDB_REST_WORKSPACE``..., then ``~/.tiledb/profiles.json``).
"""

from __future__ import annotations

from typing import Any

from taskfacade.tiledb import STATUS_PHASES, Client, TileDBTask, tasks

from ._service import Listing, ListQuery, Row, Service, peek_row, phase_names

__all__ = ["SERVICE", "TileDBService"]


class TileDBService(Service):
    """TileDB array tasks: list (server-side window, status and type filters), show, wait, results."""

    name = "tiledb"
    status_phases = phase_names(STATUS_PHASES)
    parameters = {
        "id": ("ID", None),
        "task_id": ("ID", None),
        "type": ("--type", None),
        "array": ("--array", None),
        "query": ("--search", None),
        "host": ("--endpoint", "endpoint"),
        "workspace": (None, "workspace"),
        "verify_ssl": (None, "verify_ssl"),
        "token": (None, "token"),
        "username": (None, "username"),
        "password": (None, "password"),
    }

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        s = self.settings
        self.client = Client(
            retry_mode=self.context.retry_mode,
            host=s.get("endpoint"),
            token=s.get("token"),
            username=s.get("username"),
            password=s.get("password"),
            workspace=s.get("workspace"),
            verify_ssl=s.get("verify_ssl"),
            trust_env=self.context.trust_env,
        )
        if not self.client.settings.has_credentials:  # else the facade's own message, naming Python calls
            self.client.close()
            raise self.no_credentials(
                "TILEDB_REST_TOKEN (or TILEDB_REST_USERNAME and TILEDB_REST_PASSWORD, or ~/.tiledb/profiles.json)",
                "token",
                "tiledb.username and tiledb.password",
            )

    def list_tasks(self, query: ListQuery) -> Listing:
        options = query.options
        wanted = query.statuses
        server_status = next(iter(wanted)) if wanted is not None and len(wanted) == 1 else None
        pager = tasks.fetch_tasks(
            query=getattr(options, "search", None),
            array=getattr(options, "array", None),
            start=query.window.start,
            end=query.window.end,
            status=server_status,
            type=getattr(options, "type", None),
            order_by="start_time desc",
            client=self.client,
            prefetch=True,
        )
        if wanted is not None and server_status is None:
            return Listing(task for task in pager if self.row(task).status in wanted)
        meta = pager.pagination_metadata  # fetches and keeps the first page; iterating reuses it
        total = getattr(meta, "total_items", None)
        if isinstance(total, int | float) and not isinstance(total, bool) and total >= 0:
            return Listing(iter(pager), total=int(total))
        return Listing(iter(pager))

    def get(self, task_id: str) -> TileDBTask:
        return tasks.task(task_id, client=self.client)

    def row(self, job: TileDBTask) -> Row:
        return peek_row(
            self.name,
            job,
            job.id,
            name=job.name,
            kind=_text(job.type),
            created_at=job.created_utc,
            started_at=job.started_utc,
            finished_at=job.finished_utc,
            error=job.error,
        )

    def details(self, job: TileDBTask) -> dict[str, Any]:
        return job.to_dict()

    def results(self, task_id: str, result_format: str | None, dataframe: bool) -> Any:
        """The task's stored result: decoded by Content-Type (or ``result_format``), as a DataFrame if asked."""
        if dataframe:
            return tasks.fetch_results_pandas(task_id, result_format=result_format, client=self.client)
        return tasks.fetch_results(task_id, result_format=result_format, client=self.client)

    def close(self) -> None:
        self.client.close()


def _text(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


SERVICE = TileDBService
