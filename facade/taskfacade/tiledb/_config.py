"""Where a TileDB client's settings come from: arguments, then the environment, then the profile file.

Precedence, field by field: arguments > environment > profile file > defaults. Credentials are resolved as one
unit: the first of those sources that holds any credential (a token, or a username) supplies all of them, so an
old password in a profile is never mixed with a token from the environment.

Environment (as the vendor SDKs read it): ``TILEDB_REST_TOKEN``, ``TILEDB_REST_USERNAME``,
``TILEDB_REST_PASSWORD``, ``TILEDB_REST_HOST`` or ``TILEDB_REST_SERVER_ADDRESS``, ``TILEDB_REST_WORKSPACE``,
``TILEDB_REST_IGNORE_SSL_VALIDATION`` (``true``/``1``/``on``), ``TILEDB_SSL_CA_FILE``.

Profile file: ``profiles.json`` (tiledb-client 3.x format, ``{"<name>": {"rest.token": ...}, "version": 1}``) in
``$TILEDB_PROFILE_DIR`` or ``~/.tiledb``, profile ``$TILEDB_PROFILE_NAME`` or ``default``; when it has no such
profile, the older ``cloud.json`` of tiledb-cloud in the same folder is read instead. ``write_profile`` saves
atomically with mode 0600 and keeps the file's other profiles.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from .._errors import InvalidArgument
from .._secrets import check_secret
from .._urls import check_base_url
from ._errors import ConfigurationError

__all__ = [
    "DEFAULT_HOST",
    "ProfileLocation",
    "Settings",
    "check_location_arguments",
    "normalize_host",
    "resolve_settings",
    "write_profile",
]

DEFAULT_HOST = "https://api.tiledb.com"
PROFILE_FILE = "profiles.json"
LEGACY_FILE = "cloud.json"
_TRUE = frozenset({"true", "1", "on", "yes"})
_FALSE = frozenset({"false", "0", "off", "no"})
_MASK = "***"


def normalize_host(host: str, parameter: str = "host") -> str:
    """``host`` with ``https://`` prepended when it has no scheme, and without a trailing slash.

    The result is not yet checked as a base URL (``check_base_url`` does that, naming the setting's source).
    """
    if not isinstance(host, str) or not host.strip():
        raise InvalidArgument(parameter, host, "a host such as 'https://api.tiledb.com'")
    host = host.strip()
    if "://" not in host:
        host = "https://" + host
    return host.rstrip("/")


def check_location_arguments(directory: object, name: object) -> None:
    """The ``profile_dir`` and ``profile`` arguments checked, without reading the environment."""
    if name is not None and (not isinstance(name, str) or not name or name == "version"):
        raise InvalidArgument("profile", name, "a non-empty profile name other than 'version'")
    if directory is not None and not isinstance(directory, str | os.PathLike):
        raise InvalidArgument("profile_dir", directory, "None or a folder path (str or os.PathLike)")


@attrs.frozen
class ProfileLocation:
    """Which profile file and which profile in it.

    Attributes:
        directory: the folder holding ``profiles.json`` (and possibly the legacy ``cloud.json``).
        name: the profile's name inside ``profiles.json``.
    """

    directory: Path
    name: str = "default"

    @classmethod
    def from_env(cls, directory: str | os.PathLike[str] | None = None, name: str | None = None) -> ProfileLocation:
        """Arguments first, then ``TILEDB_PROFILE_DIR``/``TILEDB_PROFILE_NAME``, then ``~/.tiledb``/``default``."""
        check_location_arguments(directory, name)
        folder = directory if directory is not None else os.environ.get("TILEDB_PROFILE_DIR")
        path = Path(folder) if folder else Path.home() / ".tiledb"
        return cls(path, name or os.environ.get("TILEDB_PROFILE_NAME") or "default")

    @property
    def path(self) -> Path:
        """The ``profiles.json`` file."""
        return self.directory / PROFILE_FILE


@attrs.frozen(repr=False)
class Settings:
    """A client's resolved settings. Its repr never shows the token or the password.

    Attributes:
        host: the server URL, e.g. ``https://api.tiledb.com``.
        workspace: the workspace id (``ws_...``) the task endpoints need, if known.
        token: the API token, if any.
        username, password: HTTP Basic credentials, if any (both or neither).
        verify_ssl: whether TLS certificates are checked.
        ca_file: a CA bundle to check them against, if any.
        source: where the credentials came from: ``arguments``, ``environment``, ``profile`` or ``none``.
    """

    host: str = DEFAULT_HOST
    workspace: str | None = None
    token: str | None = None
    username: str | None = None
    password: str | None = None
    verify_ssl: bool = True
    ca_file: str | None = None
    source: str = "none"

    @property
    def has_credentials(self) -> bool:
        """Whether a token or a username and password are set."""
        return bool(self.token) or bool(self.username and self.password)

    def __repr__(self) -> str:
        token = _MASK if self.token else None
        password = _MASK if self.password else None
        return (
            f"Settings(host={self.host!r}, workspace={self.workspace!r}, token={token!r}, username={self.username!r}, "
            f"password={password!r}, verify_ssl={self.verify_ssl!r}, ca_file={self.ca_file!r}, source={self.source!r})"
        )


_CREDENTIAL_KEYS = ("token", "username", "password")
#: What each setting is called in each source, for errors that name the parameter and its source.
_ENV_NAMES = {
    "token": "TILEDB_REST_TOKEN",
    "username": "TILEDB_REST_USERNAME",
    "password": "TILEDB_REST_PASSWORD",
    "host": "TILEDB_REST_HOST",
}
_PROFILE_NAMES = {"token": "rest.token", "username": "rest.username", "password": "rest.password"}
_PROFILE_NAMES |= {"host": "rest.server_address"}
_LEGACY_NAMES = {"token": "api_key.X-TILEDB-REST-API-KEY", "username": "username", "password": "password"}
_LEGACY_NAMES |= {"host": "host"}


@attrs.frozen
class _Layer:
    """The settings one source holds, what it calls each one, and where it is (for error messages)."""

    values: Mapping[str, Any]
    names: Mapping[str, str] = attrs.field(factory=dict)
    where: str | None = None

    def checked(self, key: str) -> Any:
        """The value of ``key``: credentials checked (trimmed; control characters refused), hosts normalized."""
        value = self.values.get(key)
        if value is None:
            return None
        name = self.names.get(key, key)
        if key in ("token", "password"):
            return check_secret(value, name, self.where, header=key == "token")
        if key == "username":
            return check_secret(value, name, self.where, header=False)
        if key == "host":
            return check_base_url(normalize_host(value, name), name, self.where)
        return value


def _layer_from_env(env: Mapping[str, str]) -> _Layer:
    layer: dict[str, Any] = {
        "token": env.get("TILEDB_REST_TOKEN"),
        "username": env.get("TILEDB_REST_USERNAME"),
        "password": env.get("TILEDB_REST_PASSWORD"),
        "host": env.get("TILEDB_REST_HOST") or env.get("TILEDB_REST_SERVER_ADDRESS"),
        "workspace": env.get("TILEDB_REST_WORKSPACE"),
        "ca_file": env.get("TILEDB_SSL_CA_FILE"),
    }
    ignore = env.get("TILEDB_REST_IGNORE_SSL_VALIDATION")
    if ignore:
        layer["verify_ssl"] = ignore.strip().lower() not in _TRUE
    names = dict(_ENV_NAMES)
    if not env.get("TILEDB_REST_HOST"):
        names["host"] = "TILEDB_REST_SERVER_ADDRESS"
    return _Layer({k: v for k, v in layer.items() if v not in (None, "")}, names)


def _bool_text(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ConfigurationError(f"{where}: expected true or false, got {value!r}")


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigurationError(f"cannot read the TileDB profile file {path}: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise ConfigurationError(f"the TileDB profile file {path} is not valid JSON") from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"the TileDB profile file {path} does not hold a JSON object")
    return data


def _layer_from_profile(location: ProfileLocation) -> _Layer:
    profiles = _read_json(location.path)
    entry = profiles.get(location.name) if profiles else None
    if isinstance(entry, dict):
        where = f"{location.path} [{location.name}]"
        layer: dict[str, Any] = {
            "token": entry.get("rest.token"),
            "username": entry.get("rest.username"),
            "password": entry.get("rest.password"),
            "host": entry.get("rest.server_address"),
            "workspace": entry.get("rest.workspace"),
            "ca_file": entry.get("ssl.ca_file"),
        }
        if "rest.verify_ssl" in entry:
            layer["verify_ssl"] = _bool_text(entry["rest.verify_ssl"], where)
        return _Layer(_strings(layer, where), _PROFILE_NAMES, where)
    return _layer_from_legacy(location.directory / LEGACY_FILE)


def _layer_from_legacy(path: Path) -> _Layer:
    data = _read_json(path)
    if not data:
        return _Layer({})
    api_key = data.get("api_key")
    layer: dict[str, Any] = {
        "token": api_key.get("X-TILEDB-REST-API-KEY") if isinstance(api_key, dict) else None,
        "username": data.get("username"),
        "password": data.get("password"),
        "host": data.get("host"),
    }
    if "verify_ssl" in data:
        layer["verify_ssl"] = _bool_text(data["verify_ssl"], str(path))
    return _Layer(_strings(layer, str(path)), _LEGACY_NAMES, str(path))


def _strings(layer: dict[str, Any], where: str) -> dict[str, Any]:
    out = {}
    for key, value in layer.items():
        if value in (None, ""):
            continue
        if key != "verify_ssl" and not isinstance(value, str):
            raise ConfigurationError(f"{where}: {key} must be a string")
        out[key] = value
    return out


def resolve_settings(
    arguments: Mapping[str, Any], location: ProfileLocation, env: Mapping[str, str] | None = None
) -> Settings:
    """Merge arguments, environment and profile file (see the module docstring).

    Every credential and the host are checked where they are taken from, so an error names the parameter and its
    source (``token``, ``TILEDB_REST_TOKEN``, ``rest.token`` in ``~/.tiledb/profiles.json [default]``); whitespace
    around a credential is trimmed, any other control character is refused.
    """
    given = _Layer({k: v for k, v in arguments.items() if v is not None})
    layers = [("arguments", given), ("environment", _layer_from_env(os.environ if env is None else env))]
    layers.append(("profile", _layer_from_profile(location)))
    merged: dict[str, Any] = {}
    source = "none"
    for name, layer in layers:
        for key in layer.values:
            if key not in _CREDENTIAL_KEYS and key not in merged:
                merged[key] = layer.checked(key)
        if source == "none" and (layer.values.get("token") or layer.values.get("username")):
            source = name
            merged.update({k: layer.checked(k) for k in _CREDENTIAL_KEYS})
    if "host" not in merged:
        merged["host"] = DEFAULT_HOST
    return Settings(source=source, **merged)


def write_profile(location: ProfileLocation, entry: Mapping[str, str]) -> Path:
    """Store ``entry`` as profile ``location.name``: atomically (temp file + rename), mode 0600, other profiles kept.

    The folder is created with mode 0700 when missing. An unreadable existing file is replaced, not merged.
    Writers take turns (``_writer_lock``), which also makes this the moment to remove the temporary files of
    writers that died mid-write (a kill -9 skips every cleanup): each holds a token.
    """
    location.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _writer_lock(location.directory) as exclusive:
        _remove_leftovers(location.directory, exclusive)
        try:
            existing = _read_json(location.path) or {}
        except ConfigurationError:
            existing = {}
        data = {**existing, location.name: dict(entry), "version": 1}
        fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=location.directory)  # 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=4, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, location.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    return location.path


_TEMP_PREFIX = ".profiles-"
_TEMP_SUFFIX = ".tmp"
#: Without file locks (Windows), a temporary file this old (seconds) is taken as left behind by a dead writer.
_STALE_AFTER = 3600.0


@contextlib.contextmanager
def _writer_lock(directory: Path) -> Iterator[bool]:
    """Hold an exclusive lock on ``directory/.profiles.lock`` (yields True), or yield False where there is no
    ``fcntl``. The kernel releases the lock when its holder dies, even by kill -9, so a writer never waits on a
    dead one, and while it holds the lock every other temporary file in the folder belongs to a dead writer."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield False
        return
    fd = os.open(directory / ".profiles.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield True
    finally:
        os.close(fd)  # releases the lock


def _remove_leftovers(directory: Path, exclusive: bool) -> None:
    """Delete temporary profile files left by writers that died mid-write (all of them under the lock, else
    those older than ``_STALE_AFTER``)."""
    now = time.time()
    for leftover in directory.glob(f"{_TEMP_PREFIX}*{_TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if exclusive or now - leftover.stat().st_mtime > _STALE_AFTER:
                leftover.unlink()
