"""The config file: named profiles of endpoints, ids and credentials, in TOML.

Where: ``--config PATH``, else ``$TASKFACADE_CONFIG``, else ``$XDG_CONFIG_HOME/taskfacade/config.toml`` (default
``~/.config/taskfacade/config.toml``). Which profile: ``--profile NAME``, else ``$TASKFACADE_PROFILE``, else the
file's ``default_profile``, else ``default``. The file is written atomically with mode 0600 (its folder 0700)::

    default_profile = "work"

    [profiles.work]
    retry_mode = "forceful"

    [profiles.work.tiledb]
    token = "..."
    workspace = "ws_..."

    [profiles.work.deadline]
    aws_profile = "render"
    farm_id = "farm-..."
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from . import _toml
from ._exit import UsageError
from ._options import MAX_TEXT, RETRY_MODES, check_url, is_profile_name, mask_userinfo
from ._registry import cli_services, load_installed

__all__ = [
    "PROFILE_KEYS",
    "ConfigFile",
    "Profile",
    "all_keys",
    "config_path",
    "is_secret",
    "key_meanings",
]

#: Keys at the top of a profile (each service's keys are its own: ``CliService.keys``, in ``_svc_<name>.py``).
PROFILE_KEYS: Mapping[str, str] = {
    "emulator": "emulator URL, e.g. http://127.0.0.1:8765: every service there, with the emulator's credentials",
    "retry_mode": f"{', '.join(RETRY_MODES[:-1])} or {RETRY_MODES[-1]}",
    "trust_env": "read proxy and CA settings from the environment (HTTPS_PROXY, SSL_CERT_FILE...): true or false",
}
_PROFILE_BOOL_KEYS = frozenset({"trust_env"})
_MASK = "******"


def config_path(option: str | None, env: Mapping[str, str] | None = None) -> Path:
    """The config file's path: ``--config``, ``$TASKFACADE_CONFIG``, then the XDG location."""
    environ = os.environ if env is None else env
    if option:
        return Path(option).expanduser()
    if environ.get("TASKFACADE_CONFIG"):
        return Path(environ["TASKFACADE_CONFIG"]).expanduser()
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "taskfacade" / "config.toml"


def key_meanings() -> list[tuple[str, str]]:
    """Every key ``config set`` accepts, dotted (``emulator``, ``tiledb.token``...), with its meaning (a secret's
    says so)."""
    pairs = list(PROFILE_KEYS.items())
    for name, service in cli_services().items():
        secret = service.secret_keys
        pairs += [
            (f"{name}.{key}", f"{text} (secret)" if key in secret else text) for key, text in service.keys.items()
        ]
    return pairs


def all_keys() -> list[str]:
    """Every key ``config set`` accepts, dotted (``emulator``, ``tiledb.token``...)."""
    return [key for key, _meaning in key_meanings()]


def _split(key: str) -> tuple[str | None, str, bool]:
    """``"tiledb.token"`` -> ``("tiledb", "token", known)``; ``"emulator"`` -> ``(None, "emulator", known)``."""
    service, _, name = key.partition(".") if "." in key else ("", "", key)
    if not service:
        return None, name, name in PROFILE_KEYS
    found = cli_services().get(service)
    return service, name, found is not None and name in found.keys


def check_key(key: str) -> tuple[str | None, str]:
    """``"tiledb.token"`` -> ``("tiledb", "token")``; ``"emulator"`` -> ``(None, "emulator")``. A key of a service
    that is not built in or registered makes the installed plug-ins load first."""
    service, name, known = _split(key)
    if not known and service is not None and load_installed():
        service, name, known = _split(key)
    if known:
        return service, name
    raise UsageError(f"unknown config key {key!r}; accepted: {', '.join(all_keys())}")


def is_secret(key: str) -> bool:
    """Whether the dotted ``key`` holds a secret (``tiledb.token``)."""
    service, _, name = key.partition(".")
    found = cli_services().get(service) if name else None
    return found is not None and name in found.secret_keys


def _is_bool(key: str) -> bool:
    service, _, name = key.partition(".")
    if not name:
        return key in _PROFILE_BOOL_KEYS
    found = cli_services().get(service)
    return found is not None and name in found.bool_keys


def check_profile_name(name: str) -> str:
    """A profile name: letters, digits, ``_`` and ``-``."""
    if not is_profile_name(name):
        raise UsageError(f"invalid profile name {name!r}: use letters, digits, '_' and '-' (at most 64)")
    return name


def convert_value(key: str, text: str) -> str | bool:
    """A value given on the command line, checked for its key."""
    if _is_bool(key):
        lowered = text.strip().lower()
        if lowered not in ("true", "false"):
            raise UsageError(f"invalid value for {key}: expected true or false")
        return lowered == "true"
    problem = value_problem(key, text)
    if problem is not None:
        raise UsageError(f"invalid value {problem}")
    return text.rstrip("/") if is_url_key(key) else text


def is_url_key(key: str) -> bool:
    """Whether ``key`` holds a base URL (``emulator``, ``<service>.endpoint``)."""
    return key == "emulator" or key.endswith(".endpoint")


def value_problem(key: str, text: str) -> str | None:
    """Why ``text`` is not a value for ``key`` (None when it is), starting with the value (a URL's userinfo
    masked) and the key. Secrets are only checked for being non-empty here: the facade checks credentials."""
    if is_url_key(key):
        problem = check_url(text)
        return None if problem is None else f"{mask_userinfo(text)!r} for {key}: {problem}"
    if key == "retry_mode" and text not in RETRY_MODES:
        return f"{text!r} for retry_mode: expected one of {', '.join(RETRY_MODES)}"
    if not text:
        return f"'' for {key}: expected a non-empty string"
    if not is_secret(key) and (len(text) > MAX_TEXT or not text.isprintable()):
        return f"{text[:80]!r} for {key}: expected at most {MAX_TEXT} characters and no control characters"
    return None


@attrs.frozen
class Profile:
    """One profile's settings (empty when the file or the profile does not exist).

    Attributes:
        name: the profile's name.
        values: top-level keys (``emulator``, ``retry_mode``).
        services: each service's table.
        exists: whether the file holds this profile.
    """

    name: str
    values: Mapping[str, Any] = attrs.field(factory=dict)
    services: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    exists: bool = False

    def get(self, service: str, key: str) -> Any:
        """A service's setting, or None."""
        return self.services.get(service, {}).get(key)

    def secrets(self) -> list[str]:
        """Every secret value this profile holds (so output can be scrubbed of them)."""
        found = []
        for service, table in self.services.items():
            found += [str(v) for k, v in table.items() if is_secret(f"{service}.{k}") and v]
        return found

    def shown(self) -> dict[str, Any]:
        """The profile as a dict with every secret masked (what ``config show`` prints)."""
        out: dict[str, Any] = dict(self.values)
        for service, table in self.services.items():
            out[service] = {k: _MASK if is_secret(f"{service}.{k}") else v for k, v in table.items()}
        return out

    def __repr__(self) -> str:
        return f"Profile(name={self.name!r}, exists={self.exists!r})"


class ConfigFile:
    """The config file at ``path``: read on demand, written atomically with mode 0600."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, Any] | None = None

    def data(self) -> dict[str, Any]:
        """The parsed file (empty when it does not exist); ``UsageError`` when it is unreadable or malformed."""
        if self._data is None:
            self._data = self._read()
        return self._data

    def profile_names(self) -> list[str]:
        """The profiles the file holds."""
        profiles = self.data().get("profiles", {})
        return sorted(profiles)

    def chosen_name(self, option: str | None, env: Mapping[str, str] | None = None) -> tuple[str, bool]:
        """The profile to use and whether it was asked for explicitly (``--profile`` or ``$TASKFACADE_PROFILE``)."""
        environ = os.environ if env is None else env
        explicit = option or environ.get("TASKFACADE_PROFILE")
        if explicit:
            return check_profile_name(explicit), True
        default = self.data().get("default_profile")
        return (default if isinstance(default, str) and default else "default"), False

    def profile(self, option: str | None = None, env: Mapping[str, str] | None = None) -> Profile:
        """The chosen profile. A profile asked for explicitly must exist."""
        name, explicit = self.chosen_name(option, env)
        table = self.data().get("profiles", {}).get(name)
        if table is None:
            if explicit:
                known = ", ".join(self.profile_names()) or "none"
                raise UsageError(f"no profile {name!r} in {self.path} (profiles: {known})")
            return Profile(name)
        values = {k: v for k, v in table.items() if not isinstance(v, dict)}
        services = {k: dict(v) for k, v in table.items() if isinstance(v, dict)}
        return Profile(name, values, services, exists=True)

    def set_value(self, profile: str, key: str, value: str | bool | None) -> None:
        """Set (or with None remove) ``key`` in ``profile`` and save the file."""
        service, name = check_key(key)
        data = self.data()
        table = data.setdefault("profiles", {}).setdefault(check_profile_name(profile), {})
        target = table.setdefault(service, {}) if service else table
        if value is None:
            target.pop(name, None)
            if service and not target:
                table.pop(service)
        else:
            target[name] = value
        self.save()

    def set_default(self, profile: str) -> None:
        """Make ``profile`` the default and save the file."""
        data = self.data()
        if check_profile_name(profile) not in data.get("profiles", {}):
            raise UsageError(f"no profile {profile!r} in {self.path}; create it with `taskfacade config set`")
        data["default_profile"] = profile
        self.save()

    def save(self) -> None:
        """Write the file: a temp file (mode 0600) in the same folder, fsync, rename over the old one. The user's
        comments and layout are kept (``tomlkit`` edits the file as it is)."""
        text = _toml.preserving_dumps(self._original_text(), self.data())
        folder = self.path.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def _original_text(self) -> str:
        """The file's text as it is now ('' when it does not exist or cannot be read)."""
        try:
            return self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ""

    def _read(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise UsageError(f"cannot read the config file {self.path}: {exc.strerror}") from None
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(f"the config file {self.path} is not valid TOML: {exc}") from None
        _check_structure(self.path, data)
        self._warn_if_readable()
        return data

    def _warn_if_readable(self) -> None:
        with contextlib.suppress(OSError):
            mode = self.path.stat().st_mode
            if mode & (stat.S_IRWXG | stat.S_IRWXO):
                print(
                    f"taskfacade: warning: {self.path} is readable by other users; run: chmod 600 {self.path}",
                    file=sys.stderr,
                )


def _check_structure(path: Path, data: dict[str, Any]) -> None:
    """Unknown keys and wrong types are refused with the accepted keys named."""
    unknown = set(data) - {"default_profile", "profiles"}
    if unknown:
        raise UsageError(f"{path}: unknown top-level keys {sorted(unknown)}; accepted: default_profile, profiles")
    profiles = data.get("profiles", {})
    if not isinstance(profiles, dict):
        raise UsageError(f"{path}: 'profiles' must be a table of profiles")
    for name, table in profiles.items():
        if not isinstance(table, dict):
            raise UsageError(f"{path}: profile {name!r} must be a table")
        for key, value in table.items():
            if isinstance(value, dict):
                for inner, setting in value.items():
                    _check_value(path, name, f"{key}.{inner}", setting)
            else:
                _check_value(path, name, key, value)


def _check_value(path: Path, profile: str, key: str, value: Any) -> None:
    try:
        check_key(key)
    except UsageError as exc:
        raise UsageError(f"{path}: profile {profile!r}: {exc.message}") from None
    expected = bool if _is_bool(key) else str
    if not isinstance(value, expected):
        raise UsageError(f"{path}: profile {profile!r}: {key} must be a {expected.__name__}")
    problem = value_problem(key, value) if isinstance(value, str) else None
    if problem is not None:
        raise UsageError(f"{path}: profile {profile!r}: invalid value {problem}")
