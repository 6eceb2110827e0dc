"""1,000 concurrent waits against an emulator that answers 429 above a fixed request rate: the adaptive rate
limiter (``rate_limit="adaptive"``) against none, in both twins, beside unthrottled runs.

What a user writes, once per twin (``--jobs`` Geobox tasks, one client):

  sync   1,000 ``threading.Thread``s, each calling ``task.wait(progress_bar=False)`` on its own task;
  async  1,000 asyncio tasks (``asyncio.gather``), each awaiting ``task.wait(progress_bar=False)`` on its own task.

``progress_bar=False`` because Geobox's ``wait`` draws a tqdm bar by default (the SDK's default) and nobody
waiting on 1,000 tasks wants 1,000 bars. The waits keep every other default: a poll a second, the default retry
mode (a 429 is retried after its backoff, within the call's budget), 3 failed polls in a row tolerated, the
client's default connection pool. Concurrent waits share their polls (``_sharedwait.py``: one list request per ~75
tasks a second): in sync the threads of the process, in async the tasks gathered in one event loop. So neither
twin sends one GET per task per second; the request counts are reported beside the shares (sync costs somewhat
more: while its threads start one after another, a newcomer leads a poll of its own).

Method: the emulator runs as a subprocess. Each side, with the emulator clock frozen, creates ``--jobs`` tasks
ending evenly from ``--first`` to ``--last`` real seconds (100 distinct end times), builds their handles with
``client.get_task`` (before the fault rule and the count), then installs the ``throttle`` rule (``--rate``
requests/s on ``GET /v1/tasks/...``, a token bucket of one second's burst, as a service's) unless the side is
unthrottled, clears the request counts and starts the clock. Each side has a client of its own, on a clock
object of its own, so it starts with a fresh limiter (limiters are shared per endpoint and clock). Sides per twin:

  unthrottled-off       no rule, no limiter (the baseline);
  unthrottled-adaptive  no rule, the limiter on (what turning it on by default costs when nobody throttles);
  throttled-off         the rule, no limiter;
  throttled-adaptive    the rule, the limiter on.

Measured per side: requests the emulator counted; the share answered 429 after the first 5 s (the rule's
``fired`` counter and the request counts, snapshotted 5 s after the clock started); the time until the last wait
returned, and its ratio to the same twin's unthrottled-off run; waits that raised (their time is not counted).
Aims (issue 12, for throttled-adaptive): 429 share after 5 s at most 5%, time at most 1.5x the unthrottled one.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

import attrs
from _emulator import Admin, Group, Planned, emulator_process, total
from _harness import BenchResult, emit, log, make_parser, reproduce_command

NAME = "rate_limit"
DESCRIPTION = "1,000 concurrent task.wait() (threads, asyncio tasks) against 429s above a rate: limiter off vs on."
DEFAULT_RUNS = 1
TOKEN = "emulator-token"
SETTLE_S = 5.0
GROUPS = 100  # distinct end times
TWINS = ("sync", "async")
SIDES = ("unthrottled-off", "unthrottled-adaptive", "throttled-off", "throttled-adaptive")


@attrs.frozen
class Outcome:
    """One side's figures."""

    requests: int
    share_after: float  # 429s / requests after the first SETTLE_S seconds
    seconds: float  # until the last wait returned (waits that raised left out)
    failed: int  # waits that raised


def _rule(rate: float) -> dict[str, Any]:
    return {"service": "geobox", "method": "GET", "path": "^/v1/tasks/", "action": "throttle", "rate": rate}


async def _counters(admin: Admin) -> tuple[int, int]:
    """(requests the emulator counted, 429s the throttle rule answered)."""
    import httpx

    for tries_left in (1, 0):
        try:
            requests = total(await admin.requests(), ["geobox"])
            rules = (await admin._json("GET", "/_emulator/faults"))["rules"]
            return requests, sum(rule["fired"] for rule in rules)
        except httpx.RemoteProtocolError:  # the admin connection idled past the server's keep-alive
            if not tries_left:
                raise
    raise AssertionError("unreachable")


async def _plan(admin: Admin, args: Any) -> list[Planned]:
    await admin._json("DELETE", "/_emulator/faults")
    await admin.freeze()
    size = max(1, args.jobs // GROUPS)
    count = -(-args.jobs // size)
    ends = [args.first + (args.last - args.first) * i / max(1, count - 1) for i in range(count)]
    groups = [Group("geobox", min(size, args.jobs - i * size), "succeeded", end) for i, end in enumerate(ends)]
    return await admin.create_planned(groups, 1.0)


async def _start(admin: Admin, side: str, args: Any) -> float:
    if side.startswith("throttled"):
        await admin._json("POST", "/_emulator/faults", {"rules": [_rule(args.rate)]})
    await admin.clear_requests()
    return await admin.start_clock(1.0)


async def _settle_snapshot(admin: Admin, start: float) -> tuple[int, int]:
    await asyncio.sleep(max(0.0, SETTLE_S - (time.monotonic() - start)))
    return await _counters(admin)


async def _finish(admin: Admin, at_settle: tuple[int, int], notices: Sequence[float], failed: int) -> Outcome:
    at_end = await _counters(admin)
    after = at_end[0] - at_settle[0]
    share = (at_end[1] - at_settle[1]) / after if after else 0.0
    return Outcome(at_end[0], share, max(notices, default=float("nan")), failed)


async def run_sync(url: str, admin: Admin, side: str, args: Any) -> Outcome:
    """1,000 threads, each calling ``task.wait()`` on its own task of one sync client."""
    from taskfacade import SystemClock
    from taskfacade.geobox import GeoboxClient

    planned = await _plan(admin, args)
    mode = "adaptive" if side.endswith("adaptive") else None
    client = GeoboxClient(f"{url}/geobox", access_token=TOKEN, clock=SystemClock(), rate_limit=mode)
    try:
        tasks = await asyncio.to_thread(lambda: [client.get_task(p.id) for p in planned])
        notices: list[float] = []
        errors: list[BaseException] = []
        lock = threading.Lock()
        start = await _start(admin, side, args)

        def wait(task: Any) -> None:
            try:
                task.wait(progress_bar=False)
            except Exception as exc:  # counted, not raised: a failed wait is a figure
                with lock:
                    errors.append(exc)
                return
            with lock:
                notices.append(time.monotonic() - start)

        threads = [threading.Thread(target=wait, args=(task,)) for task in tasks]
        for thread in threads:
            thread.start()
        at_settle = await _settle_snapshot(admin, start)
        await asyncio.to_thread(lambda: [thread.join() for thread in threads])
    finally:
        client.close()
    _log_errors(side, errors)
    return await _finish(admin, at_settle, notices, len(errors))


async def run_async(url: str, admin: Admin, side: str, args: Any) -> Outcome:
    """1,000 asyncio tasks, each awaiting ``task.wait()`` on its own task of one async client."""
    from taskfacade import SystemClock
    from taskfacade.geobox.aio import AsyncGeoboxClient

    planned = await _plan(admin, args)
    mode = "adaptive" if side.endswith("adaptive") else None
    async with AsyncGeoboxClient(f"{url}/geobox", access_token=TOKEN, clock=SystemClock(), rate_limit=mode) as client:
        tasks = [await client.get_task(p.id) for p in planned]
        notices: list[float] = []
        errors: list[BaseException] = []
        start = await _start(admin, side, args)

        async def wait(task: Any) -> None:
            try:
                await task.wait(progress_bar=False)
            except Exception as exc:  # counted, not raised: a failed wait is a figure
                errors.append(exc)
                return
            notices.append(time.monotonic() - start)

        settle = asyncio.create_task(_settle_snapshot(admin, start))
        await asyncio.gather(*(wait(task) for task in tasks))
        at_settle = await settle
    _log_errors(side, errors)
    return await _finish(admin, at_settle, notices, len(errors))


def _log_errors(side: str, errors: Sequence[BaseException]) -> None:
    kinds: dict[str, int] = {}
    for exc in errors:
        kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1
    if kinds:
        log(f"  {side}: waits that raised: {kinds}")


async def measure(args: Any, result: BenchResult) -> None:
    runners = {"sync": run_sync, "async": run_async}
    outcomes: dict[tuple[str, str], list[Outcome]] = {(twin, side): [] for twin in TWINS for side in SIDES}
    with emulator_process() as url:
        admin = Admin(url)
        try:
            for run in range(args.runs):
                for twin in args.twins:
                    for side in SIDES:
                        got = await runners[twin](url, admin, side, args)
                        outcomes[twin, side].append(got)
                        log(
                            f"run {run + 1} {twin} {side}: {got.requests} requests, 429s after {SETTLE_S:g}s "
                            f"{got.share_after:.1%}, all noticed in {got.seconds:.1f}s, {got.failed} waits raised"
                        )
        finally:
            await admin.aclose()
    for twin in args.twins:
        base = [o.seconds for o in outcomes[twin, "unthrottled-off"]]
        for side in SIDES:
            got = outcomes[twin, side]
            key = f"{twin}_{side.replace('-', '_')}"
            aimed = side == "throttled-adaptive"
            result.add(f"{key}_requests", [o.requests for o in got], "")
            if side.startswith("throttled"):
                result.add(f"{key}_429_share", [o.share_after for o in got], "ratio", aim="<= 0.05" if aimed else None)
            result.add(f"{key}_seconds", [o.seconds for o in got], "s")
            if side != "unthrottled-off":
                ratios = [o.seconds / b for o, b in zip(got, base, strict=True)]
                result.add(f"{key}_time_ratio", ratios, "x", aim="<= 1.5x" if aimed else None)
            result.add(f"{key}_waits_raised", [o.failed for o in got], "")
    result.notes.append(
        "concurrent waits share their polls (sync: the process's threads; async: one event loop), one list "
        "request per ~75 tasks: compare the *_requests figures"
    )


def main() -> None:
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument("--jobs", type=int, default=1000, help="concurrent waits (default 1000)")
    parser.add_argument("--rate", type=float, default=100.0, help="requests/s the emulator lets through (default 100)")
    parser.add_argument("--first", type=float, default=5.0, help="first task end in s (default 5)")
    parser.add_argument("--last", type=float, default=20.0, help="last task end in s (default 20)")
    parser.add_argument("--twins", nargs="+", choices=TWINS, default=list(TWINS), help="which twins (default both)")
    args = parser.parse_args()
    extra = [] if args.twins == list(TWINS) else ["--twins", *args.twins]
    for flag, value, default in (("--jobs", args.jobs, 1000), ("--rate", args.rate, 100.0)):
        if value != default:
            extra += [flag, f"{value:g}"]
    for flag, value, default in (("--first", args.first, 5.0), ("--last", args.last, 20.0)):
        if value != default:
            extra += [flag, f"{value:g}"]
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(args.runs), *extra))
    asyncio.run(measure(args, result))
    emit(result, as_json=args.json)


if __name__ == "__main__":
    sys.exit(main())
