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
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal, TypeVar, overload

import httpx

from taskfacade._adapter import Exchange
from taskfacade._clock import Clock
from taskfacade._errors import InvalidArgument, ResponseDecodeError, TransportError
from taskfacade._failure import undecodable
from taskfacade._log import safe_url
from taskfacade._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT, ClientOptions
from taskfacade._pager import Page, Pager, PageRequest
from taskfacade._retry import RetryLike, RetryPolicy, retry_policy
from taskfacade._secrets import Redactor
from taskfacade._transport import Transport
from taskfacade._urls import check_base_url

from ._assets import Asset, AssetKind, asset_from_body
from ._auth import Credentials, GeoboxAuth, resolve_credentials
from ._enums import TaskStatus
from ._errors import ERROR_CLASSES, AuthenticationError, ValidationError, api_request_error, parse_geobox_error
from ._generated import (
    UNSET,
    AccessToken,
    LoginForm,
    ResponseFormat,
    TaskCount,
    TaskProgress,
    abort_task,
    get_file_info,
    get_model_3d,
    get_raster,
    get_table,
    get_task,
    get_task_status,
    get_tasks,
    get_tile_3d,
    get_vector_layer,
    login_for_access_token,
)
from ._generated import Task as TaskModel
from ._generated import TaskStatus as WireStatus
from ._listing import check_int, list_kwargs, uuid_filters
from ._redact import install_redactor
from ._task import Task
from ._values import check_uuid

__all__ = ["DEFAULT_HOST", "GeoboxClient"]

DEFAULT_HOST = "https://api.geobox.ir"
SUPPORTED_VERSIONS = ("v1/", "v1")
T = TypeVar("T")

#: result key -> (generated operation, generated model)
_ASSET_OPERATIONS: Mapping[str, tuple[Callable[..., Any], str]] = {
    "layer_uuid": (get_vector_layer.sync_detailed, "VectorLayer"),
    "raster_uuid": (get_raster.sync_detailed, "Raster"),
    "model_uuid": (get_model_3d.sync_detailed, "Model3D"),
    "file_uuid": (get_file_info.sync_detailed, "FileInfo"),
    "3dtiles_uuid": (get_tile_3d.sync_detailed, "Tile3D"),
    "table_uuid": (get_table.sync_detailed, "Table"),
}


def _check_host(host: object) -> str:
    return check_base_url(host, "host").rstrip("/")


def _check_ver(ver: object) -> None:
    if ver not in SUPPORTED_VERSIONS:
        raise InvalidArgument("ver", ver, "'v1/' (this client speaks Geobox API v1)")


class GeoboxClient:
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

    Raises:
        InvalidArgument: a bad argument, or no credentials in the arguments or the ``GEOBOX_*`` environment.
    """

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
    ) -> None:
        self.host = _check_host(host)
        _check_ver(ver)
        self.ver = "v1/"
        options = ClientOptions(
            retry_mode=retry_mode,
            timeout=timeout,
            verify=verify,
            pool_size=pool_size,
            clock=clock,
            trust_env=trust_env,
            max_response_size=max_response_size,
            user_agent=user_agent,
            httpx_transport=httpx_transport,
        )
        self._credentials: Credentials = resolve_credentials(
            username=username, password=password, access_token=access_token, apikey=apikey
        )
        self._auth = GeoboxAuth(self._credentials)
        if self._credentials.mode == "apikey":
            install_redactor()
        self._login_lock = threading.Lock()
        self._batch_lists = True  # False once the server refused a "uuid IN (...)" filter
        self._transport = Transport(
            service="geobox",
            base_url=self.host,
            auth=self._auth,
            options=options,
            error_parser=parse_geobox_error,
            error_classes=ERROR_CLASSES,
            redactor=Redactor(
                [self._credentials.access_token, self._credentials.apikey],
                [(self._credentials.username or "", self._credentials.password)] if self._credentials.password else [],
            ),
        )

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

    # -- the SDK's task entry points ---------------------------------------------------------------------------

    def get_task(self, uuid: str) -> Task:
        """One task (``GET /v1/tasks/{uuid}/``). Raises ``NotFoundError`` when there is none."""
        body = self._fetch_task(check_uuid(uuid))
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
        found = self._list(params)
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
            bodies = self._list({**params, "skip": request.index * size})
            assert not isinstance(bodies, int)  # return_count is False
            return Page([Task(self, body["uuid"], body) for body in bodies])

        return Pager(fetch, page_size=size)

    def login(self) -> None:
        """Exchange the username and password for an access token now (otherwise the first request does it).

        Raises:
            AuthenticationError: wrong username or password.
            UnsupportedOperation: this client does not use a username and password.
        """
        if self._credentials.mode != "password":
            from taskfacade._errors import UnsupportedOperation

            raise UnsupportedOperation(
                f"login() needs username/password credentials; this client uses {self.auth_mode}"
            )
        try:
            self._login(stale=self._auth.token, force=True)
        except TransportError as error:
            raise api_request_error(error) from error

    # -- lifecycle -------------------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connections. Idempotent."""
        self._transport.close()

    def __enter__(self) -> GeoboxClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"GeoboxClient(host={safe_url(self.host)!r}, auth={self.auth_mode!r})"

    # -- requests ----------------------------------------------------------------------------------------------

    def _exchange(self, operation: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Exchange[Any]:
        """One generated operation through the transport; a network failure is the SDK's ``ApiRequestError``."""
        try:
            return self._exchange_logged_in(operation, *args, **kwargs)
        except TransportError as error:
            raise api_request_error(error) from error

    def _exchange_logged_in(self, operation: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Exchange[Any]:
        """One generated operation through the transport, logging in first (and again after a 401) if needed."""
        if self._credentials.mode != "password":
            return self._transport.exchange(operation, *args, **kwargs)
        token = self._login(stale=None)
        try:
            return self._transport.exchange(operation, *args, **kwargs)
        except AuthenticationError:
            self._login(stale=token, force=True)
            return self._transport.exchange(operation, *args, **kwargs)

    def _login(self, stale: str | None, force: bool = False) -> str:
        """The current token; logs in when there is none, or when ``force`` and the token is still ``stale``."""
        with self._login_lock:
            token = self._auth.token
            if token is not None and not (force and token == stale):
                return token
            self._auth.token = None
            creds = self._credentials
            form = LoginForm(username=creds.username or "", password=creds.password or "")
            result = self._transport.exchange(login_for_access_token.sync_detailed, body=form, idempotent=True)
            parsed = _expect(result, AccessToken, "login")
            token = parsed.access_token
            if not isinstance(token, str) or not token or not (token.isascii() and token.isprintable()):
                raise _decode_error(result, "login: 'access_token' must be a printable ASCII string")
            self._transport.redactor.add(parsed.access_token)
            self._auth.token = parsed.access_token
            return parsed.access_token

    def _list(self, params: Mapping[str, Any]) -> list[dict[str, Any]] | int:
        """``GET /v1/tasks/`` with checked ``params`` (see ``list_kwargs``): task bodies, or the count."""
        wire = {key: UNSET if value is None else value for key, value in params.items()}
        if isinstance(wire["state"], TaskStatus):
            wire["state"] = WireStatus(wire["state"].value)
        result = self._exchange(get_tasks.sync_detailed, f=ResponseFormat.JSON, **wire)
        parsed = result.response.parsed
        if params["return_count"]:
            count = parsed.count if isinstance(parsed, TaskCount) else parsed
            if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
                return count
            raise _decode_error(result, "expected a count ({'count': N} or N)")
        if not isinstance(parsed, list) or not all(isinstance(item, TaskModel) for item in parsed):
            raise _decode_error(result, "expected a JSON array of tasks (each with a 'uuid')")
        return [_task_dict(result, item) for item in parsed]

    # -- JobBackend (_task.py): what Task calls ------------------------------------------------------------------

    def _fetch_task(self, uuid: str) -> dict[str, Any]:
        result = self._exchange(get_task.sync_detailed, uuid)
        return _task_dict(result, _expect(result, TaskModel, "task"))

    def _fetch_progress(self, uuid: str) -> int | None:
        """``int(current / total * 100)`` (clamped to 0..100), or None when either is 0 or missing (as the SDK)."""
        result = self._exchange(get_task_status.sync_detailed, uuid)
        counters = _expect(result, TaskProgress, "task progress")
        numbers: list[float] = []
        for name, value in (("current", counters.current), ("total", counters.total)):
            if isinstance(value, int | float) and not isinstance(value, bool):
                numbers.append(value)
            elif value is not None and value is not UNSET:
                raise _decode_error(result, f"task progress: {name!r} must be a number")
        if len(numbers) < 2 or not numbers[0] or not numbers[1]:
            return None
        current, total = numbers
        return max(0, min(100, int(current / total * 100)))

    def _abort_task(self, uuid: str) -> dict[str, Any]:
        # Safe to replay: aborting an ABORTED task is a no-op, so a retry after a lost answer changes nothing.
        result = self._exchange(abort_task.sync_detailed, uuid, idempotent=True)
        return _task_dict(result, _expect(result, TaskModel, "aborted task"))

    def _fetch_asset(self, kind: AssetKind, uuid: str) -> Asset:
        operation, model_name = _ASSET_OPERATIONS[kind.result_key]
        result = self._exchange(operation, uuid, f=ResponseFormat.JSON)
        parsed = result.response.parsed
        if type(parsed).__name__ != model_name or not hasattr(parsed, "to_dict"):
            raise _decode_error(result, f"expected {model_name}, got {type(parsed).__name__}")
        try:
            return asset_from_body(kind, parsed.to_dict())
        except ResponseDecodeError as exc:
            raise _decode_error(result, exc.message) from None

    def _fetch_tasks(self, uuids: Sequence[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Several tasks' bodies, as they arrive: one list request per ~75 uuids (``q=uuid IN (...)``), then one
        GET for each uuid the lists did not return (another user's task, not shared).

        A server that refuses the filter (400/422) is not asked again: this client then GETs every task.
        """
        seen: set[str] = set()
        if self._batch_lists:
            for uuid, body in self._fetch_listed(uuids):
                seen.add(uuid)
                yield uuid, body
        for uuid in uuids:
            if uuid not in seen:
                yield uuid, self._fetch_task(uuid)

    def _fetch_listed(self, uuids: Sequence[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """The bodies the list endpoint returns for uuid filters (each uuid at most once)."""
        wanted = set(uuids)
        for cql, chunk in list(uuid_filters(list(uuids))):
            params = list_kwargs(
                state=None,
                q=cql,
                search=None,
                search_fields=None,
                order_by=None,
                return_count=False,
                skip=0,
                limit=len(chunk),
                user_id=None,
                shared=True,
            )
            try:
                bodies = self._list(params)
            except ValidationError:
                self._batch_lists = False
                return
            assert not isinstance(bodies, int)  # return_count is False
            for body in bodies:
                uuid = body["uuid"]
                if uuid in wanted:
                    wanted.discard(uuid)
                    yield uuid, body


def _decode_error(result: Exchange[Any], message: str) -> ResponseDecodeError:
    return undecodable(result, message, service="geobox")


def _expect(result: Exchange[Any], cls: type[T], what: str) -> T:
    parsed = result.response.parsed
    if not isinstance(parsed, cls):
        raise _decode_error(result, f"{what}: expected {cls.__name__}, got {type(parsed).__name__}")
    return parsed


def _task_dict(result: Exchange[Any], model: TaskModel) -> dict[str, Any]:
    """The task body as a dict (``Task.data``), after checking the fields the facade relies on."""
    body: dict[str, Any] = model.to_dict()
    if not isinstance(body.get("uuid"), str) or not body["uuid"]:
        raise _decode_error(result, "task: 'uuid' must be a non-empty string")
    if body.get("name") is not None and not isinstance(body["name"], str):
        raise _decode_error(result, "task: 'name' must be a string")
    return body
