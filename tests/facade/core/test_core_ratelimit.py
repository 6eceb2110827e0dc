"""The adaptive rate limiter (``_ratelimit.py``): CUBIC math and the send queue on a ManualClock, a simulated
service that throttles above a rate (many pollers against it, on a fake clock), the endpoint registry and the
options check. The emulator tests (``test_core_ratelimit_emulator.py``) drive it through the transports."""

from __future__ import annotations

import gc
import heapq
import math
import multiprocessing
import os
import random

import pytest
from taskfacade import _ratelimit
from taskfacade._clock import ManualClock
from taskfacade._errors import InvalidArgument
from taskfacade._options import ClientOptions
from taskfacade._ratelimit import BETA, MAX_NAP, MIN_RATE, Endpoint, RateLimiter, limiter_for


def _steady(limiter: RateLimiter, clock: ManualClock, rate: float, seconds: float, *, throttled: bool) -> None:
    """Responses at ``rate`` per second for ``seconds`` on ``clock``."""
    for _ in range(int(rate * seconds)):
        clock.advance(1 / rate)
        limiter.on_response(clock.monotonic(), throttled)


def test_unlimited_until_the_first_throttle() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    _steady(limiter, clock, 20, 3, throttled=False)
    assert limiter.rate is None
    assert all(limiter.acquire(clock.monotonic(), 0.0).granted for _ in range(100))


def test_a_throttle_cuts_the_rate_to_beta_times_the_measured_rate() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    _steady(limiter, clock, 20, 5, throttled=False)
    measured = limiter.measured_rate
    assert measured == pytest.approx(20, rel=0.1)
    limiter.on_response(clock.monotonic(), True)
    assert limiter.rate == pytest.approx(measured * BETA, rel=0.05)


def test_repeated_throttles_never_go_below_the_floor() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    _steady(limiter, clock, 10, 30, throttled=True)
    assert limiter.rate == MIN_RATE
    # at the floor, callers queue 2 s apart (the bucket holds one token: the first goes at once)
    now = clock.monotonic()
    slots = [limiter.acquire(now) for _ in range(4)]
    assert [slot.granted for slot in slots] == [True, False, False, False]
    assert [slot.delay for slot in slots[1:]] == pytest.approx([2, 4, 6])
    assert limiter.waiting == 3


def test_the_rate_recovers_after_throttling_stops() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    _steady(limiter, clock, 20, 5, throttled=False)
    limiter.on_response(clock.monotonic(), True)
    after_throttle = limiter.rate
    assert after_throttle is not None
    rates = []
    for _ in range(20):
        _steady(limiter, clock, 40, 1, throttled=False)  # sending fast: twice it is no cap
        rate = limiter.rate
        assert rate is not None
        rates.append(rate)
    assert rates == sorted(rates)  # CUBIC: never down without a throttle
    assert rates[-1] > after_throttle / BETA  # past the rate before the throttle
    assert rates[-1] <= 2 * limiter.measured_rate + 1e-9  # never above twice what is actually sent


def _floor_limiter() -> tuple[RateLimiter, ManualClock]:
    """A limiter at its floor (0.5/s) whose bucket is full (one token)."""
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    _steady(limiter, clock, 10, 30, throttled=True)
    clock.advance(60)
    return limiter, clock


def test_callers_queue_in_order_and_each_goes_at_its_turn() -> None:
    limiter, clock = _floor_limiter()
    now = clock.monotonic()
    assert limiter.acquire(now).granted  # the one token
    queued = [limiter.acquire(now) for _ in range(3)]
    assert [slot.delay for slot in queued] == pytest.approx([2, 4, 6])
    tickets = [slot.ticket for slot in queued]
    assert None not in tickets
    clock.advance(2)
    assert not limiter.acquire(clock.monotonic(), ticket=tickets[1]).granted  # not its turn yet
    assert limiter.acquire(clock.monotonic(), ticket=tickets[0]).granted
    clock.advance(2)
    assert limiter.acquire(clock.monotonic(), ticket=tickets[1]).granted
    assert limiter.waiting == 1


def test_a_late_head_does_not_block_those_behind_once_tokens_cover_both() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    _steady(limiter, clock, 20, 5, throttled=False)
    limiter.on_response(clock.monotonic(), True)  # rate ~14/s
    now = clock.monotonic()
    first, second = limiter.acquire(now), limiter.acquire(now)
    assert first.ticket is not None
    assert second.ticket is not None
    clock.advance(second.delay)  # two tokens by now: the second need not wait for the late first
    assert limiter.acquire(clock.monotonic(), ticket=second.ticket).granted
    assert limiter.acquire(clock.monotonic(), ticket=first.ticket).granted


def test_a_rate_cut_delays_callers_already_waiting() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    _steady(limiter, clock, 40, 5, throttled=False)
    limiter.on_response(clock.monotonic(), True)
    now = clock.monotonic()
    queued = [limiter.acquire(now) for _ in range(20)]
    last = queued[-1]
    assert last.ticket is not None
    for _ in range(3):  # throttles of requests sent after each cut: the rate is still too high
        clock.advance(0.01)
        limiter.on_response(clock.monotonic(), True, sent=clock.monotonic())
    clock.advance(last.delay)  # the time it was told at the old rate
    again = limiter.acquire(clock.monotonic(), ticket=last.ticket)
    assert not again.granted  # its place is served at the new, lower rate
    assert again.ticket == last.ticket
    rate = limiter.rate
    assert rate is not None
    assert again.delay == pytest.approx((20 - rate * last.delay) / rate, rel=0.2)


def test_a_slot_past_the_time_left_is_refused_and_the_place_given_back() -> None:
    limiter, clock = _floor_limiter()
    now = clock.monotonic()
    assert limiter.acquire(now).granted
    queued = limiter.acquire(now, left=10.0)
    assert queued.ticket is not None
    refused = limiter.acquire(now, left=3.0)  # its turn would be in 4 s
    assert refused.refused
    assert refused.delay == pytest.approx(4)
    assert limiter.waiting == 1
    clock.advance(1.5)
    dropped = limiter.acquire(clock.monotonic(), left=0.2, ticket=queued.ticket)  # its own time ran short
    assert dropped.refused
    assert limiter.waiting == 0
    assert limiter.acquire(clock.monotonic()).delay == pytest.approx(0.5)  # the next caller is first in line


def test_release_gives_a_place_back_and_is_idempotent() -> None:
    limiter, clock = _floor_limiter()
    now = clock.monotonic()
    limiter.acquire(now)
    first, second = limiter.acquire(now), limiter.acquire(now)
    limiter.release(first.ticket)
    limiter.release(first.ticket)
    limiter.release(None)
    assert limiter.waiting == 1
    assert limiter.acquire(now, ticket=second.ticket).delay == pytest.approx(2)


def test_throttles_of_requests_sent_before_a_cut_do_not_cut_again() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    _steady(limiter, clock, 100, 3, throttled=False)
    burst_sent = clock.monotonic()
    clock.advance(0.01)
    limiter.on_response(clock.monotonic(), True, sent=burst_sent)
    cut = limiter.rate
    assert cut == pytest.approx(limiter.measured_rate * BETA, rel=0.05)
    for _ in range(300):  # the rest of the burst answered 429: echoes of the same episode
        limiter.on_response(clock.monotonic(), True, sent=burst_sent)
    assert limiter.rate == pytest.approx(cut, rel=0.05)
    clock.advance(0.01)
    limiter.on_response(clock.monotonic(), True, sent=clock.monotonic() - 0.005)  # sent after the cut
    assert limiter.rate is not None
    assert limiter.rate < cut * 0.8


def test_the_first_cut_uses_the_rate_seen_so_far() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    clock.advance(0.1)
    for _ in range(100):  # 100 responses in 0.1 s, inside one half-second bucket: botocore would measure 0
        clock.advance(0.001)
        limiter.on_response(clock.monotonic(), False)
    limiter.on_response(clock.monotonic(), True, sent=clock.monotonic() - 0.01)
    assert limiter.rate == pytest.approx(101 / 0.5 * BETA, rel=0.05)


class _Service:
    """A service answering 429 above ``rate`` requests/s: a token bucket of ``rate`` tokens (one second's burst),
    as the emulator's ``throttle`` rule."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.tokens = rate
        self.last = 0.0

    def throttles(self, now: float) -> bool:
        self.tokens = min(self.rate, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return False
        return True


def _simulate(pollers: int, service_rate: float, seconds: float, *, limited: bool) -> list[tuple[float, bool]]:
    """``pollers`` callers each polling every second (a 429 retried after 0.1-0.3 s) through one limiter, on a
    fake clock: each request's (send time, throttled)."""
    rng = random.Random(7)
    limiter = RateLimiter(0.0)
    service = _Service(service_rate)
    rtt = 0.005
    events: list[tuple[float, int, int | None]] = [(rng.uniform(0, 0.2), n, None) for n in range(pollers)]
    heapq.heapify(events)
    sent: list[tuple[float, bool]] = []
    while events:
        now, poller, ticket = heapq.heappop(events)
        if now > seconds:
            break
        if limited:
            slot = limiter.acquire(now, math.inf, ticket)
            if not slot.granted:
                heapq.heappush(events, (now + min(slot.delay, MAX_NAP), poller, slot.ticket))
                continue
        throttled = service.throttles(now)
        sent.append((now, throttled))
        limiter.on_response(now + rtt, throttled, sent=now)
        heapq.heappush(events, (now + rtt + (rng.uniform(0.1, 0.3) if throttled else 1.0), poller, None))
    return sent


@pytest.mark.parametrize("pollers", [300, 1000])
def test_pollers_far_above_the_service_rate_are_throttled_rarely_once_settled(pollers: int) -> None:
    rate, seconds = 100.0, 40.0
    unlimited = _simulate(pollers, rate, seconds, limited=False)
    limited = _simulate(pollers, rate, seconds, limited=True)

    def settled(requests: list[tuple[float, bool]]) -> tuple[float, float]:
        late = [throttled for at, throttled in requests if at >= 5.0]
        return sum(late) / len(late), (len(late) - sum(late)) / (seconds - 5.0)

    share_off, _ = settled(unlimited)
    share, served = settled(limited)
    assert share_off > 0.5  # without the limiter, most requests are refused
    assert share <= 0.05  # the aim
    assert served >= 0.8 * rate  # and the service's capacity is still used


def test_the_registry_shares_one_limiter_per_endpoint_and_clock() -> None:
    clock, other = ManualClock(), ManualClock()
    endpoint = Endpoint("http", "127.0.0.1", 8080, "deadline")
    first = limiter_for(endpoint, clock, 0.0)
    assert limiter_for(endpoint, clock, 5.0) is first
    assert limiter_for(Endpoint("http", "127.0.0.1", 8080, "geobox"), clock, 0.0) is not first
    assert limiter_for(endpoint, other, 0.0) is not first
    del first
    gc.collect()
    assert limiter_for(endpoint, clock, 0.0).measured_rate == 0  # a fresh one: the old one was not kept


def test_rate_limit_option_is_checked() -> None:
    assert ClientOptions().rate_limit == "adaptive"  # on by default (docs/retry-modes.md: the benchmark)
    assert ClientOptions(rate_limit=None).rate_limit is None
    assert ClientOptions(rate_limit="adaptive").rate_limit == "adaptive"
    with pytest.raises(InvalidArgument, match="rate_limit"):
        ClientOptions(rate_limit="fast")


@pytest.mark.skipif(not hasattr(os, "register_at_fork"), reason="fork is POSIX")
def test_a_forked_child_gets_free_locks_and_no_ghost_places_in_the_queue() -> None:
    # A forked child has only the forking thread: places queued by the parent's other threads, or a lock one of
    # them held at that moment, would block the child's requests for ever.
    clock = ManualClock()
    limiter = limiter_for(Endpoint("http", "127.0.0.1", 9, "fork"), clock, clock.monotonic())
    _steady(limiter, clock, 10, 30, throttled=True)
    clock.advance(60)
    now = clock.monotonic()
    assert limiter.acquire(now).granted
    assert [limiter.acquire(now).ticket is not None for _ in range(3)] == [True] * 3  # the parent's queued callers
    with limiter._lock, _ratelimit._REGISTRY_LOCK:  # held by "another thread" as the process forks
        child = multiprocessing.get_context("fork").Process(target=_child_checks, args=(limiter, now))
        child.start()
    child.join(10)
    assert child.exitcode == 0
    assert limiter.waiting == 3  # the parent is untouched


def _child_checks(limiter: RateLimiter, now: float) -> None:
    assert limiter.waiting == 0, "the parent's queued places live on in the child"
    assert limiter.acquire(now + 2).granted  # a token comes at the floor rate, and nobody is ahead
    assert _ratelimit._REGISTRY_LOCK.acquire(timeout=2), "the registry lock is still held in the child"
