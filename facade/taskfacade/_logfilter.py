"""Credentials kept out of the logs of the libraries below us: one filter on httpx's and httpcore's loggers.

httpx logs every request line at INFO and httpcore logs response headers at DEBUG, and a server may echo a
credential in either. Every live transport's ``Redactor`` is masked in their records by one shared
``LibraryLogFilter``, added to those loggers once per process. It holds the redactors weakly (a
``weakref.WeakSet``), so a client that is dropped without ``close()`` stops being consulted once collected, and
the loggers' filter lists never grow with the number of clients.
"""

from __future__ import annotations

import logging
import threading
import weakref

from ._secrets import Redactor

__all__ = ["LIBRARY_LOGGERS", "LibraryLogFilter", "shared_filter"]

#: Loggers of the libraries below us that may print what a server sent (httpcore logs response headers at DEBUG).
LIBRARY_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


class LibraryLogFilter(logging.Filter):
    """Masks every registered redactor's secrets in a record's message (its arguments merged into it)."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._redactors: weakref.WeakSet[Redactor] = weakref.WeakSet()

    def add(self, redactor: Redactor) -> None:
        """Mask ``redactor``'s secrets from now on (until ``discard`` or until it is collected)."""
        with self._lock:
            self._redactors.add(redactor)

    def discard(self, redactor: Redactor) -> None:
        """Stop masking ``redactor``'s secrets (a closed client)."""
        with self._lock:
            self._redactors.discard(redactor)

    def filter(self, record: logging.LogRecord) -> bool:
        with self._lock:
            redactors = [r for r in self._redactors if r]
        if not redactors:
            return True
        message = record.getMessage()
        redacted = message
        for redactor in redactors:
            redacted = redactor.redact(redacted)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


_LOCK = threading.Lock()
_SHARED: list[LibraryLogFilter] = []


def shared_filter() -> LibraryLogFilter:
    """The process's one filter, added to ``LIBRARY_LOGGERS`` on first use."""
    with _LOCK:
        if not _SHARED:
            shared = LibraryLogFilter()
            for name in LIBRARY_LOGGERS:
                logging.getLogger(name).addFilter(shared)
            _SHARED.append(shared)
        return _SHARED[0]
