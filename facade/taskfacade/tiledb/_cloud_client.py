"""``Client`` (seed 001's ``cloud.client.Client``): one TileDB account's settings, retry mode and connections.

A client resolves its settings once, when it is built (arguments > environment > profile file, see
``_config.py``), and opens its connection pool (a core ``Transport``) on first use. Every module-level function of
``taskfacade.tiledb.tasks`` and ``taskfacade.tiledb.client`` takes a keyword-only ``client=``; without it they use
the *default client*, built from the configuration on first use and replaceable with ``set_default_client`` (or
by ``login``). That default is the only process-wide state, and it is never mutated behind the caller's back.
"""

from __future__ import annotations

import os
import ssl
import threading
from collections.abc import Callable
from typing import Any, ParamSpec, Protocol, TypeVar

import attrs
import httpx

from .._clock import Clock
from .._errors import InvalidArgument
from .._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT, ClientOptions, tls_setting
from .._pollpolicy import PollPolicy
from .._retry import RetryPolicy
from .._secrets import Redactor
from .._steps import Steps, run
from .._transport import Transport
from . import _validate as v
from ._async import AsyncResult, run_async
from ._auth import TileDBAuth
from ._config import ProfileLocation, Settings, check_location_arguments, resolve_settings
from ._errors import ConfigurationError
from ._retrymode import RetryLike, RetryMode, tiledb_retry_policy
from ._workspace import is_workspace_id, workspace_id_steps

__all__ = [
    "Client",
    "ClientState",
    "Prepared",
    "Resolved",
    "default_client",
    "known_workspace",
    "prepare_client",
    "resolve_prepared",
    "set_default_client",
    "transport_arguments",
    "workspace_steps",
]

T = TypeVar("T")
P = ParamSpec("P")


class Client:
    """A TileDB client: settings, retry mode and a connection pool sized by ``pool_threads``.

    Args:
        pool_threads: threads for ``async_req=True`` calls and connections kept open (default: CPU count + 4,
            at most 32).
        retry_mode: a ``RetryMode`` (``DEFAULT``, ``FORCEFUL``, ``DISABLED``), its string (``"default"``...) or
            a ``taskfacade.RetryPolicy`` (see docs/retry-modes.md).
        host: the server, e.g. ``https://api.tiledb.com`` (a bare host name gets ``https://``).
        token: an API token.
        username, password: HTTP Basic credentials (instead of a token).
        workspace: the workspace the task endpoints are addressed in: its id (``ws_...``) or its name (resolved
            to the id on first use).
        verify_ssl: check TLS certificates (default True).
        ca_file: a CA bundle to check them against.
        profile: the profile name in the profile file (default ``$TILEDB_PROFILE_NAME`` or ``default``).
        profile_dir: the folder of the profile file (default ``$TILEDB_PROFILE_DIR`` or ``~/.tiledb``).
        timeout: per-request timeouts in seconds or an ``httpx.Timeout`` (never None; checked here).
        clock: the time source for retries, waits and the default task window (tests pass a fake one).
        httpx_transport: a custom httpx transport (tests only).
        trust_env: read proxy and CA settings from the environment (``HTTPS_PROXY``, ``SSL_CERT_FILE``...), as
            httpx does by default; False ignores them (see docs/retry-modes.md, "Proxies").
        max_response_size: the largest response body accepted, in bytes after decompression (default 64 MiB);
            a larger one raises ``taskfacade.ResponseTooLarge``.
        pool_size: the name every other client uses for ``pool_threads`` (give one or the other).
        verify: the name every other client uses for TLS verification: True, False, a CA bundle path or an
            ``ssl.SSLContext`` (instead of ``verify_ssl`` and ``ca_file``).
        user_agent: the ``User-Agent`` header of every request.
        rate_limit: ``"adaptive"`` (the default): the endpoint's shared adaptive rate limiter; None: off
            (``ClientOptions``).
        poll_policy: how this client's jobs' ``wait()`` polls when the call gives no ``interval`` or
            ``policy`` (a ``taskfacade.PollPolicy``; None: each wait's own defaults).

    These options are checked here, together, as a ``taskfacade.ClientOptions`` (``options``); a bad one raises
    ``InvalidArgument`` before any request. Settings left unset come from the environment, then the profile file
    (see ``taskfacade.tiledb._config``). A client without credentials can be built; its first request raises
    ``ConfigurationError``.
    """

    def __init__(
        self,
        pool_threads: int | None = None,
        retry_mode: RetryLike = RetryMode.DEFAULT,
        *,
        host: str | None = None,
        token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        workspace: str | None = None,
        verify_ssl: bool | None = None,
        ca_file: str | None = None,
        profile: str | None = None,
        profile_dir: str | os.PathLike[str] | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        clock: Clock | None = None,
        httpx_transport: httpx.BaseTransport | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        pool_size: int | None = None,
        verify: bool | str | ssl.SSLContext | None = None,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
    ) -> None:
        prepared = prepare_client(
            pool_threads, retry_mode, host=host, token=token, username=username, password=password,
            workspace=workspace, verify_ssl=verify_ssl, ca_file=ca_file, profile=profile, profile_dir=profile_dir,
            timeout=timeout, clock=clock, httpx_transport=httpx_transport, trust_env=trust_env,
            max_response_size=max_response_size, pool_size=pool_size, verify=verify, user_agent=user_agent,
            rate_limit=rate_limit,
            poll_policy=poll_policy,
        )  # fmt: skip
        self._pool_threads = prepared.options.pool_size
        resolved = resolve_prepared(prepared)
        self.profile_location = resolved.location
        self.settings: Settings = resolved.settings
        self.options = options = resolved.options
        self.clock: Clock = options.clock
        self._lock = threading.Lock()
        self._transport: Transport | None = None
        self._user: Any = None
        self._workspace_ids: dict[str, str] = {}  # workspace name -> id, resolved once per client

    # -- the seed's methods ------------------------------------------------------------------------------------

    def build(self, builder: Callable[..., T]) -> T:
        """A generated client (``taskfacade_generated.tiledb.Client``) sending through this client's connections.

        Calls made on it directly use this client's auth, timeouts and pool, but not its retries or error
        mapping; the facade's functions are the way to get those.
        """
        return self.transport.bind(builder)  # checks ``builder`` (reported as client_class)

    def retry_mode(self, mode: RetryLike = RetryMode.DEFAULT) -> None:
        """Set how this client's requests are retried from now on (a ``RetryMode``, or ``"default"``,
        ``"forceful"``, ``"disabled"``, or a ``RetryPolicy``)."""
        policy = tiledb_retry_policy(mode, "mode")
        with self._lock:
            self.options = attrs.evolve(self.options, retry_mode=policy)
            if self._transport is not None:
                self._transport.retry = policy

    def set_threads(self, threads: int | None = None) -> None:
        """Resize the thread pool (and connection pool) used by this client; None restores the default size.

        The current connections are closed once their pending ``async_req`` work is done.
        """
        threads = v.optional_int("threads", threads)
        with self._lock:
            self._pool_threads = threads
            self.options = attrs.evolve(self.options, pool_size=threads)
            old, self._transport = self._transport, None
        if old is not None:
            old.close()

    # -- what the facade's functions use -----------------------------------------------------------------------

    @property
    def retry_policy(self) -> RetryPolicy:
        """The current retry policy."""
        return self.options.retry_mode

    @property
    def pool_threads(self) -> int | None:
        """The thread count given (None: the default size)."""
        return self._pool_threads

    @property
    def host(self) -> str:
        """The server URL."""
        return self.settings.host

    @property
    def workspace(self) -> str:
        """The id of the workspace the task endpoints are addressed in.

        A workspace configured by name is resolved to its id on first use (one ``GET /v4/workspaces/{name}``, as
        tiledb-client does) and remembered by this client.

        Raises:
            ConfigurationError: no workspace is configured, or none has the configured name.
        """
        known = known_workspace(self)
        if known is not None:
            return known
        return run(workspace_steps(self), self.transport)

    @property
    def transport(self) -> Transport:
        """The connection pool with retries (opened on first use)."""
        transport = self._transport
        if transport is not None:
            return transport
        with self._lock:
            if self._transport is None:
                self._transport = self._open()
            return self._transport

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> AsyncResult[T]:
        """Run ``fn`` on this client's thread pool: what ``async_req=True`` does.

        The result is a ``concurrent.futures.Future`` that also has ``ApplyResult``'s ``get``, ``ready``,
        ``successful`` and ``wait`` (see ``_async.py``).
        """
        return run_async(self.transport.submit, fn, *args, **kwargs)

    def close(self) -> None:
        """Close the connections and the thread pool (a later call reopens them)."""
        with self._lock:
            old, self._transport = self._transport, None
        if old is not None:
            old.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"Client(host={self.settings.host!r}, workspace={self.settings.workspace!r}, "
            f"retry_mode={self.options.retry_mode.name!r}, credentials={self.settings.source!r})"
        )

    def _open(self) -> Transport:
        return Transport(**transport_arguments(self.settings, self.options))


class ClientState(Protocol):
    """What the shared steps read of a sync ``Client`` or an ``AsyncClient`` (both have it once set up)."""

    @property
    def settings(self) -> Settings: ...

    clock: Clock
    _lock: threading.Lock
    _user: Any
    _workspace_ids: dict[str, str]


@attrs.frozen
class Prepared:
    """A client's arguments, checked (no I/O yet): what ``resolve_prepared`` turns into settings."""

    options: ClientOptions
    arguments: dict[str, Any]
    profile: str | None
    profile_dir: str | os.PathLike[str] | None
    ca_file: str | None
    verify_given: bool


@attrs.frozen
class Resolved:
    """A client's settings, resolved from arguments, environment and profile file (I/O done)."""

    location: ProfileLocation
    settings: Settings
    options: ClientOptions


def prepare_client(
    pool_threads: Any,
    retry_mode: Any,
    *,
    host: Any,
    token: Any,
    username: Any,
    password: Any,
    workspace: Any,
    verify_ssl: Any,
    ca_file: Any,
    profile: Any,
    profile_dir: Any,
    timeout: Any,
    clock: Any,
    httpx_transport: Any,
    trust_env: Any,
    max_response_size: Any,
    pool_size: Any,
    verify: Any,
    user_agent: Any,
    rate_limit: Any,
    poll_policy: Any,
) -> Prepared:
    """Every argument of ``Client`` (and ``AsyncClient``) checked, without reading the environment or a file."""
    if pool_size is not None and pool_threads is not None:
        raise InvalidArgument("pool_size", pool_size, "None when pool_threads is given (they are one setting)")
    if verify is not None and (verify_ssl is not None or ca_file is not None):
        raise InvalidArgument("verify", verify, "None when verify_ssl or ca_file is given (they are one setting)")
    threads = v.optional_int("pool_threads", pool_threads)
    options = ClientOptions(
        retry_mode=tiledb_retry_policy(retry_mode, "retry_mode"),
        timeout=timeout,
        pool_size=pool_size if pool_threads is None else threads,
        clock=clock,
        trust_env=trust_env,
        max_response_size=max_response_size,
        user_agent=user_agent,
        rate_limit=rate_limit,
        poll_policy=poll_policy,
        httpx_transport=httpx_transport,
        verify=True if verify is None else verify,
    )
    _check_credentials(token, username, password)
    arguments = {
        "host": v.optional_str("host", host),
        "token": token,
        "username": username,
        "password": password,
        "workspace": v.optional_str("workspace", workspace),
        "verify_ssl": v.optional_flag("verify_ssl", verify_ssl),
        "ca_file": v.optional_str("ca_file", ca_file),
    }
    check_location_arguments(profile_dir, profile)
    return Prepared(options, arguments, profile, profile_dir, ca_file, verify is not None)


def resolve_prepared(prepared: Prepared) -> Resolved:
    """Read the environment and the profile file (blocking I/O: the async client runs this in a worker thread)."""
    location = ProfileLocation.from_env(prepared.profile_dir, prepared.profile)
    settings = resolve_settings(prepared.arguments, location)
    options = prepared.options
    if not prepared.verify_given:
        options = attrs.evolve(options, verify=_tls(settings, location, prepared.ca_file))
    return Resolved(location, settings, options)


def transport_arguments(settings: Settings, options: ClientOptions) -> dict[str, Any]:
    """The keyword arguments of the client's ``Transport`` (or ``AsyncTransport``); ``ConfigurationError`` when
    there are no credentials."""
    if not settings.has_credentials:
        raise ConfigurationError(
            "no TileDB credentials found: call taskfacade.tiledb.client.login(...), pass token= (or username= "
            "and password=) to Client, set TILEDB_REST_TOKEN, or write a profile"
        )
    return {
        "service": "tiledb",
        "base_url": settings.host,
        "auth": TileDBAuth(settings.token, settings.username, settings.password),
        "redactor": Redactor(
            [settings.token],
            [(settings.username, settings.password)] if settings.username and settings.password else [],
        ),
        "options": options,
    }


def known_workspace(client: ClientState) -> str | None:
    """The workspace id when known without a request (configured as an id, or resolved before), else None.

    Raises:
        ConfigurationError: no workspace is configured.
    """
    workspace = client.settings.workspace or _workspace_from_token(client.settings.token)
    if not workspace:
        raise ConfigurationError(
            "no TileDB workspace configured: pass workspace='ws_...' (or its name) to Client or login, "
            "or set TILEDB_REST_WORKSPACE"
        )
    if is_workspace_id(workspace):
        return workspace
    with client._lock:
        return client._workspace_ids.get(workspace)


def workspace_steps(client: ClientState) -> Steps[str]:
    """The workspace id, resolving a name with one request the first time (steps, for both twins)."""
    known = known_workspace(client)
    if known is not None:
        return known
    name = client.settings.workspace or _workspace_from_token(client.settings.token) or ""
    found = yield from workspace_id_steps(name)
    with client._lock:
        client._workspace_ids[name] = found
    return found


def _tls(settings: Settings, location: ProfileLocation, ca_file: str | None) -> bool | ssl.SSLContext:
    """TLS verification from the resolved ``verify_ssl`` and ``ca_file``; a CA bundle that does not exist is
    refused here, under the name it was given by (argument, ``TILEDB_SSL_CA_FILE`` or the profile file)."""
    if not settings.verify_ssl or not settings.ca_file:
        return settings.verify_ssl
    if ca_file is not None:
        return tls_setting(settings.ca_file, "ca_file")
    if os.environ.get("TILEDB_SSL_CA_FILE") == settings.ca_file:
        return tls_setting(settings.ca_file, "TILEDB_SSL_CA_FILE")
    return tls_setting(settings.ca_file, "ssl.ca_file", source=str(location.directory))


def _check_credentials(token: object, username: object, password: object) -> None:
    """Credential arguments, checked without ever echoing a secret."""
    for name, value in (("token", token), ("username", username), ("password", password)):
        if value is not None and (not isinstance(value, str) or not value):
            shown = "<hidden>" if name != "username" else value
            raise InvalidArgument(name, shown, "None or a non-empty string")
    if token is not None and (username is not None or password is not None):
        raise InvalidArgument("token", "<hidden>", "either a token or a username and password, not both")
    if (username is None) != (password is None):
        raise InvalidArgument("password" if password is None else "username", None, "username and password together")


def _workspace_from_token(token: str | None) -> str | None:
    """tiledb-client 3.x tokens look like ``<prefix>-ws_<id>-<secret>``: the middle part names the workspace."""
    if not token:
        return None
    parts = token.split("-")
    if len(parts) >= 3 and parts[1].startswith("ws_"):
        return parts[1]
    return None


class _DefaultClient:
    """Holds the process's default client: built from the configuration on first use, replaceable."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._client: Client | None = None
        self._owned = False

    def get(self) -> Client:
        with self._lock:
            if self._client is None:
                self._client, self._owned = Client(), True
            return self._client

    def replace(self, client: Client | None) -> None:
        if client is not None and not isinstance(client, Client):
            raise InvalidArgument("client", client, "a taskfacade.tiledb.Client or None")
        with self._lock:
            old, owned = self._client, self._owned
            self._client, self._owned = client, False
        if old is not None and owned and old is not client:
            old.close()


_DEFAULT = _DefaultClient()


def default_client() -> Client:
    """The default client used when a function gets no ``client=``: built from the configuration on first use."""
    return _DEFAULT.get()


def set_default_client(client: Client | None) -> None:
    """Make ``client`` the default (None: build a new one from the configuration on next use).

    A default the library built itself is closed when replaced; one you set is left to you.
    """
    _DEFAULT.replace(client)


def resolve_client(client: Client | None) -> Client:
    """``client``, or the default client when None; anything else is refused."""
    if client is None:
        return _DEFAULT.get()
    if not isinstance(client, Client):
        raise InvalidArgument("client", client, "a taskfacade.tiledb.Client or None")
    return client
