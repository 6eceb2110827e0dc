"""The shared checker (``taskfacade._check``): the boundaries every duration, count and URL string shares."""

from __future__ import annotations

import math

import pytest
import taskfacade
from taskfacade._check import (
    INT32_MAX,
    MAX_SECONDS,
    MAX_URL_TEXT,
    check_finite,
    check_int,
    check_optional_seconds,
    check_seconds,
    check_url_text,
)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 10**400, True, "1", None, MAX_SECONDS * 2, 0, -0.0])
def test_check_seconds_refuses(value: object) -> None:
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        check_seconds("interval", value)
    assert caught.value.parameter == "interval"
    assert "finite" in str(caught.value)


@pytest.mark.parametrize(("value", "expected"), [(1, 1.0), (0.25, 0.25), (MAX_SECONDS, MAX_SECONDS)])
def test_check_seconds_accepts(value: float, expected: float) -> None:
    assert check_seconds("interval", value) == expected


def test_zero_is_a_valid_wait_and_none_no_limit() -> None:
    assert check_optional_seconds("timeout", 0, exclusive=False) == 0.0
    assert check_optional_seconds("timeout", None) is None
    with pytest.raises(taskfacade.InvalidArgument, match="None or seconds"):
        check_optional_seconds("timeout", math.nan)


@pytest.mark.parametrize("value", [math.nan, 1.0, True, -1, INT32_MAX + 1, 2**64, "3", [3]])
def test_check_int_refuses(value: object) -> None:
    with pytest.raises(taskfacade.InvalidArgument, match="integer"):
        check_int("limit", value, 0)


def test_check_int_bounds_are_inclusive() -> None:
    assert check_int("limit", 0, 0) == 0
    assert check_int("limit", INT32_MAX, 0) == INT32_MAX
    assert check_int("maxResults", 100, 1, 100) == 100


@pytest.mark.parametrize("value", [math.nan, math.inf, 10**400, True, None])
def test_check_finite_refuses(value: object) -> None:
    with pytest.raises(taskfacade.InvalidArgument, match="finite"):
        check_finite("seconds", value)


def test_check_finite_accepts_negative_readings() -> None:
    assert check_finite("seconds", -3) == -3.0


@pytest.mark.parametrize(
    "value", ["a\nb", "\x00", "\ud800", "x" * (MAX_URL_TEXT + 1), "\U0001f600" * (MAX_URL_TEXT // 12 + 1), 5, None]
)
def test_check_url_text_refuses(value: object) -> None:
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        check_url_text("q", value)
    assert len(str(caught.value)) < 400  # named, not echoed whole


def test_check_url_text_accepts_up_to_the_limit() -> None:
    assert check_url_text("q", "x" * MAX_URL_TEXT) == "x" * MAX_URL_TEXT
    assert check_url_text("q", "name ILIKE '%é%'") == "name ILIKE '%é%'"
