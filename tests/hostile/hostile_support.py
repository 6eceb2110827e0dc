"""Shared pieces of the hostile-input tests: canary secrets, their encodings, and an echoing HTTP server.

The encodings are written out here independently of ``taskfacade._secrets`` on purpose: a form the facade's
redactor forgot must still be caught by these tests.
"""

from __future__ import annotations

import base64
import http.server
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote, quote_plus

import attrs

#: Canary credentials: printable ASCII with the characters encoders treat specially.
CANARY_TOKEN = "cnry-tok+/=%&\"'<>\\?#-7f3a9c21"
CANARY_USER = "cnry-user"
CANARY_PASSWORD = "cnry-pw é:+/=%&\"'<>\\-55d1"  # a Basic-auth password may be non-ASCII
CANARY_AKID = "AKIDCNRY7F3A9C21XQ"
CANARY_SECRET = "cnry/secret+key=%&\"'<>\\-9b2e"
CANARY_SESSION = "cnry-session/token+=%&\"'<>\\-d41c"
CANARY_APIKEY = "cnry-apikey+/=%&\"'<>\\-1e07"
CANARY_ACCESS_KEY = "ACCESSKEY-cnry+/=%&\"'<>\\-6a88"
ALL_CANARIES = (
    CANARY_TOKEN,
    CANARY_PASSWORD,
    CANARY_AKID,
    CANARY_SECRET,
    CANARY_SESSION,
    CANARY_APIKEY,
    CANARY_ACCESS_KEY,
)


def _b64_inner(raw: bytes) -> list[str]:
    """Base64 of ``raw`` at each byte alignment, minus the edge characters mixed with neighbouring bytes."""
    found = []
    for offset in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            text = encode(b"\x00" * offset + raw).decode()
            start = -(-8 * offset // 6)
            found.append(text[start : 8 * (offset + len(raw)) // 6])
    return found


def forms(secret: str, *, user: str | None = None) -> set[str]:
    """The encodings item 1 lists: raw, repr-escaped, JSON-escaped, percent-encoded, base64 (and Basic auth)."""
    raw = secret.encode()
    out = {
        secret,
        repr(secret)[1:-1],
        ascii(secret)[1:-1],
        repr(raw)[2:-1],
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        quote(secret, safe=""),
        quote(secret),
        quote_plus(secret),
        quote(secret, safe="").lower(),
        base64.b64encode(raw).decode(),
        base64.b64encode(raw).decode().rstrip("="),
        base64.urlsafe_b64encode(raw).decode(),
    }
    out.update(_b64_inner(raw))
    if user is not None:
        out.add(base64.b64encode(f"{user}:{secret}".encode()).decode())
    return {form for form in out if len(form) >= 6}


def leaks(text: str | bytes, secrets: Iterable[str] = ALL_CANARIES) -> list[str]:
    """The forms of ``secrets`` found in ``text`` (empty when it is clean)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "backslashreplace")
    found = []
    for secret in secrets:
        user = CANARY_USER if secret == CANARY_PASSWORD else None
        found += [form for form in forms(secret, user=user) if form in text]
    return found


@attrs.define
class Recorded:
    """What the echo server saw."""

    requests: list[dict[str, Any]] = attrs.field(factory=list)


@contextmanager
def echo_server(status: int = 400) -> Iterator[tuple[str, Recorded]]:
    """A real HTTP server on 127.0.0.1 answering every request with ``status`` and everything it was sent.

    The body echoes the request line, every header, the query string and the body, raw, JSON-escaped,
    percent-encoded and base64-encoded, under the keys the four services' error parsers read (``message``,
    ``detail``, ``error``...); response headers echo ``Authorization`` and the API-key headers too.
    """
    recorded = Recorded()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            headers = dict(self.headers.items())
            recorded.requests.append({"method": self.command, "path": self.path, "headers": headers, "body": body})
            seen = f"{self.command} {self.path} {headers} {body}"
            echoed = {
                "raw": seen,
                "json": json.dumps(seen),
                "quoted": quote(seen, safe=""),
                "b64": base64.b64encode(seen.encode()).decode(),
            }
            message = " | ".join(echoed.values())
            payload = json.dumps(
                {
                    "message": message,
                    "Message": message,
                    "detail": message,
                    "error": message,
                    "code": 9999,
                    "__type": "EchoException",
                    "headers": headers,
                    "echo": echoed,
                }
            ).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name in ("Authorization", "X-TILEDB-REST-API-KEY", "X-Token", "X-Amz-Security-Token"):
                if name in self.headers:
                    self.send_header(f"X-Echo-{name}", self.headers[name])
            self.send_header("X-Echo-Path", self.path)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", recorded
    finally:
        server.shutdown()
        server.server_close()
