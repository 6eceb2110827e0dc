"""From an Airflow connection's fields to a taskfacade client's keyword arguments, checked before any request.

One connection type per service (``taskfacade_<service>``). The fields mean what Airflow users expect:

- endpoint: ``host`` as a full URL (``https://api.example.com/base``), or a bare host name with ``schema`` (the URL
  scheme, default ``https``) and ``port``; or the extra ``endpoint_url``. None of them: the service's default.
- credentials: ``login`` / ``password`` and, for a few, the extra (see ``SERVICES``);
- client options in the extra, shared by every service: ``timeout`` (seconds), ``retry_mode`` (``default``,
  ``forceful``, ``disabled``; Deadline also takes botocore's names) and ``verify`` (true, false or a CA bundle
  path). The client checks them as ``taskfacade.ClientOptions`` does.

Anything wrong raises ``InvalidArgument`` whose parameter is the connection field (``extra.timeout``, ``password``)
and whose source names the connection id; a credential's value is never shown. An unknown extra key is refused
too: a misspelt ``workspce`` would otherwise be ignored and the worker's own environment used instead.

This module imports nothing of Airflow: it takes the fields, so it is tested without a connection object.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import attrs
from taskfacade import InvalidArgument

__all__ = ["SERVICES", "ConnectionFields", "ServiceConnection", "client_kwargs", "connection_error", "source_of"]

_HIDDEN = "<hidden>"
_OPTION_EXTRAS = ("timeout", "retry_mode", "verify", "endpoint_url")


@attrs.frozen
class ServiceConnection:
    """What a service's connection type holds.

    Attributes:
        service: the facade's registry name (``deadline``).
        conn_type: the Airflow connection type (``taskfacade_deadline``).
        login: what ``login`` means, or None when unused.
        password: what ``password`` means.
        extras: the service's own extra keys (besides the shared client options), secrets among them in
            ``secret_extras``.
        secret_extras: extra keys holding credentials (never echoed in an error).
        endpoint_kwarg: the client's keyword for the endpoint.
    """

    service: str
    conn_type: str
    login: str | None
    password: str
    extras: tuple[str, ...]
    secret_extras: tuple[str, ...]
    endpoint_kwarg: str


SERVICES: dict[str, ServiceConnection] = {
    "tiledb": ServiceConnection(
        "tiledb", "taskfacade_tiledb", "username (with password), else empty", "API token, or the password",
        ("workspace",), (), "host",
    ),
    "deadline": ServiceConnection(
        "deadline", "taskfacade_deadline", "AWS access key id", "AWS secret access key",
        ("region_name", "aws_session_token", "profile_name"), ("aws_session_token",), "endpoint_url",
    ),
    "geobox": ServiceConnection(
        "geobox", "taskfacade_geobox", "username (with password), else empty", "access token, or the password",
        ("apikey",), ("apikey",), "host",
    ),
    "tensorbay": ServiceConnection(
        "tensorbay", "taskfacade_tensorbay", None, "access key (ACCESSKEY-...)", (), (), "url",
    ),
}  # fmt: skip


@attrs.frozen(repr=False)
class ConnectionFields:
    """The fields of one Airflow connection (``repr`` shows its id and type only: the password stays out)."""

    conn_id: str
    conn_type: str | None
    host: str | None = None
    schema: str | None = None
    port: int | None = None
    login: str | None = None
    password: str | None = None
    extra: Mapping[str, Any] | str | None = None

    def __repr__(self) -> str:
        return f"ConnectionFields(conn_id={self.conn_id!r}, conn_type={self.conn_type!r})"


def source_of(conn_id: str) -> str:
    """How an error names where a value came from."""
    return f"Airflow connection {conn_id!r}"


def connection_error(conn_id: str, field: str, value: object, accepted: str) -> InvalidArgument:
    """An ``InvalidArgument`` about one field of connection ``conn_id``."""
    return InvalidArgument(field, value, accepted, source=source_of(conn_id))


def _extra(fields: ConnectionFields) -> dict[str, Any]:
    raw = fields.extra
    if raw is None or raw == "":
        return {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise connection_error(fields.conn_id, "extra", _HIDDEN, "a JSON object (it does not parse)") from None
    if not isinstance(raw, Mapping):
        raise connection_error(fields.conn_id, "extra", type(raw).__name__, "a JSON object")
    return dict(raw)


def _text(fields: ConnectionFields, field: str, value: object, *, secret: bool = False) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise connection_error(fields.conn_id, field, _HIDDEN if secret else value, "a string")
    return value


def _endpoint(fields: ConnectionFields, extra: dict[str, Any]) -> str | None:
    url = _text(fields, "extra.endpoint_url", extra.pop("endpoint_url", None))
    host = _text(fields, "host", fields.host)
    if url is not None:
        if host is not None:
            raise connection_error(fields.conn_id, "extra.endpoint_url", url, "either host or endpoint_url, not both")
        return url
    if host is None:
        if fields.port is not None:
            raise connection_error(fields.conn_id, "port", fields.port, "a port only together with a host")
        return None
    if "://" in host:
        if fields.port is not None:
            raise connection_error(fields.conn_id, "port", fields.port, "no port when host is a full URL")
        return host
    scheme = _text(fields, "schema", fields.schema) or "https"
    if scheme not in ("http", "https"):
        raise connection_error(fields.conn_id, "schema", scheme, "the URL scheme, 'https' or 'http' (or empty)")
    if urlsplit(f"{scheme}://{host}").path not in ("", "/") or fields.port is None:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{fields.port}"


def _options(fields: ConnectionFields, extra: dict[str, Any]) -> dict[str, Any]:
    """The shared client options from the extra (their values are checked by the client, as ClientOptions)."""
    options: dict[str, Any] = {}
    if "timeout" in extra:
        timeout = extra.pop("timeout")
        if isinstance(timeout, bool) or not isinstance(timeout, int | float):
            raise connection_error(fields.conn_id, "extra.timeout", timeout, "seconds > 0, a number")
        options["timeout"] = timeout
    if "retry_mode" in extra:
        mode = extra.pop("retry_mode")
        if not isinstance(mode, str):
            raise connection_error(fields.conn_id, "extra.retry_mode", mode, "a retry mode name, e.g. 'default'")
        options["retry_mode"] = mode
    if "verify" in extra:
        verify = extra.pop("verify")
        if not isinstance(verify, bool | str):
            raise connection_error(fields.conn_id, "extra.verify", verify, "true, false or a CA bundle path")
        options["verify"] = verify
    return options


def client_kwargs(service: str, fields: ConnectionFields) -> dict[str, Any]:
    """The keyword arguments of ``service``'s client (sync and async take the same) for connection ``fields``.

    The result holds credentials: it is passed to the client's constructor and dropped, never logged or kept.

    Raises:
        InvalidArgument: the connection is of another type, or a field is missing or malformed (the error names
            the field and the connection id, never a credential's value).
    """
    spec = SERVICES[service]
    if fields.conn_type != spec.conn_type:
        raise connection_error(
            fields.conn_id, "conn_type", fields.conn_type, f"a connection of type {spec.conn_type!r} for {service}"
        )
    extra = _extra(fields)
    endpoint = _endpoint(fields, extra)
    kwargs = _options(fields, extra)
    unknown = sorted(set(extra) - set(spec.extras))
    if unknown:
        accepted = ", ".join((*_OPTION_EXTRAS, *spec.extras))
        raise connection_error(fields.conn_id, f"extra.{unknown[0]}", _HIDDEN, f"one of the extra keys: {accepted}")
    for key in spec.extras:
        value = _text(fields, f"extra.{key}", extra.get(key), secret=key in spec.secret_extras)
        if value is not None:
            kwargs[key] = value
    if service == "tiledb" and "workspace" not in kwargs:  # else the worker's TILEDB_REST_* or profile would decide
        raise connection_error(fields.conn_id, "extra.workspace", None, "the workspace id (ws_...) or name")
    if endpoint is not None:
        kwargs[spec.endpoint_kwarg] = endpoint
    login = _text(fields, "login", fields.login)
    password = _text(fields, "password", fields.password, secret=True)
    kwargs.update(_credentials(spec, fields.conn_id, login, password, kwargs))
    return kwargs


def _credentials(
    spec: ServiceConnection, conn_id: str, login: str | None, password: str | None, kwargs: Mapping[str, Any]
) -> dict[str, Any]:
    """The credential keywords of ``spec``'s client from ``login`` / ``password`` (refusing a half pair)."""
    if spec.service == "deadline":
        if (login is None) != (password is None):
            missing = "password" if password is None else "login"
            raise connection_error(
                conn_id, missing, None, "login (access key id) and password (secret access key) together, or neither"
            )
        if login is None:  # boto3's chain (environment, profile, instance role), as Airflow's AWS hook does
            return {}
        # Explicit keys: the worker's AWS_* environment must not mix in (region and profile come from the extra).
        return {"aws_access_key_id": login, "aws_secret_access_key": password, "environ": {}}
    if spec.service == "tensorbay":
        if login is not None:
            raise connection_error(conn_id, "login", login, "empty (TensorBay takes only an access key, in password)")
        if password is None:
            raise connection_error(conn_id, "password", None, "the TensorBay access key (ACCESSKEY-...)")
        return {"access_key": password}
    # TileDB and Geobox: login + password, or a token in password (Geobox: or an apikey in the extra).
    if login is not None:
        if password is None:
            raise connection_error(conn_id, "password", None, f"the password of user {login!r}")
        return {"username": login, "password": password}
    if password is None:
        if spec.service == "geobox" and "apikey" in kwargs:
            return {}
        accepted = "an API token" if spec.service == "tiledb" else "an access token (or extra.apikey)"
        raise connection_error(conn_id, "password", None, f"{accepted}, or login and password")
    if spec.service == "tiledb":
        return {"token": password}
    return {"access_token": password}
