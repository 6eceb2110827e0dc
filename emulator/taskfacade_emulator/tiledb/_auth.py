"""TileDB authentication: the API-key header, HTTP Basic, and session tokens from ``GET /v1/session``.

A request is let in when any credential it carries is valid (the vendor SDK sends both headers when both are
configured): the configured API token or an unexpired session token in ``X-TILEDB-REST-API-KEY``, or the
configured username and password as Basic auth. Session tokens live in ``tiledb_sessions`` so they survive a
restart; they expire on the emulator clock (30 minutes by default, 30 days with ``remember_me``).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
from typing import Any

from starlette.requests import Request

from .._clock import Clock
from .._store import Store
from ._credentials import TileDBCredentials
from ._wire import rfc3339

API_KEY_HEADER = "X-TILEDB-REST-API-KEY"
SESSION_DEFAULT_S = 30 * 60.0
SESSION_REMEMBER_S = 30 * 86_400.0


class Authenticator:
    """Checks requests against the configured credentials and the stored session tokens."""

    def __init__(self, store: Store, clock: Clock, credentials: TileDBCredentials) -> None:
        self._store = store
        self._clock = clock
        self._credentials = credentials

    def refusal(self, request: Request) -> str | None:
        """None when the request is authenticated, else the reason to refuse it (never echoing a secret)."""
        key = request.headers.get(API_KEY_HEADER)
        basic = request.headers.get("authorization")
        if key is None and basic is None:
            return f"authentication required: send the {API_KEY_HEADER} header or HTTP Basic credentials"
        if key is not None and self._key_ok(key):
            return None
        if basic is not None and self._basic_ok(basic):
            return None
        return "invalid credentials"

    def create_session(self, *, remember_me: bool, expires: float | None) -> dict[str, Any]:
        """Store a new session token and return it as a ``Token`` object."""
        now = self._clock.now()
        if expires is None:
            expires = now + (SESSION_REMEMBER_S if remember_me else SESSION_DEFAULT_S)
        token = secrets.token_urlsafe(32)
        name = f"session-{secrets.token_hex(4)}"
        self._store.execute(
            "INSERT INTO tiledb_sessions (token, name, issued_at, expires_at) VALUES (?, ?, ?, ?)",
            (token, name, now, expires),
        )
        return {"token": token, "name": name, "issued_at": rfc3339(now), "expires_at": rfc3339(expires), "scope": ["*"]}

    def _key_ok(self, key: str) -> bool:
        if hmac.compare_digest(key.encode(), self._credentials.token.encode()):
            return True
        row = self._store.query_one("SELECT expires_at FROM tiledb_sessions WHERE token = ?", (key,))
        return row is not None and float(row["expires_at"]) > self._clock.now()

    def _basic_ok(self, header: str) -> bool:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, sep, password = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        expected_user = self._credentials.username.encode()
        expected_password = self._credentials.password.encode()
        user_ok = hmac.compare_digest(user.encode(), expected_user)
        password_ok = hmac.compare_digest(password.encode(), expected_password)
        return bool(sep) and user_ok and password_ok
