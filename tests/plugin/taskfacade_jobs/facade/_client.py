"""``JobsClient``: the jobs service's entry point, built on the core ``Transport`` (timeouts, retry modes, the
error tree) and ``Pager``."""

from __future__ import annotations

import ssl
from collections.abc import Generator, Iterable
from types import TracebackType
from typing import Self

import httpx
from taskfacade import (
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_TIMEOUT,
    ClientOptions,
    Clock,
    InvalidArgument,
    Page,
    Pager,
    PageRequest,
    Redactor,
    RetryPolicy,
    Transport,
    check_base_url,
    check_secret,
)

from ._job import MAX_BATCH, STATUS_PHASES, JobRecord, JobsJob
from ._wire import JobsApi

__all__ = ["DEFAULT_PAGE_SIZE", "JobsClient"]

#: Jobs per page when listing (the service takes 1 to 100).
DEFAULT_PAGE_SIZE = 50


class _BearerAuth(httpx.Auth):
    """``Authorization: Bearer <token>`` on every attempt; the repr never shows the token."""

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request

    def __repr__(self) -> str:
        return "_BearerAuth(***)"


def _check_id(value: object, parameter: str = "job_id") -> str:
    if not isinstance(value, str) or not value or not value.isprintable() or "/" in value or value.strip(".") == "":
        raise InvalidArgument(parameter, value, "a job id (a non-empty string without '/')")
    return value


class JobsClient:
    """A client of the jobs service.

    Args:
        url: the service root, e.g. ``https://jobs.example.com`` or the emulator's ``http://127.0.0.1:PORT/jobs``.
        token: the bearer token.
        retry_mode: ``"default"``, ``"forceful"``, ``"disabled"`` or a ``taskfacade.RetryPolicy``.
        timeout: per-request timeouts in seconds (or an ``httpx.Timeout``).
        verify: TLS verification (True, a CA bundle path or an ``ssl.SSLContext``).
        clock: the time source for retries and waits (tests).
        pool_size: connections kept open.
        httpx_transport: a custom httpx transport (byte-level tests only).
        trust_env: read proxy and CA settings from the environment, as httpx does.
        max_response_size: the largest response body accepted, in bytes.
        user_agent: the ``User-Agent`` header (default ``taskfacade/<version>``).

    These are the shared client options of every taskfacade service (``taskfacade.ClientOptions``), under the same
    names, checked once there.
    """

    def __init__(
        self,
        url: str,
        token: str,
        *,
        retry_mode: RetryPolicy | str = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        clock: Clock | None = None,
        pool_size: int | None = None,
        httpx_transport: httpx.BaseTransport | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        user_agent: str | None = None,
    ) -> None:
        base = check_base_url(url, "url").rstrip("/")
        secret = check_secret(token, "token")
        options = ClientOptions(
            retry_mode=retry_mode,
            timeout=timeout,
            verify=verify,
            clock=clock,
            pool_size=pool_size,
            httpx_transport=httpx_transport,
            trust_env=trust_env,
            max_response_size=max_response_size,
            **({} if user_agent is None else {"user_agent": user_agent}),
        )
        self.url = base
        self._api = JobsApi(
            Transport(
                service="jobs",
                base_url=base,
                auth=_BearerAuth(secret),
                options=options,
                redactor=Redactor([secret]),
            )
        )

    @property
    def clock(self) -> Clock:
        """The clock retries and waits run on."""
        return self._api.clock

    def get_job(self, job_id: str) -> JobsJob:
        """One job (``GET /v1/jobs/{id}``); ``taskfacade.NotFound`` when there is none."""
        return JobsJob(self._api, self._api.fetch(_check_id(job_id)))

    def get_jobs(self, job_ids: Iterable[str]) -> list[JobsJob]:
        """Jobs by id, in the order given, ``MAX_BATCH`` ids a request; ``NotFound`` names an id not found."""
        if isinstance(job_ids, str | bytes) or not isinstance(job_ids, Iterable):
            raise InvalidArgument("job_ids", job_ids, "an iterable of job ids")
        ids = [_check_id(job_id, "job_ids") for job_id in job_ids]
        unique = list(dict.fromkeys(ids))
        records: dict[str, JobRecord] = {}
        for start in range(0, len(unique), MAX_BATCH):
            found, missing = self._api.fetch_many(unique[start : start + MAX_BATCH])
            if missing:
                self._api.fetch(missing[0])  # raises the service's own NotFound for it
            records.update((record.id, record) for record in found)
        return [JobsJob(self._api, records[job_id]) for job_id in ids]

    def list_jobs(self, state: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE) -> Pager[JobsJob]:
        """Jobs, newest first, lazily page by page; ``state`` keeps one state (``QUEUED``, ``RUNNING``...)."""
        if state is not None and state not in STATUS_PHASES:
            raise InvalidArgument("state", state, f"None or one of {', '.join(STATUS_PHASES)}")
        if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= 100:
            raise InvalidArgument("page_size", page_size, "an integer from 1 to 100")

        def fetch(request: PageRequest) -> Page[JobsJob]:
            records, token = self._api.page(state, page_size, request.cursor)
            return Page([JobsJob(self._api, record) for record in records], next_cursor=token)

        return Pager(fetch, cursor_paged=True)

    def cancel_job(self, job_id: str) -> JobsJob:
        """Cancel a job (``POST /v1/jobs/{id}/cancel``) and return it as the service answered."""
        return JobsJob(self._api, self._api.cancel(_check_id(job_id)))

    def close(self) -> None:
        """Close the connections (idempotent)."""
        self._api.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"JobsClient(url={self.url!r})"
