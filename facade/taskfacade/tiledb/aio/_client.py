"""``AsyncClient``: the async twin of ``taskfacade.tiledb.Client`` (same arguments, same settings resolution).

The constructor checks every argument at once, as ``Client`` does, but reads nothing: the environment, the profile
file and a CA bundle are read on first use (``await client.open()``, ``async with``, or any call), in a worker
thread (``anyio.to_thread``), so the event loop is never blocked. Connections are one ``AsyncTransport`` per
client, closed by ``await client.aclose()`` or ``async with``.
"""

from __future__ import annotations

import os
import ssl
import threading
from typing import Any

import anyio
import attrs
import httpx

from ..._atransport import AsyncTransport
from ..._clock import Clock
from ..._errors import InvalidArgument
from ..._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT, ClientOptions
from ..._pollpolicy import PollPolicy
from ..._retry import RetryPolicy
from ..._steps import Steps, arun
from .. import _validate as v
from .._cloud_client import (
    Resolved,
    known_workspace,
    prepare_client,
    resolve_prepared,
    transport_arguments,
    workspace_steps,
)
from .._config import ProfileLocation, Settings
from .._errors import ConfigurationError
from .._retrymode import RetryLike, RetryMode, tiledb_retry_policy

__all__ = ["AsyncClient", "default_client", "resolve_client", "set_default_client"]


class AsyncClient:
    """A TileDB client for asyncio (or trio): settings, retry mode and a pool of connections.

    Takes exactly the arguments of ``taskfacade.tiledb.Client`` (see there), with the same checks and the same
    precedence (arguments > environment > profile file). ``pool_threads``/``pool_size`` bound the connections
    (there are no threads: every call is a coroutine). Use one client from one event loop::

        async with AsyncClient(token="...", workspace="ws_...") as client:
            task = await aio.tasks.task(task_id, client=client)

    A bad argument raises ``InvalidArgument`` here; a bad profile file or missing credentials raise
    ``ConfigurationError`` on first use (``await client.open()``), where ``Client`` raises them when built.
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
        httpx_transport: httpx.AsyncBaseTransport | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        pool_size: int | None = None,
        verify: bool | str | ssl.SSLContext | None = None,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
    ) -> None:
        self._prepared = prepare_client(
            pool_threads, retry_mode, host=host, token=token, username=username, password=password,
            workspace=workspace, verify_ssl=verify_ssl, ca_file=ca_file, profile=profile, profile_dir=profile_dir,
            timeout=timeout, clock=clock, httpx_transport=httpx_transport, trust_env=trust_env,
            max_response_size=max_response_size, pool_size=pool_size, verify=verify, user_agent=user_agent,
            rate_limit=rate_limit,
            poll_policy=poll_policy,
        )  # fmt: skip
        self._pool_threads = self._prepared.options.pool_size
        self.options: ClientOptions = self._prepared.options
        self.clock: Clock = self.options.clock
        self._resolved: Resolved | None = None
        self._lock = threading.Lock()  # guards the workspace cache (never held across an await)
        self._opening: anyio.Lock | None = None
        self._transport: AsyncTransport | None = None
        self._user: Any = None
        self._workspace_ids: dict[str, str] = {}

    # -- settings (resolved on first use, off the loop) --------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The resolved settings (after ``await open()`` or any call; before that, ``ConfigurationError``)."""
        if self._resolved is None:
            raise ConfigurationError("AsyncClient settings are read on first use: await client.open() first")
        return self._resolved.settings

    @property
    def profile_location(self) -> ProfileLocation:
        """Which profile file and profile were read (after ``await open()``)."""
        if self._resolved is None:
            raise ConfigurationError("AsyncClient settings are read on first use: await client.open() first")
        return self._resolved.location

    @property
    def host(self) -> str:
        """The server URL (after ``await open()``)."""
        return self.settings.host

    @property
    def retry_policy(self) -> RetryPolicy:
        """The current retry policy."""
        return self.options.retry_mode

    @property
    def pool_threads(self) -> int | None:
        """The connection count given (None: the default size)."""
        return self._pool_threads

    def retry_mode(self, mode: RetryLike = RetryMode.DEFAULT) -> None:
        """Set how this client's requests are retried from now on (as ``Client.retry_mode``)."""
        policy = tiledb_retry_policy(mode, "mode")
        self.options = attrs.evolve(self.options, retry_mode=policy)
        if self._transport is not None:
            self._transport.retry = policy

    async def set_threads(self, threads: int | None = None) -> None:
        """Resize the connection pool (``Client.set_threads``'s twin; None restores the default size).

        The current connections are closed; the next call opens new ones.
        """
        threads = v.optional_int("threads", threads)
        self._pool_threads = threads
        self.options = attrs.evolve(self.options, pool_size=threads)
        old, self._transport = self._transport, None
        if old is not None:
            await old.aclose()

    async def open(self) -> AsyncClient:
        """Read the settings (environment, profile file: in a worker thread) and open the connection pool.

        Idempotent; every call does it on first use. Returns the client.

        Raises:
            ConfigurationError: an unreadable profile file, or no credentials anywhere.
        """
        await self.transport()
        return self

    async def transport(self) -> AsyncTransport:
        """The connection pool with retries (settings read and pool opened on first use)."""
        if self._transport is not None:
            return self._transport
        if self._opening is None:
            self._opening = anyio.Lock()
        async with self._opening:
            if self._transport is None:
                if self._resolved is None:
                    resolved = await anyio.to_thread.run_sync(resolve_prepared, self._prepared)
                    self._resolved = resolved
                    self.options = attrs.evolve(self.options, verify=resolved.options.verify)
                self._transport = AsyncTransport(**transport_arguments(self._resolved.settings, self.options))
            return self._transport

    async def workspace(self) -> str:
        """The id of the workspace the task endpoints are addressed in (a name is resolved once, as in sync)."""
        transport = await self.transport()
        known = known_workspace(self)
        if known is not None:
            return known
        return await arun(workspace_steps(self), transport)

    async def _run(self, steps: Steps[Any]) -> Any:
        """Drive shared steps with this client's transport (what every coroutine of ``aio`` does)."""
        return await arun(steps, await self.transport())

    async def aclose(self) -> None:
        """Close the connections (a later call reopens them). Idempotent."""
        old, self._transport = self._transport, None
        if old is not None:
            await old.aclose()

    async def __aenter__(self) -> AsyncClient:
        return await self.open()

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        if self._resolved is None:
            return f"AsyncClient(retry_mode={self.options.retry_mode.name!r}, settings not read yet)"
        settings = self._resolved.settings
        return (
            f"AsyncClient(host={settings.host!r}, workspace={settings.workspace!r}, "
            f"retry_mode={self.options.retry_mode.name!r}, credentials={settings.source!r})"
        )


class _DefaultClient:
    """The process's default async client: built from the configuration on first use, replaceable."""

    def __init__(self) -> None:
        self._client: AsyncClient | None = None
        self._owned = False

    def get(self) -> AsyncClient:
        if self._client is None:
            self._client, self._owned = AsyncClient(), True
        return self._client

    async def replace(self, client: AsyncClient | None) -> None:
        if client is not None and not isinstance(client, AsyncClient):
            raise InvalidArgument("client", client, "a taskfacade.tiledb.aio.AsyncClient or None")
        old, owned = self._client, self._owned
        self._client, self._owned = client, False
        if old is not None and owned and old is not client:
            await old.aclose()


_DEFAULT = _DefaultClient()


def default_client() -> AsyncClient:
    """The default async client used when a coroutine gets no ``client=``: built from the configuration on first
    use (its settings are read on its first call). Use it from one event loop."""
    return _DEFAULT.get()


async def set_default_client(client: AsyncClient | None) -> None:
    """Make ``client`` the default async client (None: build a new one on next use).

    A default the library built itself is closed when replaced; one you set is left to you.
    """
    await _DEFAULT.replace(client)


def resolve_client(client: AsyncClient | None) -> AsyncClient:
    """``client``, or the default async client when None; anything else (a sync ``Client`` too) is refused."""
    if client is None:
        return _DEFAULT.get()
    if not isinstance(client, AsyncClient):
        raise InvalidArgument("client", client, "a taskfacade.tiledb.aio.AsyncClient or None (not a sync Client)")
    return client
