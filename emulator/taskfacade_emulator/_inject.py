"""Applying a fault rule to one HTTP exchange at the ASGI level.

``reset`` and ``truncate`` act on the TCP connection itself, which ASGI does not expose: the emulator's uvicorn
protocol (``_server``) puts the connection's transport in the scope's state under ``TRANSPORT_KEY``. ``drip`` and
``gzip_bomb`` stream their body piece by piece and stop as soon as the client hangs up, so a client that gives up
costs the emulator nothing more.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import socket
import struct
import zlib
from collections.abc import Iterator
from typing import Any

import attrs
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._faults import Action, FaultRule
from ._service import JSON, ServiceEmulator

TRANSPORT_KEY = "taskfacade_emulator.transport"
#: Keys the ``extra_fields`` fault adds to every JSON object.
EXTRA_FIELDS: dict[str, Any] = {"emulatorExtraField": "unexpected", "emulator_extra_object": {"nested": [1, "two"]}}
MALFORMED_TAIL = b"}}]]<<malformed by the emulator>>"
DISCONNECT_WAIT_S = 2.0
#: Uncompressed bytes a ``gzip_bomb`` compresses per piece it sends (about 1 KiB on the wire each).
BOMB_STEP = 1 << 20


@attrs.define
class CapturedResponse:
    """A response the service produced, held back so a fault can alter it."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def header(self, name: bytes) -> bytes | None:
        return next((v for k, v in self.headers if k.lower() == name), None)

    def with_body(self, body: bytes) -> CapturedResponse:
        headers = [(k, v) for k, v in self.headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        return CapturedResponse(self.status, headers, body)

    async def send(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body, "more_body": False})


async def apply_fault(
    rule: FaultRule, service: ServiceEmulator, app: ASGIApp, scope: Scope, receive: Receive, send: Send
) -> None:
    """Serve one request through ``app`` with ``rule`` applied (its latency first, then its action)."""
    if rule.latency_ms > 0:
        await asyncio.sleep(rule.latency_ms / 1000.0)
    action = rule.action
    if action is Action.LATENCY:
        await app(scope, receive, send)
    elif action in (Action.STATUS, Action.THROTTLE):
        await _send_status(rule, service, scope, receive, send)
    elif action is Action.RESET:
        await _reset(scope, receive)
    else:
        captured = await capture(app, scope, receive)
        if action is Action.TRUNCATE:
            await _truncate(captured, scope, receive, send)
        elif action is Action.DRIP:
            await _drip(captured, rule, receive, send)
        elif action is Action.GZIP_BOMB:
            await _gzip_bomb(captured, rule, receive, send)
        else:
            await _alter(captured, action, service).send(send)


async def capture(app: ASGIApp, scope: Scope, receive: Receive) -> CapturedResponse:
    """Run ``app`` and collect its whole response instead of sending it."""
    start: Message = {}
    chunks: list[bytes] = []

    async def collect(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, collect)
    headers = [(bytes(k), bytes(v)) for k, v in start.get("headers", [])]
    return CapturedResponse(start.get("status", 500), headers, b"".join(chunks))


async def _send_status(rule: FaultRule, service: ServiceEmulator, scope: Scope, receive: Receive, send: Send) -> None:
    assert rule.status is not None  # guaranteed by parse_rule for action "status"
    response = service.error_response(
        rule.status, f"fault injected by the emulator (rule {rule.id})", retry_after=rule.retry_after
    )
    if rule.retry_after is not None and "retry-after" not in response.headers:
        response.headers["Retry-After"] = str(math.ceil(rule.retry_after))
    await response(scope, receive, send)


async def _reset(scope: Scope, receive: Receive) -> None:
    """Reset the connection (TCP RST) before any response byte: SO_LINGER 0, then abort."""
    transport = _transport(scope)
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    await _wait_for_disconnect(receive)


async def _truncate(captured: CapturedResponse, scope: Scope, receive: Receive, send: Send) -> None:
    """Declare the full Content-Length, send about half the body, then close the connection."""
    transport = _transport(scope)
    full = captured.with_body(captured.body)
    if not captured.body:  # nothing to cut: promise one byte that never comes
        full.headers = [(k, v) for k, v in full.headers if k != b"content-length"] + [(b"content-length", b"1")]
    await send({"type": "http.response.start", "status": full.status, "headers": full.headers})
    await send({"type": "http.response.body", "body": captured.body[: len(captured.body) // 2], "more_body": True})
    transport.close()  # flushes what was written, then FIN: the client sees the body end early
    await _wait_for_disconnect(receive)


async def _drip(captured: CapturedResponse, rule: FaultRule, receive: Receive, send: Send) -> None:
    """Send status and headers at once, then the body ``drip_bytes`` at a time, ``drip_ms`` apart."""
    full = captured.with_body(captured.body)
    await send({"type": "http.response.start", "status": full.status, "headers": full.headers})
    pieces = [full.body[i : i + rule.drip_bytes] for i in range(0, len(full.body), rule.drip_bytes)]
    await _send_paced(pieces, rule.drip_ms / 1000.0, receive, send)


async def _gzip_bomb(captured: CapturedResponse, rule: FaultRule, receive: Receive, send: Send) -> None:
    """Send the body gzip-compressed and padded with JSON whitespace to ``inflate_bytes`` once inflated.

    The padding keeps the body valid JSON for a client that reads it all. It is compressed as it is sent (chunked,
    no Content-Length), so a 1 GiB bomb costs the emulator only what the client actually reads.
    """
    headers = [(k, v) for k, v in captured.headers if k.lower() not in (b"content-length", b"content-encoding")]
    headers.append((b"content-encoding", b"gzip"))
    await send({"type": "http.response.start", "status": captured.status, "headers": headers})
    await _send_paced(gzip_padded(captured.body, rule.inflate_bytes), 0.0, receive, send)


def gzip_padded(body: bytes, size: int) -> Iterator[bytes]:
    """``body`` followed by spaces up to ``size`` bytes (never cut), as gzip pieces produced one at a time."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    yield compressor.compress(body) + compressor.flush(zlib.Z_SYNC_FLUSH)
    left = max(size - len(body), 0)
    step = b" " * BOMB_STEP
    while left > 0:
        take = min(left, BOMB_STEP)
        yield compressor.compress(step[:take]) + compressor.flush(zlib.Z_SYNC_FLUSH)
        left -= take
    yield compressor.flush()


async def _send_paced(pieces: Iterator[bytes] | list[bytes], pause_s: float, receive: Receive, send: Send) -> None:
    """Send each piece as its own body message, ``pause_s`` apart; stop early when the client disconnects."""
    gone = asyncio.ensure_future(_wait_for_disconnect(receive, None))
    try:
        for piece in pieces:
            if gone.done():
                return
            await send({"type": "http.response.body", "body": piece, "more_body": True})
            if pause_s > 0:
                await asyncio.wait({gone}, timeout=pause_s)
            else:
                await asyncio.sleep(0)  # let the disconnect watcher run
        if not gone.done():
            await send({"type": "http.response.body", "body": b"", "more_body": False})
    finally:
        gone.cancel()


def _alter(captured: CapturedResponse, action: Action, service: ServiceEmulator) -> CapturedResponse:
    """The response with its body made malformed, or with unknown enum values or extra fields (JSON only)."""
    if action is Action.MALFORMED:
        return captured.with_body(captured.body[: len(captured.body) // 2] + MALFORMED_TAIL)
    try:
        body = json.loads(captured.body)
    except ValueError:
        return captured  # not JSON: nothing to add to
    altered = service.inject_unknown(body) if action is Action.UNKNOWN_ENUM else add_extra_fields(body)
    return captured.with_body(json.dumps(altered, separators=(",", ":")).encode())


def add_extra_fields(body: JSON) -> JSON:
    """``body`` with ``EXTRA_FIELDS`` added to every JSON object, at any depth."""
    if isinstance(body, dict):
        return {**{k: add_extra_fields(v) for k, v in body.items()}, **EXTRA_FIELDS}
    if isinstance(body, list):
        return [add_extra_fields(v) for v in body]
    return body


def _transport(scope: Scope) -> asyncio.Transport:
    transport = scope.get("state", {}).get(TRANSPORT_KEY)
    if transport is None:
        raise RuntimeError("the reset and truncate faults need the emulator's own server (taskfacade_emulator)")
    return transport  # type: ignore[no-any-return]


async def _wait_for_disconnect(receive: Receive, wait_s: float | None = DISCONNECT_WAIT_S) -> None:
    """Let the server notice the closed connection, so it does not complain the app sent no response."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(wait_s):
            while (await receive())["type"] != "http.disconnect":
                pass
