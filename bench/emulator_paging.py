"""Benchmark: paging through 100,000 TileDB tasks on the emulator, and whether a page costs the same at any depth.

Starts an in-process emulator seeded with ``--tasks`` TileDB tasks, then walks every page of
``GET /tiledb/v1/tasks/{workspace}?page=N&per_page=1000`` with a plain httpx client (no facade), timing each
request. Reports the total time, the median time of the first and the last tenth of the pages, and their ratio
(aim: flat, i.e. the deepest pages cost no more than ~1.5x the first ones).
"""

from __future__ import annotations

import statistics
import time

import httpx
from _harness import BenchResult, emit, log, make_parser, reproduce_command
from taskfacade_emulator import Emulator

TOKEN = {"X-TILEDB-REST-API-KEY": "emulator-token"}


def walk(emu: Emulator, workspace: str, per_page: int) -> tuple[float, list[float], int]:
    """Fetch every page once; returns (total seconds, per-page seconds, items seen)."""
    per_page_times: list[float] = []
    seen = 0
    with httpx.Client(base_url=emu.base_url("tiledb"), headers=TOKEN, timeout=60) as client:
        started = time.perf_counter()
        page = 0
        while True:
            began = time.perf_counter()
            response = client.get(f"/v1/tasks/{workspace}", params={"page": page, "per_page": per_page})
            response.raise_for_status()
            body = response.json()
            per_page_times.append(time.perf_counter() - began)
            items = body.get("array_tasks") or []
            seen += len(items)
            page += 1
            if page >= body["pagination_metadata"]["total_pages"]:
                break
        return time.perf_counter() - started, per_page_times, seen


def main() -> None:
    parser = make_parser(__doc__, default_runs=3)
    parser.add_argument("--tasks", type=int, default=100_000, help="seeded TileDB tasks (default 100000)")
    parser.add_argument("--per-page", type=int, default=1000, help="page size (default 1000)")
    args = parser.parse_args()
    result = BenchResult(
        name="emulator_paging",
        description=f"paging through {args.tasks:,} TileDB tasks on the emulator, {args.per_page} per page (raw httpx)",
        command=reproduce_command(__file__, "--runs", str(args.runs), "--tasks", str(args.tasks)),
    )
    log(f"seeding {args.tasks:,} TileDB tasks ...")
    began = time.perf_counter()
    with Emulator(db=None, seed_counts={"tiledb": args.tasks}, seed_count=10) as emu:
        result.add("emulator start-up incl. seeding", [time.perf_counter() - began], "s")
        workspace = emu.seeded()["tiledb"]["workspace"]
        totals, first, last, ratios = [], [], [], []
        for run in range(args.runs):
            log(f"run {run + 1}/{args.runs} ...")
            total, pages, seen = walk(emu, workspace, args.per_page)
            if seen != args.tasks:
                result.notes.append(f"run {run + 1} saw {seen} tasks, expected {args.tasks}")
            tenth = max(1, len(pages) // 10)
            head, tail = statistics.median(pages[:tenth]), statistics.median(pages[-tenth:])
            totals.append(total)
            first.append(head * 1000)
            last.append(tail * 1000)
            ratios.append(tail / head)
        result.add("time to page through all tasks", totals, "s")
        result.add("page time, first tenth of pages", first, "ms")
        result.add("page time, last tenth of pages", last, "ms")
        result.add("last/first page time ratio", ratios, "x", aim="<= 1.5x")
    emit(result, as_json=args.json)


if __name__ == "__main__":
    main()
