"""The async twin of ``taskfacade.tiledb.client`` (seed 001): the account functions and browsers, as coroutines.

::

    from taskfacade.tiledb import aio

    async with aio.AsyncClient() as client:               # settings from arguments, environment, profile file
        user = await aio.client.user_profile(client=client)
        async for array in aio.client.list_arrays(tag="genomics", client=client):
            print(array.name)

Same arguments, checks, requests and errors as the sync functions (both run the same steps). The browsers are not
coroutines: they check their arguments and return an async pager (``async for`` every item; ``await`` it for the
first page, as ``async_req=True`` gave in sync). ``async_req`` is accepted only as False.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import anyio

from ..._atransport import AsyncTransport
from ..._steps import arun
from .. import _validate as v
from .._account import (
    check_action,
    default_user_steps,
    find_organization_or_user_for_default_charges,
    organization_name,
    organization_steps,
    organizations_steps,
    user_steps,
)
from .._browse import array_params, browse_page_steps, browser, group_params, sent_params
from .._config import write_profile
from .._errors import ConfigurationError, NoChargeableNamespace
from .._generated import Organization, User
from .._login import (
    check_login,
    login_settings,
    profile_entry,
    session_token_steps,
    session_transport_arguments,
    tls_of,
    user_check_steps,
)
from .._pager import WirePage
from ._client import AsyncClient, default_client, resolve_client, set_default_client
from ._common import refuse_async_req
from ._pager import AsyncArrayPager, AsyncGroupPager, AsyncTileDBPager

__all__ = [
    "AsyncArrayPager",
    "AsyncClient",
    "AsyncGroupPager",
    "ConfigurationError",
    "NoChargeableNamespace",
    "default_charged_namespace",
    "default_client",
    "default_user",
    "find_organization_or_user_for_default_charges",
    "list_arrays",
    "list_groups",
    "list_public_arrays",
    "list_public_groups",
    "list_shared_arrays",
    "list_shared_groups",
    "login",
    "organization",
    "organizations",
    "set_default_client",
    "user_profile",
]


async def user_profile(async_req: bool = False, *, client: AsyncClient | None = None) -> User:
    """Your user profile (``GET /v1/user``), as the generated ``User`` model."""
    chosen = resolve_client(client)
    refuse_async_req(async_req)
    found: User = await chosen._run(user_steps(chosen))
    return found


async def default_user(*, client: AsyncClient | None = None) -> User:
    """The user the client is logged in as: fetched once, then remembered by the client."""
    chosen = resolve_client(client)
    found: User = await chosen._run(default_user_steps(chosen))
    return found


async def organizations(async_req: bool = False, *, client: AsyncClient | None = None) -> list[Organization]:
    """All organizations the user is part of (``GET /v1/organizations``)."""
    chosen = resolve_client(client)
    refuse_async_req(async_req)
    found: list[Organization] = await chosen._run(organizations_steps())
    return found


async def organization(
    organization: str, async_req: bool = False, *, client: AsyncClient | None = None
) -> Organization:
    """One organization, by name or id (``GET /v1/organizations/{organization}``); ``NotFound`` if there is none."""
    name = organization_name(organization)
    chosen = resolve_client(client)
    refuse_async_req(async_req)
    found: Organization = await chosen._run(organization_steps(name))
    return found


async def default_charged_namespace(required_action: Any = None, *, client: AsyncClient | None = None) -> str:
    """The namespace ``default_user()`` charges to by default (as the sync ``default_charged_namespace``)."""
    action = check_action(required_action)
    return find_organization_or_user_for_default_charges(await default_user(client=client), action)


async def login(
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
) -> AsyncClient:
    """Login to the cloud service (the async twin of ``client.login``): check the credentials with the server,
    store them as a profile (atomically, mode 0600) and make a new ``AsyncClient`` of them the default async client.

    Same arguments, checks and requests as the sync ``login``; the environment and the profile file are read and
    written in a worker thread. Returns the new default async client (close it with ``aclose`` when done).

    Raises:
        InvalidArgument: no credentials, or both kinds, before any request.
        Unauthorized: the server refused the credentials (nothing is stored then).
    """
    plan = check_login(
        token, username, password, host, verify_ssl, no_session, threads, workspace, ca_file, profile, profile_dir
    )
    location, base = await anyio.to_thread.run_sync(login_settings, plan)
    target = base.host
    token, username, password = plan.token, plan.username, plan.password
    if username is not None and password is not None and not plan.no_session:
        arguments = session_transport_arguments(target, username, password, tls_of(base))
        async with AsyncTransport(**arguments) as transport:
            token = await arun(session_token_steps(), transport)
        username = password = None
    client = AsyncClient(
        threads, host=target, token=token, username=username, password=password, workspace=base.workspace,
        verify_ssl=base.verify_ssl, ca_file=base.ca_file, profile=location.name, profile_dir=location.directory,
    )  # fmt: skip
    try:
        await client._run(user_check_steps())  # refused credentials raise here: nothing stored
        await anyio.to_thread.run_sync(write_profile, location, profile_entry(client.settings))
    except BaseException:
        await client.aclose()
        raise
    await set_default_client(client)
    return client


def _browse(
    kind: str, arrays: bool, client: AsyncClient | None, async_req: Any, page: Any, params: dict[str, Any]
) -> Any:
    chosen = resolve_client(client)
    first = 1 if page is None else v.positive_int("page", page)
    refuse_async_req(async_req)
    op, model, key = browser(kind, arrays)
    sent = sent_params(params)

    async def load(wire_page: int) -> WirePage[Any]:
        loaded: WirePage[Any] = await chosen._run(browse_page_steps(op, model, key, sent, wire_page))
        return loaded

    pager: type[AsyncTileDBPager[Any]] = AsyncArrayPager if arrays else AsyncGroupPager
    return pager(load, page=first, wire_base=1)


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
    client: AsyncClient | None = None,
) -> AsyncArrayPager[Any]:
    """List arrays in a user account (``GET /v1/arrays/browser/owned``), as an async pager of ``ArrayInfo``.

    Arguments as the sync ``list_arrays``; ``async_req`` only False.
    """
    params = array_params(
        namespace=namespace, permissions=permissions, tag=tag, exclude_tag=exclude_tag, search=search,
        file_type=file_type, exclude_file_type=exclude_file_type, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _browse("owned", True, client, async_req, page, params)  # type: ignore[no-any-return]


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
    client: AsyncClient | None = None,
) -> AsyncArrayPager[Any]:
    """List public arrays (``GET /v1/arrays/browser/public``); arguments as for ``list_arrays``.

    Arguments as the sync ``list_public_arrays``; ``async_req`` only False.
    """
    params = array_params(
        namespace=namespace, permissions=permissions, tag=tag, exclude_tag=exclude_tag, search=search,
        file_type=file_type, exclude_file_type=exclude_file_type, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _browse("public", True, client, async_req, page, params)  # type: ignore[no-any-return]


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
    client: AsyncClient | None = None,
) -> AsyncArrayPager[Any]:
    """List arrays shared with you (``GET /v1/arrays/browser/shared``); arguments as for ``list_arrays``.

    Arguments as the sync ``list_shared_arrays``; ``async_req`` only False.
    """
    params = array_params(
        namespace=namespace, permissions=permissions, tag=tag, exclude_tag=exclude_tag, search=search,
        file_type=file_type, exclude_file_type=exclude_file_type, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _browse("shared", True, client, async_req, page, params)  # type: ignore[no-any-return]


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
    client: AsyncClient | None = None,
) -> AsyncGroupPager[Any]:
    """List groups owned by a user (``GET /v1/groups/browser/owned``), as an async pager of ``GroupInfo``.

    Arguments as the sync ``list_groups``; ``async_req`` only False.
    """
    params = group_params(
        namespace=namespace, permission=permission, group_type=group_type, tag=tag, exclude_tag=exclude_tag,
        search=search, flat=flat, parent=parent, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _browse("owned", False, client, async_req, page, params)  # type: ignore[no-any-return]


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
    client: AsyncClient | None = None,
) -> AsyncGroupPager[Any]:
    """List public groups (``GET /v1/groups/browser/public``); arguments as for ``list_groups``.

    Arguments as the sync ``list_public_groups``; ``async_req`` only False.
    """
    params = group_params(
        namespace=namespace, permission=permission, group_type=group_type, tag=tag, exclude_tag=exclude_tag,
        search=search, flat=flat, parent=parent, per_page=per_page, with_metadata=with_metadata,
    )  # fmt: skip
    return _browse("public", False, client, async_req, page, params)  # type: ignore[no-any-return]


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
    client: AsyncClient | None = None,
) -> AsyncGroupPager[Any]:
    """List groups shared with you (``GET /v1/groups/browser/shared``); arguments as for ``list_groups``.

    Arguments as the sync ``list_shared_groups``; ``async_req`` only False.
    """
    params = group_params(
        namespace=namespace, shared_to=shared_to, permission=permission, group_type=group_type, tag=tag,
        exclude_tag=exclude_tag, search=search, flat=flat, parent=parent, per_page=per_page,
        with_metadata=with_metadata,
    )  # fmt: skip
    return _browse("shared", False, client, async_req, page, params)  # type: ignore[no-any-return]
