"""boto3-style paginators for the list operations (tasks, jobs, steps, sessions, session actions), one page
fetched at a time.

``client.get_paginator("list_tasks").paginate(farmId=..., ..., PaginationConfig={"MaxItems": 250, "PageSize": 50,
"StartingToken": token})`` behaves as botocore's: pages are the operations' dicts; ``MaxItems`` cuts the last
page and sets ``resume_token`` (botocore's own format, base64 JSON with ``boto_truncate_amount``, so tokens move
between the two); ``build_full_result()`` merges the pages; the same token twice raises ``PaginationError``.
``items()`` (not in botocore) streams the result items.

The paging rules are written once, as a flow (``_Flow``) that says which request to make next and which page to
hand out; ``PageIterator`` drives it with a client method, ``AsyncPageIterator`` (``async for page in ...``, as
aiobotocore's) with a coroutine method of ``taskfacade.deadline.aio``'s client.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from typing import Any, ClassVar

from .._errors import InvalidArgument, ResponseDecodeError, UnsupportedOperation
from ._validate import check_id, check_int, check_next_token, check_principal_id

__all__ = [
    "PAGINATED",
    "SEARCHES",
    "AsyncPageIterator",
    "AsyncPaginator",
    "PageIterator",
    "PaginationError",
    "Paginator",
]

#: operation -> (result key, required arguments, optional arguments)
PAGINATED: Mapping[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "list_tasks": ("tasks", ("farmId", "queueId", "jobId", "stepId"), ()),
    "list_jobs": ("jobs", ("farmId", "queueId"), ("principalId",)),
    "list_steps": ("steps", ("farmId", "queueId", "jobId"), ()),
    "list_sessions": ("sessions", ("farmId", "queueId", "jobId"), ()),
    "list_session_actions": ("sessionActions", ("farmId", "queueId", "jobId"), ("sessionId", "taskId")),
}
#: The search operations, paged by ``itemOffset`` -> ``nextItemOffset`` (taskfacade's addition: botocore has no
#: paginator for them). Their arguments are checked by the operation itself, before its first request.
SEARCHES: Mapping[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "search_tasks": ("tasks", ("farmId", "queueIds"), ("jobId", "filterExpressions", "sortExpressions")),
    "search_jobs": ("jobs", ("farmId", "queueIds"), ("filterExpressions", "sortExpressions")),
    "search_steps": ("steps", ("farmId", "queueIds"), ("jobId", "filterExpressions", "sortExpressions")),
}
_CONFIG_KEYS = ("MaxItems", "PageSize", "StartingToken")


class PaginationError(ResponseDecodeError):
    """The service sent the same pagination token twice (it would page forever)."""


def encode_token(token: Mapping[str, Any]) -> str:
    """botocore's resume token: base64 of the JSON dict."""
    return base64.b64encode(json.dumps(dict(token)).encode()).decode()


def _decode_starting_token(value: Any) -> tuple[str | None, int]:
    """A StartingToken as (service token, items to skip on the first page); a raw service token is accepted."""
    if not isinstance(value, str) or not value:
        raise InvalidArgument("PaginationConfig.StartingToken", value, "a resume_token or nextToken string")
    try:
        decoded = json.loads(base64.b64decode(value.encode(), validate=True))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return check_next_token("PaginationConfig.StartingToken", value), 0
    if not isinstance(decoded, dict) or not set(decoded) <= {"nextToken", "boto_truncate_amount"}:
        return check_next_token("PaginationConfig.StartingToken", value), 0
    token, skip = decoded.get("nextToken"), decoded.get("boto_truncate_amount", 0)
    if token is not None:
        check_next_token("PaginationConfig.StartingToken", token)
    return token, check_int("PaginationConfig.StartingToken (boto_truncate_amount)", skip, 0)


def _compile(expression: Any) -> Any:
    """``expression`` compiled by jmespath (imported only here: only ``search`` needs it)."""
    try:
        import jmespath
        import jmespath.exceptions
    except ImportError:
        raise UnsupportedOperation(
            "PageIterator.search needs the jmespath package: pip install 'taskfacade[jmespath]'"
        ) from None
    if not isinstance(expression, str):
        raise InvalidArgument("expression", expression, "a JMESPath expression string")
    try:
        return jmespath.compile(expression)
    except jmespath.exceptions.JMESPathError as error:
        raise InvalidArgument("expression", expression, f"a valid JMESPath expression ({error})") from None


def _offset(token: str | None) -> int:
    """A search paginator's token as the ``itemOffset`` to send (0 to start)."""
    if token is None:
        return 0
    accepted = "a resume_token of this search paginator"
    try:
        offset = int(token)
    except ValueError:
        raise InvalidArgument("PaginationConfig.StartingToken", token, accepted) from None
    if offset < 0:  # int() takes "-5": never send a negative itemOffset
        raise InvalidArgument("PaginationConfig.StartingToken", token, accepted)
    return offset


#: What a flow asks its driver: call the method with these kwargs (and send the answer back), or hand out a page.
_Ask = tuple[bool, Any]
#: A paging flow: yields ``(True, kwargs)`` for a request (sent its answer) or ``(False, page)`` for a page.
_Flow = Generator[_Ask, Any, None]


class Paginator:
    """``client.get_paginator(name)``: builds ``PageIterator``s."""

    _iterator: ClassVar[type[PageIterator]]

    def __init__(self, method: Callable[..., Any], operation_name: str) -> None:
        if not callable(method):
            raise InvalidArgument("method", method, "the client method to paginate")
        if not isinstance(operation_name, str) or (operation_name not in PAGINATED and operation_name not in SEARCHES):
            names = sorted([*PAGINATED, *SEARCHES])
            raise InvalidArgument("operation_name", operation_name, "one of " + ", ".join(names))
        self._method = method
        self._operation = operation_name
        self._by_offset = operation_name in SEARCHES
        table = SEARCHES if self._by_offset else PAGINATED
        self._result_key, self._required, self._optional = table[operation_name]

    @property
    def result_keys(self) -> list[str]:
        """The key of the items in each page (``tasks`` or ``jobs``)."""
        return [self._result_key]

    def paginate(self, **kwargs: Any) -> PageIterator:
        """Pages of the operation for ``kwargs`` (checked now, before any request) and ``PaginationConfig``."""
        config = kwargs.pop("PaginationConfig", None) or {}
        if not isinstance(config, Mapping) or not set(config) <= set(_CONFIG_KEYS):
            raise InvalidArgument("PaginationConfig", config, "a dict with MaxItems, PageSize and/or StartingToken")
        self._check_arguments(kwargs)
        max_items = config.get("MaxItems")
        page_size = config.get("PageSize")
        if max_items is not None:
            check_int("PaginationConfig.MaxItems", max_items, 1)
        if page_size is not None:
            check_int("PaginationConfig.PageSize", page_size, 1, 100)
        start = _decode_starting_token(config["StartingToken"]) if config.get("StartingToken") else (None, 0)
        iterator = self._iterator(self._method, self._result_key, kwargs, max_items, page_size, start)
        iterator._by_offset = self._by_offset
        return iterator

    def _check_arguments(self, kwargs: Mapping[str, Any]) -> None:
        accepted = (*self._required, *self._optional)
        for name, value in kwargs.items():
            if name not in accepted:
                raise InvalidArgument(name, value, f"an argument of {self._operation}: " + ", ".join(accepted))
            if name == "principalId":
                check_principal_id(value)
            elif not self._by_offset:
                check_id(name, value)
        missing = [name for name in self._required if name not in kwargs]
        if missing:
            raise InvalidArgument(missing[0], None, f"a value (required by {self._operation})")


class _Pages:
    """What both page iterators share: their arguments, and the paging rules as a flow (no I/O)."""

    def __init__(
        self,
        method: Callable[..., Any],
        result_key: str,
        kwargs: Mapping[str, Any],
        max_items: int | None,
        page_size: int | None,
        start: tuple[str | None, int],
    ) -> None:
        if not callable(method):
            raise InvalidArgument("method", method, "the client method to paginate")
        if not isinstance(result_key, str) or not result_key:
            raise InvalidArgument("result_key", result_key, "the key of the items in a page, e.g. 'tasks'")
        if not isinstance(kwargs, Mapping):
            raise InvalidArgument("kwargs", kwargs, "the operation's arguments (a dict)")
        for name, value in (("max_items", max_items), ("page_size", page_size)):
            if value is not None:
                check_int(name, value, 1)
        if not (isinstance(start, tuple) and len(start) == 2 and (start[0] is None or isinstance(start[0], str))):
            raise InvalidArgument("start", start, "(nextToken or None, items to skip)")
        check_int("start[1]", start[1], 0)
        self._method = method
        self._result_key = result_key
        self._kwargs = dict(kwargs)
        self._max_items = max_items
        self._page_size = page_size
        self._start = start
        self.resume_token: str | None = None
        #: True for the search operations: the token is an ``itemOffset`` (as a string), not a ``nextToken``.
        self._by_offset = False

    @property
    def result_keys(self) -> list[str]:
        """The key of the items in each page."""
        return [self._result_key]

    def _request(self, token: str | None) -> dict[str, Any]:
        kwargs = dict(self._kwargs)
        if self._by_offset:
            kwargs["itemOffset"] = _offset(token)
            if self._page_size is not None:
                kwargs["pageSize"] = self._page_size
            return kwargs
        if token is not None:
            kwargs["nextToken"] = token
        if self._page_size is not None:
            kwargs["maxResults"] = self._page_size
        return kwargs

    def _next_token(self, response: Mapping[str, Any]) -> str | None:
        """The token of the page after ``response``: its ``nextToken``, or a search's ``nextItemOffset``."""
        if self._by_offset:
            following = response.get("nextItemOffset")
            return None if following is None else str(following)
        return response.get("nextToken") or None

    def _flow(self) -> _Flow:
        """The pages, one request each; ``MaxItems`` cuts the last one and sets ``resume_token``."""
        self.resume_token = None
        token, skip = self._start
        seen = 0
        first = True
        while True:
            response = yield (True, self._request(token))
            next_token = self._next_token(response)
            if next_token is not None and next_token == token:
                what = "next item offset" if self._by_offset else "next token"
                raise PaginationError(f"the same {what} was received twice: {next_token!r}")
            offset = skip if first else 0
            items = list(response.get(self._result_key, []))[offset:]
            response[self._result_key] = items
            if self._max_items is not None and seen + len(items) > self._max_items:
                keep = self._max_items - seen
                response[self._result_key] = items[:keep]
                self.resume_token = encode_token({"nextToken": token, "boto_truncate_amount": keep + offset})
                yield (False, response)
                return
            seen += len(items)
            yield (False, response)
            if self._max_items is not None and seen == self._max_items and next_token is not None:
                self.resume_token = encode_token({"nextToken": next_token})
                return
            if next_token is None:
                return
            token, first = next_token, False

    def _full_result(self, items: list[Any]) -> dict[str, Any]:
        result: dict[str, Any] = {self._result_key: items}
        if self.resume_token is not None:
            result["NextToken"] = self.resume_token
        return result


class PageIterator(_Pages):
    """An iterable of pages (each the operation's dict); iterate it again to start over."""

    def __iter__(self) -> Iterator[dict[str, Any]]:
        flow = self._flow()
        try:
            call, value = next(flow)
            while True:
                if call:
                    call, value = flow.send(self._method(**value))
                else:
                    yield value
                    call, value = next(flow)
        except StopIteration:
            return
        finally:
            flow.close()

    def items(self) -> Iterator[dict[str, Any]]:
        """Every item of every page (honouring ``MaxItems``), streamed."""
        for page in self:
            yield from page[self._result_key]

    def search(self, expression: str) -> Iterator[Any]:
        """Apply a JMESPath ``expression`` to every page and yield the results, as botocore does.

        A list result is flattened (``search("tasks[].runStatus")`` yields each status) and a None result is
        skipped. Needs the ``jmespath`` package (the library botocore uses): ``pip install 'taskfacade[jmespath]'``.

        Raises:
            InvalidArgument: ``expression`` is not a JMESPath expression (nothing is fetched).
            UnsupportedOperation: ``jmespath`` is not installed.
        """
        compiled = _compile(expression)
        for page in self:
            yield from _found(compiled.search(page))

    def build_full_result(self) -> dict[str, Any]:
        """All items in one dict (``{"tasks": [...]}``), plus ``NextToken`` when ``MaxItems`` cut the listing."""
        return self._full_result(list(self.items()))


class AsyncPageIterator(_Pages):
    """The async twin of ``PageIterator`` (aiobotocore's): ``async for page in paginator.paginate(...)``; each
    ``async for`` starts over. ``items()`` and ``search()`` are async iterators, ``build_full_result()`` a
    coroutine."""

    _method: Callable[..., Awaitable[dict[str, Any]]]

    async def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        flow = self._flow()
        try:
            call, value = next(flow)
            while True:
                if call:
                    call, value = flow.send(await self._method(**value))
                else:
                    yield value
                    call, value = next(flow)
        except StopIteration:
            return
        finally:
            flow.close()

    async def items(self) -> AsyncIterator[dict[str, Any]]:
        """Every item of every page (honouring ``MaxItems``), streamed."""
        async for page in self:
            for item in page[self._result_key]:
                yield item

    async def search(self, expression: str) -> AsyncIterator[Any]:
        """``PageIterator.search``, page by page as they arrive."""
        compiled = _compile(expression)
        async for page in self:
            for found in _found(compiled.search(page)):
                yield found

    async def build_full_result(self) -> dict[str, Any]:
        """All items in one dict (``{"tasks": [...]}``), plus ``NextToken`` when ``MaxItems`` cut the listing."""
        return self._full_result([item async for item in self.items()])


class AsyncPaginator(Paginator):
    """``get_paginator(name)`` of the async client: builds ``AsyncPageIterator``s (arguments checked at once)."""

    _iterator = AsyncPageIterator  # type: ignore[assignment]

    def paginate(self, **kwargs: Any) -> AsyncPageIterator:  # type: ignore[override]
        """Pages of the operation for ``kwargs`` (checked now, before any request) and ``PaginationConfig``."""
        iterator = super().paginate(**kwargs)
        assert isinstance(iterator, AsyncPageIterator)
        return iterator


Paginator._iterator = PageIterator


def _found(result: Any) -> list[Any]:
    if isinstance(result, list):
        return result
    return [] if result is None else [result]
