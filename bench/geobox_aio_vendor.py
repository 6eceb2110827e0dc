"""500 Geobox tasks waited with the vendor's ``geobox.aio`` (one ``await task.wait()`` per task, gathered) against
``taskfacade.geobox.aio`` written the same way, on the same emulator: requests and client CPU.

Method: the emulator runs as a subprocess (``python -m taskfacade_emulator``), so this process's CPU time
(``time.process_time``) is the client's alone. For each side in turn (the order alternates from run to run), with
the emulator clock frozen, ``--tasks`` Geobox tasks are created through the admin API in 10 groups ending evenly
from ``--first`` to ``--last`` real seconds (outcomes SUCCESS, SUCCESS, FAILURE, ABORTED by group). The side opens
its ``AsyncGeoboxClient`` and fetches the tasks (``await client.get_task(uuid)``, gathered), the request counts
are cleared, the clock starts at ``--speed`` times real time, and the side runs
``asyncio.gather(*(task.wait(interval=..., progress_bar=False) for task in tasks))``. Counted: the requests the
emulator served during the wait (``GET /_emulator/requests``), the client CPU seconds of the wait, and each task's
notice lag (real time from its end to the moment its ``wait()`` returned).

The vendor side runs today: ``geobox.aio`` (aiohttp) polls ``GET /v1/tasks/{uuid}/`` once per task per interval
(the progress bar is off, which also skips its ``/status/`` requests). The taskfacade side (``aio_side`` below, the
only code that touches it) is a note until ``taskfacade.geobox.aio`` exists.

Aims (issue 11): taskfacade at most 5% of the vendor's requests and at most 20% of its client CPU (per run).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

import attrs
from _emulator import Admin, Planned, emulator_process, plan_groups, total
from _harness import BenchResult, emit, log, make_parser, pairwise_ratios, reproduce_command

NAME = "geobox_aio_vendor"
DESCRIPTION = (
    "500 Geobox tasks waited (gathered task.wait()): vendor geobox.aio vs taskfacade.geobox.aio, requests+CPU."
)
DEFAULT_RUNS = 3
DEFAULT_TASKS = 500
DEFAULT_SPEED = 10.0
DEFAULT_INTERVAL = 1.0  # the vendor's default
DEFAULT_FIRST_S, DEFAULT_LAST_S = 2.0, 12.0
GROUPS = 10
TOKEN = "emulator-token"
OUTCOME_OF = {"SUCCESS": "succeeded", "FAILURE": "failed", "ABORTED": "canceled"}
REQUESTS_AIM, CPU_AIM = "<= 0.05x", "<= 0.2x"

#: ``waiters`` of one side: each call starts one task's ``wait()`` and returns its final status.
Waiters = list[Callable[[], Awaitable[Any]]]


@contextlib.asynccontextmanager
async def vendor_side(url: str, uuids: Sequence[str], interval: float) -> AsyncIterator[Waiters]:
    """The vendor's ``geobox.aio``: one ``AsyncTask.wait`` per task (progress bar off)."""
    from geobox.aio import AsyncGeoboxClient

    async with AsyncGeoboxClient(host=f"{url}/geobox/", access_token=TOKEN) as client:  # urljoin keeps /geobox/
        tasks = await asyncio.gather(*(client.get_task(uuid) for uuid in uuids))
        yield [functools.partial(task.wait, interval=interval, progress_bar=False) for task in tasks]


# ---------------------------------------------------------------------------------------------------------------
# taskfacade.geobox.aio plug-in (issue 11): the only code that touches the async facade
# ---------------------------------------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def aio_side(url: str, uuids: Sequence[str], interval: float) -> AsyncIterator[Waiters]:
    """``taskfacade.geobox.aio`` written exactly as the vendor's (issue 11: its names and semantics).

    Raises ``ImportError`` before any request while the module is not written (the caller turns that into a note).
    The aims assume concurrent ``wait()`` calls on one client are batched (one listing per poll, not one GET per
    task); when the real API differs, adjust the calls here only.
    """
    from taskfacade.geobox import aio as geobox_aio

    async with geobox_aio.AsyncGeoboxClient(host=f"{url}/geobox", access_token=TOKEN) as client:
        tasks = await asyncio.gather(*(client.get_task(uuid) for uuid in uuids))
        yield [functools.partial(task.wait, interval=interval, progress_bar=False) for task in tasks]


# ---------------------------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class SideRun:
    """What one side's wait cost."""

    requests: int
    routes: dict[str, int]
    cpu_s: float
    wall_s: float
    notice_lags_s: list[float]
    wrong_outcomes: int


async def measure_side(admin: Admin, planned: Sequence[Planned], waiters: Waiters, speed: float) -> SideRun:
    """Clear the counts, start the clock, gather every ``wait()``; returns the cost."""
    loop = asyncio.get_running_loop()
    lags: list[float] = []
    wrong = 0

    async def one(job: Planned, waiter: Callable[[], Awaitable[Any]], started: float) -> None:
        nonlocal wrong
        status = await waiter()
        lags.append(loop.time() - (started + job.end_s))
        wrong += OUTCOME_OF.get(str(getattr(status, "value", status))) != job.outcome

    await admin.clear_requests()
    started = await admin.start_clock(speed)
    cpu0 = time.process_time()
    await asyncio.gather(*(one(job, waiter, started) for job, waiter in zip(planned, waiters, strict=True)))
    cpu = time.process_time() - cpu0
    wall = loop.time() - started
    counts = (await admin.requests())["geobox"]
    await admin.freeze()
    return SideRun(total({"geobox": counts}, ["geobox"]), counts, cpu, wall, lags, wrong)


SIDES = {"vendor": vendor_side, "taskfacade": aio_side}


async def one_run(url: str, args: Any, order: Sequence[str]) -> dict[str, SideRun | str]:
    """Both sides in ``order``, each on its own freshly created tasks; a side that cannot run is a note."""
    admin = Admin(url)
    groups = plan_groups(["geobox"], args.tasks, GROUPS, args.first, args.last)
    results: dict[str, SideRun | str] = {}
    try:
        for side in order:
            await admin.freeze()
            planned = await admin.create_planned(groups, args.speed)
            uuids = [job.id for job in planned]
            log(f"{NAME}: {side}: {len(planned)} tasks created, waiting")
            async with contextlib.AsyncExitStack() as stack:
                try:  # only entering: an ImportError during the wait is an error, not "not available"
                    waiters = await stack.enter_async_context(SIDES[side](url, uuids, args.interval))
                except ImportError as exc:
                    if side == "vendor":
                        raise SystemExit(f"{NAME}: the vendor side needs geobox[async] (aiohttp): {exc}") from exc
                    results[side] = f"taskfacade.geobox.aio not available yet ({exc})"
                    continue
                results[side] = await measure_side(admin, planned, waiters, args.speed)
        return results
    finally:
        await admin.aclose()


def measure(args: Any) -> BenchResult:
    """Run both sides ``--runs`` times and collect the metrics."""
    options: tuple[str, ...] = ("--runs", str(args.runs), "--tasks", str(args.tasks), "--speed", str(args.speed))
    options += ("--interval", str(args.interval), "--first", str(args.first), "--last", str(args.last))
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, *options))
    for name in ("GEOBOX_USERNAME", "GEOBOX_PASSWORD", "GEOBOX_ACCESS_TOKEN", "GEOBOX_APIKEY"):
        os.environ.pop(name, None)  # the vendor SDK would prefer them to the arguments
    per_side: dict[str, list[SideRun]] = {"vendor": [], "taskfacade": []}
    with emulator_process("--seed-count", "5") as url:
        for run in range(args.runs):
            order = ("vendor", "taskfacade") if run % 2 == 0 else ("taskfacade", "vendor")
            log(f"{NAME}: run {run + 1}/{args.runs}")
            for side, outcome in asyncio.run(one_run(url, args, order)).items():
                if isinstance(outcome, str):
                    if outcome not in result.notes:
                        result.notes.append(outcome)
                    continue
                per_side[side].append(outcome)
                log(
                    f"{NAME}: {side}: {outcome.requests} requests, {outcome.cpu_s:.2f} s CPU, {outcome.wall_s:.1f} s,"
                    f" worst notice lag {max(outcome.notice_lags_s):.2f} s"
                )
    vendor, ours = per_side["vendor"], per_side["taskfacade"]
    if vendor and ours:
        requests = pairwise_ratios([r.requests for r in ours], [r.requests for r in vendor])
        result.add("requests_ratio", requests, "x", aim=REQUESTS_AIM)
        result.add("cpu_ratio", pairwise_ratios([r.cpu_s for r in ours], [r.cpu_s for r in vendor]), "x", aim=CPU_AIM)
    for side, runs in per_side.items():
        if not runs:
            continue
        result.add(f"{side}_requests", [r.requests for r in runs], "requests")
        result.add(f"{side}_cpu_s", [r.cpu_s for r in runs], "s")
        result.add(f"{side}_cpu_ms_per_request", [r.cpu_s / r.requests * 1e3 for r in runs], "ms")
        result.add(f"{side}_wall_s", [r.wall_s for r in runs], "s")
        result.add(f"{side}_max_notice_lag_s", [max(r.notice_lags_s) for r in runs], "s")
        for r in runs:
            if r.wrong_outcomes:
                result.notes.append(f"{side}: {r.wrong_outcomes} tasks ended otherwise than planned")
        result.notes.append(f"{side} requests by route (last run): {runs[-1].routes}")
    result.notes.append(
        f"{args.tasks} tasks ending {args.first:g}..{args.last:g} s after the clock starts (emulator clock at"
        f" {args.speed:g}x), wait(interval={args.interval:g}, progress_bar=False) per task, gathered"
    )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument("--tasks", type=int, default=DEFAULT_TASKS, help=f"tasks per side (default {DEFAULT_TASKS})")
    parser.add_argument("--speed", type=float, default=DEFAULT_SPEED, help=f"emulator clock speed ({DEFAULT_SPEED})")
    parser.add_argument("--interval", type=float, default=DEFAULT_INTERVAL, help="wait() interval, s (1.0)")
    parser.add_argument("--first", type=float, default=DEFAULT_FIRST_S, help="first end, s after the start (2)")
    parser.add_argument("--last", type=float, default=DEFAULT_LAST_S, help="last end, s after the start (12)")
    args = parser.parse_args(argv)
    if args.tasks < 1 or args.speed <= 0 or args.interval <= 0 or not 0 < args.first <= args.last:
        parser.error("need --tasks >= 1, --speed > 0, --interval > 0 and 0 < --first <= --last")
    emit(measure(args), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
