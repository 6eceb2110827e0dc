"""Serving the ASGI app with uvicorn: on a socket we bind ourselves (so ``--port 0`` knows its port before the
first request), until a stop event, either in the foreground (the CLI) or in a background thread (``Emulator``).
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._inject import TRANSPORT_KEY

#: How long open requests may take to finish once the server stops (the CLI; in-process it is shorter).
SHUTDOWN_GRACE_S = 5.0
START_TIMEOUT_S = 30.0


class _TransportMixin:
    """Puts the connection's transport in each request's ``scope["state"]`` and turns on TCP_NODELAY.

    The reset and truncate faults need the TCP connection itself (``_inject``). asyncio leaves TCP_NODELAY off
    for sockets made by ``socket.create_server`` (proto 0): without it every response whose headers and body go
    out in two writes waits ~40 ms for the client's delayed ACK.
    """

    app_state: dict[str, Any]

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.app_state = {**self.app_state, TRANSPORT_KEY: transport}
        super().connection_made(transport)  # type: ignore[misc]


class _H11Protocol(_TransportMixin, H11Protocol):
    """uvicorn's pure-Python HTTP/1.1 protocol, with the transport in the scope."""


def protocol_class() -> type[asyncio.Protocol]:
    """uvicorn's httptools protocol when httptools is installed (several times faster), else h11's."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return _H11Protocol

    class _HttpToolsProtocol(_TransportMixin, HttpToolsProtocol):
        """uvicorn's httptools protocol, with the transport in the scope."""

    return _HttpToolsProtocol


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0 picks a free one); raises OSError when that fails."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=2048)


def url_for(sock: socket.socket) -> str:
    """``http://HOST:PORT`` for the socket's bound address."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


async def serve(
    app: ASGIApp,
    sock: socket.socket,
    stop: asyncio.Event,
    on_started: Callable[[], Any],
    grace_s: float = SHUTDOWN_GRACE_S,
) -> None:
    """Serve ``app`` on ``sock`` until ``stop`` is set; ``on_started`` runs once connections are accepted.

    On stop, open requests get ``grace_s`` seconds to finish before their connections are dropped.
    """
    config = uvicorn.Config(
        app,
        http=protocol_class(),
        lifespan="off",
        ws="none",
        log_config=None,
        access_log=False,
        proxy_headers=False,
        server_header=False,
        backlog=2048,
    )
    config.load()
    server = uvicorn.Server(config)
    server.lifespan = config.lifespan_class(config)
    await server.startup(sockets=[sock])
    try:
        on_started()
        await stop.wait()
    finally:
        await _shutdown(server, grace_s)


async def _shutdown(server: uvicorn.Server, grace_s: float) -> None:
    """Stop accepting, let open connections finish (briefly), then close (faster than uvicorn's own 0.1 s wait)."""
    for listener in server.servers:
        listener.close()
    connections = server.server_state.connections
    for connection in list(connections):
        connection.shutdown()
    deadline = time.monotonic() + grace_s
    while connections and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
    for connection in list(connections):
        connection.transport.abort()
    for task in list(server.server_state.tasks):
        task.cancel()
    for listener in server.servers:
        await listener.wait_closed()


class ThreadedServer:
    """Serves an app on a background thread with its own event loop."""

    def __init__(self, app: ASGIApp, host: str = "127.0.0.1", port: int = 0, grace_s: float = 0.5) -> None:
        self._app = app
        self._grace_s = grace_s
        self._sock = bind(host, port)
        self.url = url_for(self._sock)
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name=f"taskfacade-emulator {self.url}", daemon=True)

    def start(self) -> None:
        """Start serving; returns once the server accepts connections."""
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT_S):
            raise RuntimeError(f"the emulator did not start within {START_TIMEOUT_S} s")
        if self._error is not None:
            raise RuntimeError("the emulator failed to start") from self._error

    def stop(self) -> None:
        """Stop serving and wait for the thread to end."""
        if self._loop is not None and self._stop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread.is_alive():
            self._thread.join(self._grace_s + 10)
        self._sock.close()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # reported to start(); after start-up there is no one to tell
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        await serve(self._app, self._sock, self._stop, self._ready.set, self._grace_s)
