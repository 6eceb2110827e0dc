from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_denied_exception import AccessDeniedException
from ...models.batch_get_step_request import BatchGetStepRequest
from ...models.batch_get_step_response import BatchGetStepResponse
from ...models.internal_server_error_exception import InternalServerErrorException
from ...models.throttling_exception import ThrottlingException
from ...models.validation_exception import ValidationException
from ...types import Response, status_of


def _get_kwargs(
    *,
    body: BatchGetStepRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/2023-10-12/batch-get-step",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AccessDeniedException
    | BatchGetStepResponse
    | InternalServerErrorException
    | ThrottlingException
    | ValidationException
    | None
):
    if response.status_code == 200:
        response_200 = BatchGetStepResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationException.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = AccessDeniedException.from_dict(response.json())

        return response_403

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
    | BatchGetStepResponse
    | InternalServerErrorException
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
    *,
    client: AuthenticatedClient | Client,
    body: BatchGetStepRequest,
) -> Response[
    AccessDeniedException
    | BatchGetStepResponse
    | InternalServerErrorException
    | ThrottlingException
    | ValidationException
]:
    """Gets up to 100 steps by their identifiers (BatchGetStep; per-item errors; read-only).

    Args:
        body (BatchGetStepRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessDeniedException | BatchGetStepResponse | InternalServerErrorException | ThrottlingException | ValidationException]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: BatchGetStepRequest,
) -> (
    AccessDeniedException
    | BatchGetStepResponse
    | InternalServerErrorException
    | ThrottlingException
    | ValidationException
    | None
):
    """Gets up to 100 steps by their identifiers (BatchGetStep; per-item errors; read-only).

    Args:
        body (BatchGetStepRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessDeniedException | BatchGetStepResponse | InternalServerErrorException | ThrottlingException | ValidationException
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BatchGetStepRequest,
) -> Response[
    AccessDeniedException
    | BatchGetStepResponse
    | InternalServerErrorException
    | ThrottlingException
    | ValidationException
]:
    """Gets up to 100 steps by their identifiers (BatchGetStep; per-item errors; read-only).

    Args:
        body (BatchGetStepRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessDeniedException | BatchGetStepResponse | InternalServerErrorException | ThrottlingException | ValidationException]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BatchGetStepRequest,
) -> (
    AccessDeniedException
    | BatchGetStepResponse
    | InternalServerErrorException
    | ThrottlingException
    | ValidationException
    | None
):
    """Gets up to 100 steps by their identifiers (BatchGetStep; per-item errors; read-only).

    Args:
        body (BatchGetStepRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessDeniedException | BatchGetStepResponse | InternalServerErrorException | ThrottlingException | ValidationException
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
