"""``GeoboxClient``: the SDK's constructor and task entry points, on the shared transport and the generated client.

``GeoboxClient(host=..., ver="v1/", username=None, password=None, access_token=None, apikey=None, verify=True)``
as in ``geobox.api``, plus the keyword-only client options every service client takes (``retry_mode``,
``timeout``, ``clock``, ``pool_size``, ``httpx_transport``..., see ``taskfacade._options``). Where the SDK differs, on
purpose (reference section 8):

- every request has a timeout and goes through taskfacade's retry modes (the SDK has neither);
- every status >= 400 raises (``GeoboxError`` subclasses); the SDK returns 409, 429, 503... as data; network
  failures are the SDK's ``ApiRequestError`` (also a ``taskfacade.TransportError``);
- ``host`` is a prefix, with or without a trailing slash, and is not lower-cased (the SDK joins with ``urljoin``,
  so ``http://h/geobox`` loses ``geobox`` without the slash, and lower-cases the whole URL);
- a username/password login happens on the first request (or ``login()``), not in the constructor, and is
  repeated once when the server answers 401 to the token it issued (the SDK never renews its token);
- credentials: see ``_auth`` (arguments choose the mode; nothing is shown in ``repr``).
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeVar, overload

import httpx

from taskfacade._clock import Clock
from taskfacade._errors import InvalidArgument, UnsupportedOperation
from taskfacade._log import safe_url
from taskfacade._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT, ClientOptions
from taskfacade._pager import Page, Pager, PageRequest
from taskfacade._pollpolicy import PollPolicy
from taskfacade._retry import RetryLike, RetryPolicy, retry_policy
from taskfacade._secrets import Redactor
from taskfacade._steps import Steps, run
from taskfacade._transport import BaseTransport, Transport
from taskfacade._urls import check_base_url

from ._auth import Credentials, GeoboxAuth, resolve_credentials
from ._enums import TaskStatus
from ._errors import ERROR_CLASSES, parse_geobox_error
from ._listing import list_kwargs
from ._ops import GeoboxOps, SyncGeoboxCaller
from ._redact import install_redactor
from ._task import Task
from ._validate import check_int, check_uuid

__all__ = ["DEFAULT_HOST", "ClientCore", "GeoboxClient", "get_task_steps", "get_tasks_steps"]

DEFAULT_HOST = "https://api.geobox.ir"
SUPPORTED_VERSIONS = ("v1/", "v1")
T = TypeVar("T")


def _check_host(host: object) -> str:
    return check_base_url(host, "host").rstrip("/")


def _check_ver(ver: object) -> None:
    if ver not in SUPPORTED_VERSIONS:
        raise InvalidArgument("ver", ver, "'v1/' (this client speaks Geobox API v1)")


class ClientCore:
    """What ``GeoboxClient`` and ``AsyncGeoboxClient`` share: the constructor's checks, the credentials, the
    requests as steps (``_ops``) and the configuration properties. Each twin adds its transport and its shell."""

    _transport: BaseTransport
    _credentials: Credentials
    _auth: GeoboxAuth
    _ops: GeoboxOps

    def _configure(
        self,
        host: object,
        ver: object,
        credentials: Mapping[str, object],
        options: Mapping[str, Any],
    ) -> tuple[ClientOptions, Redactor]:
        """Check every argument (before any request), choose the credentials; the options and the redactor the
        twin's transport is built with."""
        self.host = _check_host(host)
        _check_ver(ver)
        self.ver = "v1/"
        checked = ClientOptions(**options)
        self._credentials = resolve_credentials(
            username=credentials["username"],
            password=credentials["password"],
            access_token=credentials["access_token"],
            apikey=credentials["apikey"],
        )
        self._auth = GeoboxAuth(self._credentials)
        if self._credentials.mode == "apikey":
            install_redactor()
        creds = self._credentials
        redactor = Redactor(
            [creds.access_token, creds.apikey],
            [(creds.username or "", creds.password)] if creds.password else [],
        )
        self._ops = GeoboxOps(creds, self._auth, redactor.add)
        return checked, redactor

    def _transport_kwargs(self, options: ClientOptions, redactor: Redactor) -> dict[str, Any]:
        return {
            "service": "geobox",
            "base_url": self.host,
            "auth": self._auth,
            "options": options,
            "error_parser": parse_geobox_error,
            "error_classes": ERROR_CLASSES,
            "redactor": redactor,
        }

    # -- configuration ---------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``host`` + ``/v1/``, as the SDK's ``base_url``."""
        return f"{self.host}/{self.ver}"

    @property
    def auth_mode(self) -> str:
        """``"access_token"``, ``"apikey"`` or ``"password"``."""
        return self._credentials.mode

    @property
    def retry_mode(self) -> RetryPolicy:
        """The retry policy of every request (assign a mode name or a ``RetryPolicy`` to change it)."""
        return self._transport.retry

    @retry_mode.setter
    def retry_mode(self, mode: RetryLike) -> None:
        self._transport.retry = retry_policy(mode, "retry_mode")

    @property
    def clock(self) -> Clock:
        """The clock retries and waits run on."""
        return self._transport.clock

    @property
    def _poll_policy(self) -> PollPolicy | None:
        """The ``poll_policy`` its tasks' ``wait()`` uses by default."""
        return self._transport.options.poll_policy

    def _check_login(self) -> None:
        if self._credentials.mode != "password":
            raise UnsupportedOperation(
                f"login() needs username/password credentials; this client uses {self.auth_mode}"
            )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(host={safe_url(self.host)!r}, auth={self.auth_mode!r})"


def get_task_steps(ops: GeoboxOps, uuid: object) -> Steps[dict[str, Any]]:
    """``get_task``: the uuid checked before any request, then the task body."""
    checked = check_uuid(uuid)
    body: dict[str, Any] = yield from ops.fetch_task(checked)
    return body


def get_tasks_steps(ops: GeoboxOps, params: Mapping[str, Any]) -> Steps[list[dict[str, Any]] | int]:
    """``get_tasks``, with ``params`` already checked by ``list_kwargs``: the bodies of one page, or the count."""
    found: list[dict[str, Any]] | int = yield from ops.list(params)
    return found


class GeoboxClient(ClientCore):
    """A Geobox API client (see the module docstring for what differs from ``geobox.GeoboxClient``).

    Args:
        host: the server, e.g. ``https://api.geobox.ir`` or an emulator's ``http://127.0.0.1:8765/geobox``.
        ver: the API version; only ``"v1/"`` (or ``"v1"``).
        username, password: exchanged for an access token on the first request.
        access_token: sent as ``Authorization: Bearer``.
        apikey: sent as the ``apikey`` query parameter (Geobox's only form; prefer a token: query strings end up
            in server and proxy logs).
        verify: TLS verification: True (default), a CA bundle path or an ``ssl.SSLContext``; False only on purpose.
        retry_mode: ``"default"``, ``"forceful"``, ``"disabled"`` or a ``taskfacade.RetryPolicy``.
        timeout: per-request timeouts in seconds or an ``httpx.Timeout`` (never None).
        clock: the time source for retries and waits (tests).
        trust_env: read proxy and CA settings from the environment (``HTTPS_PROXY``, ``SSL_CERT_FILE``...), as
            httpx does by default; False ignores them (see docs/retry-modes.md, "Proxies").
        max_response_size: the largest response body accepted, in bytes after decompression (default 64 MiB);
            a larger one raises ``taskfacade.ResponseTooLarge``.
        pool_size: connections kept open (default: like ``ThreadPoolExecutor``).
        httpx_transport: a custom httpx transport (byte-level tests).
        user_agent: the ``User-Agent`` header of every request.
        rate_limit: ``"adaptive"`` (the default): the endpoint's shared adaptive rate limiter; None: off
            (``ClientOptions``).
        poll_policy: how this client's jobs' ``wait()`` polls when the call gives no ``interval`` or
            ``policy`` (a ``taskfacade.PollPolicy``; None: each wait's own defaults).

    Raises:
        InvalidArgument: a bad argument, or no credentials in the arguments or the ``GEOBOX_*`` environment.
    """

    _transport: Transport

    def __init__(
        self,
        host: str = DEFAULT_HOST,
        ver: str = "v1/",
        username: str | None = None,
        password: str | None = None,
        access_token: str | None = None,
        apikey: str | None = None,
        verify: bool | str | ssl.SSLContext = True,
        *,
        retry_mode: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        clock: Clock | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        pool_size: int | None = None,
        httpx_transport: httpx.BaseTransport | None = None,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
    ) -> None:
        options, redactor = self._configure(
            host,
            ver,
            {"username": username, "password": password, "access_token": access_token, "apikey": apikey},
            {
                "retry_mode": retry_mode,
                "timeout": timeout,
                "verify": verify,
                "pool_size": pool_size,
                "clock": clock,
                "trust_env": trust_env,
                "max_response_size": max_response_size,
                "user_agent": user_agent,
                "rate_limit": rate_limit,
                "poll_policy": poll_policy,
                "httpx_transport": httpx_transport,
            },
        )
        self._transport = Transport(**self._transport_kwargs(options, redactor))
        self._caller = SyncGeoboxCaller(self._transport, self._ops)

    # -- the SDK's task entry points ---------------------------------------------------------------------------

    def get_task(self, uuid: str) -> Task:
        """One task (``GET /v1/tasks/{uuid}/``). Raises ``NotFoundError`` when there is none."""
        body = self._run(get_task_steps(self._ops, uuid))
        return Task(self, body["uuid"], body)

    @overload
    def get_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        return_count: Literal[True],
        skip: int = 0,
        limit: int = 10,
        user_id: int | None = None,
        shared: bool = False,
    ) -> int: ...

    @overload
    def get_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        return_count: Literal[False] = False,
        skip: int = 0,
        limit: int = 10,
        user_id: int | None = None,
        shared: bool = False,
    ) -> list[Task]: ...

    @overload
    def get_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        return_count: bool = False,
        skip: int = 0,
        limit: int = 10,
        user_id: int | None = None,
        shared: bool = False,
    ) -> list[Task] | int: ...

    def get_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        return_count: bool = False,
        skip: int = 0,
        limit: int = 10,
        user_id: int | None = None,
        shared: bool = False,
    ) -> list[Task] | int:
        """One page of tasks (newest first unless ``order_by``), or their count with ``return_count=True``.

        Args:
            state: only tasks in this state.
            q: an OGC CQL filter, e.g. ``"name LIKE '%roads%' AND created_at > '2024-01-01'"``.
            search: a keyword searched in ``search_fields`` (or every text field); ignored when ``q`` is set.
            search_fields: fields for ``search``, comma-separated or a list.
            order_by: ``"field A|D"`` items, comma-separated or a list, e.g. ``"name A, created_at D"``.
            return_count: return the number of matching tasks instead of a page.
            skip: 0-based offset. limit: page size.
            user_id: list this user's tasks (privileges required).
            shared: include tasks other users shared.
        """
        params = list_kwargs(
            state=state,
            q=q,
            search=search,
            search_fields=search_fields,
            order_by=order_by,
            return_count=return_count,
            skip=skip,
            limit=limit,
            user_id=user_id,
            shared=shared,
        )
        found = self._run(get_tasks_steps(self._ops, params))
        if isinstance(found, int):
            return found
        return [Task(self, body["uuid"], body) for body in found]

    def iter_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        user_id: int | None = None,
        shared: bool = False,
        page_size: int = 100,
    ) -> Pager[Task]:
        """Every matching task, as a lazy ``taskfacade.Pager`` fetching ``page_size`` tasks per request.

        Offsets shift when tasks are created meanwhile (newest first): pass ``order_by="created_at A"`` (or a
        ``q`` that excludes new tasks) for a stable walk.
        """
        size = check_int("page_size", page_size, 1)
        params = list_kwargs(
            state=state,
            q=q,
            search=search,
            search_fields=search_fields,
            order_by=order_by,
            return_count=False,
            skip=0,
            limit=size,
            user_id=user_id,
            shared=shared,
        )

        def fetch(request: PageRequest) -> Page[Task]:
            bodies = self._run(get_tasks_steps(self._ops, {**params, "skip": request.index * size}))
            assert not isinstance(bodies, int)  # return_count is False
            return Page([Task(self, body["uuid"], body) for body in bodies])

        return Pager(fetch, page_size=size)

    def login(self) -> None:
        """Exchange the username and password for an access token now (otherwise the first request does it).

        Raises:
            AuthenticationError: wrong username or password.
            UnsupportedOperation: this client does not use a username and password.
        """
        self._check_login()
        self._run(self._ops.login_now())

    # -- lifecycle -------------------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connections. Idempotent."""
        self._transport.close()

    def __enter__(self) -> GeoboxClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- JobBackend (_task.py): what Task calls ------------------------------------------------------------------

    def _run(self, steps: Steps[T]) -> T:
        """Run steps (``_ops``, ``_task``) on this client's transport."""
        return run(steps, self._caller)
