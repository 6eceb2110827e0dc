from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_dataset_from_search_result_request import (
    CreateDatasetFromSearchResultRequest,
)
from ...models.error import Error
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


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
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
) -> Response[Any | Error]:
    """Create a new dataset from a SUCCESS basicSearch job's result (no dataset prefix in the path).

     `BasicSearchJob.create_dataset(name, alias="", is_public=False)`. The path carries the search job's
    id
    (SDK 1.24); older SDKs put the result's `searchResultId` there. A name already taken answers 409
    `NameConflict`; a basicSearch job that is not SUCCESS yet answers 403 `Forbidden`.

    Args:
        job_id (str):
        body (CreateDatasetFromSearchResultRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateDatasetFromSearchResultRequest,
) -> Any | Error | None:
    """Create a new dataset from a SUCCESS basicSearch job's result (no dataset prefix in the path).

     `BasicSearchJob.create_dataset(name, alias="", is_public=False)`. The path carries the search job's
    id
    (SDK 1.24); older SDKs put the result's `searchResultId` there. A name already taken answers 409
    `NameConflict`; a basicSearch job that is not SUCCESS yet answers 403 `Forbidden`.

    Args:
        job_id (str):
        body (CreateDatasetFromSearchResultRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateDatasetFromSearchResultRequest,
) -> Response[Any | Error]:
    """Create a new dataset from a SUCCESS basicSearch job's result (no dataset prefix in the path).

     `BasicSearchJob.create_dataset(name, alias="", is_public=False)`. The path carries the search job's
    id
    (SDK 1.24); older SDKs put the result's `searchResultId` there. A name already taken answers 409
    `NameConflict`; a basicSearch job that is not SUCCESS yet answers 403 `Forbidden`.

    Args:
        job_id (str):
        body (CreateDatasetFromSearchResultRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateDatasetFromSearchResultRequest,
) -> Any | Error | None:
    """Create a new dataset from a SUCCESS basicSearch job's result (no dataset prefix in the path).

     `BasicSearchJob.create_dataset(name, alias="", is_public=False)`. The path carries the search job's
    id
    (SDK 1.24); older SDKs put the result's `searchResultId` there. A name already taken answers 409
    `NameConflict`; a basicSearch job that is not SUCCESS yet answers 403 `Forbidden`.

    Args:
        job_id (str):
        body (CreateDatasetFromSearchResultRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
            body=body,
        )
    ).parsed
