from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.basic_search_job_request import BasicSearchJobRequest
from ...models.created_job import CreatedJob
from ...models.squash_and_merge_job_request import SquashAndMergeJobRequest
from ...types import Response, status_of


def _get_kwargs(
    dataset_id: str,
    *,
    body: BasicSearchJobRequest | SquashAndMergeJobRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/gatewayv2/tensorbay-open-api/v1/datasets/{dataset_id}/jobs".format(
            dataset_id=quote(str(dataset_id), safe=""),
        ),
    }

    if isinstance(body, SquashAndMergeJobRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CreatedJob | None:
    if response.status_code == 200:
        response_200 = CreatedJob.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CreatedJob]:
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
    body: BasicSearchJobRequest | SquashAndMergeJobRequest,
) -> Response[CreatedJob]:
    """Create a squashAndMerge or basicSearch job; the type travels in the body (`jobType`).

     The answer carries only `jobId` and `createdAt`; the SDK stamps `status=QUEUING` locally. Fetch the
    job
    (`getJob`) for its real state.

    Args:
        dataset_id (str):
        body (BasicSearchJobRequest | SquashAndMergeJobRequest):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedJob]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    dataset_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BasicSearchJobRequest | SquashAndMergeJobRequest,
) -> Response[CreatedJob]:
    """Create a squashAndMerge or basicSearch job; the type travels in the body (`jobType`).

     The answer carries only `jobId` and `createdAt`; the SDK stamps `status=QUEUING` locally. Fetch the
    job
    (`getJob`) for its real state.

    Args:
        dataset_id (str):
        body (BasicSearchJobRequest | SquashAndMergeJobRequest):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedJob]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
