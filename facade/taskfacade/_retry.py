"""Retry modes as policy objects, and the one function that decides whether and how long to wait before a retry.

Three named modes (TileDB's names, one policy for every service):

============  ========  ==========  =============================================  ==========
mode          attempts  budget (s)  retried statuses (plus network errors)         Retry-After
============  ========  ==========  =============================================  ==========
``default``   5         120         429, 502, 503, 504                             up to 60 s
``forceful``  10        600         429, 500, 501, 502, 503, 504                   up to 60 s
``disabled``  1         120         none (and no network error)                    n/a
============  ========  ==========  =============================================  ==========

Rules common to every mode (see docs/retry-modes.md):

- A request that never reached the server (connect error or connect timeout, pool timeout) is always safe to
  replay. Anything else (read timeout, reset, truncated body, a retryable status) is replayed only when the
  request is *replay-safe*: its method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE), the caller marked it
  idempotent (a read-only POST such as Deadline SearchTasks), or it carries the service's idempotency-key header.
- Delay: the server's ``Retry-After`` (seconds or HTTP date) when it sent one, else exponential backoff with
  full jitter: ``uniform(0, min(cap, base * 2 ** (retry - 1)))``.
- A ``Retry-After`` above ``max_retry_after`` (60 s) is not waited out: the call gives up at once and raises
  (``RateLimited`` for a 429, with ``retry_after`` set), so the caller decides instead of hanging for minutes.
- A retry whose delay would end past the call's budget (or the enclosing wait's deadline) is not made.
"""

from __future__ import annotations

import datetime
import email.utils
import enum
import math
import random
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from ._check import check_bool, check_int, check_seconds
from ._errors import InvalidArgument

__all__ = [
    "DEFAULT",
    "DISABLED",
    "FORCEFUL",
    "RETRY_MODES",
    "FailureKind",
    "RetryDecision",
    "RetryPolicy",
    "parse_retry_after",
    "plan_retry",
    "retry_policy",
]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})


def _positive(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    check_seconds(attribute.name, value)


def _at_least_one(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    check_int(attribute.name, value, 1)


def _statuses(values: Iterable[int]) -> frozenset[int]:
    accepted = "a collection of HTTP status codes (integers 100..599)"
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidArgument("retry_statuses", values, accepted)
    items = list(values)
    for status in items:
        if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
            raise InvalidArgument("retry_statuses", items, accepted)
    return frozenset(items)


def _name(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value or not value.isprintable():
        raise InvalidArgument(attribute.name, value, "a non-empty printable name")


def _flag(_instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    check_bool(attribute.name, value)


@attrs.frozen
class RetryPolicy:
    """How one call is retried. Immutable; build variants with ``attrs.evolve(DEFAULT, max_attempts=3)``.

    Attributes:
        name: a label for logs and reprs.
        max_attempts: attempts in total, the first one included (1 = never retry).
        budget: seconds a call may take from its first attempt to the end of its last, sleeps included; each
            attempt's timeouts are also shortened so the call ends within it.
        retry_statuses: statuses retried (when the request is replay-safe).
        retry_network_errors: whether resets, read timeouts and truncated bodies are retried (when replay-safe)
            and connection failures are retried (always safe).
        backoff_base: first backoff ceiling in seconds.
        backoff_cap: the largest backoff ceiling in seconds.
        max_retry_after: the longest ``Retry-After`` honoured; above it the call gives up at once.
    """

    name: str = attrs.field(validator=_name)
    max_attempts: int = attrs.field(validator=_at_least_one)
    budget: float = attrs.field(validator=_positive)
    retry_statuses: frozenset[int] = attrs.field(converter=_statuses)
    retry_network_errors: bool = attrs.field(default=True, validator=_flag)
    backoff_base: float = attrs.field(default=0.5, validator=_positive)
    backoff_cap: float = attrs.field(default=8.0, validator=_positive)
    max_retry_after: float = attrs.field(default=60.0, validator=_positive)

    def backoff(self, retry: int, rng: random.Random) -> float:
        """Full-jitter delay before retry number ``retry`` (1 = the first retry)."""
        check_int("retry", retry, 1)
        if not isinstance(rng, random.Random):
            raise InvalidArgument("rng", rng, "a random.Random")
        ceiling = min(self.backoff_cap, self.backoff_base * 2.0 ** min(retry - 1, 64))
        return rng.uniform(0.0, ceiling)

    def __str__(self) -> str:
        return self.name


DEFAULT = RetryPolicy("default", max_attempts=5, budget=120.0, retry_statuses=frozenset({429, 502, 503, 504}))
FORCEFUL = RetryPolicy(
    "forceful", max_attempts=10, budget=600.0, retry_statuses=frozenset({429, 500, 501, 502, 503, 504})
)
DISABLED = RetryPolicy("disabled", max_attempts=1, budget=120.0, retry_statuses=frozenset(), retry_network_errors=False)

#: The named modes, read-only.
RETRY_MODES: Mapping[str, RetryPolicy] = MappingProxyType(
    {"default": DEFAULT, "forceful": FORCEFUL, "disabled": DISABLED}
)

RetryLike = RetryPolicy | str


def retry_policy(
    mode: object,
    parameter: str = "retry_mode",
    *,
    modes: Mapping[str, RetryPolicy] = RETRY_MODES,
    accepted: str | None = None,
    source: str | None = None,
) -> RetryPolicy:
    """Resolve a mode name or policy; anything else raises ``InvalidArgument`` naming ``parameter``.

    The one retry-mode parser of every client: a service with its own names (botocore's ``legacy``...) passes
    them in ``modes``; a name matches exactly or in lower case.

    Args:
        mode: a ``RetryPolicy`` (returned as is) or a name in ``modes``.
        parameter: the caller's name for it, for the error.
        modes: the names accepted (default: ``default``, ``forceful``, ``disabled``).
        accepted: what the error says is accepted (default: the names in ``modes`` or a RetryPolicy).
        source: where the value came from, when the parameter's name does not say it.
    """
    if not isinstance(parameter, str) or not parameter:
        raise InvalidArgument("parameter", parameter, "the name of the parameter the mode came from")
    if modes is not RETRY_MODES and not (
        isinstance(modes, Mapping)
        and all(isinstance(name, str) and isinstance(policy, RetryPolicy) for name, policy in modes.items())
    ):
        raise InvalidArgument("modes", modes, "a mapping of mode names to RetryPolicy values")
    for name, text in (("accepted", accepted), ("source", source)):
        if text is not None and (not isinstance(text, str) or not text):
            raise InvalidArgument(name, text, "None or a non-empty string")
    if isinstance(mode, RetryPolicy):
        return mode
    if isinstance(mode, str):
        found = modes.get(mode) or modes.get(mode.lower())
        if found is not None:
            return found
    if accepted is None:
        accepted = f"one of {', '.join(map(repr, modes))} or a RetryPolicy"
    raise InvalidArgument(parameter, mode, accepted, source=source)


class FailureKind(enum.Enum):
    """What went wrong with one attempt."""

    #: The request never reached the server (connect error or timeout, pool timeout): always safe to replay.
    CONNECT = "connect"
    #: The request may have reached the server (reset, read timeout, truncated body): replay only when safe.
    NETWORK = "network"
    #: The server answered with an error status.
    STATUS = "status"
    #: Something a retry cannot fix (a refused redirect, an unsupported URL...).
    FATAL = "fatal"


@attrs.frozen
class RetryDecision:
    """The outcome of ``plan_retry``: a delay in seconds, or None with the reason for giving up."""

    delay: float | None
    reason: str


def _give_up(reason: str) -> RetryDecision:
    return RetryDecision(None, reason)


def plan_retry(
    policy: RetryPolicy,
    *,
    attempt: int,
    kind: FailureKind,
    status: int | None = None,
    retry_after: float | None = None,
    replay_safe: bool,
    time_left: float,
    rng: random.Random,
) -> RetryDecision:
    """Decide whether attempt number ``attempt`` (1-based) that failed with ``kind`` is retried, and after how long.

    Args:
        policy: the call's retry policy.
        attempt: the number of the attempt that just failed.
        kind: how it failed.
        status: the HTTP status for ``FailureKind.STATUS``.
        retry_after: the server's ``Retry-After`` in seconds, already parsed.
        replay_safe: whether the request may be sent again although the server may have acted on it.
        time_left: seconds left in the call's budget (and any enclosing deadline).
        rng: the source of jitter.
    """
    if kind is FailureKind.FATAL:
        return _give_up("not retryable")
    if attempt >= policy.max_attempts:
        return _give_up(f"{policy.max_attempts} attempt(s) made ({policy.name} mode)")
    if kind is FailureKind.STATUS and status not in policy.retry_statuses:
        return _give_up(f"status {status} is not retried in {policy.name} mode")
    if kind is not FailureKind.STATUS and not policy.retry_network_errors:
        return _give_up(f"network errors are not retried in {policy.name} mode")
    if kind is not FailureKind.CONNECT and not replay_safe:
        return _give_up("the request may have reached the server and is not idempotent")
    if retry_after is not None:
        if retry_after > policy.max_retry_after:
            return _give_up(f"Retry-After {retry_after:g}s exceeds the {policy.max_retry_after:g}s cap")
        delay = max(retry_after, 0.0)
    else:
        delay = policy.backoff(attempt, rng)
    if delay >= time_left:
        return _give_up(f"a {delay:.2f}s delay does not fit in the {max(time_left, 0.0):.2f}s left")
    return RetryDecision(delay, "retry")


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), or None when absent or unreadable.

    Args:
        value: the header value.
        now: the current wall-clock time in epoch seconds (for HTTP dates).
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # "-0000": HTTP dates are always GMT
            when = when.replace(tzinfo=datetime.UTC)
        return max(when.timestamp() - now, 0.0)
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(seconds, 0.0)
