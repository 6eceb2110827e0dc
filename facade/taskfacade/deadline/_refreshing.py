"""Credentials that change during a client's life: botocore's refreshing providers, checked and redacted per set.

``RefreshingCredentials`` wraps any botocore credentials object (``RefreshableCredentials``,
``DeferredRefreshableCredentials`` or plain ``Credentials``). ``current()`` asks botocore for a frozen set (botocore
refreshes it under its own lock when it nears expiry: 15 minutes before, blocking only in the last 10), and when
the set differs from the last one seen, checks each value with ``check_secret`` and tells the listeners (the
client's redactor learns the new secrets before the first request signed with them). Thread-safe.

Failures while refreshing (an STS error, an unreachable container endpoint, a failing ``credential_process``)
surface as ``taskfacade.TransportError`` naming the source; the text is redacted with the secrets known so far.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from .._errors import InvalidArgument, TaskFacadeError, TransportError
from .._secrets import Redactor
from ._config import Credentials, checked_credentials

__all__ = ["RefreshingCredentials"]

Listener = Callable[[Credentials], None]


class RefreshingCredentials:
    """Credentials from botocore's resolver, refreshed by botocore; each new set checked and announced once.

    Args:
        botocore_credentials: what ``botocore.session.Session.get_credentials()`` returned.
        source: where they come from, for errors and reprs (``botocore: assume-role``).
    """

    def __init__(self, botocore_credentials: Any, source: str) -> None:
        self._botocore = botocore_credentials
        self.source = source
        self._lock = threading.Lock()
        self._raw: tuple[str, str, str | None] | None = None
        self._last: Credentials | None = None
        self._listeners: list[Listener] = []
        self._redactor = Redactor()  # what was seen so far, to clean refresh errors

    def __repr__(self) -> str:
        last = self._last
        shown = repr(last) if last is not None else "not yet fetched"
        return f"RefreshingCredentials(source={self.source!r}, current={shown})"

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener`` with every new set (and at once with the current one, if any)."""
        if not callable(listener):
            raise InvalidArgument("listener", listener, "a function taking Credentials")
        with self._lock:
            self._listeners.append(listener)
            last = self._last
        if last is not None:
            listener(last)

    def refresh_due(self) -> bool:
        """Whether ``current()`` may block now (the first fetch, or botocore would refresh): the async client then
        calls it in a worker thread, so an STS or instance-metadata round trip never blocks the event loop."""
        if self._last is None:
            return True
        needed = getattr(self._botocore, "refresh_needed", None)
        if needed is None:
            return False
        try:
            return bool(needed())
        except Exception:  # let current() report it, off the loop
            return True

    def current(self) -> Credentials:
        """The credentials to sign with now (refreshed by botocore when they near expiry)."""
        try:
            frozen = self._botocore.get_frozen_credentials()
        except TaskFacadeError:
            raise
        except Exception as exc:  # botocore's CredentialRetrievalError, ClientError, RuntimeError...
            text = self._redactor.redact(f"{type(exc).__name__}: {exc}")
            message = f"could not refresh AWS credentials ({self.source}): {text}"
            raise TransportError(message, service="deadline") from None
        raw = (frozen.access_key, frozen.secret_key, frozen.token or None)
        with self._lock:
            if raw == self._raw and self._last is not None:
                return self._last
            names = ("AccessKeyId", "SecretAccessKey", "Token")
            fresh = checked_credentials(*raw, names, self.source, self.source)
            self._redactor.add(fresh.access_key, fresh.secret_key, fresh.token)
            self._raw, self._last = raw, fresh
            for listener in self._listeners:  # under the lock: no request signs with a set not yet announced
                listener(fresh)
        return fresh
