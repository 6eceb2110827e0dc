"""Reading a response body within the call's deadline and a size limit on what it inflates to.

``httpx.Response.read()`` reads until the server stops, however slowly it sends and however large the body
decompresses: a gzip body of 1 MiB can inflate to 1 GiB in memory. ``read_body`` reads it chunk by chunk instead,
and between chunks stops the read as soon as the decompressed size passes the limit (``BodyTooLarge``) or the
attempt's deadline has passed (``httpx.ReadTimeout``, handled like any read timeout). A single blocked read is
bounded below this layer (``_netdeadline``).

The decoder inflates one network chunk at a time and a chunk can be 64 KiB; gzip and deflate inflate at most
about 1032:1, so a compressed body is fed to the decoder in slices of ``COMPRESSED_SLICE`` bytes, and memory
stays within the limit plus about 4 MiB whatever the body holds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import httpx

__all__ = ["COMPRESSED_SLICE", "BodyTooLarge", "aread_body", "read_body", "slices"]

#: Compressed bytes handed to the decoder at a time (at most ~4 MiB once inflated by gzip or deflate).
COMPRESSED_SLICE = 4096


class BodyTooLarge(Exception):
    """Raised by ``read_body`` when the decompressed body passes ``limit`` (``received`` bytes so far)."""

    def __init__(self, response: httpx.Response, received: int, limit: int) -> None:
        super().__init__(received, limit)
        self.response = response
        self.received = received
        self.limit = limit


def slices(chunks: Iterator[bytes], size: int) -> Iterator[bytes]:
    """``chunks`` re-cut so that no piece is longer than ``size`` bytes."""
    for chunk in chunks:
        for start in range(0, len(chunk), size):
            yield chunk[start : start + size]


class _SlicedStream(httpx.SyncByteStream):
    """A response stream whose chunks are at most ``size`` bytes (closing closes the original)."""

    def __init__(self, stream: httpx.SyncByteStream, size: int) -> None:
        self._stream = stream
        self._size = size

    def __iter__(self) -> Iterator[bytes]:
        return slices(iter(self._stream), self._size)

    def close(self) -> None:
        self._stream.close()


def _is_compressed(response: httpx.Response) -> bool:
    encoding = response.headers.get("content-encoding", "").strip().lower()
    return encoding not in ("", "identity")


class _Collector:
    """The rule applied to each decoded chunk, for both readers: within ``limit`` and the deadline."""

    __slots__ = ("chunks", "limit", "received", "response", "time_left")

    def __init__(self, response: httpx.Response, limit: int, time_left: Callable[[], float]) -> None:
        self.response = response
        self.limit = limit
        self.time_left = time_left
        self.received = 0
        self.chunks: list[bytes] = []

    def add(self, chunk: bytes) -> None:
        self.received += len(chunk)
        if self.received > self.limit:
            raise BodyTooLarge(self.response, self.received, self.limit)
        if self.time_left() <= 0:
            raise httpx.ReadTimeout("the call's deadline passed while reading the body", request=self.response.request)
        self.chunks.append(chunk)

    def body(self) -> bytes:
        body = b"".join(self.chunks)
        self.response._content = body  # what Response.read() fills; .content reads it
        return body


def read_body(response: httpx.Response, *, limit: int, time_left: Callable[[], float]) -> bytes:
    """Read and decode the whole body, as ``response.read()`` does, within ``limit`` bytes and the deadline.

    Afterwards ``response.content`` holds the body, as after ``read()``. On a failure the response is closed
    (its connection is dropped rather than reused).

    Raises:
        BodyTooLarge: the decompressed body passed ``limit`` bytes.
        httpx.ReadTimeout: ``time_left()`` reached zero before the body was complete.
    """
    if isinstance(response.stream, httpx.SyncByteStream) and _is_compressed(response):
        response.stream = _SlicedStream(response.stream, COMPRESSED_SLICE)
    collector = _Collector(response, limit, time_left)
    try:
        for chunk in response.iter_bytes():
            collector.add(chunk)
    except BaseException:
        response.close()
        raise
    return collector.body()


async def _aslices(chunks: AsyncIterator[bytes], size: int) -> AsyncIterator[bytes]:
    async for chunk in chunks:
        for start in range(0, len(chunk), size):
            yield chunk[start : start + size]


class _AsyncSlicedStream(httpx.AsyncByteStream):
    """The async twin of ``_SlicedStream``."""

    def __init__(self, stream: httpx.AsyncByteStream, size: int) -> None:
        self._stream = stream
        self._size = size

    def __aiter__(self) -> AsyncIterator[bytes]:
        return _aslices(self._stream.__aiter__(), self._size)

    async def aclose(self) -> None:
        await self._stream.aclose()


async def aread_body(response: httpx.Response, *, limit: int, time_left: Callable[[], float]) -> bytes:
    """The async twin of ``read_body`` (same limits, same errors, same rule per chunk)."""
    if isinstance(response.stream, httpx.AsyncByteStream) and _is_compressed(response):
        response.stream = _AsyncSlicedStream(response.stream, COMPRESSED_SLICE)
    collector = _Collector(response, limit, time_left)
    try:
        async for chunk in response.aiter_bytes():
            collector.add(chunk)
    except BaseException:
        await response.aclose()
        raise
    return collector.body()
