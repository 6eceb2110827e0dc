"""What the Geobox emulator accepts: an access token, an API key, and a username and password to log in with."""

from __future__ import annotations

import attrs


@attrs.define
class GeoboxCredentials:
    """Geobox's credentials (``Credentials(geobox_token=...)`` sets them flat). Secrets stay out of the repr."""

    token: str = attrs.field(default="emulator-token", repr=False)
    apikey: str = attrs.field(default="emulator-token", repr=False)
    username: str = "emulator"
    password: str = attrs.field(default="emulator", repr=False)
