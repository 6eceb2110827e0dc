"""The ``taskfacade`` logger and the one way the facade renders a URL for logs and messages (no query string).

Query strings can carry tokens and user data; userinfo carries passwords. Everything the facade logs or puts into
an exception message goes through ``safe_url`` or ``safe_path``, and headers are never logged.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

#: Every retry, give-up and poll error is logged here.
logger = logging.getLogger("taskfacade")


def safe_url(url: object) -> str:
    """``url`` without userinfo, query string or fragment; the port stays as written."""
    parts = urlsplit(str(url))
    netloc = parts.netloc.rpartition("@")[2]  # host and port exactly as given, even a port httpx would refuse
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def safe_path(url: object) -> str:
    """Only the path of ``url`` (what a retry log line shows)."""
    return urlsplit(str(url)).path or "/"
