"""One adaptive rate limiter per service endpoint, shared by every client in the process. No I/O.

When a service throttles (a 429, or Deadline's ``ThrottlingException``), every request to it from this process
should slow down, not only the one call that saw the throttle: a thousand waits on one endpoint are one stream of
requests to the service, whichever client or thread or task sends them. So limiters live in a process-wide
registry keyed by endpoint (scheme, host, port, service), and a transport with ``rate_limit="adaptive"`` asks its
endpoint's limiter for a send slot before each attempt (``acquire``) and tells it how the attempt ended
(``on_response``).

The math follows botocore's adaptive retry mode (``botocore/retries/adaptive.py``, ``bucket.py`` and
``throttling.py``), in our own code:

- a token bucket whose fill rate is the allowed sending rate (never below ``MIN_RATE``, 0.5 requests/s), holding
  at most ``max(rate, 1)`` tokens. It is off until the first throttle: before that, nothing waits;
- the measured rate of responses, smoothed over half-second buckets (``_RateMeter``, botocore's ``RateClocker``);
- on a throttle, the rate drops to ``BETA`` (0.7) times the lower of the measured rate and the current rate, which
  becomes the CUBIC curve's ``w_max``; on a success the rate follows the curve
  ``SCALE * (t - K)**3 + w_max``, ``K = (w_max * (1 - BETA) / SCALE) ** (1/3)``, ``t`` the seconds since the last
  throttle: quickly back towards ``w_max``, slowly past it, then faster (probing for more). The new rate is never
  above twice the measured rate.

Where it differs from botocore, and why (each was a cause of the first benchmark missing its aims):

- **Callers queue, and each is let through at the current rate.** botocore's bucket makes one caller at a time
  sleep (holding a lock) until a token is there, re-reading the rate when it changes. Here a caller that finds
  no token takes a ticket (its place in a first-come queue) and is told how long to wait at the *current* rate;
  after that wait it asks again with its ticket, and goes only if the bucket holds a token for it and for every
  ticket ahead of it. A drop in the rate therefore delays callers already waiting (an earlier design reserved
  fixed send times, so a thousand waits kept the slots they had reserved at the old, higher rate and the burst
  went on after the throttle). Shells sleep at most ``MAX_NAP`` between asks, so a rising rate is noticed too.
- **A slot that would come after the call's time left is refused**, and the ticket given back (``Slot.refused``):
  the call fails at once rather than holding a place in the queue it cannot use.
- **One decrease per throttle episode.** botocore cuts the rate on every throttled response, so the hundreds of
  429s answering a burst sent *before* the first cut drive the rate to the floor (0.5/s) in one go, from which
  CUBIC takes many seconds to climb back. Here a throttled response to a request sent before the last cut is
  counted in the measured rate but does not cut again (as TCP reacts once per loss window); a throttle of a
  request sent after the cut means the new rate is still too high, and cuts again.
- **The first cut uses the rate seen so far** when no half-second bucket has closed yet (botocore's measured rate
  is then 0, which means the floor).

Sans-I/O: callers pass ``now`` (a monotonic clock reading) and do the waiting themselves, the sync shell with its
clock's ``sleep`` and the async shell with an awaited sleep; the lock is held only for arithmetic, so it never
blocks an event loop.
"""

from __future__ import annotations

import bisect
import itertools
import math
import os
import threading
import weakref
from typing import Literal

import attrs

__all__ = [
    "BETA",
    "MAX_NAP",
    "MIN_RATE",
    "SCALE",
    "Endpoint",
    "RateLimiter",
    "Slot",
    "limiter_for",
]

#: The lowest allowed sending rate, in requests per second (botocore's ``min_rate``).
MIN_RATE = 0.5
#: The multiplicative decrease on a throttle.
BETA = 0.7
#: CUBIC's scale constant.
SCALE = 0.4
#: The longest a queued caller sleeps before asking again (seconds): a rising rate is noticed within it.
MAX_NAP = 1.0
#: The measured rate's smoothing factor and bucket width in seconds.
_SMOOTHING = 0.8
_BUCKET = 0.5
#: A wait shorter than this (seconds) is no wait: the caller goes. Float rounding, and clocks read as seconds
#: since the epoch (a resolution of about 0.2 us), would otherwise leave a caller asking again for ever-tinier
#: waits that its clock cannot measure.
_SLACK_S = 0.001
#: ``rate_limit=`` values a ``ClientOptions`` accepts.
RateLimitMode = Literal["adaptive"]


class _RateMeter:
    """The smoothed rate of responses, counted in ``_BUCKET``-wide time buckets (botocore's ``RateClocker``)."""

    def __init__(self) -> None:
        self.rate = 0.0
        self._count = 0
        self._first: float | None = None
        self._last_bucket: float | None = None

    def record(self, now: float) -> float:
        bucket = math.floor(now / _BUCKET) * _BUCKET
        if self._last_bucket is None:
            self._last_bucket = bucket
            self._first = now
        self._count += 1
        if bucket > self._last_bucket:
            current = self._count / (bucket - self._last_bucket)
            self.rate = current * _SMOOTHING + self.rate * (1 - _SMOOTHING)
            self._count = 0
            self._last_bucket = bucket
        return self.rate

    def so_far(self, now: float) -> float:
        """The smoothed rate, or before the first bucket closed, the responses seen over the time they took (at
        least one bucket's width)."""
        if self.rate > 0 or self._first is None:
            return self.rate
        return self._count / max(now - self._first, _BUCKET)


@attrs.frozen
class Slot:
    """The limiter's answer to a caller asking to send.

    Attributes:
        granted: send now (a token was taken).
        delay: when not granted, the seconds until the caller's turn at the current rate.
        ticket: when queued, the caller's place: ask again with it after ``min(delay, MAX_NAP)``. None when
            granted or refused.
    """

    granted: bool
    delay: float = 0.0
    ticket: int | None = None

    @property
    def refused(self) -> bool:
        """No slot within the caller's time left: it must not send (its place was given back)."""
        return not self.granted and self.ticket is None


_GRANTED = Slot(True)


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
        self._last_cut: float | None = None  # when the rate was last cut (throttles of earlier sends are echoes)
        self._queue: list[int] = []  # waiting tickets, ascending (first come first)
        self._tickets = itertools.count(1)

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

    @property
    def waiting(self) -> int:
        """Callers queued for a send slot."""
        with self._lock:
            return len(self._queue)

    def acquire(self, now: float, left: float = math.inf, ticket: int | None = None) -> Slot:
        """Ask to send at ``now``, with ``left`` seconds left in the caller's budget.

        A first ask gives no ``ticket``; a caller told to wait asks again with the ``ticket`` it was given. Granted
        when the bucket holds a token for this caller and for every caller queued ahead of it; otherwise queued
        (``delay`` is the wait at the current rate) or, when that wait is longer than ``left``, refused.
        """
        with self._lock:
            if not self._enabled:
                self._drop(ticket)
                return _GRANTED
            self._refill(now)
            ahead = len(self._queue) if ticket is None else bisect.bisect_left(self._queue, ticket)
            delay = (ahead + 1.0 - self._tokens) / self._rate
            if delay <= _SLACK_S:
                self._tokens -= 1.0
                self._drop(ticket)
                return _GRANTED
            if delay > left:
                self._drop(ticket)
                return Slot(False, delay)
            if ticket is None:
                ticket = next(self._tickets)
                self._queue.append(ticket)
            return Slot(False, delay, ticket)

    def release(self, ticket: int | None) -> None:
        """Give back a queued place (the caller stopped waiting: cancelled, or an error). Idempotent."""
        with self._lock:
            self._drop(ticket)

    def on_response(self, now: float, throttled: bool, sent: float | None = None) -> None:
        """Adapt to one response: ``throttled`` when the service answered 429 or a throttling error code; ``sent``
        is when its request went out (a throttle of a request sent before the last cut does not cut again)."""
        with self._lock:
            measured = self._meter.record(now)
            if throttled:
                if self._last_cut is not None and sent is not None and sent < self._last_cut:
                    return  # an echo of the rate already cut: the requests were sent before the cut
                seen = self._meter.so_far(now)
                current = seen if not self._enabled else min(seen, self._rate)
                current = max(current, MIN_RATE)
                self._w_max = current
                self._k = (current * (1 - BETA) / SCALE) ** (1 / 3)
                self._last_throttle = now
                self._last_cut = now
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

    def _drop(self, ticket: int | None) -> None:
        if ticket is None:
            return
        index = bisect.bisect_left(self._queue, ticket)
        if index < len(self._queue) and self._queue[index] == ticket:
            del self._queue[index]

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
        return f"RateLimiter(rate={'unlimited' if rate is None else f'{rate:.2f}/s'}, waiting={self.waiting})"


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


def _unlock_after_fork() -> None:
    """In a forked child only the forking thread lives on: a lock that one of the parent's other threads held at
    that moment would never be released there, nor would their places in a limiter's queue be used. The child
    gets fresh locks and empty queues; each limiter's rate is kept (the child's requests go to the same
    endpoints)."""
    global _REGISTRY_LOCK
    _REGISTRY_LOCK = threading.Lock()
    for limiter in list(_LIMITERS.values()):
        limiter._lock = threading.Lock()
        limiter._queue = []


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_unlock_after_fork)
