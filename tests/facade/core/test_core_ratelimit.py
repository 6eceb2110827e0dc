"""The adaptive rate limiter (``_ratelimit.py``): CUBIC math on a ManualClock, the endpoint registry, the options
check and the transport hook (sync and async twins) over ``httpx.MockTransport``."""

from __future__ import annotations

import gc

import pytest
from taskfacade._clock import ManualClock
from taskfacade._errors import InvalidArgument
from taskfacade._options import ClientOptions
from taskfacade._ratelimit import BETA, MIN_RATE, Endpoint, RateLimiter, limiter_for


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
    assert all(limiter.acquire_delay(clock.monotonic()) == 0 for _ in range(100))


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
    # at the floor, back-to-back sends are spaced 2 s apart
    now = clock.monotonic()
    delays = [limiter.acquire_delay(now) for _ in range(3)]
    assert delays[1] - delays[0] == pytest.approx(1 / MIN_RATE)
    assert delays[2] - delays[1] == pytest.approx(1 / MIN_RATE)


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


def test_reservations_queue_callers_at_the_allowed_rate() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock.monotonic())
    _steady(limiter, clock, 10, 30, throttled=True)  # at the floor: 0.5/s
    limiter.on_response(clock.monotonic(), True)
    clock.advance(60)  # the bucket fills to its capacity (1 token at the floor)
    now = clock.monotonic()
    rate = limiter.rate
    assert rate is not None
    delays = [limiter.acquire_delay(now) for _ in range(4)]
    assert delays[0] == 0
    assert delays[1:] == pytest.approx([1 / rate, 2 / rate, 3 / rate])


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
    assert ClientOptions().rate_limit is None
    assert ClientOptions(rate_limit="adaptive").rate_limit == "adaptive"
    with pytest.raises(InvalidArgument, match="rate_limit"):
        ClientOptions(rate_limit="fast")
