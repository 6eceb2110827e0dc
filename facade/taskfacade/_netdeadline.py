"""Socket waits that end by the call's deadline: an httpcore network backend that clamps every timeout.

httpx's timeouts bound each socket operation, not the exchange: httpcore reads the ``read`` timeout once per
response and applies it to every ``recv``, so a server that drips its headers or body a byte a second never trips
it, and one call can take minutes whatever its budget. This backend wraps httpcore's own and, on every connect,
read and write, shortens the timeout to what is left before the deadline of the attempt running on the calling
thread (``deadline_left``), and fails at once with the matching httpcore timeout when nothing is left. So the
deadline bounds the whole exchange, blocked reads included, with no extra thread: the socket wait itself ends.

httpx offers no public way to choose the network backend, so ``install`` sets it on the connection pools of an
``httpx.Client``'s own ``HTTPTransport``s (the default one and any proxy mounts) before they open a connection;
transports of other kinds (``httpx.MockTransport``, a caller's own) are left alone. ``install`` reports how many
pools it covered, and a test holds it to every pool, so an httpx upgrade that moves these attributes fails loudly
rather than silently losing the bound.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

__all__ = ["DeadlineBackend", "clamp_timeout", "install"]

#: Seconds left before the calling thread's deadline, or None when the thread has none.
DeadlineLeft = Callable[[], float | None]


def clamp_timeout(timeout: float | None, left: float | None) -> float | None:
    """The socket timeout to use: ``timeout`` shortened to ``left`` (None on either side means no limit there)."""
    if left is None:
        return timeout
    return left if timeout is None else min(timeout, left)


def _bounded(timeout: float | None, deadline_left: DeadlineLeft, error: type[Exception]) -> float | None:
    bounded = clamp_timeout(timeout, deadline_left())
    if bounded is not None and bounded <= 0:
        raise error("the call's deadline passed")
    return bounded


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose reads and writes end by the calling thread's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline_left: DeadlineLeft) -> None:
        self._stream = stream
        self._deadline_left = deadline_left

    # read and write inline ``_bounded``: they run for every chunk of every exchange.
    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        left = self._deadline_left()
        if left is not None:
            if timeout is None or left < timeout:
                timeout = left
            if timeout <= 0:
                raise httpcore.ReadTimeout("the call's deadline passed")
        return self._stream.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        left = self._deadline_left()
        if left is not None:
            if timeout is None or left < timeout:
                timeout = left
            if timeout <= 0:
                raise httpcore.WriteTimeout("the call's deadline passed")
        self._stream.write(buffer, timeout)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, self._deadline_left, httpcore.ConnectTimeout)
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, bounded), self._deadline_left)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's network backend with every connect, read and write bounded by ``deadline_left``."""

    def __init__(self, backend: httpcore.NetworkBackend, deadline_left: DeadlineLeft) -> None:
        self._backend = backend
        self._deadline_left = deadline_left

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, self._deadline_left, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, bounded, local_address, socket_options)
        return DeadlineStream(stream, self._deadline_left)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, self._deadline_left, httpcore.ConnectTimeout)
        return DeadlineStream(self._backend.connect_unix_socket(path, bounded, socket_options), self._deadline_left)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _pools(client: httpx.Client) -> list[Any]:
    transports = [client._transport, *client._mounts.values()]  # private: no public accessor (module doc)
    return [t._pool for t in transports if isinstance(t, httpx.HTTPTransport)]


def install(client: httpx.Client, deadline_left: DeadlineLeft) -> int:
    """Bound the socket waits of ``client``'s own HTTP transports by ``deadline_left``; returns the pools covered.

    Call it right after building the client, before any request (pools create connections with the backend they
    hold at that moment).
    """
    covered = 0
    for pool in _pools(client):
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, DeadlineBackend):
            pool._network_backend = DeadlineBackend(backend, deadline_left)
            covered += 1
    return covered
