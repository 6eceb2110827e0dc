"""Type checks for JSON input (a bool is not a number here, nor is NaN)."""

from __future__ import annotations

import math
from typing import Any


def is_int(value: Any) -> bool:
    """True for a JSON integer."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    """True for a finite JSON number."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
