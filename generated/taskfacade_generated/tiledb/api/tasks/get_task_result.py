from io import BytesIO
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, File, Response, Unset, status_of


def _get_kwargs(
    workspace: str,
    id: UUID,
    *,
    accept_encoding: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_encoding, Unset):
        headers["Accept-Encoding"] = accept_encoding

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/task/{workspace}/{id}/result".format(
            workspace=quote(str(workspace), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | File]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace: str,
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    accept_encoding: str | Unset = UNSET,
) -> Response[Any | File]:
    """Fetch the stored result of a finished SQL/UDF task, in the format named by Content-Type.

     200 carries the raw result; decode it by the Content-Type (text before `;`): Arrow IPC stream,
    octet-stream bytes, JSON, pickled Python ("native"; never unpickle unless the caller opts in) or
    TileDB-JSON (JSON whose `__tdbudf__` sentinels embed other codecs). The generated client exposes the
    body as raw bytes; the facade dispatches on the Content-Type header.

    Args:
        workspace (str):
        id (UUID):
        accept_encoding (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
        id=id,
        accept_encoding=accept_encoding,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    workspace: str,
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    accept_encoding: str | Unset = UNSET,
) -> Response[Any | File]:
    """Fetch the stored result of a finished SQL/UDF task, in the format named by Content-Type.

     200 carries the raw result; decode it by the Content-Type (text before `;`): Arrow IPC stream,
    octet-stream bytes, JSON, pickled Python ("native"; never unpickle unless the caller opts in) or
    TileDB-JSON (JSON whose `__tdbudf__` sentinels embed other codecs). The generated client exposes the
    body as raw bytes; the facade dispatches on the Content-Type header.

    Args:
        workspace (str):
        id (UUID):
        accept_encoding (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File]
    """

    kwargs = _get_kwargs(
        workspace=workspace,
        id=id,
        accept_encoding=accept_encoding,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
