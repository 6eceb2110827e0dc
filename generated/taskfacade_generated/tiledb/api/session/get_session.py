import datetime
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.token import Token
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    remember_me: str | Unset = UNSET,
    expires: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["remember_me"] = remember_me

    json_expires: str | Unset = UNSET
    if not isinstance(expires, Unset):
        json_expires = expires.isoformat()
    params["expires"] = json_expires

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/session",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Token | None:
    if response.status_code == 200:
        response_200 = Token.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Token]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    remember_me: str | Unset = UNSET,
    expires: datetime.datetime | Unset = UNSET,
) -> Response[Token]:
    """Create a session token (legacy login, called with Basic auth).

    Args:
        remember_me (str | Unset):
        expires (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Token]
    """

    kwargs = _get_kwargs(
        remember_me=remember_me,
        expires=expires,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    remember_me: str | Unset = UNSET,
    expires: datetime.datetime | Unset = UNSET,
) -> Response[Token]:
    """Create a session token (legacy login, called with Basic auth).

    Args:
        remember_me (str | Unset):
        expires (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Token]
    """

    kwargs = _get_kwargs(
        remember_me=remember_me,
        expires=expires,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
