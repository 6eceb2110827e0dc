"""Geobox credentials: which of the three modes a client uses, and the ``httpx.Auth`` that applies it.

Modes, in the SDK's order of precedence (reference section 2): an access token (``Authorization: Bearer``), an
API key (the ``apikey`` query parameter, the only form Geobox accepts), or a username and password exchanged for
an access token at ``POST /v1/auth/token/``.

Where the SDK differs, on purpose:

- **Arguments choose the mode.** The SDK merges each argument with its environment variable first and then picks
  the mode, so ``GEOBOX_ACCESS_TOKEN`` in the environment silently overrides ``apikey=`` (defect 7). Here an
  explicit credential argument decides the mode; the environment (``GEOBOX_ACCESS_TOKEN``, ``GEOBOX_APIKEY``,
  ``GEOBOX_USERNAME``, ``GEOBOX_PASSWORD``, same precedence) is read only when no credential argument is given,
  except that a username or password argument may take its other half from the environment.
- No ``.env`` file is loaded and no logging is configured at import.
- Every credential is checked when the client is built (``taskfacade._secrets.check_secret``): whitespace at the
  ends is trimmed, control characters are refused, naming the argument or environment variable.
- Credentials never appear in ``repr``, logs or error messages; the API key is added to each request's URL by
  this auth object and every URL the facade logs or puts in an error has its query string removed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Generator, Mapping

import attrs
import httpx

from taskfacade._errors import InvalidArgument
from taskfacade._secrets import check_secret

__all__ = ["ENV_VARS", "Credentials", "GeoboxAuth", "resolve_credentials"]

#: The environment variables the SDK reads, by credential.
ENV_VARS = {
    "access_token": "GEOBOX_ACCESS_TOKEN",
    "apikey": "GEOBOX_APIKEY",
    "username": "GEOBOX_USERNAME",
    "password": "GEOBOX_PASSWORD",
}


@attrs.frozen(repr=False)
class Credentials:
    """The chosen mode and its secrets (never shown by ``repr``).

    Attributes:
        mode: ``"access_token"``, ``"apikey"`` or ``"password"``.
        source: ``"arguments"`` or ``"environment"``.
    """

    mode: str
    source: str
    access_token: str | None = None
    apikey: str | None = None
    username: str | None = None
    password: str | None = None

    def __repr__(self) -> str:
        return f"Credentials(mode={self.mode!r}, source={self.source!r})"


def _token(parameter: str, value: object) -> str:
    token = check_secret(value, parameter)
    if " " in token:
        raise InvalidArgument(parameter, "<hidden>", "an ASCII token without spaces or control characters")
    return token


def _password_pair(values: Mapping[str, object], names: Mapping[str, str], source: str) -> Credentials:
    for half in ("username", "password"):
        if values.get(half) is None:
            other = "password" if half == "username" else "username"
            accepted = f"a {half} with {other}= ({half}= or the environment variable {ENV_VARS[half]})"
            raise InvalidArgument(half, None, accepted)
    return Credentials(
        "password",
        source,
        username=check_secret(values["username"], names["username"], header=False),
        password=check_secret(values["password"], names["password"], header=False),
    )


def _from(values: Mapping[str, object], source: str, names: Mapping[str, str]) -> Credentials | None:
    """The mode ``values`` select (SDK precedence), or None when they hold no credential at all."""
    if values.get("access_token") is not None:
        return Credentials("access_token", source, access_token=_token(names["access_token"], values["access_token"]))
    if values.get("apikey") is not None:
        return Credentials("apikey", source, apikey=check_secret(values["apikey"], names["apikey"]))
    if values.get("username") is None and values.get("password") is None:
        return None
    return _password_pair(values, names, source)


def resolve_credentials(
    *,
    username: object,
    password: object,
    access_token: object,
    apikey: object,
    environ: Mapping[str, str] | None = None,
) -> Credentials:
    """Pick the credentials as the module docstring says; raise ``InvalidArgument`` when there are none.

    Empty environment variables count as unset. Errors name the argument or the environment variable at fault.
    """
    env = os.environ if environ is None else environ
    from_env: dict[str, object] = {key: env.get(name) or None for key, name in ENV_VARS.items()}
    arguments: dict[str, object] = {"access_token": access_token, "apikey": apikey}
    names = {"access_token": "access_token", "apikey": "apikey", "username": "username", "password": "password"}
    if username is not None or password is not None:  # the other half of the pair may come from the environment
        for half, value in (("username", username), ("password", password)):
            arguments[half] = value if value is not None else from_env[half]
            names[half] = half if value is not None else ENV_VARS[half]
    chosen = _from(arguments, "arguments", names) or _from(from_env, "environment", ENV_VARS)
    if chosen is None:
        accepted = "access_token=, apikey= or username= and password= (or the environment variables "
        raise InvalidArgument("credentials", None, accepted + ", ".join(ENV_VARS.values()) + ")")
    return chosen


class GeoboxAuth(httpx.Auth):
    """Adds the current credential to every request: a bearer token when there is one, else the ``apikey``.

    The token is replaced after a (re-)login; reads and writes are guarded by a lock.
    """

    def __init__(self, credentials: Credentials) -> None:
        self._lock = threading.Lock()
        self._token = credentials.access_token
        self._apikey = credentials.apikey

    @property
    def token(self) -> str | None:
        """The bearer token in use (None until a password login has happened)."""
        with self._lock:
            return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        with self._lock:
            self._token = value

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self.token
        if token is not None:
            request.headers["Authorization"] = f"Bearer {token}"
        elif self._apikey is not None:
            request.url = request.url.copy_merge_params({"apikey": self._apikey})
        yield request

    def __repr__(self) -> str:
        return "GeoboxAuth()"
