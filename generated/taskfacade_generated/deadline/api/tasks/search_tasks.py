from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.search_tasks_request import SearchTasksRequest
from ...models.search_tasks_response import SearchTasksResponse
from ...types import Response, status_of


def _get_kwargs(
    farm_id: str,
    *,
    body: SearchTasksRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/2023-10-12/farms/{farm_id}/search/tasks".format(
            farm_id=quote(str(farm_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> SearchTasksResponse | None:
    if response.status_code == 200:
        response_200 = SearchTasksResponse.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[SearchTasksResponse]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    farm_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SearchTasksRequest,
) -> Response[SearchTasksResponse]:
    """Searches the tasks of one or more queues (SearchTasks; offset pagination; read-only).

    Args:
        farm_id (str):
        body (SearchTasksRequest):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SearchTasksResponse]
    """

    kwargs = _get_kwargs(
        farm_id=farm_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    farm_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SearchTasksRequest,
) -> Response[SearchTasksResponse]:
    """Searches the tasks of one or more queues (SearchTasks; offset pagination; read-only).

    Args:
        farm_id (str):
        body (SearchTasksRequest):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SearchTasksResponse]
    """

    kwargs = _get_kwargs(
        farm_id=farm_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
