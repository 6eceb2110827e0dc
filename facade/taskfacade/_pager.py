"""Lazy pagination over any service's list endpoint: items, pages, ``len()``, indexing and slicing.

A service supplies one callback, ``fetch(PageRequest) -> Page[T]``, that turns a 0-based page index (and the
previous page's cursor, for token-paged APIs) into its wire request: ``page=index + 1`` for 1-based numbering,
``skip=index * limit`` for offsets, ``nextToken=cursor`` for tokens. Everything else lives here.

Two ways to read, by design:

- **Streaming** (``for item in pager``, ``pager.pages()``): pages are fetched one after another and dropped once
  consumed, so iterating 100,000 items holds one or two pages at a time. With ``prefetch=True`` the next page is
  fetched on a background thread while the current one is consumed.
- **Random access** (``pager[i]``, ``pager[a:b]``, ``len(pager)``): pages are fetched on demand and cached, so
  indexing never refetches a page the pager already holds. Streaming reuses cached pages but adds nothing to
  the cache.

Errors raised by ``fetch`` (on any page) propagate unchanged to the caller at the point the page is needed; a
service wraps them inside its callback when its SDK promises its own exception (TileDB ``TasksError``).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar, overload

import attrs

from ._check import check_bool, check_int
from ._errors import InvalidArgument, ResponseDecodeError

__all__ = ["Page", "PageRequest", "Pager"]

T = TypeVar("T")


def _count(value: Any) -> int | None:
    """A server-sent count as an int: accepts ints, integral floats (2.0) and digit strings; None stays None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ResponseDecodeError(f"a page count must be a number, got {value!r}")
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():  # not "²", a digit to str
        return int(value)
    if isinstance(value, int):
        if value < 0:
            raise ResponseDecodeError(f"a page count must be >= 0, got {value!r}")
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and value >= 0:
        return int(value)
    raise ResponseDecodeError(f"a page count must be a whole number >= 0, got {value!r}")


@attrs.frozen
class PageRequest:
    """What ``fetch`` is asked for.

    Attributes:
        index: 0-based page index within this pager.
        cursor: the previous page's ``next_cursor`` when fetching sequentially, else None (first page, or a
            random-access jump on a pager built with ``page_size``).
    """

    index: int = attrs.field(validator=lambda _i, a, v: check_int(a.name, v, 0))
    cursor: Any = None


@attrs.frozen
class Page(Generic[T]):
    """One page as the service returned it, already converted to facade items.

    Attributes:
        items: the page's items.
        total_items: the server's total across all pages, if it reports one.
        total_pages: the server's page count, if it reports one (floats such as 2.0 are accepted).
        next_cursor: what the next page's request needs (a token), if the API is cursor-paged.
        has_more: the server's explicit "more pages" flag, if it has one; it overrides every other end test.
    """

    items: Sequence[T]
    total_items: int | None = attrs.field(default=None, converter=_count)
    total_pages: int | None = attrs.field(default=None, converter=_count)
    next_cursor: Any = None
    has_more: bool | None = None


class Pager(Generic[T]):
    """A lazy sequence of items spread over pages.

    Args:
        fetch: ``fetch(PageRequest) -> Page[T]``; called once per page needed (from a background thread when
            prefetching, so it must be thread-safe; the transport is).
        page_size: when given, every page but the last holds exactly this many items and pages can be fetched
            by index alone, so ``pager[i]`` fetches only page ``i // page_size``. Leave it None for cursor-paged
            APIs: pages are then fetched in order.
        cursor_paged: pages are linked by ``next_cursor`` (a token API): page ``i + 1`` is requested with page
            ``i``'s cursor, and a page without one is the last.
        prefetch: fetch the next page in a background thread while the current one is consumed (streaming only).

    End of the listing: ``has_more`` when the server sends it; otherwise an empty page, no ``next_cursor`` (cursor
    paging), the last of ``total_pages``, ``total_items`` reached, or a short page (with ``page_size``).
    """

    def __init__(
        self,
        fetch: Callable[[PageRequest], Page[T]],
        *,
        page_size: int | None = None,
        cursor_paged: bool = False,
        prefetch: bool = False,
    ) -> None:
        if not callable(fetch):
            raise InvalidArgument("fetch", fetch, "a function PageRequest -> Page")
        if page_size is not None:
            check_int("page_size", page_size, 1)
        check_bool("cursor_paged", cursor_paged)
        check_bool("prefetch", prefetch)
        if cursor_paged and page_size is not None:
            raise InvalidArgument("page_size", page_size, "None for a cursor-paged listing (pages cannot be jumped to)")
        self._fetch = fetch
        self._page_size = page_size
        self._cursor_paged = cursor_paged
        self._prefetch = prefetch
        self._cache: dict[int, Page[T]] = {}
        self._lock = threading.RLock()
        self._total: int | None = None

    # -- streaming ---------------------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[T]:
        """Every item, page after page, without caching (see the module docstring)."""
        for page in self.pages():
            yield from page.items

    def pages(self) -> Iterator[Page[T]]:
        """Every page in order, streamed (cached pages are reused, new ones are not kept)."""
        executor = ThreadPoolExecutor(1, thread_name_prefix="taskfacade-prefetch") if self._prefetch else None
        try:
            index, cursor, seen = 0, None, 0
            pending: Future[Page[T]] | None = None
            while True:
                page = pending.result() if pending is not None else self._get(index, cursor, keep=False)
                pending = None
                seen += len(page.items)
                if self._is_last(index, page, seen):
                    yield page
                    return
                index, cursor = index + 1, page.next_cursor
                if executor is not None and index not in self._cache:
                    pending = executor.submit(self._get, index, cursor, False)
                yield page
        finally:
            if executor is not None:
                executor.shutdown(wait=False, cancel_futures=True)

    # -- random access ------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        """The total number of items: the server's total when it reports one, else counted (fetching every page)."""
        total = self._known_total()
        if total is not None:
            return total
        with self._lock:
            index, counted = 0, 0
            while True:
                page = self._cached_in_order(index)
                counted += len(page.items)
                if self._is_last(index, page, counted):
                    self._total = counted
                    return counted
                index += 1

    @overload
    def __getitem__(self, key: int) -> T: ...

    @overload
    def __getitem__(self, key: slice) -> list[T]: ...

    def __getitem__(self, key: int | slice) -> T | list[T]:
        """Item ``key`` (negative counts from the end, using ``len``), or a list for a slice."""
        if isinstance(key, slice):
            return self._slice(key)
        if not isinstance(key, int) or isinstance(key, bool):
            raise InvalidArgument("index", key, "an int or a slice")
        if key < 0:
            key += len(self)
            if key < 0:
                raise IndexError("pager index out of range")
        return self._item(key)

    def __bool__(self) -> bool:
        try:
            self._item(0)
        except IndexError:
            return False
        return True

    def __repr__(self) -> str:
        total = "?" if self._total is None else str(self._total)
        return f"<Pager items={total} pages_cached={len(self._cache)}>"

    # -- internals ---------------------------------------------------------------------------------------------

    def _get(self, index: int, cursor: Any, keep: bool) -> Page[T]:
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        page = self._fetch(PageRequest(index, cursor))
        if not isinstance(page, Page):
            raise TypeError(f"the fetch callback must return a Page, got {type(page).__name__}")
        if page.total_items is not None:
            self._total = page.total_items
        if keep:
            with self._lock:
                self._cache[index] = page
        return page

    def _is_last(self, index: int, page: Page[T], seen: int) -> bool:
        if page.has_more is not None:
            return not page.has_more
        if self._cursor_paged:
            return page.next_cursor is None
        if not page.items:
            return True
        if page.total_pages is not None:
            return index + 1 >= page.total_pages
        if page.total_items is not None:
            return seen >= page.total_items
        if self._page_size is not None:
            return len(page.items) < self._page_size
        return False

    def _known_total(self) -> int | None:
        if self._total is None:
            with self._lock:
                self._cached_in_order(0)
        return self._total

    def _cached_in_order(self, index: int) -> Page[T]:
        """Page ``index``, fetching (and caching) every page before it that is missing, in order."""
        with self._lock:
            for i in range(index + 1):
                if i not in self._cache:
                    cursor = self._cache[i - 1].next_cursor if i > 0 else None
                    self._get(i, cursor, keep=True)
            return self._cache[index]

    def _item(self, position: int) -> T:
        with self._lock:
            if self._page_size is not None:
                return self._item_by_page_size(position)
            index, start = 0, 0
            while True:
                page = self._cached_in_order(index)
                if position < start + len(page.items):
                    return page.items[position - start]
                start += len(page.items)
                if self._is_last(index, page, start):
                    raise IndexError("pager index out of range")
                index += 1

    def _item_by_page_size(self, position: int) -> T:
        assert self._page_size is not None
        index, offset = divmod(position, self._page_size)
        total = self._known_total()
        if total is not None and position >= total:
            raise IndexError("pager index out of range")
        page = self._get(index, None, keep=True)
        if offset >= len(page.items):
            raise IndexError("pager index out of range")
        return page.items[offset]

    def _slice(self, key: slice) -> list[T]:
        start, stop, step = key.start, key.stop, key.step
        if step == 0:
            raise InvalidArgument("slice step", 0, "a non-zero int")
        if all(v is None or (isinstance(v, int) and v >= 0) for v in (start, stop)) and (step or 1) > 0:
            if stop is None:
                stop = len(self)
            out: list[T] = []
            for position in range(start or 0, stop, step or 1):
                try:
                    out.append(self._item(position))
                except IndexError:
                    break
            return out
        return [self._item(i) for i in range(*key.indices(len(self)))]
