"""botocore's retry settings (``AWS_RETRY_MODE``, ``AWS_MAX_ATTEMPTS``, the profile's ``retry_mode`` and
``max_attempts``) mapped onto taskfacade retry policies.

botocore's three modes and what each becomes (``max_attempts`` counts attempts in total, the first included, as
botocore's ``AWS_MAX_ATTEMPTS`` does):

============  ====================  ==========================  =====================================
botocore      default attempts      retried statuses            backoff (full jitter)
============  ====================  ==========================  =====================================
``legacy``    5                     429, 500, 502, 503, 504     ``uniform(0, min(20, 2 ** (n - 1)))``
``standard``  3                     429, 500, 502, 503, 504     same
``adaptive``  3                     429, 500, 502, 503, 504     same (no client-side rate limiter)
============  ====================  ==========================  =====================================

Network errors are retried in every mode; taskfacade's replay-safety rule still applies (an UpdateTask without a
client token is not replayed after it may have reached the server), and so do its 120 s call budget and its
60 s ``Retry-After`` ceiling. botocore's retry quota (a token bucket across calls) and adaptive mode's rate
limiter are not reproduced. When a mode is configured without ``max_attempts``, the mode's default applies;
``max_attempts`` alone uses botocore's default mode, ``standard`` (botocore 1.44 and later; earlier versions
defaulted to ``legacy`` unless ``AWS_NEW_RETRIES_2026=true``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .._errors import InvalidArgument
from .._retry import DEFAULT, RETRY_MODES, RetryPolicy

__all__ = ["BOTOCORE_MODES", "RETRY_MODE_NAMES", "botocore_policy", "configured_retry"]

#: botocore's retry modes and their default total attempts.
BOTOCORE_MODES: Mapping[str, int] = {"legacy": 5, "standard": 3, "adaptive": 3}
_STATUSES = frozenset({429, 500, 502, 503, 504})


def botocore_policy(mode: str, max_attempts: int | None = None) -> RetryPolicy:
    """The taskfacade policy for botocore's ``mode`` (``legacy``, ``standard``, ``adaptive``)."""
    attempts = BOTOCORE_MODES[mode] if max_attempts is None else max_attempts
    return RetryPolicy(
        f"botocore-{mode}",
        max_attempts=attempts,
        budget=DEFAULT.budget,
        retry_statuses=_STATUSES,
        backoff_base=1.0,
        backoff_cap=20.0,
    )


#: Every ``retry_mode`` name ``deadline.client()`` accepts: taskfacade's three, then botocore's three.
RETRY_MODE_NAMES: Mapping[str, RetryPolicy] = MappingProxyType(
    {**RETRY_MODES, **{mode: botocore_policy(mode) for mode in BOTOCORE_MODES}}
)

#: More attempts than any retry budget can use; a larger value is a typo, refused under its own name.
_MAX_ATTEMPTS = 100


def _attempts(text: str, parameter: str, source: str | None) -> int:
    value = text.strip()
    accepted = "a whole number of attempts from 1 to 100 (the first one included)"
    if not (value.isascii() and value.isdecimal()) or not 1 <= int(value) <= _MAX_ATTEMPTS:
        raise InvalidArgument(parameter, text, accepted, source=source)
    return int(value)


def configured_retry(environ: Mapping[str, str], profile: Mapping[str, str], where: str) -> RetryPolicy | None:
    """The policy the environment or the profile configures, as botocore reads them (environment first), or None.

    Args:
        environ: the environment.
        profile: the profile's settings (config file merged with the credentials file).
        where: the profile's file and name, for errors (``~/.aws/config [dev]``).

    Raises:
        InvalidArgument: an unknown mode or a bad number of attempts, naming the variable or the file.
    """
    mode: str | None = None
    if environ.get("AWS_RETRY_MODE"):
        mode, mode_param, mode_source = environ["AWS_RETRY_MODE"], "AWS_RETRY_MODE", None
    elif profile.get("retry_mode"):
        mode, mode_param, mode_source = profile["retry_mode"], "retry_mode", where
    attempts: int | None = None
    if environ.get("AWS_MAX_ATTEMPTS"):
        attempts = _attempts(environ["AWS_MAX_ATTEMPTS"], "AWS_MAX_ATTEMPTS", None)
    elif profile.get("max_attempts"):
        attempts = _attempts(profile["max_attempts"], "max_attempts", where)
    if mode is None and attempts is None:
        return None
    if mode is None:
        mode = "standard"
    elif mode not in BOTOCORE_MODES:
        raise InvalidArgument(mode_param, mode, f"one of {', '.join(map(repr, BOTOCORE_MODES))}", source=mode_source)
    return botocore_policy(mode, attempts)
