"""Real HTTP credential endpoints for the Deadline credential-chain tests: an ECS-style container endpoint and an
EC2 instance metadata service (IMDSv2), each handing out session credentials the emulator accepts."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from taskfacade_emulator import Emulator

ROLE = "render-role"
IMDS_TOKEN = "imds-session-token-0123456789"
CONTAINER_AUTH = "container-auth-token-0123456789"

Issue = Callable[[], dict[str, str] | None]  # None: the endpoint fails (500)


def sts_issuer(emu: Emulator, lifetime_s: float = 3600.0, reported_s: float = 3600.0) -> Issue:
    """Session credentials from the emulator's own session store (the one its STS fills).

    ``lifetime_s`` is how long the emulator accepts them; ``reported_s`` the ``Expiration`` the endpoint reports
    (under botocore's 15-minute advisory window, botocore refreshes before every request).
    """
    sessions = emu.services["deadline"].handlers.sessions  # type: ignore[attr-defined]

    def issue() -> dict[str, str]:
        now = time.time()
        session = sessions.issue("arn:aws:sts::123456789012:assumed-role/render-role/test", lifetime_s, now)
        expiry = dt.datetime.fromtimestamp(now + reported_s, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return {
            "AccessKeyId": session.access_key,
            "SecretAccessKey": session.secret_key,
            "Token": session.token,
            "Expiration": expiry,
        }

    return issue


class CredentialServer:
    """What a credential endpoint served: each set handed out, in order, and the requests it refused."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self.issued: list[dict[str, str]] = []  # the sets handed out
        self.refused: list[str] = []
        self.lock = threading.Lock()

    def hand_out(self) -> dict[str, str] | None:
        creds = self.issue()
        if creds is not None:
            with self.lock:
                self.issued.append(creds)
        return creds


def _handler(server: CredentialServer, imds: bool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _send(self, status: int, body: str, content_type: str = "application/json") -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_PUT(self) -> None:
            if imds and self.path == "/latest/api/token" and self.headers.get("x-aws-ec2-metadata-token-ttl-seconds"):
                self._send(200, IMDS_TOKEN, "text/plain")
            else:
                server.refused.append(f"PUT {self.path}")
                self._send(400, "")

        def do_GET(self) -> None:
            if imds:
                if self.headers.get("x-aws-ec2-metadata-token") != IMDS_TOKEN:  # IMDSv2 only
                    server.refused.append(f"GET {self.path} without token")
                    self._send(401, "")
                elif self.path == "/latest/meta-data/iam/security-credentials/":
                    self._send(200, ROLE, "text/plain")
                elif self.path == f"/latest/meta-data/iam/security-credentials/{ROLE}":
                    creds = server.hand_out()
                    self._send(200, json.dumps({"Code": "Success", "Type": "AWS-HMAC", **creds}) if creds else "")
                else:
                    self._send(404, "")
            elif self.path == "/creds" and self.headers.get("Authorization") == CONTAINER_AUTH:
                creds = server.hand_out()
                self._send(200, json.dumps(creds)) if creds else self._send(500, '{"message": "unavailable"}')
            else:
                server.refused.append(f"GET {self.path}")
                self._send(403, "")

    return Handler


@contextmanager
def serve(issue: Issue, *, imds: bool) -> Iterator[tuple[str, CredentialServer]]:
    """A credential endpoint on 127.0.0.1: yields its base URL and its record."""
    record = CredentialServer(issue)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(record, imds))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", record
    finally:
        httpd.shutdown()
        httpd.server_close()
