"""Where a Deadline client's credentials, region and endpoint come from: the standard AWS sources, in botocore's order.

Credentials, first match wins:

1. ``aws_access_key_id`` + ``aws_secret_access_key`` (+ ``aws_session_token``) arguments;
2. the environment: ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN`` (or the legacy
   ``AWS_SECURITY_TOKEN``), skipped when ``profile_name`` is passed explicitly (as botocore does);
3. the profile (``profile_name``, else ``AWS_PROFILE``, else ``AWS_DEFAULT_PROFILE``, else ``default``) in the
   shared credentials file (``AWS_SHARED_CREDENTIALS_FILE``, default ``~/.aws/credentials``), then in the config
   file (``AWS_CONFIG_FILE``, default ``~/.aws/config``, section ``[profile NAME]`` or ``[default]``).

Region: ``region_name``, else ``AWS_DEFAULT_REGION``, else the profile's ``region``. Endpoint: ``endpoint_url``
(used exactly as given), else ``AWS_ENDPOINT_URL_DEADLINE``, ``AWS_ENDPOINT_URL`` or the profile's
``endpoint_url`` (unless ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true``), else the real management endpoint
``https://management.deadline.<region>.amazonaws.com`` (the model's ``management.`` host prefix). With an explicit
endpoint and no region, the region defaults to ``us-east-1`` (any region signs for the emulator).

Profiles that get credentials another way (``role_arn``, SSO, ``credential_process``, web identity) are refused
with a clear error rather than silently skipped. Secrets never appear in a repr or an error message.
"""

from __future__ import annotations

import configparser
import os
import re
from collections.abc import Mapping
from pathlib import Path

import attrs

from .._errors import InvalidArgument
from .._secrets import check_secret
from .._urls import check_base_url

__all__ = ["ClientConfig", "Credentials", "resolve_config"]

_REGION = re.compile(r"(?![0-9]+$)(?!-)[a-zA-Z0-9-]{1,63}(?<!-)")
_OTHER_SOURCES = ("role_arn", "sso_session", "sso_start_url", "credential_process", "web_identity_token_file")
_DEFAULT_EMULATOR_REGION = "us-east-1"


def _masked(value: str) -> str:
    return f"****{value[-4:]}" if len(value) > 8 else "****"


@attrs.frozen(repr=False)
class Credentials:
    """An access key pair (and session token) plus where it came from.

    Attributes:
        access_key: the access key id.
        secret_key: the secret access key (never shown).
        token: the session token, if any (never shown).
        source: ``"arguments"``, ``"environment"`` or ``"profile NAME (FILE)"``.
    """

    access_key: str
    secret_key: str
    token: str | None = None
    source: str = "arguments"

    def __attrs_post_init__(self) -> None:
        """Built directly (not by ``resolve_config``), the values get the same check: ``InvalidArgument`` naming
        the field, never the value, for a value httpx could not send or that would need trimming."""
        for name, value in (("access_key", self.access_key), ("secret_key", self.secret_key), ("token", self.token)):
            if (value is not None or name != "token") and check_secret(value, name) != value:
                raise InvalidArgument(name, "<hidden>", "a credential without blanks at either end")
        if not isinstance(self.source, str):
            raise InvalidArgument("source", self.source, "a description of where the credentials came from")

    def __repr__(self) -> str:
        token = ", token=****" if self.token else ""
        return f"Credentials(access_key={_masked(self.access_key)!r}{token}, source={self.source!r})"


def _checked(
    key: str, secret: str, token: str | None, names: tuple[str, str, str], source: str, where: str | None
) -> Credentials:
    """Credentials from one source, each checked (trimmed; control and non-ASCII characters refused).

    Errors name the setting as that source calls it (``aws_session_token``, ``AWS_SESSION_TOKEN``) and, for a
    file, the file and profile (``~/.aws/credentials [dev]``); never the value.
    """
    return Credentials(
        check_secret(key, names[0], where),
        check_secret(secret, names[1], where),
        None if token is None else check_secret(token, names[2], where),
        source,
    )


@attrs.frozen
class ClientConfig:
    """What a client needs: credentials, the signing region and the base URL."""

    credentials: Credentials
    region: str
    endpoint_url: str


def _file(environ: Mapping[str, str], variable: str, default: str) -> Path:
    return Path(os.path.expanduser(environ.get(variable) or default))


def _read(path: Path, variable: str) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as error:
        message = f"an INI file readable by configparser ({type(error).__name__} in it)"
        raise InvalidArgument(variable, str(path), message) from None
    return parser


@attrs.frozen
class _Profile:
    """One profile's settings from the credentials file and the config file (credentials file first)."""

    name: str
    values: Mapping[str, str]
    found: bool
    where: str

    @classmethod
    def load(cls, name: str, environ: Mapping[str, str]) -> _Profile:
        creds_path = _file(environ, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
        config_path = _file(environ, "AWS_CONFIG_FILE", "~/.aws/config")
        creds = _read(creds_path, "AWS_SHARED_CREDENTIALS_FILE")
        config = _read(config_path, "AWS_CONFIG_FILE")
        sections = [f"profile {name}"] + (["default"] if name == "default" else [])
        config_section = next((s for s in sections if config.has_section(s)), None)
        values: dict[str, str] = dict(config.items(config_section)) if config_section else {}
        where = str(config_path)
        if creds.has_section(name):
            values.update(creds.items(name))
            where = str(creds_path)
        return cls(name, values, config_section is not None or creds.has_section(name), where)


def _from_profile(profile: _Profile) -> Credentials | None:
    key, secret = profile.values.get("aws_access_key_id"), profile.values.get("aws_secret_access_key")
    if key and secret:
        token_name = "aws_session_token" if profile.values.get("aws_session_token") else "aws_security_token"
        token = profile.values.get(token_name) or None
        names = ("aws_access_key_id", "aws_secret_access_key", token_name)
        where = f"{profile.where} [{profile.name}]"
        return _checked(key, secret, token, names, f"profile {profile.name} ({profile.where})", where)
    other = [k for k in _OTHER_SOURCES if profile.values.get(k)]
    if key or secret or other:
        what = f"uses {', '.join(other)}" if other else "has only one of aws_access_key_id/aws_secret_access_key"
        raise InvalidArgument(
            "profile_name",
            profile.name,
            f"a profile with aws_access_key_id and aws_secret_access_key; profile {profile.name!r} {what}, "
            "which taskfacade does not resolve (export temporary credentials, e.g. `aws configure "
            "export-credentials --format env`)",
        )
    return None


def _from_environment(environ: Mapping[str, str]) -> Credentials | None:
    key, secret = environ.get("AWS_ACCESS_KEY_ID"), environ.get("AWS_SECRET_ACCESS_KEY")
    if key and secret:
        token_name = "AWS_SESSION_TOKEN" if environ.get("AWS_SESSION_TOKEN") else "AWS_SECURITY_TOKEN"
        token = environ.get(token_name) or None
        names = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", token_name)
        return _checked(key, secret, token, names, "environment", None)
    if key or secret:
        missing = "AWS_SECRET_ACCESS_KEY" if key else "AWS_ACCESS_KEY_ID"
        raise InvalidArgument(missing, None, "set together with its pair (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)")
    return None


def _from_arguments(key: str | None, secret: str | None, token: str | None) -> Credentials | None:
    for name, value in (("aws_access_key_id", key), ("aws_secret_access_key", secret), ("aws_session_token", token)):
        if value is not None and (not isinstance(value, str) or not value):
            shown = "<hidden>" if name != "aws_access_key_id" else value
            raise InvalidArgument(name, shown, "a non-empty string")
    if key and secret:
        names = ("aws_access_key_id", "aws_secret_access_key", "aws_session_token")
        return _checked(key, secret, token, names, "arguments", None)
    if key or secret:
        missing = "aws_secret_access_key" if key else "aws_access_key_id"
        raise InvalidArgument(missing, None, "given together with its pair (aws_access_key_id, aws_secret_access_key)")
    return None


def _profile_name(profile_name: str | None, environ: Mapping[str, str]) -> tuple[str, bool]:
    if profile_name is not None:
        if not isinstance(profile_name, str) or not profile_name:
            raise InvalidArgument("profile_name", profile_name, "a non-empty profile name or None")
        return profile_name, True
    named = environ.get("AWS_PROFILE") or environ.get("AWS_DEFAULT_PROFILE")
    return (named, True) if named else ("default", False)


def _check_region(region: object) -> str:
    if not isinstance(region, str) or _REGION.fullmatch(region) is None:
        raise InvalidArgument("region_name", region, "an AWS region name such as 'us-west-2'")
    return region


def _endpoint(endpoint_url: str | None, environ: Mapping[str, str], profile: _Profile) -> str | None:
    """The configured endpoint, checked under the name its source gives it, or None for the real one."""
    if endpoint_url is not None:
        return check_base_url(endpoint_url, "endpoint_url")
    if environ.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").lower() == "true":
        return None
    for variable in ("AWS_ENDPOINT_URL_DEADLINE", "AWS_ENDPOINT_URL"):
        if environ.get(variable):
            return check_base_url(environ[variable], variable)
    if profile.values.get("endpoint_url"):
        return check_base_url(profile.values["endpoint_url"], "endpoint_url", f"{profile.where} [{profile.name}]")
    return None


def real_endpoint(region: str) -> str:
    """The management endpoint of a region (the model's ``management.`` host prefix on the regional host)."""
    suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    return f"https://management.deadline.{region}.{suffix}"


def resolve_config(
    *,
    region_name: str | None,
    endpoint_url: str | None,
    aws_access_key_id: str | None,
    aws_secret_access_key: str | None,
    aws_session_token: str | None,
    profile_name: str | None,
    environ: Mapping[str, str],
) -> ClientConfig:
    """Resolve credentials, region and endpoint as the module docstring describes (no request is made)."""
    name, explicit = _profile_name(profile_name, environ)
    profile = _Profile.load(name, environ)
    if explicit and not profile.found:
        raise InvalidArgument("profile_name", name, "a profile defined in the AWS config or credentials file")
    credentials = _from_arguments(aws_access_key_id, aws_secret_access_key, aws_session_token)
    if credentials is None and profile_name is None:
        credentials = _from_environment(environ)
    credentials = credentials or _from_profile(profile)
    if credentials is None:
        raise InvalidArgument(
            "aws_access_key_id",
            None,
            "AWS credentials: pass aws_access_key_id and aws_secret_access_key, set AWS_ACCESS_KEY_ID and "
            f"AWS_SECRET_ACCESS_KEY, or add them to profile {name!r} in ~/.aws/credentials",
        )
    endpoint = _endpoint(endpoint_url, environ, profile)
    if region_name is not None:
        _check_region(region_name)
    region = region_name or environ.get("AWS_DEFAULT_REGION") or profile.values.get("region")
    if region is None and endpoint is not None:
        region = _DEFAULT_EMULATOR_REGION
    if region is None:
        raise InvalidArgument("region_name", None, "an AWS region (argument, AWS_DEFAULT_REGION or profile region)")
    region = _check_region(region)
    return ClientConfig(credentials, region, endpoint or real_endpoint(region))
