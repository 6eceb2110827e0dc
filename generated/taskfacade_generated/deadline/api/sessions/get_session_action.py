from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_denied_exception import AccessDeniedException
from ...models.get_session_action_response import GetSessionActionResponse
from ...models.internal_server_error_exception import InternalServerErrorException
from ...models.resource_not_found_exception import ResourceNotFoundException
from ...models.throttling_exception import ThrottlingException
from ...models.validation_exception import ValidationException
from ...types import Response, status_of


def _get_kwargs(
    farm_id: str,
    queue_id: str,
    job_id: str,
    session_action_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/2023-10-12/farms/{farm_id}/queues/{queue_id}/jobs/{job_id}/session-actions/{session_action_id}".format(
            farm_id=quote(str(farm_id), safe=""),
            queue_id=quote(str(queue_id), safe=""),
            job_id=quote(str(job_id), safe=""),
            session_action_id=quote(str(session_action_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AccessDeniedException
    | GetSessionActionResponse
    | InternalServerErrorException
    | ResourceNotFoundException
    | ThrottlingException
    | ValidationException
    | None
):
    if response.status_code == 200:
        response_200 = GetSessionActionResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationException.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = AccessDeniedException.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ResourceNotFoundException.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ThrottlingException.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = InternalServerErrorException.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    AccessDeniedException
    | GetSessionActionResponse
    | InternalServerErrorException
    | ResourceNotFoundException
    | ThrottlingException
    | ValidationException
]:
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
    session_action_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    AccessDeniedException
    | GetSessionActionResponse
    | InternalServerErrorException
    | ResourceNotFoundException
    | ThrottlingException
    | ValidationException
]:
    """Gets a session action (GetSessionAction).

    Args:
        farm_id (str):
        queue_id (str):
        job_id (str):
        session_action_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessDeniedException | GetSessionActionResponse | InternalServerErrorException | ResourceNotFoundException | ThrottlingException | ValidationException]
    """

    kwargs = _get_kwargs(
        farm_id=farm_id,
        queue_id=queue_id,
        job_id=job_id,
        session_action_id=session_action_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    farm_id: str,
    queue_id: str,
    job_id: str,
    session_action_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    AccessDeniedException
    | GetSessionActionResponse
    | InternalServerErrorException
    | ResourceNotFoundException
    | ThrottlingException
    | ValidationException
    | None
):
    """Gets a session action (GetSessionAction).

    Args:
        farm_id (str):
        queue_id (str):
        job_id (str):
        session_action_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessDeniedException | GetSessionActionResponse | InternalServerErrorException | ResourceNotFoundException | ThrottlingException | ValidationException
    """

    return sync_detailed(
        farm_id=farm_id,
        queue_id=queue_id,
        job_id=job_id,
        session_action_id=session_action_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    farm_id: str,
    queue_id: str,
    job_id: str,
    session_action_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    AccessDeniedException
    | GetSessionActionResponse
    | InternalServerErrorException
    | ResourceNotFoundException
    | ThrottlingException
    | ValidationException
]:
    """Gets a session action (GetSessionAction).

    Args:
        farm_id (str):
        queue_id (str):
        job_id (str):
        session_action_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessDeniedException | GetSessionActionResponse | InternalServerErrorException | ResourceNotFoundException | ThrottlingException | ValidationException]
    """

    kwargs = _get_kwargs(
        farm_id=farm_id,
        queue_id=queue_id,
        job_id=job_id,
        session_action_id=session_action_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    farm_id: str,
    queue_id: str,
    job_id: str,
    session_action_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    AccessDeniedException
    | GetSessionActionResponse
    | InternalServerErrorException
    | ResourceNotFoundException
    | ThrottlingException
    | ValidationException
    | None
):
    """Gets a session action (GetSessionAction).

    Args:
        farm_id (str):
        queue_id (str):
        job_id (str):
        session_action_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessDeniedException | GetSessionActionResponse | InternalServerErrorException | ResourceNotFoundException | ThrottlingException | ValidationException
    """

    return (
        await asyncio_detailed(
            farm_id=farm_id,
            queue_id=queue_id,
            job_id=job_id,
            session_action_id=session_action_id,
            client=client,
        )
    ).parsed
