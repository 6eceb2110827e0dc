"""TileDB listings as core ``Pager``s, with the vendor pager's attributes (``response``, ``page``, ``data``,
``pagination_metadata``, ``call_page``) so code written against tiledb-client keeps working.

The wire's page numbering (0-based for tasks, 1-based for the browsers), float page counts and a missing
``array_tasks`` key are handled in one place: a loader returns one wire page as (response model, items,
pagination metadata), and ``TileDBPager`` turns it into core ``Page``s whose totals count from the first page
the caller asked for. ``call_page(p)`` moves the vendor attributes (``response``, ``data``, ``page``...) to page
``p``, as the vendor's pager does.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import attrs

from .._check import check_int
from .._errors import InvalidArgument, ResponseDecodeError
from .._pager import Page, Pager, PageRequest
from .._steps import Steps

__all__ = [
    "ArrayPager",
    "GroupPager",
    "TaskPager",
    "TileDBPager",
    "WirePage",
    "as_page",
    "each_page_steps",
    "is_last_page",
]

T = TypeVar("T")


@attrs.frozen
class WirePage(Generic[T]):
    """One page as a loader returns it.

    Attributes:
        response: the generated response model (``ArrayTaskData``, ``ArrayBrowserData``, ``GroupBrowserData``).
        items: the page's items, already converted.
        metadata: the generated ``PaginationMetadata`` (or None when the server sent none).
    """

    response: Any
    items: Sequence[T]
    metadata: Any = None


def _whole(value: Any) -> int | None:
    """A server count as an int (``2.0`` -> 2), None when absent or not a whole number >= 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
        return None
    return int(value) if value >= 0 else None


class TileDBPager(Pager[T]):
    """A lazy listing starting at the caller's 1-based ``page``.

    Iterate it for every item from that page on, call ``pages()`` for whole pages, ``len()`` for the count from
    that page on (the server's total), index or slice it (pages fetched for that are cached).

    Args:
        load: ``load(wire_page) -> WirePage``; raises the service module's errors.
        page: the caller's first page, 1-based.
        wire_base: the wire number of page 1 (0 for the task listing, 1 for the browsers).
        prefetch: fetch the next page in the background while the current one is consumed.
    """

    def __init__(
        self, load: Callable[[int], WirePage[T]], *, page: int = 1, wire_base: int = 1, prefetch: bool = False
    ) -> None:
        if not callable(load):
            raise InvalidArgument("load", load, "a function wire page number -> page")
        check_int("page", page, 1)
        check_int("wire_base", wire_base, 0, 1)
        super().__init__(self._load_index, prefetch=prefetch)
        self._tiledb_load = load
        self._tiledb_wire_first = wire_base + page - 1
        self._tiledb_wire_base = wire_base
        self._tiledb_first: WirePage[T] | None = None
        self._tiledb_current: WirePage[T] | None = None
        self._tiledb_page_asked = page
        #: The current page, 1-based: the first page asked for, or the last one ``call_page`` fetched (the vendor
        #: pager's ``page``).
        self.page = page

    def _load_index(self, request: PageRequest) -> Page[T]:
        wire = self._tiledb_wire_first + request.index
        loaded = self._tiledb_load(wire)
        if request.index == 0:
            self._tiledb_first = loaded
        return as_page(loaded, skipped_pages=self._tiledb_page_asked - 1)

    def _current(self) -> WirePage[T]:
        if self._tiledb_current is not None:
            return self._tiledb_current
        if self._tiledb_first is None:
            bool(self)  # fetches (and caches) the first page only
        assert self._tiledb_first is not None
        return self._tiledb_first

    @property
    def response(self) -> Any:
        """The current page's generated response model (the first page asked for, fetched on first access,
        or the last one ``call_page`` fetched)."""
        return self._current().response

    @property
    def data(self) -> list[T]:
        """The current page's items."""
        return list(self._current().items)

    @property
    def pagination_metadata(self) -> Any:
        """The current page's ``PaginationMetadata`` as the server sent it (None when it sent none)."""
        return self._current().metadata

    def call_page(self, page: int) -> Any:
        """Fetch page ``page`` (1-based, like ``page=``), make it the current page and return its response model.

        As in the vendor's pager, ``response``, ``data``, ``pagination_metadata`` (and ``array_tasks``...) then
        describe that page and ``page`` is its number; iterating, indexing and ``len()`` still start from the
        page the listing was asked for.
        """
        check_int("page", page, 1)
        loaded = self._tiledb_load(self._tiledb_wire_base + page - 1)
        self._tiledb_current, self.page = loaded, page
        return loaded.response

    def __repr__(self) -> str:
        return f"<{type(self).__name__} from page {self._tiledb_page_asked}>"


def as_page(loaded: WirePage[T], *, skipped_pages: int) -> Page[T]:
    meta = loaded.metadata
    total_items = _whole(getattr(meta, "total_items", None))
    total_pages = _whole(getattr(meta, "total_pages", None))
    per_page = _whole(getattr(meta, "per_page", None))
    if skipped_pages:
        total_pages = None if total_pages is None else max(total_pages - skipped_pages, 0)
        total_items = None if total_items is None or not per_page else max(total_items - skipped_pages * per_page, 0)
    try:
        return Page(list(loaded.items), total_items=total_items, total_pages=total_pages)
    except (TypeError, ValueError) as exc:  # pragma: no cover - _whole already filtered the counts
        raise ResponseDecodeError(f"bad pagination metadata: {exc}") from exc


class TaskPager(TileDBPager[T]):
    """The task listing (``fetch_tasks``): a pager of ``TileDBTask`` (the vendor's ``ArrayTaskPager``).

    Besides the pager attributes it keeps the vendor's ``func``, ``args`` and ``kwargs``:
    ``func(*args, page=wire_page, **kwargs)`` fetches one page of this listing (``page`` 0-based, as the task
    endpoint counts) and returns its response model.
    """

    def __init__(
        self,
        load: Callable[[int], WirePage[T]],
        *,
        page: int = 1,
        wire_base: int = 1,
        prefetch: bool = False,
        func: Callable[..., Any] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(load, page=page, wire_base=wire_base, prefetch=prefetch)
        #: ``func(*args, page=wire_page, **kwargs)`` -> one page's response model (the vendor pager's ``func``).
        self.func = func if func is not None else (lambda *_args, page, **_kwargs: load(page).response)
        #: Positional arguments for ``func`` (none here: the client knows its workspace).
        self.args: tuple[Any, ...] = ()
        #: The listing's wire parameters for ``func``.
        self.kwargs: dict[str, Any] = dict(kwargs or {})

    @property
    def array_tasks(self) -> list[T]:
        """The current page's tasks (what the vendor's ``ArrayTaskPager.array_tasks`` holds)."""
        return self.data


class ArrayPager(TileDBPager[T]):
    """An array browser listing: a pager of generated ``ArrayInfo``."""

    @property
    def arrays(self) -> list[T]:
        """The first page's arrays (what the vendor's ``ArrayBrowserData.arrays`` held)."""
        return self.data


class GroupPager(TileDBPager[T]):
    """A group browser listing: a pager of generated ``GroupInfo``."""

    @property
    def groups(self) -> list[T]:
        """The first page's groups (what the vendor's ``GroupBrowserData.groups`` held)."""
        return self.data


_END_RULE: Pager[Any] = Pager(lambda _request: Page([]))


def is_last_page(index: int, page: Page[Any], seen: int) -> bool:
    """The core pager's end-of-listing rule for these listings (``has_more``, an empty page, ``total_pages``,
    ``total_items``), for code that walks pages itself (the steps below, the async pagers)."""
    return _END_RULE._is_last(index, page, seen)


def each_page_steps(
    load: Callable[[int], Steps[WirePage[T]]], wire_first: int, consume: Callable[[Sequence[T]], bool]
) -> Steps[None]:
    """Load the pages of a listing in order from wire page ``wire_first`` (as ``TileDBPager.pages()`` without
    prefetch), handing each page's items to ``consume``, until the last page or until ``consume`` says stop."""
    index, seen = 0, 0
    while True:
        loaded = yield from load(wire_first + index)
        page = as_page(loaded, skipped_pages=0)
        seen += len(page.items)
        if consume(loaded.items) or is_last_page(index, page, seen):
            return
        index += 1
