"""What the Deadline emulator accepts: AWS access key ids and their secret keys (SigV4)."""

from __future__ import annotations

import attrs


@attrs.define
class DeadlineCredentials:
    """Deadline's credentials (``Credentials(deadline_keys=...)`` sets them flat). Secrets stay out of the repr.

    Attributes:
        keys: access key id -> secret access key.
    """

    keys: dict[str, str] = attrs.field(factory=lambda: {"AKIDEMULATOR": "emulator-secret"}, repr=False)
