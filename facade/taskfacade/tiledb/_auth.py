"""TileDB authentication for httpx: the API-key header and/or HTTP Basic, with a repr that shows neither."""

from __future__ import annotations

import base64
from collections.abc import Generator

import httpx

__all__ = ["API_KEY_HEADER", "TileDBAuth"]

API_KEY_HEADER = "X-TILEDB-REST-API-KEY"


class TileDBAuth(httpx.Auth):
    """Adds ``X-TILEDB-REST-API-KEY`` when a token is set and ``Authorization: Basic`` when a username and password
    are (both, as the vendor SDK does, when both are configured).

    Args:
        token: the API token (or a session token from ``GET /v1/session``).
        username, password: HTTP Basic credentials.
    """

    def __init__(self, token: str | None = None, username: str | None = None, password: str | None = None) -> None:
        self._token = token or None
        self._basic = None
        if username and password:
            pair = f"{username}:{password}".encode()
            self._basic = "Basic " + base64.b64encode(pair).decode("ascii")

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Set the headers on every attempt."""
        if self._token is not None:
            request.headers[API_KEY_HEADER] = self._token
        if self._basic is not None:
            request.headers["Authorization"] = self._basic
        yield request

    def __repr__(self) -> str:
        kinds = [k for k, on in (("api-key", self._token), ("basic", self._basic)) if on]
        return f"TileDBAuth({'+'.join(kinds) or 'none'})"
