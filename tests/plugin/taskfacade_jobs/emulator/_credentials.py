"""What the jobs emulator accepts: one bearer token."""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_TOKEN", "JobsCredentials"]

#: The bearer token the service accepts unless told otherwise (the emulator's usual default).
DEFAULT_TOKEN = "emulator-token"


@attrs.define
class JobsCredentials:
    """What the service accepts: one bearer token (``Credentials(jobs_token=...)`` sets it; hidden from reprs)."""

    token: str = attrs.field(default=DEFAULT_TOKEN, repr=False)
