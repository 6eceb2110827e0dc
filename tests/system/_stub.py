"""A loopback HTTP server that answers each spec operation with whatever body a test sets for it.

The fuzz tests point real facade clients at it (``base_url(service)``), so every byte goes through the facade's
real transport and parsing path. Requests are matched to spec operations by method and path template; a request
that matches no operation, or an operation the test gave no answer for, is recorded in ``unexpected`` and
answered 599 (the test then fails on ``unexpected``, not on the facade's reaction to the 599).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs
from system._bodies import SERVICES, operations


@attrs.frozen
class Answer:
    """What the server sends for one operation."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


def _route_regex(service: str, template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"/{service}{pattern}")


class StubServer:
    """The server; ``answers`` maps operation keys (``"geobox.get_task"``) to ``Answer``s."""

    def __init__(self) -> None:
        self.routes = [
            (op.method, _route_regex(service, op.path), op.key) for service in SERVICES for op in operations(service)
        ]
        self.answers: dict[str, Answer] = {}
        self.hits: Counter[str] = Counter()
        self.unexpected: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fuzz-stub", daemon=True)

    def start(self) -> StubServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def base_url(self, service: str) -> str:
        return f"{self.url}/{service}"

    def reset(self, answers: dict[str, Answer]) -> None:
        with self._lock:
            self.answers = dict(answers)
            self.hits.clear()
            self.unexpected.clear()

    def match(self, method: str, path: str) -> str | None:
        for route_method, regex, key in self.routes:
            if route_method == method and regex.fullmatch(path):
                return key
        return None

    def _answer(self, method: str, path: str) -> Answer:
        key = self.match(method, path)
        with self._lock:
            answer = self.answers.get(key) if key is not None else None
            if answer is None:
                self.unexpected.append(f"{method} {path} ({key or 'no such operation'})")
                return Answer(b'{"message": "not part of this probe"}', status=599)
            self.hits[key] += 1  # type: ignore[index]
            return answer

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                answer = stub._answer(self.command, self.path.split("?", 1)[0])
                self.send_response(answer.status)
                if answer.content_type is not None:
                    self.send_header("Content-Type", answer.content_type)
                for name, value in answer.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler
