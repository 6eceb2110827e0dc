"""Hooks: a taskfacade client (sync or async) built from an Airflow connection, one connection type per service.

``TileDBHook``, ``DeadlineHook``, ``GeoboxHook`` and ``TensorBayHook`` each read one connection type
(``taskfacade_<service>``; what its fields mean is in ``taskfacade_airflow._connection`` and docs/airflow.md)::

    client = DeadlineHook("render_farm").get_client()          # taskfacade.deadline's client
    client = await DeadlineHook("render_farm").aget_client()   # its async twin (in a trigger)

``TaskfacadeHook.for_conn_id(conn_id)`` picks the hook from the connection's type, for callers (operators,
triggers) that are given a connection id and learn the service from it.

Credentials: the connection is read through Airflow (which registers its password and extra with the log masker),
the secrets in the extra are registered too, and the client keeps them out of its repr, its logs and its errors.
A hook's repr names its connection id only. A bad connection raises ``taskfacade.InvalidArgument`` naming the
connection id and the field, before any request.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
from typing import Any, ClassVar, Self

from airflow.sdk import BaseHook
from taskfacade import InvalidArgument

from ._compat import AirflowNotFoundException, amask_secret, mask_secret
from ._connection import SERVICES, ConnectionFields, client_kwargs, source_of

__all__ = ["DeadlineHook", "GeoboxHook", "TaskfacadeHook", "TensorBayHook", "TileDBHook", "hook_class_for"]

#: A client's keyword -> the connection field it came from (to name the field when the client refuses a value).
_FIELD_OF = {
    "timeout": "extra.timeout",
    "retry_mode": "extra.retry_mode",
    "verify": "extra.verify",
    "host": "host",
    "endpoint_url": "host",
    "url": "host",
    "token": "password",
    "access_token": "password",
    "access_key": "password",
    "password": "password",
    "aws_secret_access_key": "password",
    "username": "login",
    "aws_access_key_id": "login",
    "workspace": "extra.workspace",
    "region_name": "extra.region_name",
    "aws_session_token": "extra.aws_session_token",
    "profile_name": "extra.profile_name",
    "apikey": "extra.apikey",
}
_SECRET_FIELDS = {"password", "extra.aws_session_token", "extra.apikey"}
_SECRET_KWARGS = ("token", "password", "access_token", "access_key", "aws_secret_access_key", "aws_session_token")


class TaskfacadeHook(BaseHook):
    """The base of the four service hooks: connection lookup, checks, and the client factories.

    Args:
        conn_id: the Airflow connection id (default: the hook's ``default_conn_name``).
        logger_name: Airflow's hook logger name (BaseHook's argument).

    Attributes:
        conn_id: the connection this hook reads.
        service: the facade's name of the service (``"deadline"``): a job token's service must be this one.
    """

    conn_name_attr = "conn_id"
    default_conn_name = "taskfacade_default"
    conn_type = "taskfacade"
    hook_name = "taskfacade"
    service: ClassVar[str] = ""
    #: ``module:name`` of the service's sync client (or client function), and of its async twin.
    client_factory: ClassVar[str] = ""
    async_client_factory: ClassVar[str] = ""

    def __init__(self, conn_id: str | None = None, logger_name: str | None = None) -> None:
        super().__init__(logger_name=logger_name)
        if conn_id is None:
            conn_id = self.default_conn_name
        if not isinstance(conn_id, str) or not conn_id.strip():
            raise InvalidArgument("conn_id", conn_id, "the id of an Airflow connection, a non-empty string")
        self.conn_id = conn_id
        self._fields: ConnectionFields | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(conn_id={self.conn_id!r})"

    # -- picking the hook from a connection ----------------------------------------------------------------------

    @classmethod
    def for_conn_id(cls, conn_id: str) -> TaskfacadeHook:
        """The hook of connection ``conn_id``'s service (read now; ``InvalidArgument`` if it is none of ours)."""
        fields = _fields_of(conn_id, _lookup(conn_id, cls))
        return _hook_for(cls, conn_id, fields)

    @classmethod
    async def afor_conn_id(cls, conn_id: str) -> TaskfacadeHook:
        """``for_conn_id`` for async code: the connection is read without blocking the event loop."""
        fields = _fields_of(conn_id, await _alookup(conn_id, cls))
        return _hook_for(cls, conn_id, fields)

    # -- the connection -------------------------------------------------------------------------------------------

    def connection_fields(self) -> ConnectionFields:
        """The connection's fields (read once per hook)."""
        if self._fields is None:
            self._fields = _checked_type(type(self), self.conn_id, _fields_of(self.conn_id, _lookup(self.conn_id)))
        return self._fields

    async def aconnection_fields(self) -> ConnectionFields:
        """``connection_fields`` for async code."""
        if self._fields is None:
            fields = _fields_of(self.conn_id, await _alookup(self.conn_id))
            self._fields = _checked_type(type(self), self.conn_id, fields)
        return self._fields

    def client_kwargs(self) -> dict[str, Any]:
        """The client's keyword arguments (credentials included: pass them on, never log or keep them)."""
        kwargs = client_kwargs(self.service, self.connection_fields())
        for name in _SECRET_KWARGS:
            if kwargs.get(name):
                mask_secret(kwargs[name])
        return kwargs

    async def aclient_kwargs(self) -> dict[str, Any]:
        """``client_kwargs`` for async code."""
        kwargs = client_kwargs(self.service, await self.aconnection_fields())
        for name in _SECRET_KWARGS:
            if kwargs.get(name):
                await amask_secret(kwargs[name])
        return kwargs

    # -- clients --------------------------------------------------------------------------------------------------

    def get_client(self) -> Any:
        """A new sync client of the service (the caller closes it). No request is sent."""
        kwargs = self.client_kwargs()
        with _naming_fields(self.conn_id):
            return self._build_client(kwargs)

    async def aget_client(self) -> Any:
        """A new async client of the service (the caller closes it), built without blocking the event loop."""
        kwargs = await self.aclient_kwargs()
        with _naming_fields(self.conn_id):
            return await self._abuild_client(kwargs)

    def get_conn(self) -> Any:
        """Airflow's name for ``get_client``."""
        return self.get_client()

    def _build_client(self, kwargs: dict[str, Any]) -> Any:
        return _factory(self.client_factory)(**kwargs)

    async def _abuild_client(self, kwargs: dict[str, Any]) -> Any:
        client = _factory(self.async_client_factory)(**kwargs)
        return await client if inspect.isawaitable(client) else client  # Deadline's aio.client(...) is awaited

    # -- the connection form --------------------------------------------------------------------------------------

    @classmethod
    def get_ui_field_behaviour(cls) -> dict[str, Any]:
        """How Airflow's connection form shows this connection type (labels say what each field holds here)."""
        spec = SERVICES.get(cls.service)
        if spec is None:
            return {}
        hidden = ["login"] if spec.login is None else []
        labels = {"host": "Endpoint URL or host", "schema": "Scheme (https)", "password": spec.password}
        if spec.login is not None:
            labels["login"] = spec.login
        extra = {"timeout": 60, "retry_mode": "default"} | dict.fromkeys(spec.extras, "")
        return {
            "hidden_fields": hidden,
            "relabeling": labels,
            "placeholders": {"extra": json.dumps(extra), "host": "https://...", "schema": "https"},
        }


def _factory(path: str) -> Any:
    """The client class or function at ``module:name`` (imported on first use: a hook imports one service only)."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


class TileDBHook(TaskfacadeHook):
    """TileDB Cloud: ``taskfacade.tiledb.Client`` / ``taskfacade.tiledb.aio.AsyncClient`` from a connection.

    Connection (type ``taskfacade_tiledb``): host = the REST server; password = an API token (or login and
    password); extra ``workspace`` (required) and the client options.
    """

    default_conn_name = "taskfacade_tiledb_default"
    conn_type = "taskfacade_tiledb"
    hook_name = "TileDB Cloud (taskfacade)"
    service = "tiledb"
    client_factory = "taskfacade.tiledb:Client"
    async_client_factory = "taskfacade.tiledb.aio:AsyncClient"


class DeadlineHook(TaskfacadeHook):
    """AWS Deadline Cloud: ``taskfacade.deadline.client(...)`` / ``taskfacade.deadline.aio.client(...)``.

    Connection (type ``taskfacade_deadline``): host = the endpoint URL (empty: AWS's for the region); login /
    password = access key id / secret access key (both empty: boto3's credential chain on the worker); extra
    ``region_name``, ``aws_session_token``, ``profile_name`` and the client options.
    """

    default_conn_name = "taskfacade_deadline_default"
    conn_type = "taskfacade_deadline"
    hook_name = "AWS Deadline Cloud (taskfacade)"
    service = "deadline"
    client_factory = "taskfacade.deadline:client"
    async_client_factory = "taskfacade.deadline.aio:client"


class GeoboxHook(TaskfacadeHook):
    """Geobox: ``taskfacade.geobox.GeoboxClient`` / ``taskfacade.geobox.aio.AsyncGeoboxClient``.

    Connection (type ``taskfacade_geobox``): host = the API server; password = an access token (or login and
    password, or extra ``apikey``); the client options in the extra.
    """

    default_conn_name = "taskfacade_geobox_default"
    conn_type = "taskfacade_geobox"
    hook_name = "Geobox (taskfacade)"
    service = "geobox"
    client_factory = "taskfacade.geobox:GeoboxClient"
    async_client_factory = "taskfacade.geobox.aio:AsyncGeoboxClient"


class TensorBayHook(TaskfacadeHook):
    """TensorBay: ``taskfacade.tensorbay.GAS`` / ``taskfacade.tensorbay.aio.GAS``.

    Connection (type ``taskfacade_tensorbay``): host = the site root (empty: the access key's site); password =
    the access key; the client options in the extra.
    """

    default_conn_name = "taskfacade_tensorbay_default"
    conn_type = "taskfacade_tensorbay"
    hook_name = "TensorBay (taskfacade)"
    service = "tensorbay"
    client_factory = "taskfacade.tensorbay:GAS"
    async_client_factory = "taskfacade.tensorbay.aio:GAS"


_HOOKS: dict[str, type[TaskfacadeHook]] = {
    hook.conn_type: hook for hook in (TileDBHook, DeadlineHook, GeoboxHook, TensorBayHook)
}


def hook_class_for(conn_type: str | None) -> type[TaskfacadeHook] | None:
    """The hook class of a connection type, or None when it is not one of this provider's."""
    return _HOOKS.get(conn_type or "")


# -- helpers ------------------------------------------------------------------------------------------------------


def _accepted_types(cls: type[TaskfacadeHook]) -> str:
    if cls.service:
        return f"a connection of type {cls.conn_type!r}"
    return f"a connection of one of the types {', '.join(repr(name) for name in _HOOKS)}"


def _not_found(conn_id: str, cls: type[TaskfacadeHook]) -> InvalidArgument:
    return InvalidArgument("conn_id", conn_id, f"the id of a defined Airflow connection ({_accepted_types(cls)})")


def _lookup(conn_id: str, cls: type[TaskfacadeHook] = TaskfacadeHook) -> Any:
    try:
        return BaseHook.get_connection(conn_id)
    except AirflowNotFoundException:
        raise _not_found(conn_id, cls) from None


async def _alookup(conn_id: str, cls: type[TaskfacadeHook] = TaskfacadeHook) -> Any:
    try:
        if hasattr(BaseHook, "aget_connection"):
            return await BaseHook.aget_connection(conn_id)
        return await asyncio.to_thread(BaseHook.get_connection, conn_id)  # Airflow 3.0
    except AirflowNotFoundException:
        raise _not_found(conn_id, cls) from None


def _fields_of(conn_id: str, conn: Any) -> ConnectionFields:
    """The fields of an Airflow ``Connection`` (SDK or ORM class alike)."""
    return ConnectionFields(
        conn_id=conn_id,
        conn_type=conn.conn_type,
        host=conn.host,
        schema=conn.schema,
        port=conn.port,
        login=conn.login,
        password=conn.password,
        extra=conn.extra,
    )


def _checked_type(cls: type[TaskfacadeHook], conn_id: str, fields: ConnectionFields) -> ConnectionFields:
    if fields.conn_type != cls.conn_type:
        owner = hook_class_for(fields.conn_type)
        what = f"a connection for {owner.service}" if owner else "not one of taskfacade's types"
        raise InvalidArgument(
            "conn_type", fields.conn_type, f"{_accepted_types(cls)} (this one is {what})", source=source_of(conn_id)
        )
    return fields


def _hook_for(cls: type[TaskfacadeHook], conn_id: str, fields: ConnectionFields) -> TaskfacadeHook:
    hook_class = hook_class_for(fields.conn_type) if not cls.service else cls
    if hook_class is None:
        raise InvalidArgument("conn_type", fields.conn_type, _accepted_types(cls), source=source_of(conn_id))
    hook = hook_class(conn_id)
    hook._fields = _checked_type(hook_class, conn_id, fields)
    return hook


class _naming_fields:
    """Re-raise a client's ``InvalidArgument`` about one of its arguments as one about the connection's field."""

    def __init__(self, conn_id: str) -> None:
        self.conn_id = conn_id

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> None:
        if not isinstance(error, InvalidArgument) or error.source == source_of(self.conn_id):
            return
        field = _FIELD_OF.get(error.parameter, error.parameter)
        value = "<hidden>" if field in _SECRET_FIELDS else error.value
        raise InvalidArgument(field, value, error.accepted, source=source_of(self.conn_id)) from None
