from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.update_task_request import UpdateTaskRequest
from ...models.update_task_response import UpdateTaskResponse
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    farm_id: str,
    queue_id: str,
    job_id: str,
    step_id: str,
    task_id: str,
    *,
    body: UpdateTaskRequest,
    x_amz_client_token: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_amz_client_token, Unset):
        headers["X-Amz-Client-Token"] = x_amz_client_token

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/2023-10-12/farms/{farm_id}/queues/{queue_id}/jobs/{job_id}/steps/{step_id}/tasks/{task_id}".format(
            farm_id=quote(str(farm_id), safe=""),
            queue_id=quote(str(queue_id), safe=""),
            job_id=quote(str(job_id), safe=""),
            step_id=quote(str(step_id), safe=""),
            task_id=quote(str(task_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UpdateTaskResponse | None:
    if response.status_code == 200:
        response_200 = UpdateTaskResponse.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[UpdateTaskResponse]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    farm_id: str,
    queue_id: str,
    job_id: str,
    step_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateTaskRequest,
    x_amz_client_token: str | Unset = UNSET,
) -> Response[UpdateTaskResponse]:
    """Updates a task's target run status (UpdateTask; idempotent by X-Amz-Client-Token).

    Args:
        farm_id (str):
        queue_id (str):
        job_id (str):
        step_id (str):
        task_id (str):
        x_amz_client_token (str | Unset):
        body (UpdateTaskRequest):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UpdateTaskResponse]
    """

    kwargs = _get_kwargs(
        farm_id=farm_id,
        queue_id=queue_id,
        job_id=job_id,
        step_id=step_id,
        task_id=task_id,
        body=body,
        x_amz_client_token=x_amz_client_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    farm_id: str,
    queue_id: str,
    job_id: str,
    step_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateTaskRequest,
    x_amz_client_token: str | Unset = UNSET,
) -> Response[UpdateTaskResponse]:
    """Updates a task's target run status (UpdateTask; idempotent by X-Amz-Client-Token).

    Args:
        farm_id (str):
        queue_id (str):
        job_id (str):
        step_id (str):
        task_id (str):
        x_amz_client_token (str | Unset):
        body (UpdateTaskRequest):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UpdateTaskResponse]
    """

    kwargs = _get_kwargs(
        farm_id=farm_id,
        queue_id=queue_id,
        job_id=job_id,
        step_id=step_id,
        task_id=task_id,
        body=body,
        x_amz_client_token=x_amz_client_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
