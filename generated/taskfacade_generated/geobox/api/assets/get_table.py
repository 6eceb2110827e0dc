from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.response_format import ResponseFormat
from ...models.table import Table
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    uuid: str,
    *,
    f: ResponseFormat | Unset = UNSET,
    user_id: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_f: str | Unset = UNSET
    if not isinstance(f, Unset):
        json_f = f.value

    params["f"] = json_f

    params["user_id"] = user_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tables/{uuid}/".format(
            uuid=quote(str(uuid), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Table | None:
    if response.status_code == 200:
        response_200 = Table.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Table]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    uuid: str,
    *,
    client: AuthenticatedClient | Client,
    f: ResponseFormat | Unset = UNSET,
    user_id: int | Unset = UNSET,
) -> Response[Table]:
    """A table (result.table_uuid).

    Args:
        uuid (str):
        f (ResponseFormat | Unset): The `f` query parameter.
        user_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Table]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
        f=f,
        user_id=user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    uuid: str,
    *,
    client: AuthenticatedClient | Client,
    f: ResponseFormat | Unset = UNSET,
    user_id: int | Unset = UNSET,
) -> Response[Table]:
    """A table (result.table_uuid).

    Args:
        uuid (str):
        f (ResponseFormat | Unset): The `f` query parameter.
        user_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Table]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
        f=f,
        user_id=user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
