from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_type import JobType
from ...types import UNSET, Response, status_of


def _get_kwargs(
    dataset_id: str,
    job_id: str,
    *,
    job_type: JobType,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_job_type = job_type.value
    params["jobType"] = json_job_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/gatewayv2/tensorbay-open-api/v1/datasets/{dataset_id}/jobs/{job_id}/abort".format(
            dataset_id=quote(str(dataset_id), safe=""),
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

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
    dataset_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    job_type: JobType,
) -> Response[Any]:
    """Abort a job that is still QUEUING or PROCESSING (it becomes ABORTED).

     Any other status answers 403 `Forbidden`. No request body.

    Args:
        dataset_id (str):
        job_id (str):
        job_type (JobType):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        job_id=job_id,
        job_type=job_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    dataset_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    job_type: JobType,
) -> Response[Any]:
    """Abort a job that is still QUEUING or PROCESSING (it becomes ABORTED).

     Any other status answers 403 `Forbidden`. No request body.

    Args:
        dataset_id (str):
        job_id (str):
        job_type (JobType):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        dataset_id=dataset_id,
        job_id=job_id,
        job_type=job_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
