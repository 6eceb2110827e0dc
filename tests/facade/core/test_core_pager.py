"""Pager: streaming vs cached random access, totals, page numbering, cursors, prefetch and failures."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

import pytest
from taskfacade import InvalidArgument, NotFound, Page, Pager, PageRequest, ResponseDecodeError, TaskFacadeError


class Listing:
    """A fake 1-based, page-numbered list endpoint over ``n`` integers, logging every wire page it serves."""

    def __init__(self, n: int, per_page: int, *, totals: bool = True, float_pages: bool = False) -> None:
        self.n, self.per_page, self.totals, self.float_pages = n, per_page, totals, float_pages
        self.wire_pages: list[int] = []
        self.fail_on: int | None = None

    def __call__(self, request: PageRequest) -> Page[int]:
        wire_page = request.index + 1  # the service's 1-based numbering, hidden from the pager's users
        self.wire_pages.append(wire_page)
        if self.fail_on == wire_page:
            raise NotFound("page vanished", status=404)
        start = request.index * self.per_page
        items = list(range(start, min(start + self.per_page, self.n)))
        if not self.totals:
            return Page(items)
        pages = -(-self.n // self.per_page)
        return Page(items, total_items=self.n, total_pages=float(pages) if self.float_pages else pages)


def test_iteration_crosses_pages_lazily() -> None:
    listing = Listing(25, 10)
    pager = Pager(listing)
    assert listing.wire_pages == []  # nothing fetched before use
    iterator = iter(pager)
    assert [next(iterator) for _ in range(3)] == [0, 1, 2]
    assert listing.wire_pages == [1]
    assert list(iterator) == list(range(3, 25))
    assert listing.wire_pages == [1, 2, 3]


@pytest.mark.parametrize("totals", [True, False])
def test_pages(totals: bool) -> None:
    pages = list(Pager(Listing(25, 10, totals=totals), page_size=10).pages())
    assert [list(p.items) for p in pages] == [list(range(10)), list(range(10, 20)), list(range(20, 25))]


def test_len_from_server_totals_fetches_one_page() -> None:
    listing = Listing(1234, 100)
    pager = Pager(listing)
    assert len(pager) == 1234
    assert listing.wire_pages == [1]
    assert len(pager) == 1234
    assert listing.wire_pages == [1]


def test_len_without_totals_counts_and_caches() -> None:
    listing = Listing(25, 10, totals=False)
    pager = Pager(listing)
    assert len(pager) == 25
    assert listing.wire_pages == [1, 2, 3, 4]  # without totals or page_size, an empty page ends the listing
    assert pager[24] == 24
    assert pager[3:7] == [3, 4, 5, 6]
    assert listing.wire_pages == [1, 2, 3, 4]  # held pages are never refetched


def test_len_without_totals_stops_at_the_empty_page() -> None:
    listing = Listing(30, 10, totals=False)
    assert len(Pager(listing)) == 30
    assert listing.wire_pages == [1, 2, 3, 4]


def test_list_of_a_pager_uses_the_server_total_then_streams() -> None:
    listing = Listing(25, 10)
    assert list(Pager(listing)) == list(range(25))  # list() calls len(): one page, cached, then reused
    assert listing.wire_pages == [1, 2, 3]


def test_indexing_jumps_with_page_size_and_never_refetches() -> None:
    listing = Listing(10_000, 100)
    pager = Pager(listing, page_size=100)
    assert pager[5_432] == 5_432
    assert listing.wire_pages == [1, 55]  # page 1 for the total, then straight to the page holding the item
    assert pager[5_499] == 5_499
    assert pager[5_400:5_410] == list(range(5_400, 5_410))
    assert pager[-1] == 9_999
    assert listing.wire_pages == [1, 55, 100]
    with pytest.raises(IndexError):
        pager[10_000]
    with pytest.raises(IndexError):
        pager[-10_001]


def test_indexing_without_page_size_fetches_in_order() -> None:
    listing = Listing(50, 10)
    pager = Pager(listing)
    assert pager[35] == 35
    assert listing.wire_pages == [1, 2, 3, 4]
    assert pager[12] == 12
    assert listing.wire_pages == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (slice(8, 12), [8, 9, 10, 11]),
        (slice(None, 3), [0, 1, 2]),
        (slice(20, None), [20, 21, 22, 23, 24]),
        (slice(0, 100), list(range(25))),
        (slice(0, 25, 6), [0, 6, 12, 18, 24]),
        (slice(-3, None), [22, 23, 24]),
        (slice(None, None, -10), [24, 14, 4]),
        (slice(30, 40), []),
    ],
)
def test_slicing(key: slice, expected: list[int]) -> None:
    assert Pager(Listing(25, 10), page_size=10)[key] == expected
    assert Pager(Listing(25, 10, totals=False))[key] == expected


def test_bad_indexes() -> None:
    pager = Pager(Listing(5, 10))
    with pytest.raises(InvalidArgument, match="index"):
        pager["1"]  # type: ignore[call-overload]
    with pytest.raises(InvalidArgument, match="slice step"):
        pager[::0]


def test_iteration_reuses_cached_pages() -> None:
    listing = Listing(25, 10)
    pager = Pager(listing, page_size=10)
    pager[15]
    assert listing.wire_pages == [1, 2]
    assert list(pager) == list(range(25))
    assert listing.wire_pages == [1, 2, 3]


def test_streaming_does_not_accumulate() -> None:
    """100,000 items in 100 pages: at most the current page (and none in the cache) is alive at any time."""
    alive: list[weakref.ref[Page[int]]] = []

    def fetch(request: PageRequest) -> Page[int]:
        start = request.index * 1000
        page = Page(list(range(start, min(start + 1000, 100_000))), total_items=100_000)
        alive.append(weakref.ref(page))
        return page

    pager = Pager(fetch, page_size=1000)
    max_alive, total = 0, 0
    for item in pager:
        total += item
        if item % 1000 == 999:
            max_alive = max(max_alive, sum(1 for ref in alive if ref() is not None))
    assert total == sum(range(100_000))
    assert len(alive) == 100
    assert max_alive <= 1
    assert repr(pager) == "<Pager items=100000 pages_cached=0>"


def test_prefetch_overlaps_the_next_fetch_with_consumption() -> None:
    fetched: dict[int, threading.Event] = {i: threading.Event() for i in range(3)}
    threads: dict[int, str] = {}

    def fetch(request: PageRequest) -> Page[int]:
        threads[request.index] = threading.current_thread().name
        fetched[request.index].set()
        start = request.index * 2
        return Page([start, start + 1], total_pages=3)

    consumed: list[int] = []
    for item in Pager(fetch, prefetch=True):
        if item == 0:  # still consuming page 0: page 1 must be on its way without us asking
            assert fetched[1].wait(timeout=5)
        consumed.append(item)
    assert consumed == [0, 1, 2, 3, 4, 5]
    assert threads[0] == threading.current_thread().name
    assert threads[1].startswith("taskfacade-prefetch")


def test_without_prefetch_nothing_is_fetched_ahead() -> None:
    listing = Listing(30, 10)
    iterator = iter(Pager(listing))
    for _ in range(10):
        next(iterator)
    assert listing.wire_pages == [1]


@pytest.mark.parametrize("prefetch", [False, True])
def test_mid_iteration_failure_propagates_at_that_page(prefetch: bool) -> None:
    listing = Listing(50, 10)
    listing.fail_on = 3
    consumed: list[int] = []

    def consume() -> None:
        for item in Pager(listing, prefetch=prefetch):
            consumed.append(item)

    with pytest.raises(NotFound, match="page vanished"):
        consume()
    assert consumed == list(range(20))


def test_a_service_can_wrap_page_errors() -> None:
    class TasksError(TaskFacadeError):
        pass

    listing = Listing(50, 10)
    listing.fail_on = 2

    def fetch(request: PageRequest) -> Page[int]:
        try:
            return listing(request)
        except NotFound as exc:
            raise TasksError("tasks can not be accessed") from exc

    with pytest.raises(TasksError) as caught:
        list(Pager(fetch))
    assert isinstance(caught.value.__cause__, NotFound)


def test_cursor_paging() -> None:
    chain: dict[Any, tuple[list[str], Any]] = {
        None: (["a", "b"], "t1"),
        "t1": ([], "t2"),  # an empty page with a cursor (AWS does this) does not end the listing
        "t2": (["c"], None),
    }
    requests: list[PageRequest] = []

    def fetch(request: PageRequest) -> Page[str]:
        requests.append(request)
        items, cursor = chain[request.cursor]
        return Page(items, next_cursor=cursor)

    pager = Pager(fetch, cursor_paged=True)
    assert list(iter(pager)) == ["a", "b", "c"]  # iter(): list(pager) would ask len() first
    assert repr(pager) == "<Pager items=? pages_cached=0>"
    assert [(r.index, r.cursor) for r in requests] == [(0, None), (1, "t1"), (2, "t2")]
    requests.clear()
    assert pager[2] == "c"
    assert len(pager) == 3
    assert [(r.index, r.cursor) for r in requests] == [(0, None), (1, "t1"), (2, "t2")]
    with pytest.raises(InvalidArgument, match="page_size"):
        Pager(fetch, cursor_paged=True, page_size=10)


def test_has_more_overrides_other_signals() -> None:
    pages = [Page([1, 2], total_pages=10, has_more=True), Page([3], total_pages=10, has_more=False)]
    assert list(Pager(lambda r: pages[r.index])) == [1, 2, 3]


def test_short_page_ends_listing_with_page_size() -> None:
    listing = Listing(25, 10, totals=False)
    assert list(Pager(listing, page_size=10)) == list(range(25))
    assert listing.wire_pages == [1, 2, 3]


@pytest.mark.parametrize(("value", "expected"), [(3, 3), (3.0, 3), ("3", 3), (None, None), (0, 0)])
def test_page_counts_accept_server_number_forms(value: object, expected: int | None) -> None:
    assert Page([], total_pages=value).total_pages == expected


@pytest.mark.parametrize("value", [2.5, -1, True, "many", float("nan"), [3]])
def test_page_counts_refuse_nonsense(value: object) -> None:
    with pytest.raises(ResponseDecodeError, match="count"):
        Page([], total_items=value)


def test_float_total_pages_end_the_listing() -> None:
    assert list(Pager(Listing(25, 10, float_pages=True))) == list(range(25))


def test_bool_and_empty() -> None:
    assert not Pager(Listing(0, 10))
    assert Pager(Listing(1, 10))
    assert list(Pager(Listing(0, 10))) == []
    assert len(Pager(Listing(0, 10))) == 0


def test_fetch_must_return_pages() -> None:
    bad: Callable[[PageRequest], Any] = lambda request: [1, 2, 3]  # noqa: E731
    with pytest.raises(TypeError, match="must return a Page"):
        list(Pager(bad))


@pytest.mark.parametrize("size", [0, -1, 2.5, True])
def test_page_size_validation(size: object) -> None:
    with pytest.raises(InvalidArgument, match="page_size"):
        Pager(Listing(1, 1), page_size=size)  # type: ignore[arg-type]


@pytest.mark.parametrize("count", ["²", "١٢", "1e3", "nan"])
def test_a_count_that_only_looks_numeric_is_a_decode_error(count: str) -> None:
    """``"²".isdigit()`` is true but ``int("²")`` fails: a server's odd count is a ResponseDecodeError, not a
    raw ValueError (found by the API fuzz)."""
    with pytest.raises(ResponseDecodeError):
        Page([], total_items=count)
