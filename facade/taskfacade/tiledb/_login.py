"""Seed 001's ``login``, ``Config`` and ``Ctx``.

``login`` checks the credentials with the server, stores them in the profile file (atomically, mode 0600) and
makes a client built from them the default. With a username and password it trades them for a session token
(``GET /v1/session``) and stores only the token; the password itself is stored only with ``no_session=True``.
``Config`` returns a native ``tiledb.Config`` of TileDB's ``rest.*`` settings when the ``tiledb`` package is
installed, as the vendor's does, and a plain read-only mapping of them otherwise; ``Ctx`` builds a native
``tiledb.Ctx`` and needs the ``tiledb`` package.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from .._errors import InvalidArgument, ResponseDecodeError
from .._secrets import Redactor, check_secret
from .._steps import Call, Steps, run
from .._transport import Transport
from . import _validate as v
from ._auth import TileDBAuth
from ._cloud_client import Client, _check_credentials, resolve_client, set_default_client
from ._config import ProfileLocation, Settings, check_location_arguments, resolve_settings, write_profile
from ._errors import ConfigurationError
from ._generated import Token, User, get_session, get_user

__all__ = [
    "Config",
    "Ctx",
    "LoginPlan",
    "TileDBConfig",
    "check_login",
    "login",
    "login_settings",
    "profile_entry",
    "session_token_steps",
    "session_transport_arguments",
    "tls_of",
    "user_check_steps",
]

_SECRET_KEYS = frozenset({"rest.token", "rest.password"})


def session_token_steps() -> Steps[str]:
    """Trade the transport's username and password for a 30-day session token (``GET /v1/session?remember_me=True``)
    (steps, for both twins)."""
    token = yield Call(get_session, kwargs={"remember_me": "True"}, expect=Token)
    if not isinstance(token.token, str) or not token.token or not (token.token.isascii() and token.token.isprintable()):
        raise ResponseDecodeError("the session response holds no usable token", service="tiledb")
    return token.token


def session_transport_arguments(host: str, username: str, password: str, verify: bool | str) -> dict[str, Any]:
    """The arguments of the one-off transport ``session_token_steps`` runs on (Basic auth, the pair redacted)."""
    return {
        "service": "tiledb",
        "base_url": host,
        "auth": TileDBAuth(username=username, password=password),
        "verify": verify,
        "redactor": Redactor(pairs=[(username, password)]),
    }


def user_check_steps() -> Steps[User]:
    """``GET /v1/user`` with the new credentials: refused ones raise here, before anything is stored."""
    user: User = yield Call(get_user, expect=User)
    return user


def _session_token(host: str, username: str, password: str, verify: bool | str) -> str:
    """Trade a username and password for a 30-day session token (``GET /v1/session?remember_me=True``)."""
    with Transport(**session_transport_arguments(host, username, password, verify)) as transport:
        return run(session_token_steps(), transport)


@attrs.frozen
class LoginPlan:
    """``login``'s arguments, checked (no I/O yet)."""

    token: str | None
    username: str | None
    password: str | None
    host: str | None
    workspace: str | None
    verify_ssl: bool | None
    ca_file: str | None
    no_session: bool
    threads: int | None
    profile: str | None
    profile_dir: Any


def check_login(
    token: Any,
    username: Any,
    password: Any,
    host: Any,
    verify_ssl: Any,
    no_session: Any,
    threads: Any,
    workspace: Any,
    ca_file: Any,
    profile: Any,
    profile_dir: Any,
) -> LoginPlan:
    """Every ``login`` argument checked, before any request or file access."""
    if token is None and username is None:
        raise InvalidArgument("token", None, "a token, or a username and password")
    _check_credentials(token, username, password)
    token = None if token is None else check_secret(token, "token")
    username = None if username is None else check_secret(username, "username", header=False)
    password = None if password is None else check_secret(password, "password", header=False)
    session = v.flag("no_session", no_session)
    v.optional_int("threads", threads)
    check_location_arguments(profile_dir, profile)
    return LoginPlan(
        token, username, password, v.optional_str("host", host), v.optional_str("workspace", workspace),
        v.optional_flag("verify_ssl", verify_ssl), v.optional_str("ca_file", ca_file), session, threads, profile,
        profile_dir,
    )  # fmt: skip


def login_settings(plan: LoginPlan) -> tuple[ProfileLocation, Settings]:
    """Where the profile goes and the settings besides the credentials (reads the environment and the profile file:
    the async ``login`` runs this in a worker thread)."""
    location = ProfileLocation.from_env(plan.profile_dir, plan.profile)
    base = resolve_settings(
        {"host": plan.host, "workspace": plan.workspace, "verify_ssl": plan.verify_ssl, "ca_file": plan.ca_file},
        location,
    )
    return location, base


def tls_of(base: Settings) -> bool | str:
    """The session request's TLS verification from the resolved settings."""
    return (base.ca_file or True) if base.verify_ssl else False


def login(
    token: str | None = None,
    username: str | None = None,
    password: str | None = None,
    host: str | None = None,
    verify_ssl: bool | None = None,
    no_session: bool = False,
    threads: int | None = None,
    *,
    workspace: str | None = None,
    ca_file: str | None = None,
    profile: str | None = None,
    profile_dir: str | os.PathLike[str] | None = None,
) -> Client:
    """Login to the cloud service: check the credentials, store them as a profile and use them by default.

    Args:
        token: an API token; or
        username, password: credentials, traded for a session token unless ``no_session``.
        host: the server (default: environment, profile file, then ``https://api.tiledb.com``).
        verify_ssl: check TLS certificates (default True).
        no_session: store the username and password themselves (in the 0600 profile file) instead of a token.
        threads: the new default client's ``pool_threads``.
        workspace: the workspace id (``ws_...``) to store with the profile, for the task functions.
        ca_file: a CA bundle to check certificates against.
        profile, profile_dir: which profile to write (default ``default`` in ``~/.tiledb/profiles.json``).

    Returns:
        The new default client.

    Raises:
        InvalidArgument: no credentials, or both kinds, before any request.
        Unauthorized: the server refused the credentials (nothing is stored then).
    """
    plan = check_login(
        token, username, password, host, verify_ssl, no_session, threads, workspace, ca_file, profile, profile_dir
    )
    location, base = login_settings(plan)
    target = base.host  # resolve_settings normalized and checked it
    token, username, password = plan.token, plan.username, plan.password
    if username is not None and password is not None and not plan.no_session:
        token, username, password = _session_token(target, username, password, tls_of(base)), None, None
    client = Client(
        threads, host=target, token=token, username=username, password=password, workspace=base.workspace,
        verify_ssl=base.verify_ssl, ca_file=base.ca_file, profile=location.name, profile_dir=location.directory,
    )  # fmt: skip
    try:
        run(user_check_steps(), client.transport)  # refused credentials raise here: nothing stored
        write_profile(location, profile_entry(client.settings))
    except BaseException:
        client.close()
        raise
    set_default_client(client)
    return client


def profile_entry(settings: Settings) -> dict[str, str]:
    """What ``login`` stores in the profile file for these settings."""
    entry = {"rest.server_address": settings.host}
    if settings.token:
        entry["rest.token"] = settings.token
    else:
        entry["rest.username"] = settings.username or ""
        entry["rest.password"] = settings.password or ""
    if settings.workspace:
        entry["rest.workspace"] = settings.workspace
    if not settings.verify_ssl:
        entry["rest.verify_ssl"] = "false"
    if settings.ca_file:
        entry["ssl.ca_file"] = settings.ca_file
    return entry


class TileDBConfig(Mapping[str, str]):
    """A read-only mapping of TileDB config keys to string values; its repr hides the token and password.

    ``dict(config)`` gives a plain dict, ``tiledb.Config(dict(config))`` a native config.
    """

    def __init__(self, values: Mapping[str, str]) -> None:
        if not isinstance(values, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in values.items()
        ):
            raise InvalidArgument("values", type(values).__name__, "a mapping of config keys to string values")
        self._values = dict(values)

    def __getitem__(self, key: str) -> str:
        if not isinstance(key, str):  # unhashable keys too: a KeyError, as for any missing key (``get`` -> default)
            raise KeyError(key)
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        shown = {k: ("***" if k in _SECRET_KEYS else value) for k, value in self._values.items()}
        return f"TileDBConfig({shown!r})"


def _config_values(cfg_dict: Any) -> dict[str, str]:
    if cfg_dict is None:
        return {}
    items = cfg_dict if isinstance(cfg_dict, Mapping) else None
    if items is None and callable(getattr(cfg_dict, "items", None)):
        items = dict(cfg_dict.items())
    if items is None:
        raise InvalidArgument("cfg_dict", type(cfg_dict).__name__, "None or a mapping of config keys to values")
    out = {}
    for key, value in items.items():
        if not isinstance(key, str) or not key or value is None:
            raise InvalidArgument("cfg_dict", key, "string keys with non-None values")
        out[key] = str(value).lower() if isinstance(value, bool) else str(value)
    return out


def _native_tiledb() -> Any:
    """The native ``tiledb`` package when it is installed (and has ``Config``), else None."""
    try:
        import tiledb
    except ImportError:
        return None
    return tiledb if callable(getattr(tiledb, "Config", None)) else None


def config_values(cfg_dict: Mapping[str, Any] | None = None, *, client: Client | None = None) -> dict[str, str]:
    """The settings ``Config`` holds, as a plain dict: the client's ``rest.*`` login settings, then ``cfg_dict``."""
    extra = _config_values(cfg_dict)
    settings = resolve_client(client).settings
    values = {"rest.server_address": settings.host, "rest.verify_ssl": "true" if settings.verify_ssl else "false"}
    if settings.token:
        values["rest.token"] = settings.token
    elif settings.username and settings.password:
        values["rest.username"], values["rest.password"] = settings.username, settings.password
    if settings.workspace:
        values["rest.workspace"] = settings.workspace
    if settings.ca_file:
        values["ssl.ca_file"] = settings.ca_file
    return {**values, **extra}


def Config(cfg_dict: Mapping[str, Any] | None = None, *, client: Client | None = None) -> Any:
    """TileDB config settings for the cloud service: the client's ``rest.*`` login settings, then ``cfg_dict``.

    Keys: ``rest.server_address``, ``rest.token`` (or ``rest.username`` and ``rest.password``),
    ``rest.workspace``, ``rest.verify_ssl`` and ``ssl.ca_file`` where set.

    Returns:
        a native ``tiledb.Config`` when the ``tiledb`` package is installed, as the vendor's does (so
        ``tiledb.Ctx(client.Config())`` works); otherwise a ``TileDBConfig``, a read-only mapping of the same
        settings, so the function works without the native library. Neither shows the token or password in its
        repr.
    """
    values = config_values(cfg_dict, client=client)
    native = _native_tiledb()
    if native is None:
        return TileDBConfig(values)
    try:
        return native.Config(values)
    except native.TileDBError as error:
        raise ConfigurationError(f"the native TileDB library refused the configuration: {error}") from error


def Ctx(config: Mapping[str, Any] | None = None, *, client: Client | None = None) -> Any:
    """A native ``tiledb.Ctx`` with the cloud settings of ``Config(config)``; needs the ``tiledb`` package."""
    values = config_values(config, client=client)
    native = _native_tiledb()
    if native is None:
        raise ImportError("Ctx() needs the native TileDB library: pip install tiledb")
    try:
        return native.Ctx(native.Config(values))
    except native.TileDBError as error:  # e.g. TILEDB_PROFILE_DIR names a folder without a profile file
        raise ConfigurationError(f"the native TileDB library refused the configuration: {error}") from error
