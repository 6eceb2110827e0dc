"""The retry decision as a pure function: mode x failure x replay-safety x Retry-After -> delay or give up."""

from __future__ import annotations

import email.utils
import random

import attrs
import pytest
from taskfacade import RETRY_MODES, InvalidArgument, RetryPolicy, retry_policy
from taskfacade._retry import DEFAULT, DISABLED, FORCEFUL, FailureKind, RetryDecision, parse_retry_after, plan_retry


class CeilingRng(random.Random):
    """Jitter that always picks the top of the range, so backoff ceilings are observable."""

    def uniform(self, a: float, b: float) -> float:
        return b


S, C, N, F = FailureKind.STATUS, FailureKind.CONNECT, FailureKind.NETWORK, FailureKind.FATAL

# (mode, kind, status, replay_safe, retry_after, retried?)
TABLE = [
    # default: 429/502/503/504 and network errors, replay-safe only; connect errors always
    ("default", S, 429, True, None, True),
    ("default", S, 502, True, None, True),
    ("default", S, 503, True, None, True),
    ("default", S, 504, True, None, True),
    ("default", S, 500, True, None, False),
    ("default", S, 501, True, None, False),
    ("default", S, 520, True, None, False),
    ("default", S, 499, True, None, False),
    ("default", S, 400, True, None, False),
    ("default", S, 401, True, None, False),
    ("default", S, 404, True, None, False),
    ("default", S, 409, True, None, False),
    ("default", S, 503, False, None, False),
    ("default", S, 429, False, 1.0, False),
    ("default", N, None, True, None, True),
    ("default", N, None, False, None, False),
    ("default", C, None, False, None, True),
    ("default", C, None, True, None, True),
    ("default", F, None, True, None, False),
    # forceful: also 500 and 501
    ("forceful", S, 500, True, None, True),
    ("forceful", S, 501, True, None, True),
    ("forceful", S, 503, True, None, True),
    ("forceful", S, 503, False, None, False),
    ("forceful", S, 520, True, None, False),
    ("forceful", N, None, False, None, False),
    ("forceful", C, None, False, None, True),
    # disabled: nothing
    ("disabled", S, 503, True, None, False),
    ("disabled", S, 429, True, 1.0, False),
    ("disabled", N, None, True, None, False),
    ("disabled", C, None, True, None, False),
]


@pytest.mark.parametrize(("mode", "kind", "status", "safe", "retry_after", "retried"), TABLE)
def test_retry_table(
    mode: str, kind: FailureKind, status: int | None, safe: bool, retry_after: float | None, retried: bool
) -> None:
    decision = plan_retry(
        RETRY_MODES[mode],
        attempt=1,
        kind=kind,
        status=status,
        retry_after=retry_after,
        replay_safe=safe,
        time_left=100.0,
        rng=CeilingRng(),
    )
    assert (decision.delay is not None) is retried, decision.reason


@pytest.mark.parametrize(("policy", "attempts"), [(DEFAULT, 5), (FORCEFUL, 10), (DISABLED, 1)])
def test_attempt_limits_and_backoff_ceilings(policy: RetryPolicy, attempts: int) -> None:
    delays = []
    attempt = 1
    while True:
        d = plan_retry(policy, attempt=attempt, kind=C, replay_safe=True, time_left=1e9, rng=CeilingRng())
        if d.delay is None:
            break
        delays.append(d.delay)
        attempt += 1
    assert attempt == attempts
    # exponential from 0.5 s, doubling, capped at 8 s
    assert delays == [min(8.0, 0.5 * 2**i) for i in range(attempts - 1)]


def test_full_jitter_stays_within_ceiling() -> None:
    rng = random.Random(7)
    for attempt in range(1, 10):
        ceiling = min(8.0, 0.5 * 2 ** (attempt - 1))
        samples = [FORCEFUL.backoff(attempt, rng) for _ in range(200)]
        assert all(0.0 <= s <= ceiling for s in samples)
        assert max(samples) > ceiling * 0.8  # actually spread over the range, not a constant


def test_retry_after_is_used_as_the_delay_up_to_the_cap() -> None:
    def plan(retry_after: float) -> RetryDecision:
        return plan_retry(
            DEFAULT,
            attempt=1,
            kind=S,
            status=429,
            retry_after=retry_after,
            replay_safe=True,
            time_left=100.0,
            rng=CeilingRng(),
        )

    assert plan(3.0).delay == 3.0
    assert plan(60.0).delay == 60.0
    assert plan(0.0).delay == 0.0
    above = plan(61.0)
    assert above.delay is None
    assert "61" in above.reason


def test_delay_must_fit_the_time_left() -> None:
    decision = plan_retry(
        DEFAULT, attempt=1, kind=S, status=503, retry_after=5.0, replay_safe=True, time_left=4.0, rng=CeilingRng()
    )
    assert decision.delay is None
    assert "left" in decision.reason
    fits = plan_retry(
        DEFAULT, attempt=1, kind=S, status=503, retry_after=3.0, replay_safe=True, time_left=4.0, rng=CeilingRng()
    )
    assert fits.delay == 3.0


def test_parse_retry_after_seconds_and_dates() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("5", now) == 5.0
    assert parse_retry_after(" 2.5 ", now) == 2.5
    assert parse_retry_after("-3", now) == 0.0
    assert parse_retry_after(email.utils.formatdate(now + 30, usegmt=True), now) == pytest.approx(30.0)
    assert parse_retry_after(email.utils.formatdate(now - 30, usegmt=True), now) == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 -0000", 1445412480.0 - 10) == pytest.approx(10.0)
    for junk in (None, "", "soon", "nan", "inf", "Wed, 99 Foo"):
        assert parse_retry_after(junk, now) is None


def test_modes_resolve_by_name_and_refuse_anything_else() -> None:
    assert retry_policy("default") is DEFAULT
    assert retry_policy("FORCEFUL") is FORCEFUL
    custom = attrs.evolve(DEFAULT, name="mine", max_attempts=2)
    assert retry_policy(custom) is custom
    with pytest.raises(InvalidArgument, match=r"retry_mode.*'sometimes'.*default.*forceful.*disabled"):
        retry_policy("sometimes")
    with pytest.raises(InvalidArgument):
        retry_policy(3)  # type: ignore[arg-type]


def test_policies_are_frozen_and_validated() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT.max_attempts = 50  # type: ignore[misc]
    with pytest.raises(InvalidArgument, match="max_attempts"):
        RetryPolicy("x", max_attempts=0, budget=1.0, retry_statuses=frozenset())
    with pytest.raises(InvalidArgument, match="budget"):
        RetryPolicy("x", max_attempts=1, budget=0.0, retry_statuses=frozenset())
    assert DEFAULT.retry_statuses == {429, 502, 503, 504}
    assert FORCEFUL.retry_statuses == {429, 500, 501, 502, 503, 504}
    assert (DEFAULT.budget, FORCEFUL.budget) == (120.0, 600.0)
    assert (DEFAULT.max_retry_after, DEFAULT.backoff_base, DEFAULT.backoff_cap) == (60.0, 0.5, 8.0)
