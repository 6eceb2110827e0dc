"""1,000 concurrent async waits against an emulator that answers 429 above a fixed request rate, with and without
the adaptive rate limiter (``rate_limit="adaptive"``), against an unthrottled run.

Method: the emulator runs as a subprocess. For each side, ``--jobs`` Geobox tasks are created with the clock
frozen, ending evenly from ``--first`` to ``--last`` real seconds; the clock starts and ``--jobs`` asyncio tasks
each poll their own task (``GET /v1/tasks/{uuid}/`` through one ``AsyncTransport`` with the default retry mode,
so a 429 is retried after its backoff; a poll whose retries or budget run out is lost, the next comes after the
interval) every ``--interval`` seconds until it is finished. Sides:

  unthrottled  no fault rule, no limiter (the baseline);
  off          the emulator's ``throttle`` rule at ``--rate`` requests/s, no limiter;
  adaptive     the same rule, ``rate_limit="adaptive"``.

Measured per side: the share of requests answered 429 after the first 5 s (from the rule's ``fired`` counter and
the emulator's request counts), and the time until every completion was noticed, as a ratio to the unthrottled
run. Aims (issue 12, for the adaptive side): throttled share at most 5%, time at most 1.5x the unthrottled one.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

from _emulator import Admin, Group, emulator_process, total
from _harness import BenchResult, emit, log, make_parser, reproduce_command

NAME = "rate_limit"
DESCRIPTION = "1,000 concurrent async waits against a 429-above-a-rate rule: adaptive rate limiter vs none."
DEFAULT_RUNS = 1
TOKEN = "emulator-token"
SETTLE_S = 5.0
GROUPS = 100  # distinct end times
FINAL = {"SUCCESS", "FAILURE", "ABORTED"}


async def run_side(url: str, admin: Admin, side: str, args: Any) -> tuple[float, float]:
    """One side: (throttled share after the first 5 s, seconds until every completion was noticed)."""
    from taskfacade import RateLimited, SystemClock, Timeout
    from taskfacade._options import ClientOptions
    from taskfacade.aio import AsyncTransport
    from taskfacade_generated.geobox.api.tasks import get_task
    from taskfacade_generated.geobox.models import Task

    await admin._json("DELETE", "/_emulator/faults")
    await admin.freeze()
    size = max(1, args.jobs // GROUPS)
    count = -(-args.jobs // size)
    ends = [args.first + (args.last - args.first) * i / max(1, count - 1) for i in range(count)]
    groups = [Group("geobox", min(size, args.jobs - i * size), "succeeded", end) for i, end in enumerate(ends)]
    planned = await admin.create_planned(groups, 1.0)
    if side != "unthrottled":
        rule = {"service": "geobox", "method": "GET", "path": "^/v1/tasks/", "action": "throttle", "rate": args.rate}
        await admin._json("POST", "/_emulator/faults", {"rules": [rule]})
    options = ClientOptions(rate_limit="adaptive" if side == "adaptive" else None, clock=SystemClock(), pool_size=50)
    transport = AsyncTransport(
        service="geobox", base_url=f"{url}/geobox/", options=options, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    await admin.clear_requests()
    start = await admin.start_clock(1.0)
    last_notice = 0.0
    lost = 0

    async def wait(task_id: str) -> None:
        nonlocal last_notice, lost
        while True:
            try:
                task = await transport.call(get_task.asyncio_detailed, expect=Task, uuid=task_id)
            except (RateLimited, Timeout):  # retries or budget exhausted: this poll is lost
                lost += 1
                task = None
            if task is not None and str(task.state) in FINAL:
                last_notice = max(last_notice, time.monotonic() - start)
                return
            await asyncio.sleep(args.interval)

    async def snapshot_at_settle() -> tuple[int, int]:
        await asyncio.sleep(SETTLE_S - (time.monotonic() - start))
        return await counters(admin)

    async with transport:
        settle = asyncio.create_task(snapshot_at_settle())
        await asyncio.gather(*(wait(p.id) for p in planned))
        at_settle = await settle
    at_end = await counters(admin)
    requests = at_end[0] - at_settle[0]
    share = (at_end[1] - at_settle[1]) / requests if requests else 0.0
    log(f"{side}: {lost} polls lost (retries or budget exhausted), {at_end[0]} requests")
    return share, last_notice


async def counters(admin: Admin) -> tuple[int, int]:
    """(requests the emulator counted, 429s the throttle rule answered)."""
    requests = total(await admin.requests(), ["geobox"])
    rules = (await admin._json("GET", "/_emulator/faults"))["rules"]
    return requests, sum(rule["fired"] for rule in rules)


async def measure(args: Any, result: BenchResult) -> None:
    shares: dict[str, list[float]] = {"off": [], "adaptive": []}
    times: dict[str, list[float]] = {"unthrottled": [], "off": [], "adaptive": []}
    with emulator_process() as url:
        admin = Admin(url)
        try:
            for run in range(args.runs):
                for side in ("unthrottled", "off", "adaptive"):
                    share, seconds = await run_side(url, admin, side, args)
                    log(f"run {run + 1} {side}: 429s after {SETTLE_S:g}s {share:.1%}, all noticed in {seconds:.1f}s")
                    times[side].append(seconds)
                    if side in shares:
                        shares[side].append(share)
        finally:
            await admin.aclose()
    result.add("throttled_share_adaptive", shares["adaptive"], "ratio", aim="<= 0.05")
    result.add("throttled_share_off", shares["off"], "ratio")
    base = times["unthrottled"]
    result.add("time_ratio_adaptive", [t / b for t, b in zip(times["adaptive"], base, strict=True)], "x", aim="<= 1.5x")
    result.add("time_ratio_off", [t / b for t, b in zip(times["off"], base, strict=True)], "x")
    result.add("time_unthrottled", base, "s")


def main() -> None:
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument("--jobs", type=int, default=1000, help="concurrent waits (default 1000)")
    parser.add_argument("--rate", type=float, default=100.0, help="requests/s the emulator lets through (default 100)")
    parser.add_argument("--interval", type=float, default=1.0, help="each wait's poll interval in s (default 1)")
    parser.add_argument("--first", type=float, default=5.0, help="first task end in s (default 5)")
    parser.add_argument("--last", type=float, default=20.0, help="last task end in s (default 20)")
    args = parser.parse_args()
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(args.runs)))
    asyncio.run(measure(args, result))
    emit(result, as_json=args.json)


if __name__ == "__main__":
    sys.exit(main())
