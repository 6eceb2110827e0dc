"""Keeps the Geobox API key out of httpx's own request log.

Geobox takes an API key only as the ``apikey`` query parameter, and httpx logs every request's full URL at INFO
on the ``httpx`` logger (``HTTP Request: GET https://...?apikey=... "HTTP/1.1 200 OK"``), so an application that
turns INFO logging on would write the key to its logs. taskfacade's own logs never show query strings; for
httpx's, a client in API-key mode adds this filter to the ``httpx`` logger once (it only rewrites ``apikey=``
values, nothing else changes).
"""

from __future__ import annotations

import logging
import re

__all__ = ["REDACTED", "ApiKeyRedactor", "install_redactor"]

REDACTED = "REDACTED"
_APIKEY = re.compile(r"(?i)(apikey=)[^&#\s\"']+")


def _redact(value: object) -> object:
    """``value`` with its API key replaced; numbers, bytes and texts without a key come back unchanged."""
    if value is None or isinstance(value, int | float | bytes):
        return value
    text = value if isinstance(value, str) else str(value)  # an httpx.URL and the like
    return _APIKEY.sub(r"\1" + REDACTED, text) if "apikey=" in text.lower() else value


class ApiKeyRedactor(logging.Filter):
    """Replaces ``apikey=<key>`` with ``apikey=REDACTED`` in a record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _APIKEY.sub(r"\1" + REDACTED, record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redact(arg) for arg in record.args)
        return True


def install_redactor(logger_name: str = "httpx") -> None:
    """Add an ``ApiKeyRedactor`` to ``logger_name`` unless it already has one."""
    target = logging.getLogger(logger_name)
    if not any(isinstance(f, ApiKeyRedactor) for f in target.filters):
        target.addFilter(ApiKeyRedactor())
