"""Async twins of the TileDB pagers: awaitable (the first page) and ``async for``-able (every item from there on).

::

    pager = await aio.tasks.fetch_tasks(status="RUNNING", client=client)   # first page fetched
    print(pager.pagination_metadata.total_items, len(pager.array_tasks))
    async for task in pager:                                               # first page reused, then the rest
        ...
    async for page in aio.tasks.fetch_tasks(client=client).pages():        # whole pages (core ``Page``)
        ...

Pages load through the same loaders as the sync pagers (the shared steps of ``_tasks.py``/``_browse.py``), and
end by the same rule (``is_last_page``), so both twins make the same requests for the same listing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import Any, Generic, Self, TypeVar

from ..._check import check_int
from ..._errors import InvalidArgument
from ..._pager import Page
from .._pager import WirePage, as_page, is_last_page

__all__ = ["AsyncArrayPager", "AsyncGroupPager", "AsyncTaskPager", "AsyncTileDBPager"]

T = TypeVar("T")


class AsyncTileDBPager(Generic[T]):
    """A lazy async listing starting at the caller's 1-based ``page`` (the twin of ``TileDBPager``).

    ``await pager`` fetches the first page (once) and returns the pager, whose ``response``, ``data`` and
    ``pagination_metadata`` then describe that page; ``async for item in pager`` streams every item from that
    page on; ``pager.pages()`` streams whole pages; ``await pager.call_page(p)`` moves the current page.

    Args:
        load: ``await load(wire_page) -> WirePage``; raises the service module's errors.
        page: the caller's first page, 1-based.
        wire_base: the wire number of page 1 (0 for the task listing, 1 for the browsers).
    """

    def __init__(self, load: Callable[[int], Awaitable[WirePage[T]]], *, page: int = 1, wire_base: int = 1) -> None:
        if not callable(load):
            raise InvalidArgument("load", load, "a coroutine function wire page number -> page")
        check_int("page", page, 1)
        check_int("wire_base", wire_base, 0, 1)
        self._load = load
        self._wire_base = wire_base
        self._wire_first = wire_base + page - 1
        self._page_asked = page
        self._first: WirePage[T] | None = None
        self._current: WirePage[T] | None = None
        #: The current page, 1-based (the vendor pager's ``page``).
        self.page = page

    # -- awaiting: the first page ------------------------------------------------------------------------------

    async def _fetch_first(self) -> Self:
        if self._first is None:
            self._first = await self._load(self._wire_first)
        return self

    def __await__(self) -> Generator[Any, None, Self]:
        return self._fetch_first().__await__()

    # -- streaming ---------------------------------------------------------------------------------------------

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Every page from the first one asked for, in order (the first page is reused once fetched)."""
        index, seen = 0, 0
        while True:
            if index == 0:
                await self._fetch_first()
                assert self._first is not None
                loaded = self._first
            else:
                loaded = await self._load(self._wire_first + index)
            page = as_page(loaded, skipped_pages=self._page_asked - 1)
            seen += len(page.items)
            last = is_last_page(index, page, seen)
            yield page
            if last:
                return
            index += 1

    # -- the current page (no I/O) -----------------------------------------------------------------------------

    def _now(self) -> WirePage[T]:
        current = self._current if self._current is not None else self._first
        if current is None:
            raise RuntimeError(f"{type(self).__name__}: await the pager (or call_page) before reading its page")
        return current

    @property
    def response(self) -> Any:
        """The current page's generated response model (after ``await pager`` or ``await call_page``)."""
        return self._now().response

    @property
    def data(self) -> list[T]:
        """The current page's items."""
        return list(self._now().items)

    @property
    def pagination_metadata(self) -> Any:
        """The current page's ``PaginationMetadata`` as the server sent it (None when it sent none)."""
        return self._now().metadata

    async def call_page(self, page: int) -> Any:
        """Fetch page ``page`` (1-based), make it the current page and return its response model."""
        check_int("page", page, 1)
        loaded = await self._load(self._wire_base + page - 1)
        self._current, self.page = loaded, page
        return loaded.response

    def __repr__(self) -> str:
        return f"<{type(self).__name__} from page {self._page_asked}>"


class AsyncTaskPager(AsyncTileDBPager[T]):
    """The async task listing (``aio.tasks.fetch_tasks``): a pager of ``AsyncTileDBTask``.

    ``await pager.func(page=wire_page, **pager.kwargs)`` fetches one page's ``ArrayTaskData`` (``page`` 0-based,
    as the task endpoint counts), as the vendor pager's ``func`` does in sync.
    """

    def __init__(
        self,
        load: Callable[[int], Awaitable[WirePage[T]]],
        *,
        page: int = 1,
        wire_base: int = 1,
        func: Callable[..., Awaitable[Any]] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(load, page=page, wire_base=wire_base)

        async def by_wire_page(*_args: Any, page: int, **_kwargs: Any) -> Any:
            return (await load(page)).response

        #: ``await func(*args, page=wire_page, **kwargs)`` -> one page's response model.
        self.func = func if func is not None else by_wire_page
        self.args: tuple[Any, ...] = ()
        #: The listing's wire parameters for ``func``.
        self.kwargs: dict[str, Any] = dict(kwargs or {})

    @property
    def array_tasks(self) -> list[T]:
        """The current page's tasks."""
        return self.data


class AsyncArrayPager(AsyncTileDBPager[T]):
    """An async array browser listing: a pager of generated ``ArrayInfo``."""

    @property
    def arrays(self) -> list[T]:
        """The current page's arrays."""
        return self.data


class AsyncGroupPager(AsyncTileDBPager[T]):
    """An async group browser listing: a pager of generated ``GroupInfo``."""

    @property
    def groups(self) -> list[T]:
        """The current page's groups."""
        return self.data
