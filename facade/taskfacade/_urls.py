"""The one check every service's base URL passes, whatever its source (argument, environment, config, CLI).

A base URL is refused before any request unless it is ``http`` or ``https`` with a host and, if it names a port,
a port from 1 to 65535 (httpx would otherwise send ``:99999`` to port 34463, credentials included). It may have a
path prefix but no userinfo, query string or fragment. A refused value is echoed with its userinfo, query string
and fragment masked (they may hold credentials).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from ._errors import InvalidArgument
from ._secrets import check_names, mask_userinfo

__all__ = ["check_base_url"]

_ACCEPTED = "an http:// or https:// URL with a host and, if any, a port from 1 to 65535"


def _shown(url: str) -> str:
    """``url`` as an error message may show it: userinfo masked, query string and fragment replaced by ``***``."""
    shown = mask_userinfo(url)
    for mark in "?#":
        if mark in shown:
            shown = shown.split(mark, 1)[0] + mark + "***"
    return shown


def check_base_url(url: object, parameter: str = "base_url", source: str | None = None) -> str:
    """``url`` if it is a usable base URL (see the module docstring), else ``InvalidArgument``.

    Args:
        url: the candidate URL.
        parameter: its name where it was found (``host``, ``endpoint_url``, ``AWS_ENDPOINT_URL``, ``--emulator``).
        source: where it was found, when the parameter's name does not say it.
    """
    check_names(parameter, source)
    if not isinstance(url, str):
        raise InvalidArgument(parameter, url, _ACCEPTED, source=source)
    shown = _shown(url)
    if not url.isascii() or not url.isprintable() or " " in url:
        accepted = _ACCEPTED + " (no spaces, control or non-ASCII characters)"
        raise InvalidArgument(parameter, shown, accepted, source=source)
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError for a port that is not a number from 0 to 65535
    except ValueError:
        raise InvalidArgument(parameter, shown, _ACCEPTED, source=source) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or port == 0:
        raise InvalidArgument(parameter, shown, _ACCEPTED, source=source)
    if "@" in parts.netloc:
        raise InvalidArgument(parameter, shown, "a URL without credentials (pass them as credentials)", source=source)
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise InvalidArgument(parameter, shown, "a URL without query string or fragment", source=source)
    try:
        httpx.URL(url)
    except httpx.InvalidURL:
        raise InvalidArgument(parameter, shown, _ACCEPTED, source=source) from None
    return url
