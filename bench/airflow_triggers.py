"""1,000 Airflow triggers in one event loop, one job each, as a triggerer runs them: taskfacade's
``TaskfacadeJobsTrigger`` (one shared, batched poller per connection) against a naive trigger that refreshes its own
job once per interval (what Airflow's AWS provider triggers do), side by side on the same emulator.

Run it with the Airflow venv: ``.venv-airflow/bin/python bench/airflow_triggers.py`` (``make`` builds it for the
Airflow tests). Without Airflow installed it prints a note and exits 0, as the bench convention asks.

Method: the emulator runs as a subprocess (``python -m taskfacade_emulator``), so this process's CPU time
(``time.process_time``) is the client's alone. For each service (``--services``) and each side in turn (the order
alternates from run to run), with the emulator clock frozen, ``--jobs`` tasks are created through the admin API in
20 groups whose end times are spread evenly from ``--first`` to ``--last`` real seconds; each job's continuation
token goes to one trigger. The request counts are cleared, the clock starts, and every trigger runs in one event
loop until it fires its event. Connections come from ``AIRFLOW_CONN_*`` variables (JSON), as in a deployment that
keeps them in the environment; Airflow's home is a temporary directory.

Sides:
  shared  ``TaskfacadeJobsTrigger(conn_id, [token], poll_interval)`` per job: ``run()`` consumed as the triggerer
          does. All triggers of one connection share one client and one batched poll per interval.
  naive   per job, a coroutine that rebuilds its job (``taskfacade.aio.job_from_token``) and awaits
          ``job.refresh()`` then ``asyncio.sleep(interval)`` until the job is finished: one GET per trigger per
          interval. It shares one client between all triggers (Airflow's AWS triggers build one per trigger) and
          keeps at most as many refreshes in flight as that client has connections (unbounded, 1,000 requests
          queue in httpx's connection pool, whose CPU grows with the queue, and the side falls far behind its
          interval): both make it cheaper than the real thing.

Measured per side: the requests the emulator counted, per interval (``ceil(wall / interval)`` intervals) and against
one GET per job per interval (``--jobs``); client CPU seconds per interval; the worst event-loop lag (a ticker task
sleeping 10 ms records how late it wakes), with the start-up (every trigger starting at once, then rebuilding its
job in the same loop turn) reported apart from the steady state, and the longest garbage-collector pause beside it
(Airflow's large heap makes full collections slow, in a triggerer too); the worst notice lag (real time between a
job's end and its trigger's event).

Aim (issue 13, for the shared side): requests at most 2% of one GET per job per interval. A completion is noticed
within one interval plus one poll's duration on either side (a job may end just after a poll).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import attrs
from _emulator import Admin, Planned, emulator_process, plan_groups, total
from _harness import BenchResult, emit, log, make_parser, reproduce_command
from async_wait_many import GcPauses

NAME = "airflow_triggers"
DESCRIPTION = "1,000 Airflow triggers in one loop: taskfacade's shared batched poller vs one refresh per trigger."
DEFAULT_RUNS = 1
DEFAULT_JOBS = 1000
DEFAULT_INTERVAL = 2.0
DEFAULT_FIRST_S, DEFAULT_LAST_S = 4.0, 20.0
DEFAULT_SERVICES = "deadline,geobox"
GROUPS = 20
TICK_S = 0.01
#: Seconds from the clock start counted as start-up for the loop lag (every trigger starts in them).
STARTUP_S = 1.0

TOKEN = "emulator-token"
AWS_KEY, AWS_SECRET, AWS_REGION = "AKIDEMULATOR", "emulator-secret", "us-west-2"
STEP_KEYS = ("farmId", "queueId", "jobId", "stepId")
SUPPORTED = ("deadline", "geobox")


def connection(service: str, url: str) -> dict[str, Any]:
    """The JSON form of the Airflow connection to ``service`` on the emulator at ``url``."""
    if service == "deadline":
        keys = {"login": AWS_KEY, "password": AWS_SECRET, "extra": {"region_name": AWS_REGION}}
        return {"conn_type": "taskfacade_deadline", "host": f"{url}/deadline", **keys}
    return {"conn_type": "taskfacade_geobox", "host": f"{url}/geobox", "password": TOKEN}


def conn_id_of(service: str) -> str:
    return f"bench_{service}"


def airflow_environment(url: str, services: Sequence[str]) -> None:
    """Point Airflow at a temporary home and the emulator connections (before Airflow is imported)."""
    home = tempfile.mkdtemp(prefix="taskfacade-bench-airflow-")
    os.environ.update(
        {
            "AIRFLOW_HOME": home,
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        }
    )
    for service in services:
        os.environ[f"AIRFLOW_CONN_{conn_id_of(service).upper()}"] = json.dumps(connection(service, url))


def tokens_of(service: str, seeded: dict[str, Any], planned: Sequence[Planned]) -> list[str]:
    """Each planned job's continuation token (as ``job.to_token()`` writes it before a first fetch)."""
    from taskfacade._token import TokenData, encode

    if service == "deadline":
        step = {key: seeded["deadline"][key] for key in STEP_KEYS}
        return [encode(TokenData("deadline", "task", step | {"taskId": job.id}, None)) for job in planned]
    return [encode(TokenData("geobox", "task", {"uuid": job.id}, None)) for job in planned]


# ---------------------------------------------------------------------------------------------------------------
# The two sides: each turns a token into a coroutine that returns once its job is seen finished
# ---------------------------------------------------------------------------------------------------------------

Wait = Callable[[str], Awaitable[str]]


async def warm_client(service: str, token: str) -> Any:
    """The connection's async client, with a job rebuilt on it: as in a triggerer that has run triggers before, every
    module (Airflow's configuration, the hook, the service's async client and tokens) is loaded before the clock
    starts. The caller closes the client."""
    from taskfacade.aio import job_from_token
    from taskfacade_airflow.hooks import TaskfacadeHook

    hook = await TaskfacadeHook.afor_conn_id(conn_id_of(service))
    client = await hook.aget_client()
    await job_from_token(token, client=client)
    return client


async def shared_wait(service: str, interval: float, token: str) -> tuple[Wait, Callable[[], Awaitable[None]]]:
    """The trigger: consumed as Airflow's triggerer consumes ``run()``; returns the event's status."""
    from taskfacade_airflow.triggers import TaskfacadeJobsTrigger

    warm = await warm_client(service, token)
    await warm.__aexit__(None, None, None)

    async def wait(token: str) -> str:
        trigger = TaskfacadeJobsTrigger(conn_id_of(service), [token], poll_interval=interval)
        events = [event async for event in trigger.run()]
        return str(events[0].payload["status"])

    async def close() -> None:
        return None

    return wait, close


async def naive_wait(service: str, interval: float, token: str) -> tuple[Wait, Callable[[], Awaitable[None]]]:
    """One ``job.refresh()`` per trigger per interval, on one client built by the same hook."""
    from taskfacade._options import default_pool_size
    from taskfacade.aio import job_from_token

    client = await warm_client(service, token)
    in_flight = asyncio.Semaphore(default_pool_size())

    async def wait(token: str) -> str:
        job = await job_from_token(token, client=client)
        while True:
            async with in_flight:
                await job.refresh()
            if job.done:
                return "success" if job.phase.name == "SUCCEEDED" else job.phase.name.lower()
            await asyncio.sleep(interval)

    async def close() -> None:
        await client.__aexit__(None, None, None)

    return wait, close


SIDES: dict[str, Callable[[str, float, str], Awaitable[tuple[Wait, Callable[[], Awaitable[None]]]]]] = {
    "shared": shared_wait,
    "naive": naive_wait,
}


# ---------------------------------------------------------------------------------------------------------------
# Measuring one side
# ---------------------------------------------------------------------------------------------------------------


@attrs.define
class LoopLag:
    """A ticker task recording how late it wakes, at start-up and after it."""

    started: float = 0.0
    startup: float = 0.0
    steady: float = 0.0

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        self.started = loop.time()
        while True:
            due = loop.time() + TICK_S
            await asyncio.sleep(TICK_S)
            late = loop.time() - due
            if due - self.started < STARTUP_S:
                self.startup = max(self.startup, late)
            else:
                self.steady = max(self.steady, late)


@attrs.frozen
class SideRun:
    """What one side cost and how promptly it noticed each completion."""

    requests: int
    wall_s: float
    cpu_s: float
    intervals: int
    startup_lag_s: float
    steady_lag_s: float
    worst_gc_pause_s: float
    worst_notice_lag_s: float
    statuses: dict[str, int]


async def measure_side(
    admin: Admin, side: str, service: str, tokens: Sequence[str], planned: Sequence[Planned], args: Any
) -> SideRun:
    """Start every trigger at the clock start; wait until each has fired; count and time it."""
    wait, close = await SIDES[side](service, args.interval, tokens[0])
    try:
        await admin.clear_requests()
        gc.collect()
        pauses = GcPauses()
        gc.callbacks.append(pauses)
        lag = LoopLag()
        loop = asyncio.get_running_loop()
        started = await admin.start_clock(args.speed)
        ticker = asyncio.ensure_future(lag.run())
        cpu0 = time.process_time()
        notice: list[float] = []
        statuses: dict[str, int] = {}

        async def one(token: str, job: Planned) -> None:
            status = await wait(token)
            notice.append(loop.time() - (started + job.end_s))
            statuses[status] = statuses.get(status, 0) + 1

        await asyncio.gather(*(one(token, job) for token, job in zip(tokens, planned, strict=True)))
        cpu = time.process_time() - cpu0
        wall = loop.time() - started
        ticker.cancel()
        gc.callbacks.remove(pauses)
        with contextlib.suppress(asyncio.CancelledError):
            await ticker
        counts = await admin.requests()
        await admin.freeze()
    finally:
        await close()
    intervals = max(1, math.ceil(wall / args.interval))
    requests = total(counts, [service])
    return SideRun(requests, wall, cpu, intervals, lag.startup, lag.steady, pauses.worst, max(notice), statuses)


async def one_run(url: str, service: str, order: Sequence[str], args: Any) -> dict[str, SideRun]:
    admin = Admin(url)
    try:
        seeded = await admin.seeded()
        groups = plan_groups([service], args.jobs, GROUPS, args.first, args.last)
        results = {}
        for side in order:
            await admin.freeze()
            planned = await admin.create_planned(groups, args.speed)
            log(f"{NAME}: {service}: {side}: {len(planned)} jobs created, waiting")
            results[side] = await measure_side(admin, side, service, tokens_of(service, seeded, planned), planned, args)
        return results
    finally:
        await admin.aclose()


def measure(args: Any) -> BenchResult:
    services = [s for s in args.services.split(",") if s]
    options = ("--runs", str(args.runs), "--jobs", str(args.jobs), "--interval", str(args.interval))
    options += ("--first", str(args.first), "--last", str(args.last), "--services", args.services)
    command = reproduce_command(__file__, *options).replace(".venv/bin/python", ".venv-airflow/bin/python", 1)
    result = BenchResult(NAME, DESCRIPTION, command)
    try:
        import airflow  # noqa: F401
    except ImportError:
        result.notes.append("Airflow is not installed here: run with .venv-airflow/bin/python (make builds it)")
        return result
    runs: dict[tuple[str, str], list[SideRun]] = {}
    with emulator_process("--seed-count", "5") as url:
        airflow_environment(url, services)
        for run in range(args.runs):
            for service in services:
                order = ("naive", "shared") if run % 2 == 0 else ("shared", "naive")
                for side, outcome in asyncio.run(one_run(url, service, order, args)).items():
                    runs.setdefault((service, side), []).append(outcome)
                    log(
                        f"{NAME}: {service}: {side}: {outcome.requests} requests in {outcome.intervals} intervals,"
                        f" {outcome.cpu_s:.2f} s CPU, loop lag {outcome.startup_lag_s * 1e3:.0f} ms at start-up,"
                        f" {outcome.steady_lag_s * 1e3:.0f} ms after"
                        f" (gc pause {outcome.worst_gc_pause_s * 1e3:.0f} ms),"
                        f" notice lag {outcome.worst_notice_lag_s:.2f} s,"
                        f" events {outcome.statuses}"
                    )
    for (service, side), sides in runs.items():
        prefix = f"{service}_{side}"
        per_interval = [r.requests / r.intervals for r in sides]
        result.add(f"{prefix}_requests_per_interval", per_interval, "requests")
        aim = "<= 0.02x" if side == "shared" else None
        result.add(f"{prefix}_requests_vs_one_get_per_job", [v / args.jobs for v in per_interval], "x", aim=aim)
        result.add(f"{prefix}_cpu_s_per_interval", [r.cpu_s / r.intervals for r in sides], "s")
        result.add(f"{prefix}_startup_loop_lag_ms", [r.startup_lag_s * 1e3 for r in sides], "ms")
        result.add(f"{prefix}_steady_loop_lag_ms", [r.steady_lag_s * 1e3 for r in sides], "ms")
        result.add(f"{prefix}_max_gc_pause_ms", [r.worst_gc_pause_s * 1e3 for r in sides], "ms")
        result.add(f"{prefix}_max_notice_lag_s", [r.worst_notice_lag_s for r in sides], "s")
        for r in sides:
            if set(r.statuses) - {"success", "failed", "canceled"}:
                result.notes.append(f"{prefix}: events {r.statuses}")
    for service in services:
        shared, naive = runs.get((service, "shared"), []), runs.get((service, "naive"), [])
        if shared and naive:
            pairs = list(zip(shared, naive, strict=True))
            result.add(f"{service}_requests_shared_vs_naive", [s.requests / n.requests for s, n in pairs], "x")
            result.add(f"{service}_cpu_shared_vs_naive", [s.cpu_s / n.cpu_s for s, n in pairs], "x")
    result.notes.append(
        f"{args.jobs} triggers per service (one job each) in one event loop, jobs ending {args.first:g}..{args.last:g}"
        f" s after the start in {GROUPS} groups; poll interval {args.interval:g} s; emulator in another process;"
        " one GET per job per interval = --jobs requests per interval"
    )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"triggers per service ({DEFAULT_JOBS})")
    parser.add_argument(
        "--interval", type=float, default=DEFAULT_INTERVAL, help=f"poll interval ({DEFAULT_INTERVAL} s)"
    )
    parser.add_argument("--first", type=float, default=DEFAULT_FIRST_S, help=f"first end, s ({DEFAULT_FIRST_S})")
    parser.add_argument("--last", type=float, default=DEFAULT_LAST_S, help=f"last end, s ({DEFAULT_LAST_S})")
    parser.add_argument("--services", default=DEFAULT_SERVICES, help=f"comma-separated, of {', '.join(SUPPORTED)}")
    args = parser.parse_args(argv)
    args.speed = 1.0
    services = [s for s in args.services.split(",") if s]
    if args.jobs < GROUPS or args.interval <= 0 or not 0 < args.first <= args.last:
        parser.error(f"need --jobs >= {GROUPS}, --interval > 0 and 0 < --first <= --last")
    if not services or set(services) - set(SUPPORTED):
        parser.error(f"--services: a comma-separated list of {', '.join(SUPPORTED)}")
    emit(measure(args), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
