"""What the TileDB emulator accepts: an API token, HTTP Basic username and password, and its one workspace."""

from __future__ import annotations

import attrs


@attrs.define
class TileDBCredentials:
    """TileDB's credentials (``Credentials(tiledb_token=...)`` sets them flat). Secrets stay out of the repr."""

    token: str = attrs.field(default="emulator-token", repr=False)
    username: str = "emulator"
    password: str = attrs.field(default="emulator", repr=False)
    workspace: str = "ws_emulator"
