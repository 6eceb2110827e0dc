"""Type checks for JSON input (a bool is not a number here, nor is NaN, nor an integer too large for a float)."""

from __future__ import annotations

import math
from typing import Any, TypeGuard


def is_int(value: Any) -> bool:
    """True for a JSON integer."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> TypeGuard[int | float]:
    """True for a finite JSON number that converts to a float (``10**400`` does not: it would overflow)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
