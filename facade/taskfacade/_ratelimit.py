"""One adaptive rate limiter per service endpoint, shared by every client in the process. No I/O.

When a service throttles (a 429, or Deadline's ``ThrottlingException``), every request to it from this process
should slow down, not only the one call that saw the throttle: a thousand waits on one endpoint are one stream of
requests to the service, whichever client or thread or task sends them. So limiters live in a process-wide
registry keyed by endpoint (scheme, host, port, service), and a transport with ``rate_limit="adaptive"`` asks its
endpoint's limiter before each attempt (``acquire_delay``) and tells it after (``on_response``).

The math follows botocore's adaptive retry mode (``botocore/retries/adaptive.py`` and ``bucket.py``), in our
own code:

- a token bucket whose fill rate is the allowed sending rate (never below ``MIN_RATE``, 0.5 requests/s), holding
  at most ``max(rate, 1)`` tokens. It is off until the first throttle: before that, nothing waits;
- the measured sending rate, smoothed over half-second buckets (``_RateMeter``);
- on a throttle, the rate drops to ``BETA`` (0.7) times the lower of the measured rate and the current rate, which
  becomes the CUBIC curve's ``w_max``; on a success the rate follows the curve
  ``SCALE * (t - K)**3 + w_max``, ``K = (w_max * (1 - BETA) / SCALE) ** (1/3)``, ``t`` the seconds since the last
  throttle: quickly back towards ``w_max``, slowly past it, then faster (probing for more). The new rate is never
  above twice the measured rate.

Sans-I/O: callers pass ``now`` (a monotonic clock reading) and do the waiting themselves, the sync shell with its
clock's ``sleep`` and the async shell with an awaited sleep; the lock is held only for arithmetic, so it never
blocks an event loop. Unlike botocore's bucket, which blocks callers until a token is there, ``acquire_delay``
*reserves* a token: the balance may go negative, and each caller waits for its own place in the queue.
"""

from __future__ import annotations

import math
import threading
import weakref
from typing import Literal

import attrs

__all__ = [
    "BETA",
    "MIN_RATE",
    "SCALE",
    "Endpoint",
    "RateLimiter",
    "limiter_for",
]

#: The lowest allowed sending rate, in requests per second (botocore's ``min_rate``).
MIN_RATE = 0.5
#: The multiplicative decrease on a throttle.
BETA = 0.7
#: CUBIC's scale constant.
SCALE = 0.4
#: The measured rate's smoothing factor and bucket width in seconds.
_SMOOTHING = 0.8
_BUCKET = 0.5
#: ``rate_limit=`` values a ``ClientOptions`` accepts.
RateLimitMode = Literal["adaptive"]


class _RateMeter:
    """The smoothed rate of responses, counted in ``_BUCKET``-wide time buckets (botocore's ``RateClocker``)."""

    def __init__(self) -> None:
        self.rate = 0.0
        self._count = 0
        self._last_bucket: float | None = None

    def record(self, now: float) -> float:
        bucket = math.floor(now / _BUCKET) * _BUCKET
        if self._last_bucket is None:
            self._last_bucket = bucket
        self._count += 1
        if bucket > self._last_bucket:
            current = self._count / (bucket - self._last_bucket)
            self.rate = current * _SMOOTHING + self.rate * (1 - _SMOOTHING)
            self._count = 0
            self._last_bucket = bucket
        return self.rate


class RateLimiter:
    """An adaptive client-side rate limiter: a token bucket whose rate follows CUBIC on throttles. Thread-safe.

    Args:
        start: the monotonic time it is created at (the CUBIC curve's origin until the first throttle).
    """

    def __init__(self, start: float = 0.0) -> None:
        self._lock = threading.Lock()
        self._meter = _RateMeter()
        self._enabled = False  # botocore's ``_enabled``: nothing waits until the service first throttles
        self._rate = MIN_RATE  # the bucket's fill rate (requests/s) once enabled
        self._tokens = 0.0
        self._last_refill: float | None = None
        self._w_max = MIN_RATE
        self._k = 0.0
        self._last_throttle = start

    @property
    def rate(self) -> float | None:
        """The allowed sending rate in requests per second; None while unlimited (no throttle seen yet)."""
        with self._lock:
            return self._rate if self._enabled else None

    @property
    def measured_rate(self) -> float:
        """The smoothed rate of responses seen, in requests per second."""
        with self._lock:
            return self._meter.rate

    def acquire_delay(self, now: float) -> float:
        """Reserve the next send: the seconds to wait before sending it (0 when unlimited or a token is there)."""
        with self._lock:
            if not self._enabled:
                return 0.0
            self._refill(now)
            self._tokens -= 1.0
            return 0.0 if self._tokens >= 0 else -self._tokens / self._rate

    def on_response(self, now: float, throttled: bool) -> None:
        """Adapt to one response: ``throttled`` when the service answered 429 or a throttling error code."""
        with self._lock:
            measured = self._meter.record(now)
            if throttled:
                current = measured if not self._enabled else min(measured, self._rate)
                current = max(current, MIN_RATE)
                self._w_max = current
                self._k = (current * (1 - BETA) / SCALE) ** (1 / 3)
                self._last_throttle = now
                new_rate = current * BETA
                if not self._enabled:
                    self._enabled = True
                    self._last_refill = now
                    self._tokens = 0.0
            else:
                if not self._enabled:
                    return
                new_rate = SCALE * (now - self._last_throttle - self._k) ** 3 + self._w_max
            if measured > 0:
                new_rate = min(new_rate, 2 * measured)
            self._set_rate(now, new_rate)

    def _refill(self, now: float) -> None:
        last = now if self._last_refill is None else self._last_refill
        if now > last:
            self._tokens = min(self._capacity(), self._tokens + (now - last) * self._rate)
        self._last_refill = max(now, last)

    def _capacity(self) -> float:
        return max(self._rate, 1.0)

    def _set_rate(self, now: float, rate: float) -> None:
        self._refill(now)  # tokens earned so far count at the old rate
        self._rate = max(rate, MIN_RATE)
        self._tokens = min(self._tokens, self._capacity())

    def __repr__(self) -> str:
        rate = self.rate
        return f"RateLimiter(rate={'unlimited' if rate is None else f'{rate:.2f}/s'})"


@attrs.frozen
class Endpoint:
    """What one limiter is for: a service at a scheme, host and port."""

    scheme: str
    host: str
    port: int | None
    service: str


# Process-wide, because the service limits this process's requests as a whole: a limiter per client would let
# a hundred clients (or a thousand waits each with its own client) each send at the full rate after a throttle.
# Weak values: a limiter lives while some transport holds it, so an endpoint no longer used costs nothing.
# Keyed by the clock too: times from different clocks (a test's ``ManualClock``) do not mix in one limiter.
_LIMITERS: weakref.WeakValueDictionary[tuple[Endpoint, object], RateLimiter] = weakref.WeakValueDictionary()
_REGISTRY_LOCK = threading.Lock()


def limiter_for(endpoint: Endpoint, clock: object, now: float) -> RateLimiter:
    """The process's limiter for ``endpoint`` read on ``clock`` (created at ``now`` on first use); the caller holds
    it to keep it alive."""
    key = (endpoint, clock)
    with _REGISTRY_LOCK:
        limiter = _LIMITERS.get(key)
        if limiter is None:
            limiter = RateLimiter(now)
            _LIMITERS[key] = limiter
        return limiter
