from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.response_format import ResponseFormat
from ...models.task import Task
from ...models.task_count import TaskCount
from ...models.task_status import TaskStatus
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    f: ResponseFormat | Unset = UNSET,
    state: TaskStatus | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    search_fields: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    return_count: bool | Unset = False,
    skip: int | Unset = 0,
    limit: int | Unset = 10,
    user_id: int | Unset = UNSET,
    shared: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_f: str | Unset = UNSET
    if not isinstance(f, Unset):
        json_f = f.value

    params["f"] = json_f

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state

    params["q"] = q

    params["search"] = search

    params["search_fields"] = search_fields

    params["order_by"] = order_by

    params["return_count"] = return_count

    params["skip"] = skip

    params["limit"] = limit

    params["user_id"] = user_id

    params["shared"] = shared

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> int | list[Task] | TaskCount | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> int | list[Task] | TaskCount:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                response_200_type_0 = []
                _response_200_type_0 = data
                for response_200_type_0_item_data in _response_200_type_0:
                    response_200_type_0_item = Task.from_dict(response_200_type_0_item_data)

                    response_200_type_0.append(response_200_type_0_item)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_1 = TaskCount.from_dict(data)

                return response_200_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[Task] | TaskCount, data)

        response_200 = _parse_response_200(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[int | list[Task] | TaskCount]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    f: ResponseFormat | Unset = UNSET,
    state: TaskStatus | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    search_fields: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    return_count: bool | Unset = False,
    skip: int | Unset = 0,
    limit: int | Unset = 10,
    user_id: int | Unset = UNSET,
    shared: bool | Unset = False,
) -> Response[int | list[Task] | TaskCount]:
    """List tasks, or count them with return_count=True.

     Returns a bare JSON array of tasks (`skip`/`limit` page), or `{"count": N}` when `return_count` is
    true.
    Without `order_by` the newest tasks come first (created_at descending). `search` is ignored when `q`
    is
    set. Without `user_id`, only the caller's own tasks are listed (plus tasks shared with the caller
    when
    `shared` is true).

    Args:
        f (ResponseFormat | Unset): The `f` query parameter.
        state (TaskStatus | Unset): Task state (Celery-style). Final states are SUCCESS, FAILURE
            and ABORTED.
        q (str | Unset):
        search (str | Unset):
        search_fields (str | Unset):
        order_by (str | Unset):
        return_count (bool | Unset):  Default: False.
        skip (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10.
        user_id (int | Unset):
        shared (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[int | list[Task] | TaskCount]
    """

    kwargs = _get_kwargs(
        f=f,
        state=state,
        q=q,
        search=search,
        search_fields=search_fields,
        order_by=order_by,
        return_count=return_count,
        skip=skip,
        limit=limit,
        user_id=user_id,
        shared=shared,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    f: ResponseFormat | Unset = UNSET,
    state: TaskStatus | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    search_fields: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    return_count: bool | Unset = False,
    skip: int | Unset = 0,
    limit: int | Unset = 10,
    user_id: int | Unset = UNSET,
    shared: bool | Unset = False,
) -> Response[int | list[Task] | TaskCount]:
    """List tasks, or count them with return_count=True.

     Returns a bare JSON array of tasks (`skip`/`limit` page), or `{"count": N}` when `return_count` is
    true.
    Without `order_by` the newest tasks come first (created_at descending). `search` is ignored when `q`
    is
    set. Without `user_id`, only the caller's own tasks are listed (plus tasks shared with the caller
    when
    `shared` is true).

    Args:
        f (ResponseFormat | Unset): The `f` query parameter.
        state (TaskStatus | Unset): Task state (Celery-style). Final states are SUCCESS, FAILURE
            and ABORTED.
        q (str | Unset):
        search (str | Unset):
        search_fields (str | Unset):
        order_by (str | Unset):
        return_count (bool | Unset):  Default: False.
        skip (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10.
        user_id (int | Unset):
        shared (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the spec documents no such status below 400 and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[int | list[Task] | TaskCount]
    """

    kwargs = _get_kwargs(
        f=f,
        state=state,
        q=q,
        search=search,
        search_fields=search_fields,
        order_by=order_by,
        return_count=return_count,
        skip=skip,
        limit=limit,
        user_id=user_id,
        shared=shared,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
