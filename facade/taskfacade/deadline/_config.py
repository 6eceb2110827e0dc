"""Where a Deadline client's credentials, region and endpoint come from: the standard AWS sources, in botocore's order.

Credentials, boto3's default chain in its order:

1. ``aws_access_key_id`` + ``aws_secret_access_key`` (+ ``aws_session_token``) arguments;
2. the environment: ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN`` (or the legacy
   ``AWS_SECURITY_TOKEN``), skipped when ``profile_name`` is passed explicitly (as botocore does);
3. the profile (``profile_name``, else ``AWS_PROFILE``, else ``AWS_DEFAULT_PROFILE``, else ``default``): its
   static keys in the shared credentials file (``AWS_SHARED_CREDENTIALS_FILE``, default ``~/.aws/credentials``),
   then in the config file (``AWS_CONFIG_FILE``, default ``~/.aws/config``, ``[profile NAME]`` or ``[default]``),
   unless a source that outranks them in botocore's chain is configured (``role_arn``, SSO, web identity);
4. anything else (assume-role, web identity, SSO, ``credential_process``, container and instance credentials):
   the ``fallback``, botocore's own resolver (``_botocore_chain.py``), only when the client reads the process
   environment.

Static keys never import botocore. Region: ``region_name``, else ``AWS_DEFAULT_REGION``, else the profile's
``region``, else ``AWS_REGION``. Endpoint: ``endpoint_url`` (used exactly as given), else (unless
``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true``) ``AWS_ENDPOINT_URL_DEADLINE``, ``AWS_ENDPOINT_URL``, the profile's
``[services NAME]`` ``deadline`` ``endpoint_url``, the profile's ``endpoint_url``, in botocore's order; else the real
management endpoint ``https://management.deadline.<region>.amazonaws.com`` (the model's ``management.`` host
prefix). With an explicit endpoint and no region, the region defaults to ``us-east-1``. Retry settings:
``_retryconfig.py``. Secrets never appear in a repr or an error message.
"""

from __future__ import annotations

import configparser
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

import attrs

from .._errors import InvalidArgument
from .._retry import RetryPolicy
from .._secrets import check_secret
from .._urls import check_base_url
from ._retryconfig import configured_retry

__all__ = ["ClientConfig", "CredentialSource", "Credentials", "checked_credentials", "resolve_config"]

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

    def current(self) -> Credentials:
        """These credentials (static ones never change; see ``RefreshingCredentials`` for those that do)."""
        return self

    def add_listener(self, listener: Callable[[Credentials], None]) -> None:
        """Call ``listener`` with these credentials now (they never change)."""
        if not callable(listener):
            raise InvalidArgument("listener", listener, "a function taking Credentials")
        listener(self)


def checked_credentials(
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


class CredentialSource(Protocol):
    """Where a client gets the credentials to sign each request with (static ``Credentials`` or refreshing ones)."""

    @property
    def source(self) -> str:
        """Where the credentials come from (never a secret)."""
        ...

    def current(self) -> Credentials:
        """The credentials to sign with now."""
        ...

    def add_listener(self, listener: Callable[[Credentials], None]) -> None:
        """Call ``listener`` with each set of credentials before it is first returned by ``current``."""
        ...


#: botocore's default chain (``_botocore_chain.botocore_credentials``): (explicit profile, why) -> source or None.
Fallback = Callable[[str | None, str], CredentialSource | None]


@attrs.frozen
class ClientConfig:
    """What a client needs: credentials, the signing region, the base URL and the configured retry policy.

    Attributes:
        retry: the policy ``AWS_RETRY_MODE``/``AWS_MAX_ATTEMPTS`` or the profile configure, None if neither does.
    """

    credentials: CredentialSource
    region: str
    endpoint_url: str
    retry: RetryPolicy | None = None


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
    services: Mapping[str, str] = attrs.field(factory=dict)

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
        services: dict[str, str] = {}
        section = f"services {values['services']}" if values.get("services") else None
        if section and config.has_section(section):
            services = dict(config.items(section))
        return cls(name, values, config_section is not None or creds.has_section(name), where, services)


def _from_profile(profile: _Profile) -> Credentials | None:
    key, secret = profile.values.get("aws_access_key_id"), profile.values.get("aws_secret_access_key")
    if key and secret:
        token_name = "aws_session_token" if profile.values.get("aws_session_token") else "aws_security_token"
        token = profile.values.get(token_name) or None
        names = ("aws_access_key_id", "aws_secret_access_key", token_name)
        where = f"{profile.where} [{profile.name}]"
        return checked_credentials(key, secret, token, names, f"profile {profile.name} ({profile.where})", where)
    if key or secret:
        raise InvalidArgument(
            "profile_name",
            profile.name,
            f"both keys; profile {profile.name!r} has only one of aws_access_key_id/aws_secret_access_key",
        )
    return None


def _chain_reason(profile: _Profile, environ: Mapping[str, str]) -> str | None:
    """Why botocore's chain must decide (a source that outranks the profile's static keys), or None."""
    other = [k for k in _OTHER_SOURCES if profile.values.get(k)]
    if other:
        return f"profile {profile.name!r} uses {', '.join(other)}"
    if environ.get("AWS_WEB_IDENTITY_TOKEN_FILE") and environ.get("AWS_ROLE_ARN"):
        return "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are set"
    return None


def _from_environment(environ: Mapping[str, str]) -> Credentials | None:
    key, secret = environ.get("AWS_ACCESS_KEY_ID"), environ.get("AWS_SECRET_ACCESS_KEY")
    if key and secret:
        token_name = "AWS_SESSION_TOKEN" if environ.get("AWS_SESSION_TOKEN") else "AWS_SECURITY_TOKEN"
        token = environ.get(token_name) or None
        names = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", token_name)
        return checked_credentials(key, secret, token, names, "environment", None)
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
        return checked_credentials(key, secret, token, names, "arguments", None)
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
    for variable in ("AWS_ENDPOINT_URL_DEADLINE", "AWS_ENDPOINT_URL"):  # botocore's order: environment first,
        if environ.get(variable):  # the service's then the global one; then the config file's, the same way
            return check_base_url(environ[variable], variable)
    service_url = _service_setting(profile.services.get("deadline", ""), "endpoint_url")
    if service_url:
        where = f"{profile.where} [services {profile.values['services']}]"
        return check_base_url(service_url, "endpoint_url", where)
    if profile.values.get("endpoint_url"):
        return check_base_url(profile.values["endpoint_url"], "endpoint_url", f"{profile.where} [{profile.name}]")
    return None


def _service_setting(block: str, name: str) -> str | None:
    """A setting of a ``[services NAME]`` sub-section (``deadline =`` followed by indented ``key = value`` lines)."""
    for line in block.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == name:
            return value.strip() or None
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
    fallback: Fallback | None = None,
) -> ClientConfig:
    """Resolve credentials, region, endpoint and retry settings as the module docstring describes.

    Args:
        fallback: botocore's default chain, for the sources other than static keys; None when the environment is
            not the process's (botocore reads ``os.environ``), then those sources are refused.
    """
    name, explicit = _profile_name(profile_name, environ)
    profile = _Profile.load(name, environ)
    if explicit and not profile.found:
        raise InvalidArgument("profile_name", name, "a profile defined in the AWS config or credentials file")
    credentials: CredentialSource | None = _from_arguments(aws_access_key_id, aws_secret_access_key, aws_session_token)
    if credentials is None and profile_name is None:
        credentials = _from_environment(environ)
    reason = _chain_reason(profile, environ) if credentials is None else None
    if credentials is None and reason is None:
        credentials = _from_profile(profile)
    if credentials is None and fallback is not None:
        credentials = fallback(profile_name, reason or "no static keys were found")
    elif credentials is None and reason is not None:
        raise InvalidArgument(
            "profile_name",
            name,
            f"static keys when the client reads a given environ mapping; {reason}, which botocore resolves from "
            "the process environment (pass environ=None)",
        )
    if credentials is None:
        raise InvalidArgument(
            "aws_access_key_id",
            None,
            "AWS credentials: pass aws_access_key_id and aws_secret_access_key, set AWS_ACCESS_KEY_ID and "
            f"AWS_SECRET_ACCESS_KEY, add them to profile {name!r} in ~/.aws/credentials, or configure another "
            "source of boto3's chain (needs the 'aws' extra)",
        )
    endpoint = _endpoint(endpoint_url, environ, profile)
    if region_name is not None:
        _check_region(region_name)
    region = region_name or environ.get("AWS_DEFAULT_REGION") or profile.values.get("region")
    region = region or environ.get("AWS_REGION")  # where boto3 raises NoRegionError (Lambda and ECS set it)
    if region is None and endpoint is not None:
        region = _DEFAULT_EMULATOR_REGION
    if region is None:
        raise InvalidArgument(
            "region_name", None, "an AWS region (argument, AWS_DEFAULT_REGION, profile region or AWS_REGION)"
        )
    region = _check_region(region)
    retry = configured_retry(environ, profile.values, f"{profile.where} [{profile.name}]")
    return ClientConfig(credentials, region, endpoint or real_endpoint(region), retry)
