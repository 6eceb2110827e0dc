"""Seed 001's array and group listings (owned, public, shared), as lazy pagers with every seed filter.

Each returns an ``ArrayPager``/``GroupPager`` starting at ``page`` (1-based): iterate it for every asset from that
page on, or read ``.arrays``/``.groups`` (``.data``) for just that page, as the vendor's ``ArrayBrowserData``
held. ``async_req=True`` gives a Future of the pager with its first page already fetched.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal, overload

from .._errors import InvalidArgument, ResponseDecodeError
from .._steps import Call, Steps, run
from . import _validate as v
from ._async import AsyncResult
from ._cloud_client import Client, resolve_client
from ._generated import ArrayBrowserData, GroupBrowserData, GroupType, Unset
from ._generated import list_owned_arrays as owned_arrays_op
from ._generated import list_owned_groups as owned_groups_op
from ._generated import list_public_arrays as public_arrays_op
from ._generated import list_public_groups as public_groups_op
from ._generated import list_shared_arrays as shared_arrays_op
from ._generated import list_shared_groups as shared_groups_op
from ._pager import ArrayPager, GroupPager, TileDBPager, WirePage

__all__ = [
    "array_params",
    "browse_page_steps",
    "browser",
    "group_params",
    "list_arrays",
    "list_groups",
    "list_public_arrays",
    "list_public_groups",
    "list_shared_arrays",
    "list_shared_groups",
    "sent_params",
]

PERMISSIONS = ("read", "read_write", "write", "admin")
_ARRAY_OPS = {"owned": owned_arrays_op, "public": public_arrays_op, "shared": shared_arrays_op}
_GROUP_OPS = {"owned": owned_groups_op, "public": public_groups_op, "shared": shared_groups_op}


def _permission(parameter: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.lower() in PERMISSIONS:
        return value.lower()
    raise InvalidArgument(parameter, value, "one of " + ", ".join(repr(p) for p in PERMISSIONS))


def _parent(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(value))
    except (TypeError, ValueError, AttributeError):
        raise InvalidArgument("parent", value, "a group id (a UUID or its string form)") from None


def _common(
    *,
    namespace: Any,
    permissions: tuple[str, Any],
    tag: Any,
    exclude_tag: Any,
    search: Any,
    per_page: Any,
    with_metadata: Any,
) -> dict[str, Any]:
    return {
        "namespace": v.optional_str("namespace", namespace),
        "permissions": _permission(*permissions),
        "tag": v.str_list("tag", tag),
        "exclude_tag": v.str_list("exclude_tag", exclude_tag),
        "search": v.optional_str("search", search),
        "per_page": v.optional_int("per_page", per_page),
        "with_metadata": v.optional_flag("with_metadata", with_metadata),
    }


def _items(data: Any, key: str) -> WirePage[Any]:
    found = getattr(data, key)
    found = [] if isinstance(found, Unset) else found
    if not isinstance(found, list):
        raise ResponseDecodeError(f"{key} is not a list", service="tiledb")
    meta = data.pagination_metadata
    return WirePage(data, found, None if isinstance(meta, Unset) else meta)


def browse_page_steps(
    op: Any, model: type[Any], key: str, sent: dict[str, Any], wire_page: int
) -> Steps[WirePage[Any]]:
    """One page of a browser listing (steps, for both twins)."""
    data = yield Call(op, kwargs={"page": wire_page, **sent}, expect=model)
    return _items(data, key)


def browser(kind: str, arrays: bool) -> tuple[Any, type[Any], str]:
    """The generated operation, response model and items key of one listing (``owned``, ``public``, ``shared``)."""
    if arrays:
        return _ARRAY_OPS[kind], ArrayBrowserData, "arrays"
    return _GROUP_OPS[kind], GroupBrowserData, "groups"


def sent_params(params: dict[str, Any]) -> dict[str, Any]:
    """The listing's wire parameters (None = not sent)."""
    return {k: value for k, value in params.items() if value is not None}


def _pager(
    client: Client, op: Any, model: type[Any], key: str, params: dict[str, Any], page: int, kind: type[TileDBPager[Any]]
) -> TileDBPager[Any]:
    sent = sent_params(params)

    def load(wire_page: int) -> WirePage[Any]:
        return run(browse_page_steps(op, model, key, sent, wire_page), client.transport)

    return kind(load, page=page, wire_base=1)


def _run(client: Client, async_req: Any, pager: TileDBPager[Any]) -> Any:
    def first_page(_client: Client) -> TileDBPager[Any]:
        bool(pager)  # fetch the first page now, on the pool thread
        return pager

    if v.flag("async_req", async_req):
        return client.submit(first_page, client)
    return pager


def _arrays(kind: str, client: Client | None, async_req: Any, page: Any, params: dict[str, Any]) -> Any:
    chosen = resolve_client(client)
    first = 1 if page is None else v.positive_int("page", page)
    pager = _pager(chosen, _ARRAY_OPS[kind], ArrayBrowserData, "arrays", params, first, ArrayPager)
    return _run(chosen, async_req, pager)


def array_params(**kwargs: Any) -> dict[str, Any]:
    file_type, exclude_file_type = kwargs.pop("file_type"), kwargs.pop("exclude_file_type")
    permissions = kwargs.pop("permissions")
    return {
        **_common(permissions=("permissions", permissions), **kwargs),
        "file_type": v.str_list("file_type", file_type),
        "exclude_file_type": v.str_list("exclude_file_type", exclude_file_type),
    }


@overload
def list_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: Literal[False] = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> ArrayPager[Any]: ...


@overload
def list_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    *,
    async_req: Literal[True],
    with_metadata: bool | None = None,
    client: Client | None = None,
) -> AsyncResult[ArrayPager[Any]]: ...


@overload
def list_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> ArrayPager[Any] | AsyncResult[ArrayPager[Any]]: ...


def list_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> ArrayPager[Any] | AsyncResult[ArrayPager[Any]]:
    """List arrays in a user account (``GET /v1/arrays/browser/owned``), as a pager of ``ArrayInfo``.

    Args:
        namespace: only this namespace (user or organization).
        permissions: only arrays you hold this permission on: read, read_write, write or admin.
        tag, exclude_tag: tags to include / exclude (one or a list).
        search: a search string.
        file_type, exclude_file_type: file types to include / exclude (one or a list).
        page: the first page (1-based, default 1); per_page: arrays per request.
        async_req: return a Future of the pager (first page fetched).
        with_metadata: include each array's metadata.
        client: the client to use (default: the default client).
    """
    params = array_params(
        namespace=namespace, permissions=permissions, tag=tag, exclude_tag=exclude_tag, search=search,
        file_type=file_type, exclude_file_type=exclude_file_type, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _arrays("owned", client, async_req, page, params)  # type: ignore[no-any-return]


@overload
def list_public_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: Literal[False] = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> ArrayPager[Any]: ...


@overload
def list_public_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    *,
    async_req: Literal[True],
    with_metadata: bool | None = None,
    client: Client | None = None,
) -> AsyncResult[ArrayPager[Any]]: ...


@overload
def list_public_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> ArrayPager[Any] | AsyncResult[ArrayPager[Any]]: ...


def list_public_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> ArrayPager[Any] | AsyncResult[ArrayPager[Any]]:
    """List public arrays (``GET /v1/arrays/browser/public``); arguments as for ``list_arrays``."""
    params = array_params(
        namespace=namespace, permissions=permissions, tag=tag, exclude_tag=exclude_tag, search=search,
        file_type=file_type, exclude_file_type=exclude_file_type, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _arrays("public", client, async_req, page, params)  # type: ignore[no-any-return]


@overload
def list_shared_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: Literal[False] = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> ArrayPager[Any]: ...


@overload
def list_shared_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    *,
    async_req: Literal[True],
    with_metadata: bool | None = None,
    client: Client | None = None,
) -> AsyncResult[ArrayPager[Any]]: ...


@overload
def list_shared_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> ArrayPager[Any] | AsyncResult[ArrayPager[Any]]: ...


def list_shared_arrays(
    namespace: str | None = None,
    permissions: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> ArrayPager[Any] | AsyncResult[ArrayPager[Any]]:
    """List arrays shared with you (``GET /v1/arrays/browser/shared``); arguments as for ``list_arrays``."""
    params = array_params(
        namespace=namespace, permissions=permissions, tag=tag, exclude_tag=exclude_tag, search=search,
        file_type=file_type, exclude_file_type=exclude_file_type, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _arrays("shared", client, async_req, page, params)  # type: ignore[no-any-return]


def group_params(
    *, group_type: Any, flat: Any, parent: Any, shared_to: Any = None, permission: Any, **kwargs: Any
) -> dict[str, Any]:
    chosen_type = v.choice("group_type", group_type, GroupType)
    return {
        **_common(permissions=("permission", permission), **kwargs),
        "group_type": None if chosen_type is None else chosen_type.value,
        "flat": v.flag("flat", flat),
        "parent": _parent(parent),
        "shared_to": v.str_list("shared_to", shared_to),
    }


def _groups(kind: str, client: Client | None, async_req: Any, page: Any, params: dict[str, Any]) -> Any:
    chosen = resolve_client(client)
    first = 1 if page is None else v.positive_int("page", page)
    pager = _pager(chosen, _GROUP_OPS[kind], GroupBrowserData, "groups", params, first, GroupPager)
    return _run(chosen, async_req, pager)


@overload
def list_groups(
    namespace: str | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: Literal[False] = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> GroupPager[Any]: ...


@overload
def list_groups(
    namespace: str | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    *,
    async_req: Literal[True],
    with_metadata: bool | None = None,
    client: Client | None = None,
) -> AsyncResult[GroupPager[Any]]: ...


@overload
def list_groups(
    namespace: str | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> GroupPager[Any] | AsyncResult[GroupPager[Any]]: ...


def list_groups(
    namespace: str | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> GroupPager[Any] | AsyncResult[GroupPager[Any]]:
    """List groups owned by a user (``GET /v1/groups/browser/owned``), as a pager of ``GroupInfo``.

    Args:
        namespace: only groups of this namespace.
        permission: only groups you hold this permission on: read, read_write, write or admin.
        group_type: only groups of this GroupType (generic, vcf, soma, bioimg, ...).
        tag, exclude_tag: tags to include / exclude (one or a list).
        search: a search string.
        flat: True (the default, as the vendor sends) searches all groups; False only top-level ones.
        parent: only the children of the group with this id.
        page: the first page (1-based, default 1); per_page: groups per request.
        async_req: return a Future of the pager (first page fetched).
        with_metadata: include each group's metadata.
        client: the client to use (default: the default client).
    """
    params = group_params(
        namespace=namespace, permission=permission, group_type=group_type, tag=tag, exclude_tag=exclude_tag,
        search=search, flat=flat, parent=parent, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _groups("owned", client, async_req, page, params)  # type: ignore[no-any-return]


@overload
def list_public_groups(
    namespace: str | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: Literal[False] = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> GroupPager[Any]: ...


@overload
def list_public_groups(
    namespace: str | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    *,
    async_req: Literal[True],
    with_metadata: bool | None = None,
    client: Client | None = None,
) -> AsyncResult[GroupPager[Any]]: ...


@overload
def list_public_groups(
    namespace: str | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> GroupPager[Any] | AsyncResult[GroupPager[Any]]: ...


def list_public_groups(
    namespace: str | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> GroupPager[Any] | AsyncResult[GroupPager[Any]]:
    """List public groups (``GET /v1/groups/browser/public``); arguments as for ``list_groups``."""
    params = group_params(
        namespace=namespace, permission=permission, group_type=group_type, tag=tag, exclude_tag=exclude_tag,
        search=search, flat=flat, parent=parent, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _groups("public", client, async_req, page, params)  # type: ignore[no-any-return]


@overload
def list_shared_groups(
    namespace: str | None = None,
    shared_to: str | list[str] | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: Literal[False] = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> GroupPager[Any]: ...


@overload
def list_shared_groups(
    namespace: str | None = None,
    shared_to: str | list[str] | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    *,
    async_req: Literal[True],
    with_metadata: bool | None = None,
    client: Client | None = None,
) -> AsyncResult[GroupPager[Any]]: ...


@overload
def list_shared_groups(
    namespace: str | None = None,
    shared_to: str | list[str] | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> GroupPager[Any] | AsyncResult[GroupPager[Any]]: ...


def list_shared_groups(
    namespace: str | None = None,
    shared_to: str | list[str] | None = None,
    permission: str | None = None,
    group_type: str | None = None,
    tag: str | list[str] | None = None,
    exclude_tag: str | list[str] | None = None,
    search: str | None = None,
    flat: bool = True,
    parent: str | uuid.UUID | None = None,
    page: int | None = None,
    per_page: int | None = None,
    async_req: bool = False,
    with_metadata: bool | None = None,
    *,
    client: Client | None = None,
) -> GroupPager[Any] | AsyncResult[GroupPager[Any]]:
    """List groups shared by/to specified namespaces (``GET /v1/groups/browser/shared``).

    ``shared_to``: only groups shared to these namespaces (one or a list); the rest as for ``list_groups``.
    """
    params = group_params(
        namespace=namespace, shared_to=shared_to, permission=permission, group_type=group_type, tag=tag,
        exclude_tag=exclude_tag, search=search, flat=flat, parent=parent, per_page=per_page,
        with_metadata=with_metadata,
    )  # fmt: skip
    return _groups("shared", client, async_req, page, params)  # type: ignore[no-any-return]
