"""``RetryMode``: the vendor's names for the three retry modes, accepted wherever a retry mode is.

tiledb-client and tiledb-cloud spell retry modes as ``RetryMode.DEFAULT``, ``RetryMode.FORCEFUL`` and
``RetryMode.DISABLED`` (or their strings) and convert with ``RetryMode.maybe_from``. Here each member stands for
the core policy of the same name (docs/retry-modes.md): bounded, logged retries rather than the vendor's 100.
"""

from __future__ import annotations

import enum

from .._errors import InvalidArgument
from .._retry import RETRY_MODES, RetryPolicy, retry_policy

__all__ = ["RetryLike", "RetryMode", "RetryOrStr", "tiledb_retry_policy"]

_ACCEPTS = "a RetryMode, one of 'default', 'forceful', 'disabled', or a RetryPolicy"


class RetryMode(enum.Enum):
    """How requests are retried: the vendor's enum, mapped to the core policies of the same names."""

    DEFAULT = "default"
    FORCEFUL = "forceful"
    DISABLED = "disabled"

    @staticmethod
    def maybe_from(v: RetryOrStr) -> RetryMode:
        """``v`` as a ``RetryMode``: a member stays itself, a string is looked up by value (any case).

        Raises:
            taskfacade.InvalidArgument: (a ``ValueError``, as the vendor raises) for anything else.
        """
        if isinstance(v, RetryMode):
            return v
        if isinstance(v, str):
            for member in RetryMode:
                if member.value == v.lower():
                    return member
        raise InvalidArgument("mode", v, "a RetryMode or one of 'default', 'forceful', 'disabled'")

    @property
    def policy(self) -> RetryPolicy:
        """The core retry policy this mode stands for."""
        return RETRY_MODES[self.value]


RetryOrStr = RetryMode | str
RetryLike = RetryMode | RetryPolicy | str


def tiledb_retry_policy(mode: object, parameter: str) -> RetryPolicy:
    """A ``RetryMode``, a mode name or a ``RetryPolicy`` as a policy (the core ``retry_policy``, which also knows
    the names); ``InvalidArgument`` naming ``parameter``."""
    return retry_policy(mode.value if isinstance(mode, RetryMode) else mode, parameter, accepted=_ACCEPTS)
