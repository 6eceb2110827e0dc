"""Times the command line writes (Geobox's CQL time filter, the table columns) always have a four-digit year
(issue 9, item 9): ``strftime("%Y")`` writes the year 1 as ``1`` on glibc, and Geobox compares the filter with
its ISO 8601 timestamps as strings, so ``'1-01-01T23:59:00'`` sorts after ``'2024-...'`` and selects nothing."""

from __future__ import annotations

import datetime

import pytest
from taskfacade_cli._exit import UsageError
from taskfacade_cli._tasks_geobox import _cql
from taskfacade_cli._times import Window, format_time, parse_datetime, window

UTC = datetime.UTC


@pytest.mark.parametrize("year", [1, 9, 99, 999, 1000, 2024, 9999])
def test_geobox_time_filter_writes_four_digit_years(year: int) -> None:
    start = datetime.datetime(year, 1, 1, 23, 59, tzinfo=UTC)
    end = datetime.datetime(year, 12, 31, 0, 0, 5, tzinfo=UTC)
    q = _cql(Window(start, end), None)
    assert q == f"created_at >= '{year:04d}-01-01T23:59:00' AND created_at <= '{year:04d}-12-31T00:00:05'"


def test_the_start_option_keeps_a_window_inside_1970_to_9999() -> None:
    """The command line refuses years before 1970 (``--start 0001-01-01``): the formatting above is the last line
    of defence for what the facade is handed directly."""
    with pytest.raises(UsageError, match="from 1970-01-01 to 9999-12-31"):
        parse_datetime("0001-01-01T23:59:00Z", "--start")
    q = _cql(window(None, parse_datetime("1970-01-01T00:00:00Z", "--start"), None), "x")
    assert q.startswith("created_at >= '1970-01-01T00:00:00' AND name ILIKE")


def test_times_shown_in_tables_have_four_digit_years() -> None:
    assert format_time(datetime.datetime(42, 3, 4, 5, 6, 7, tzinfo=UTC)) == "0042-03-04 05:06:07"
    assert format_time(
        datetime.datetime(2024, 5, 1, 14, 30, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    ) == ("2024-05-01 12:30:05")
    assert format_time(None) == "-"
