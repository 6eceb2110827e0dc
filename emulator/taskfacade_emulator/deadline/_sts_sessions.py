"""Session credentials the emulator's STS issued: access key, secret, token and expiry, per emulator instance."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Mapping

import attrs

__all__ = ["Session", "SessionStore"]

_KEPT_EXPIRED_S = 86_400


@attrs.frozen(repr=False)
class Session:
    """Session credentials issued by the emulator's STS (never shown in a repr)."""

    access_key: str
    secret_key: str
    token: str
    expires_at: float
    arn: str

    def __repr__(self) -> str:
        return f"Session(arn={self.arn!r}, expires_at={self.expires_at!r})"


class SessionStore:
    """The sessions one emulator issued, by access key id. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}
        self._used: list[str] = []

    def issue(self, arn: str, duration: int, now: float) -> Session:
        """A fresh session valid for ``duration`` seconds from ``now``."""
        session = Session(
            "ASIA" + secrets.token_hex(8).upper(),
            secrets.token_urlsafe(30),
            "IQoJb3JpZ2luX2VtdWxhdG9y" + secrets.token_urlsafe(48),
            now + duration,
            arn,
        )
        with self._lock:
            # an expired session is refused as expired (ExpiredTokenException) for a day, then forgotten
            self._sessions = {k: s for k, s in self._sessions.items() if s.expires_at > now - _KEPT_EXPIRED_S}
            self._sessions[session.access_key] = session
        return session

    def get(self, access_key: str) -> Session | None:
        with self._lock:
            return self._sessions.get(access_key)

    def mark_used(self, access_key: str) -> None:
        """Record that a request was accepted with this session (tests check which sessions signed requests)."""
        with self._lock:
            if access_key not in self._used:
                self._used.append(access_key)

    def used(self) -> list[str]:
        """The access keys of the sessions that signed an accepted request, in order of first use."""
        with self._lock:
            return list(self._used)

    def snapshot(self) -> Mapping[str, Session]:
        with self._lock:
            return dict(self._sessions)
