from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_session_actions_response import ListSessionActionsResponse
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    farm_id: str,
    queue_id: str,
    job_id: str,
    *,
    next_token: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    session_id: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["nextToken"] = next_token

    params["maxResults"] = max_results

    params["sessionId"] = session_id

    params["taskId"] = task_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/2023-10-12/farms/{farm_id}/queues/{queue_id}/jobs/{job_id}/session-actions".format(
            farm_id=quote(str(farm_id), safe=""),
            queue_id=quote(str(queue_id), safe=""),
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListSessionActionsResponse | None:
    if response.status_code == 200:
        response_200 = ListSessionActionsResponse.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ListSessionActionsResponse]:
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
    *,
    client: AuthenticatedClient | Client,
    next_token: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    session_id: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
) -> Response[ListSessionActionsResponse]:
    """Lists the session actions of a job, a session or a task (ListSessionActions; token pagination).

    Args:
        farm_id (str):
        queue_id (str):
        job_id (str):
        next_token (str | Unset):
        max_results (int | Unset):
        session_id (str | Unset):
        task_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListSessionActionsResponse]
    """

    kwargs = _get_kwargs(
        farm_id=farm_id,
        queue_id=queue_id,
        job_id=job_id,
        next_token=next_token,
        max_results=max_results,
        session_id=session_id,
        task_id=task_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    farm_id: str,
    queue_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    next_token: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    session_id: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
) -> Response[ListSessionActionsResponse]:
    """Lists the session actions of a job, a session or a task (ListSessionActions; token pagination).

    Args:
        farm_id (str):
        queue_id (str):
        job_id (str):
        next_token (str | Unset):
        max_results (int | Unset):
        session_id (str | Unset):
        task_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListSessionActionsResponse]
    """

    kwargs = _get_kwargs(
        farm_id=farm_id,
        queue_id=queue_id,
        job_id=job_id,
        next_token=next_token,
        max_results=max_results,
        session_id=session_id,
        task_id=task_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
