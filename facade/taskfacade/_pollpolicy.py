"""``PollPolicy``: how often a wait polls, apart from how a request is retried (``RetryPolicy``).

A wait polls after ``initial`` seconds when something changed, then stretches the gap by ``multiplier`` each quiet
poll up to ``maximum`` (so a completion is noticed within ``maximum``); ``jitter`` shortens each gap by a random
share of up to that fraction, so many waiting processes do not poll in step; ``timeout`` is the one overall
deadline (None: no limit). A server's ``Retry-After`` on a throttled poll (a 429 that outlived the request's own
retries) sets the next gap when it is longer.

Give one per call (``wait(policy=...)``, ``wait_all(policy=...)``, ``as_completed(policy=...)``, the aio twins);
its fields replace that call's ``interval``, ``min_interval`` and ``timeout``.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._check import MAX_SECONDS, check_optional_seconds, check_seconds
from ._errors import InvalidArgument

__all__ = ["PollPolicy", "check_policy"]


def _seconds(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    check_seconds(attribute.name, value)


def _optional_seconds(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    check_optional_seconds(attribute.name, value, exclusive=False)


def _multiplier(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    check_seconds("multiplier", value, minimum=1.0, exclusive=False, maximum=MAX_SECONDS)


def _fraction(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0.0 <= value < 1.0:
        raise InvalidArgument("jitter", value, "a fraction >= 0 and < 1")


@attrs.frozen
class PollPolicy:
    """How a wait polls (see the module docstring). Immutable; ``attrs.evolve(policy, maximum=10)`` derives one.

    Attributes:
        initial: seconds to the next poll right after something changed (and before the second poll).
        multiplier: how much each quiet poll stretches the gap (>= 1; 1 polls every ``initial``).
        maximum: the longest gap between polls; a completion is noticed within it.
        jitter: each gap is shortened by a random share of up to this fraction (0 <= jitter < 1).
        timeout: one overall deadline in seconds for the whole wait (None: no limit).
    """

    initial: float = attrs.field(default=0.5, validator=_seconds)
    multiplier: float = attrs.field(default=1.5, validator=_multiplier)
    maximum: float = attrs.field(default=2.0, validator=_seconds)
    jitter: float = attrs.field(default=0.0, validator=_fraction)
    timeout: float | None = attrs.field(default=None, validator=_optional_seconds)

    def __attrs_post_init__(self) -> None:
        if self.initial > self.maximum:
            raise InvalidArgument("initial", self.initial, f"seconds <= maximum ({self.maximum:g})")


def check_policy(policy: object) -> PollPolicy | None:
    """None or a ``PollPolicy``, else ``InvalidArgument`` (before any request)."""
    if policy is None or isinstance(policy, PollPolicy):
        return policy
    raise InvalidArgument("policy", policy, "None or a taskfacade.PollPolicy")
