"""What the TensorBay emulator accepts: one access key."""

from __future__ import annotations

import attrs


@attrs.define
class TensorBayCredentials:
    """TensorBay's credentials (``Credentials(tensorbay_access_key=...)`` sets them flat). The key stays out of
    the repr."""

    access_key: str = attrs.field(default="ACCESSKEY-emulator", repr=False)
