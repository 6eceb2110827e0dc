"""``ClientOptions``: how a service client talks to its server, as one frozen value checked once.

Every service's client takes the same keyword arguments under the same names (``retry_mode``, ``timeout``,
``verify``, ``pool_size``, ``clock``, ``trust_env``, ``max_response_size``, ``user_agent``, ``httpx_transport``,
``poll_policy``),
gathers them into a ``ClientOptions`` at construction, and hands that value to ``Transport``. Each option is
checked here and nowhere else, when the value is built, so a bad one is refused before any request, with an
``InvalidArgument`` naming the parameter (and, for a value read from a file or the environment, its source):

- ``retry_mode``: a mode name (``"default"``, ``"forceful"``, ``"disabled"``, plus any names the service adds,
  such as botocore's) or a ``RetryPolicy``; resolved by ``retry_policy``;
- ``timeout``: finite seconds > 0, or an ``httpx.Timeout`` whose four parts are all so. ``httpx.Timeout(None)``
  and any part left None are refused: a request without a timeout can hang for ever;
- ``verify``: True, False, an ``ssl.SSLContext`` or an existing CA bundle file or directory (made into an
  ``ssl.SSLContext`` here, so a missing file is an ``InvalidArgument`` rather than an ``OSError`` from httpx);
- ``pool_size``: None (``default_pool_size()``) or an int >= 1; ``clock``: None (the system clock) or a
  ``taskfacade.Clock``; ``trust_env``: True or False; ``max_response_size``: an int >= 1 (bytes);
- ``user_agent``: a printable ASCII header value; ``httpx_transport``: None or an ``httpx.BaseTransport``;
- ``rate_limit``: ``"adaptive"`` (the default: one limiter per service endpoint shared by every client in the
  process, slowing down when the service throttles: ``_ratelimit.py``) or None (no client-side limit).
- ``poll_policy``: None (each wait's own defaults) or a ``taskfacade.PollPolicy``: how a job's ``wait()`` polls
  when the call gives neither ``interval`` nor ``policy`` (see ``JobBase._wait_policy``).

Vendor-mirroring names stay where the vendor spells an option differently (TileDB's ``pool_threads``,
``verify_ssl`` and ``ca_file``); those clients translate them into a ``ClientOptions``.
"""

from __future__ import annotations

import os
import ssl
import sys

import attrs
import httpx

from . import __version__
from ._check import check_bool, check_int, check_seconds
from ._clock import SYSTEM_CLOCK, Clock, check_clock
from ._errors import InvalidArgument
from ._pollpolicy import PollPolicy
from ._retry import RETRY_MODES, RetryPolicy, retry_policy

__all__ = [
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "ClientOptions",
    "check_clock",
    "check_max_response_size",
    "check_timeout",
    "default_pool_size",
    "tls_setting",
]

#: Connect within 10 s; read, write and wait for a pooled connection up to 60 s.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
#: The largest response body accepted, in bytes after decompression: 64 MiB. The largest bodies these services
#: send are pages of a listing (a few MiB at their largest page size), so this leaves a wide margin while one call
#: can never be made to hold more than this much memory (a gzip body of 64 KiB can inflate to 64 MiB).
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
USER_AGENT = f"taskfacade/{__version__}"


def default_pool_size() -> int:
    """Connections kept per client when no size is given: like ``ThreadPoolExecutor``'s default."""
    return min(32, (os.cpu_count() or 1) + 4)


def check_timeout(timeout: object, parameter: str = "timeout", source: str | None = None) -> httpx.Timeout:
    """A per-request timeout: finite seconds > 0 (all four phases), or an ``httpx.Timeout`` with every field so."""
    accepted = "seconds > 0 (finite) or an httpx.Timeout with every field set (never None)"
    try:
        if isinstance(timeout, httpx.Timeout):
            for value in timeout.as_dict().values():
                check_seconds(parameter, value)
            return timeout
        return httpx.Timeout(check_seconds(parameter, timeout))
    except InvalidArgument:
        raise InvalidArgument(parameter, timeout, accepted, source=source) from None


def check_max_response_size(value: object, parameter: str = "max_response_size") -> int:
    """A body size limit in bytes: an int >= 1 (not a bool)."""
    return check_int(parameter, value, 1, maximum=sys.maxsize)


def tls_setting(verify: object, parameter: str = "verify", source: str | None = None) -> bool | ssl.SSLContext:
    """Check a ``verify`` argument: True, False, an ``ssl.SSLContext``, or a CA bundle file or directory.

    A path becomes an ``ssl.SSLContext`` here, so a missing file is a clear ``InvalidArgument`` at construction
    rather than an ``OSError`` from deep inside httpx (which also deprecates string paths).
    """
    if isinstance(verify, bool | ssl.SSLContext):
        return verify
    accepted = "True, False, an ssl.SSLContext or an existing CA bundle file or directory"
    try:
        if isinstance(verify, str) and os.path.isfile(verify):
            return ssl.create_default_context(cafile=verify)
        if isinstance(verify, str) and os.path.isdir(verify):
            return ssl.create_default_context(capath=verify)
    except (ssl.SSLError, OSError) as error:  # not PEM certificates, unreadable
        raise InvalidArgument(parameter, verify, f"{accepted} ({error})", source=source) from None
    raise InvalidArgument(parameter, verify, accepted, source=source)


def _pool_size(value: object) -> int | None:
    return None if value is None else check_int("pool_size", value, 1)


def _user_agent(value: object) -> str:
    if isinstance(value, str) and value and value.isascii() and value.isprintable() and value == value.strip():
        return value
    raise InvalidArgument("user_agent", value, "a non-empty printable ASCII header value")


def _httpx_transport(value: object) -> httpx.BaseTransport | httpx.AsyncBaseTransport | None:
    if value is None or isinstance(value, httpx.BaseTransport | httpx.AsyncBaseTransport):
        return value
    raise InvalidArgument(
        "httpx_transport",
        value,
        "None or an httpx.BaseTransport (sync clients) or httpx.AsyncBaseTransport (async clients), e.g. "
        "httpx.MockTransport (both)",
    )


def _trust_env(value: object) -> bool:
    return check_bool("trust_env", value)


def _rate_limit(value: object) -> str | None:
    if value is None or value == "adaptive":
        return None if value is None else "adaptive"
    raise InvalidArgument("rate_limit", value, "None or 'adaptive'")


def _poll_policy(value: object) -> PollPolicy | None:
    if value is None or isinstance(value, PollPolicy):
        return value
    raise InvalidArgument("poll_policy", value, "None or a taskfacade.PollPolicy")


def _retry(value: object) -> RetryPolicy:
    return retry_policy(value, "retry_mode")


@attrs.frozen(kw_only=True)
class ClientOptions:
    """How a client talks to its server. Immutable: ``attrs.evolve(options, timeout=5)`` makes a variant.

    Every field is checked (and normalised) when the value is built; see the module docstring for what each
    accepts. A bad value raises ``InvalidArgument`` naming the field.

    Attributes:
        retry_mode: the client's retry policy (a mode name is resolved to its policy).
        timeout: per-request timeouts (a number becomes an ``httpx.Timeout`` for all four phases).
        verify: TLS verification: True, False or an ``ssl.SSLContext`` (a CA bundle path becomes one).
        pool_size: connections kept open; None for ``default_pool_size()``.
        clock: the time source of retries, budgets and waits (None becomes the system clock).
        trust_env: whether httpx reads proxy and CA settings from the environment.
        max_response_size: the largest response body accepted, in bytes after decompression.
        user_agent: the ``User-Agent`` header of every request.
        httpx_transport: a custom httpx transport (tests: ``httpx.MockTransport``), or None for httpx's own.
        rate_limit: ``"adaptive"`` (the default): before each attempt, wait for the endpoint's shared limiter,
            which slows down on throttles (429, ``ThrottlingException``) and recovers; None: no client-side limit.
        poll_policy: how its jobs' ``wait()`` polls when the call gives no ``interval`` or ``policy`` (None: the
            wait's own defaults, ``DEFAULT_INTERVAL`` between polls).
    """

    retry_mode: RetryPolicy = attrs.field(default=RETRY_MODES["default"], converter=_retry)
    timeout: httpx.Timeout = attrs.field(default=DEFAULT_TIMEOUT, converter=check_timeout)
    verify: bool | ssl.SSLContext = attrs.field(default=True, converter=tls_setting)
    pool_size: int | None = attrs.field(default=None, converter=_pool_size)
    clock: Clock = attrs.field(default=SYSTEM_CLOCK, converter=check_clock)
    trust_env: bool = attrs.field(default=True, converter=_trust_env)
    max_response_size: int = attrs.field(default=DEFAULT_MAX_RESPONSE_SIZE, converter=check_max_response_size)
    user_agent: str = attrs.field(default=USER_AGENT, converter=_user_agent)
    httpx_transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = attrs.field(
        default=None, converter=_httpx_transport
    )
    rate_limit: str | None = attrs.field(default="adaptive", converter=_rate_limit)
    poll_policy: PollPolicy | None = attrs.field(default=None, converter=_poll_policy)

    @property
    def connections(self) -> int:
        """The connection pool's size: ``pool_size``, or ``default_pool_size()`` when that is None."""
        return default_pool_size() if self.pool_size is None else self.pool_size
