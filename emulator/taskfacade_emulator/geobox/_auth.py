"""Geobox authentication: ``Authorization: Bearer <token>``, the ``apikey`` query parameter, and token login.

A bearer token is the configured access token or one issued by ``POST /v1/auth/token/`` (stored hashed, so it
survives a restart and the database never holds it in clear). The API key is read from the query string only,
and only when no bearer token is sent, as the SDK does. Every accepted credential acts as the emulator user,
user id ``EMULATOR_USER_ID``, which has the privileges ``user_id`` needs.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import parse_qs

from starlette.requests import Request

from ._credentials import GeoboxCredentials
from ._errors import ApiError, FieldError
from ._tasks import TaskStore

EMULATOR_USER_ID = 1
TOKEN_PREFIX = "gbx_"


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))


class Authenticator:
    """Checks a request's credentials and issues access tokens."""

    def __init__(self, credentials: GeoboxCredentials, tasks: TaskStore) -> None:
        self._credentials = credentials
        self._tasks = tasks

    def caller(self, request: Request) -> int:
        """The caller's user id; raises the 401 Geobox sends for missing or invalid credentials."""
        header = request.headers.get("authorization")
        if header is not None:
            scheme, _, token = header.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                if self._valid_token(token.strip()):
                    return EMULATOR_USER_ID
                raise ApiError(401, "Could not validate credentials")
        apikey = request.query_params.get("apikey")
        if apikey:
            if _same(apikey, self._credentials.apikey):
                return EMULATOR_USER_ID
            raise ApiError(401, "Invalid API key")
        raise ApiError(401, "Not authenticated")

    def _valid_token(self, token: str) -> bool:
        if _same(token, self._credentials.token):
            return True
        return token.startswith(TOKEN_PREFIX) and self._tasks.has_token(_sha256(token))

    def login(self, content_type: str, body: bytes, now: float) -> str:
        """Check an OAuth2 password form (``username``, ``password``) and issue a new access token."""
        form: dict[str, list[str]] = {}
        if content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        missing = [name for name in ("username", "password") if not form.get(name)]
        if missing:
            errors = [FieldError(("body", name), f"{name} is required (a form field)", "missing") for name in missing]
            raise ApiError(422, errors)
        username, password = form["username"][-1], form["password"][-1]
        credentials = self._credentials
        if not (_same(username, credentials.username) & _same(password, credentials.password)):
            raise ApiError(401, "Incorrect username or password")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self._tasks.add_token(_sha256(token), username, now)
        return token
