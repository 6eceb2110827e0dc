from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.array_task_data import ArrayTaskData
from ...models.array_task_status import ArrayTaskStatus
from ...models.array_task_type import ArrayTaskType
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    workspace: str,
    *,
    teamspace: str | Unset = UNSET,
    created_by: str | Unset = UNSET,
    array: str | Unset = UNSET,
    start: int | Unset = UNSET,
    end: int | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    type_: ArrayTaskType | Unset = UNSET,
    exclude_type: str | Unset = UNSET,
    file_type: list[str] | Unset = UNSET,
    exclude_file_type: list[str] | Unset = UNSET,
    status: ArrayTaskStatus | Unset = UNSET,
    search: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["teamspace"] = teamspace

    params["created_by"] = created_by

    params["array"] = array

    params["start"] = start

    params["end"] = end

    params["page"] = page

    params["per_page"] = per_page

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    params["exclude_type"] = exclude_type

    json_file_type: list[str] | Unset = UNSET
    if not isinstance(file_type, Unset):
        json_file_type = file_type

    params["file_type"] = json_file_type

    json_exclude_file_type: list[str] | Unset = UNSET
    if not isinstance(exclude_file_type, Unset):
        json_exclude_file_type = exclude_file_type

    params["exclude_file_type"] = json_exclude_file_type

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["search"] = search

    params["orderby"] = orderby

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks/{workspace}".format(
            workspace=quote(str(workspace), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ArrayTaskData | None:
    if response.status_code == 200:
        response_200 = ArrayTaskData.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ArrayTaskData]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace: str,
    *,
    client: AuthenticatedClient | Client,
    teamspace: str | Unset = UNSET,
    created_by: str | Unset = UNSET,
    array: str | Unset = UNSET,
    start: int | Unset = UNSET,
    end: int | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    type_: ArrayTaskType | Unset = UNSET,
    exclude_type: str | Unset = UNSET,
    file_type: list[str] | Unset = UNSET,
    exclude_file_type: list[str] | Unset = UNSET,
    status: ArrayTaskStatus | Unset = UNSET,
    search: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
) -> Response[ArrayTaskData]:
    """List the array tasks the caller can see in a workspace (0-based pages).

    Args:
        workspace (str):
        teamspace (str | Unset):
        created_by (str | Unset):
        array (str | Unset):
        start (int | Unset):
        end (int | Unset):
        page (int | Unset):
        per_page (int | Unset):
        type_ (ArrayTaskType | Unset): Kind of array task.
        exclude_type (str | Unset):
        file_type (list[str] | Unset):
        exclude_file_type (list[str] | Unset):
        status (ArrayTaskStatus | Unset): Status of an array task. DENIED is deprecated and used
            to mean RESOURCES_UNAVAILABLE. Open enum in the generated client: an unknown value parses
            to a member named UNKNOWN keeping the raw value.
        search (str | Unset):
        orderby (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArrayTaskData]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
        teamspace=teamspace,
        created_by=created_by,
        array=array,
        start=start,
        end=end,
        page=page,
        per_page=per_page,
        type_=type_,
        exclude_type=exclude_type,
        file_type=file_type,
        exclude_file_type=exclude_file_type,
        status=status,
        search=search,
        orderby=orderby,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    workspace: str,
    *,
    client: AuthenticatedClient | Client,
    teamspace: str | Unset = UNSET,
    created_by: str | Unset = UNSET,
    array: str | Unset = UNSET,
    start: int | Unset = UNSET,
    end: int | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    type_: ArrayTaskType | Unset = UNSET,
    exclude_type: str | Unset = UNSET,
    file_type: list[str] | Unset = UNSET,
    exclude_file_type: list[str] | Unset = UNSET,
    status: ArrayTaskStatus | Unset = UNSET,
    search: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
) -> Response[ArrayTaskData]:
    """List the array tasks the caller can see in a workspace (0-based pages).

    Args:
        workspace (str):
        teamspace (str | Unset):
        created_by (str | Unset):
        array (str | Unset):
        start (int | Unset):
        end (int | Unset):
        page (int | Unset):
        per_page (int | Unset):
        type_ (ArrayTaskType | Unset): Kind of array task.
        exclude_type (str | Unset):
        file_type (list[str] | Unset):
        exclude_file_type (list[str] | Unset):
        status (ArrayTaskStatus | Unset): Status of an array task. DENIED is deprecated and used
            to mean RESOURCES_UNAVAILABLE. Open enum in the generated client: an unknown value parses
            to a member named UNKNOWN keeping the raw value.
        search (str | Unset):
        orderby (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArrayTaskData]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
        teamspace=teamspace,
        created_by=created_by,
        array=array,
        start=start,
        end=end,
        page=page,
        per_page=per_page,
        type_=type_,
        exclude_type=exclude_type,
        file_type=file_type,
        exclude_file_type=exclude_file_type,
        status=status,
        search=search,
        orderby=orderby,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
