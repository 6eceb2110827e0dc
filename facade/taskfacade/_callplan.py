"""The plan of one call, without I/O: how much time it has left, and what to do after a failed attempt.

A call's I/O shell (``Transport``'s synchronous loop today, an asynchronous one later) drives it like this::

    attempt = 0
    while True:
        attempt += 1
        left = time_left(now(), start, policy.budget, scope, outer)   # what this attempt may take
        outcome = <one attempt within `left` seconds>
        if outcome is a response: return it
        step = next_step(policy, attempt, outcome, ...)                # a Failure -> Retry(delay) or GiveUp
        if isinstance(step, GiveUp): raise step.error
        <sleep step.delay>

Both functions are pure: the shell owns the clock, the sockets and the sleeping, so every rule of budgets,
replay safety and backoff lives here and in ``_retry.py`` once, for every shell.
"""

from __future__ import annotations

import random

import attrs
import httpx

from ._errors import APIError, ResponseTooLarge, TransportError
from ._failure import Failure
from ._retry import IDEMPOTENT_METHODS, RetryPolicy, plan_retry

__all__ = ["GiveUp", "Retry", "next_step", "replay_safe", "time_left"]


def time_left(now: float, start: float, budget: float, scope: float | None, outer_deadline: float | None) -> float:
    """Seconds left in a call: its budget from ``start``, within an enclosing wait's ``scope`` (seconds left) and
    an enclosing call's ``outer_deadline`` (a monotonic time), whichever ends first.

    A call made inside another one (an auth flow logging in through the same transport) never outlives it.
    """
    left = budget - (now - start)
    if scope is not None and scope < left:
        left = scope
    if outer_deadline is not None and outer_deadline - now < left:
        left = outer_deadline - now
    return left


def replay_safe(request: httpx.Request | None, idempotent: bool | None, idempotency_header: str | None) -> bool:
    """Whether a request may be sent again although the server may have acted on it.

    The caller's ``idempotent`` decides when given; otherwise an idempotent method, or the service's
    idempotency-key header on the request, makes it safe.
    """
    if idempotent is not None:
        return idempotent
    if request is None:
        return False
    if request.method in IDEMPOTENT_METHODS:
        return True
    return bool(idempotency_header and request.headers.get(idempotency_header))


@attrs.frozen
class Retry:
    """Send the request again after ``delay`` seconds."""

    delay: float


@attrs.frozen
class GiveUp:
    """Stop: raise ``error`` (its ``attempts`` already set); ``reason`` says why, for the log."""

    error: APIError | TransportError | ResponseTooLarge
    reason: str


def next_step(
    policy: RetryPolicy,
    attempt: int,
    failure: Failure,
    *,
    idempotent: bool | None,
    idempotency_header: str | None,
    time_left: float,
    rng: random.Random,
) -> Retry | GiveUp:
    """What follows attempt number ``attempt`` (1-based), which failed with ``failure``.

    Args:
        policy: the call's retry policy.
        attempt: the number of the attempt that failed.
        failure: how it failed.
        idempotent: the caller's say on replay safety (None: decided by method and idempotency header).
        idempotency_header: the service's idempotency-key header, if it has one.
        time_left: seconds left in the call (``time_left()``, taken after the attempt).
        rng: the source of jitter.
    """
    decision = plan_retry(
        policy,
        attempt=attempt,
        kind=failure.kind,
        status=failure.status,
        retry_after=failure.retry_after,
        replay_safe=replay_safe(failure.request, idempotent, idempotency_header),
        time_left=time_left,
        rng=rng,
    )
    if decision.delay is None:
        failure.error.attempts = attempt
        return GiveUp(failure.error, decision.reason)
    return Retry(decision.delay)
