"""as_utc: every service's timestamp form becomes an aware UTC datetime; garbage is a decode error."""

from __future__ import annotations

import datetime

import pytest
from taskfacade import ResponseDecodeError
from taskfacade._dates import as_utc

UTC = datetime.UTC
NOON = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        NOON,
        datetime.datetime(2024, 5, 1, 12, 0),  # naive: meant as UTC
        datetime.datetime(2024, 5, 1, 14, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
        "2024-05-01T12:00:00Z",
        "2024-05-01T12:00:00.000000z",
        "2024-05-01T12:00:00+00:00",
        "2024-05-01T07:00:00-05:00",
        "2024-05-01T12:00:00",  # Geobox: naive ISO string
        " 2024-05-01 12:00:00 ",
        NOON.timestamp(),  # TensorBay: epoch seconds
        int(NOON.timestamp()),
        int(NOON.timestamp() * 1000),  # epoch milliseconds
    ],
)
def test_forms(value: object) -> None:
    result = as_utc(value)
    assert result == NOON
    assert result is not None
    assert result.tzinfo is UTC


def test_none_stays_none() -> None:
    assert as_utc(None) is None


@pytest.mark.parametrize("value", ["yesterday", "", "2024-13-01T00:00:00", True, [1], float("nan"), 1e300])
def test_garbage(value: object) -> None:
    with pytest.raises(ResponseDecodeError, match="timestamp"):
        as_utc(value)
