from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.group_browser_data import GroupBrowserData
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    group_type: str | Unset = UNSET,
    search: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    permissions: str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    exclude_tag: list[str] | Unset = UNSET,
    flat: bool | Unset = UNSET,
    parent: str | Unset = UNSET,
    with_metadata: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["per_page"] = per_page

    params["group_type"] = group_type

    params["search"] = search

    params["namespace"] = namespace

    params["orderby"] = orderby

    params["permissions"] = permissions

    json_tag: list[str] | Unset = UNSET
    if not isinstance(tag, Unset):
        json_tag = tag

    params["tag"] = json_tag

    json_exclude_tag: list[str] | Unset = UNSET
    if not isinstance(exclude_tag, Unset):
        json_exclude_tag = exclude_tag

    params["exclude_tag"] = json_exclude_tag

    params["flat"] = flat

    params["parent"] = parent

    params["with_metadata"] = with_metadata

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/groups/browser/public",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GroupBrowserData | None:
    if response.status_code == 200:
        response_200 = GroupBrowserData.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GroupBrowserData]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    group_type: str | Unset = UNSET,
    search: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    permissions: str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    exclude_tag: list[str] | Unset = UNSET,
    flat: bool | Unset = UNSET,
    parent: str | Unset = UNSET,
    with_metadata: bool | Unset = UNSET,
) -> Response[GroupBrowserData]:
    """Public groups (1-based pages).

    Args:
        page (int | Unset):
        per_page (int | Unset):
        group_type (str | Unset):
        search (str | Unset):
        namespace (str | Unset):
        orderby (str | Unset):
        permissions (str | Unset):
        tag (list[str] | Unset):
        exclude_tag (list[str] | Unset):
        flat (bool | Unset):
        parent (str | Unset):
        with_metadata (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GroupBrowserData]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        group_type=group_type,
        search=search,
        namespace=namespace,
        orderby=orderby,
        permissions=permissions,
        tag=tag,
        exclude_tag=exclude_tag,
        flat=flat,
        parent=parent,
        with_metadata=with_metadata,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    group_type: str | Unset = UNSET,
    search: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    permissions: str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    exclude_tag: list[str] | Unset = UNSET,
    flat: bool | Unset = UNSET,
    parent: str | Unset = UNSET,
    with_metadata: bool | Unset = UNSET,
) -> Response[GroupBrowserData]:
    """Public groups (1-based pages).

    Args:
        page (int | Unset):
        per_page (int | Unset):
        group_type (str | Unset):
        search (str | Unset):
        namespace (str | Unset):
        orderby (str | Unset):
        permissions (str | Unset):
        tag (list[str] | Unset):
        exclude_tag (list[str] | Unset):
        flat (bool | Unset):
        parent (str | Unset):
        with_metadata (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GroupBrowserData]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        group_type=group_type,
        search=search,
        namespace=namespace,
        orderby=orderby,
        permissions=permissions,
        tag=tag,
        exclude_tag=exclude_tag,
        flat=flat,
        parent=parent,
        with_metadata=with_metadata,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
