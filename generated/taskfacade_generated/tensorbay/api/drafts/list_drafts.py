from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.draft_list import DraftList
from ...models.draft_status_filter import DraftStatusFilter
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    dataset_id: str,
    *,
    status: DraftStatusFilter | Unset = UNSET,
    branch_name: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["branchName"] = branch_name

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/gatewayv2/tensorbay-open-api/v1/datasets/{dataset_id}/drafts".format(
            dataset_id=quote(str(dataset_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DraftList | None:
    if response.status_code == 200:
        response_200 = DraftList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DraftList]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dataset_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: DraftStatusFilter | Unset = UNSET,
    branch_name: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[DraftList]:
    """List a dataset's drafts (the SDK looks up a squash-and-merge result here by `number`).

    Args:
        dataset_id (str):
        status (DraftStatusFilter | Unset):
        branch_name (str | Unset):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DraftList]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        status=status,
        branch_name=branch_name,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    dataset_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: DraftStatusFilter | Unset = UNSET,
    branch_name: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[DraftList]:
    """List a dataset's drafts (the SDK looks up a squash-and-merge result here by `number`).

    Args:
        dataset_id (str):
        status (DraftStatusFilter | Unset):
        branch_name (str | Unset):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DraftList]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        status=status,
        branch_name=branch_name,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
