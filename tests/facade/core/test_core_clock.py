"""The manual clock tests (and users' own test suites) drive time with: it stays finite and in range."""

from __future__ import annotations

import math

import pytest
from taskfacade import InvalidArgument, ManualClock


@pytest.mark.parametrize("step", [math.nan, math.inf, -math.inf])
def test_non_finite_steps_are_refused(step: float) -> None:
    clock = ManualClock()
    for move in (clock.sleep, clock.advance):
        with pytest.raises(InvalidArgument) as caught:
            move(step)
        assert caught.value.parameter == "seconds"
    assert clock.monotonic() == 1000.0
    assert clock.sleeps == []


def test_steps_that_would_overflow_the_clock_are_refused_and_change_nothing() -> None:
    # Two finite steps of 1e308 would make the clock infinite, and every deadline computed from it NaN (anyio
    # refuses a NaN deadline with a raw ValueError): the step that leaves the range is refused instead.
    clock = ManualClock()
    clock.advance(2.0**52)
    with pytest.raises(InvalidArgument, match="within") as caught:
        clock.sleep(1e308)
    assert caught.value.parameter == "seconds"
    with pytest.raises(InvalidArgument):
        clock.advance(-1e308)
    assert clock.monotonic() == 1000.0 + 2.0**52
    assert clock.sleeps == []  # a refused sleep is not recorded
    clock.sleep(5)
    assert clock.sleeps == [5]
