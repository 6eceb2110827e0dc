from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_dataset_from_search_result_request import (
    CreateDatasetFromSearchResultRequest,
)
from ...types import Response, status_of


def _get_kwargs(
    job_id: str,
    *,
    body: CreateDatasetFromSearchResultRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/gatewayv2/tensorbay-open-api/v1/searchResults/{job_id}/datasets".format(
            job_id=quote(str(job_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | None:
    if response.status_code == 200:
        return None

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateDatasetFromSearchResultRequest,
) -> Response[Any]:
    """Create a new dataset from a SUCCESS basicSearch job's result (no dataset prefix in the path).

     `BasicSearchJob.create_dataset(name, alias="", is_public=False)`. The path carries the search job's
    id
    (SDK 1.24); older SDKs put the result's `searchResultId` there. A name already taken answers 409
    `NameConflict`; a basicSearch job that is not SUCCESS yet answers 403 `Forbidden`.

    Args:
        job_id (str):
        body (CreateDatasetFromSearchResultRequest):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateDatasetFromSearchResultRequest,
) -> Response[Any]:
    """Create a new dataset from a SUCCESS basicSearch job's result (no dataset prefix in the path).

     `BasicSearchJob.create_dataset(name, alias="", is_public=False)`. The path carries the search job's
    id
    (SDK 1.24); older SDKs put the result's `searchResultId` there. A name already taken answers 409
    `NameConflict`; a basicSearch job that is not SUCCESS yet answers 403 `Forbidden`.

    Args:
        job_id (str):
        body (CreateDatasetFromSearchResultRequest):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
