"""One event loop waiting on 10,000 jobs spread over the four services, finishing at staggered times: a naive
one-GET-per-job asyncio poller against ``taskfacade.aio.as_completed``, side by side on the same emulator.

Method: the emulator runs as a subprocess (``python -m taskfacade_emulator``), so this process's CPU time
(``time.process_time``) is the client's alone. For each side in turn (the order alternates from run to run), with
the emulator clock frozen, ``--jobs`` tasks are created through the admin API, a quarter per service, in groups of
equal size whose end times are spread evenly from ``--first`` to ``--last`` real seconds (100 distinct end times
with the defaults; outcomes succeeded, succeeded, failed, canceled by group). The side builds its jobs, the
request counts are cleared, the clock starts at ``--speed`` times real time and the side waits until every job is
noticed finished. A job's real end is ``clock start + run_s / speed`` exactly, since every task starts at the frozen
instant and the emulator computes states from its clock.

Sides:
  naive  an ``httpx.AsyncClient`` (10 connections) and 10 worker coroutines sending one GET per pending job to its
         service's get-one endpoint (TileDB ``GET /v1/task/{workspace}/{id}``, Deadline ``GetTask`` signed with
         botocore's SigV4, Geobox ``GET /v1/tasks/{uuid}/``, TensorBay ``GET .../jobs/{id}``), one round every
         ``--interval`` seconds (start to start; a round that overruns is followed at once by the next).
  aio    ``taskfacade.aio.as_completed`` over jobs built by the async clients of issue 11 (``aio_side`` below, the
         only code that touches the async facade). Until ``taskfacade.aio`` exists this side is a note.

Measured per side: the requests the emulator counted (``GET /_emulator/requests``); the baseline "one GET per job
per poll" = the requests an ideal poller sends that polls every pending job every ``--interval`` seconds from the
clock start and stops polling a job once it has seen it finished, i.e. sum over jobs of (ceil(end / interval) + 1)
= sum over poll rounds k = 0, 1, ... of the jobs still pending at round k (the number of pending jobs times the
number of rounds, round by round); client CPU seconds per poll round (naive: its own rounds; aio: the wait's wall
time divided by ``--interval``, rounded up, since its adaptive rounds are not visible from outside); the worst
event-loop lag (a ticker task sleeping 10 ms records how late it wakes; the longest garbage-collector pause is
reported beside it, as one cause, after a ``gc.collect()`` before the clock starts); and the worst notice lag
(real time between a job's end and the moment the side reported it finished), which should be at most one
interval.

Aims (issue 11, for the aio side): requests at most 1% of the baseline, worst loop lag at most 50 ms, every
completion noticed within one poll interval.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import math
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from _emulator import SERVICES, Admin, Planned, emulator_process, plan_groups, total
from _harness import BenchResult, emit, log, make_parser, reproduce_command

if TYPE_CHECKING:
    import httpx

NAME = "async_wait_many"
DESCRIPTION = "One event loop waiting on 10,000 staggered jobs (4 services): naive one-GET-per-job vs taskfacade.aio."
DEFAULT_RUNS = 2
DEFAULT_JOBS = 10_000
DEFAULT_SPEED = 10.0
DEFAULT_INTERVAL = 2.0
DEFAULT_FIRST_S, DEFAULT_LAST_S = 5.0, 35.0
GROUPS_PER_SERVICE = 25
CONCURRENCY = 10
TICK_S = 0.01

TOKEN = "emulator-token"
WORKSPACE = "ws_emulator"
TENSORBAY_KEY = "ACCESSKEY-emulator"
AWS_KEY, AWS_SECRET, AWS_REGION = "AKIDEMULATOR", "emulator-secret", "us-west-2"
STEP_KEYS = ("farmId", "queueId", "jobId", "stepId")
CREATE_FIELDS = {"tensorbay": {"jobType": "squashAndMerge"}}

#: Each service's final statuses on its get-one endpoint (field, status -> outcome), as the naive poller reads them.
FINAL: dict[str, tuple[str, dict[str, str]]] = {
    "tiledb": (
        "status",
        {
            "COMPLETED": "succeeded",
            "FAILED": "failed",
            "RESOURCES_UNAVAILABLE": "failed",
            "DENIED": "failed",
            "CANCELLED": "canceled",
        },
    ),
    "deadline": (
        "runStatus",
        {"SUCCEEDED": "succeeded", "FAILED": "failed", "NOT_COMPATIBLE": "failed", "CANCELED": "canceled"},
    ),
    "geobox": ("state", {"SUCCESS": "succeeded", "FAILURE": "failed", "ABORTED": "canceled"}),
    "tensorbay": (
        "status",
        {"SUCCESS": "succeeded", "FAILED": "failed", "FAIL": "failed", "ABORTED": "canceled", "ABORT": "canceled"},
    ),
}
#: ``JobPhase`` names of finished jobs -> the planned outcome (the aio side reports ``job.phase.name``).
PHASE_OUTCOME = {"SUCCEEDED": "succeeded", "FAILED": "failed", "CANCELED": "canceled"}

#: A side's wait: ``completions(interval, timeout)`` yields ``(task id, outcome)`` as each job is seen finished.
Completions = Callable[[float, float], AsyncIterator[tuple[str, str]]]


# ---------------------------------------------------------------------------------------------------------------
# The naive side: one GET per pending job per interval
# ---------------------------------------------------------------------------------------------------------------


@attrs.define
class NaivePoller:
    """One GET per pending job per round, 10 in flight, a round every ``interval`` seconds (start to start)."""

    url: str
    seeded: dict[str, Any]
    planned: Sequence[Planned]
    rounds: int = 0
    sent: int = 0
    _sigv4: Any = None
    _http: Any = None

    def prepare(self) -> None:
        """Make the HTTP client and the SigV4 signer before the clock starts (imports and TLS set-up block the loop)."""
        import httpx
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest  # noqa: F401
        from botocore.credentials import Credentials

        limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
        self._http = httpx.AsyncClient(limits=limits, timeout=60.0)
        self._sigv4 = SigV4Auth(Credentials(AWS_KEY, AWS_SECRET), "deadline", AWS_REGION)

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._http.aclose()

    def _request(self, job: Planned) -> tuple[str, dict[str, str]]:
        """The URL and headers of one get-one request (Deadline's signed now, as every request must be)."""
        if job.service == "tiledb":
            return f"{self.url}/tiledb/v1/task/{WORKSPACE}/{job.id}", {"X-TILEDB-REST-API-KEY": TOKEN}
        if job.service == "geobox":
            return f"{self.url}/geobox/v1/tasks/{job.id}/", {"Authorization": f"Bearer {TOKEN}"}
        if job.service == "tensorbay":
            dataset = self.seeded["tensorbay"]["dataset_id"]
            url = f"{self.url}/tensorbay/gatewayv2/tensorbay-open-api/v1/datasets/{dataset}/jobs/{job.id}"
            return url + "?jobType=squashAndMerge", {"X-Token": TENSORBAY_KEY}
        from botocore.awsrequest import AWSRequest

        step = self.seeded["deadline"]
        path = "/".join(
            f"{kind}/{step[key]}" for kind, key in zip(("farms", "queues", "jobs", "steps"), STEP_KEYS, strict=True)
        )
        url = f"{self.url}/deadline/2023-10-12/{path}/tasks/{job.id}"
        request = AWSRequest(method="GET", url=url)
        self._sigv4.add_auth(request)
        return url, dict(request.headers.items())

    async def _round(
        self,
        http: httpx.AsyncClient,
        queue: Iterator[Planned],
        still: list[Planned],
        finished: asyncio.Queue[tuple[str, str] | None],
    ) -> None:
        """One poll round: CONCURRENCY workers share the round's jobs; ``None`` on ``finished`` marks its end."""
        try:
            await asyncio.gather(*(self._worker(http, queue, still, finished) for _ in range(CONCURRENCY)))
        finally:
            finished.put_nowait(None)

    async def _worker(
        self,
        http: httpx.AsyncClient,
        queue: Iterator[Planned],
        still: list[Planned],
        finished: asyncio.Queue[tuple[str, str] | None],
    ) -> None:
        """Take jobs from the round's shared iterator: GET each, report the finished, keep the others."""
        for job in queue:
            url, headers = self._request(job)
            response = await http.get(url, headers=headers)
            self.sent += 1
            response.raise_for_status()
            field, outcomes = FINAL[job.service]
            outcome = outcomes.get(response.json()[field])
            if outcome is None:
                still.append(job)
            else:
                finished.put_nowait((job.id, outcome))

    async def completions(self, interval: float, timeout: float) -> AsyncIterator[tuple[str, str]]:
        """Poll until every job is seen finished; yields ``(id, outcome)`` as each is."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        http = self._http
        pending = list(self.planned)
        while pending:
            if loop.time() > deadline:
                raise TimeoutError(f"{len(pending)} jobs still pending after {timeout} s")
            started = loop.time()
            self.rounds += 1
            queue = iter(pending)
            still: list[Planned] = []
            finished: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()
            done = asyncio.ensure_future(self._round(http, queue, still, finished))
            while (item := await finished.get()) is not None:
                yield item
            await done  # raises a worker's error
            pending = still
            if pending:
                await asyncio.sleep(max(0.0, started + interval - loop.time()))


# ---------------------------------------------------------------------------------------------------------------
# taskfacade.aio plug-in (issue 11): the only code that touches the async facade
# ---------------------------------------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def aio_side(url: str, seeded: dict[str, Any], planned: Sequence[Planned]) -> AsyncIterator[Completions]:
    """Build one awaitable job per planned task with issue 11's async clients; yield their ``completions``.

    Raises ``ImportError`` before any request while ``taskfacade.aio`` is not written (the caller turns that into
    a note). Written against the surfaces issue 11 lists; when the real API differs, adjust the calls here only.
    """
    from taskfacade import aio
    from taskfacade.deadline import aio as deadline_aio
    from taskfacade.geobox import aio as geobox_aio
    from taskfacade.tensorbay import aio as tensorbay_aio
    from taskfacade.tiledb import aio as tiledb_aio

    step = {key: seeded["deadline"][key] for key in STEP_KEYS}
    async with contextlib.AsyncExitStack() as stack:
        tiledb = tiledb_aio.AsyncClient(
            host=f"{url}/tiledb", token=TOKEN, workspace=WORKSPACE, profile_dir=tempfile.mkdtemp()
        )
        stack.push_async_callback(tiledb.aclose)
        deadline = await stack.enter_async_context(
            deadline_aio.client(
                endpoint_url=f"{url}/deadline",
                aws_access_key_id=AWS_KEY,
                aws_secret_access_key=AWS_SECRET,
                region_name=AWS_REGION,
                environ={},
            )
        )
        geobox = await stack.enter_async_context(
            geobox_aio.AsyncGeoboxClient(host=f"{url}/geobox/", access_token=TOKEN)
        )
        gas = tensorbay_aio.GAS(TENSORBAY_KEY, f"{url}/tensorbay")
        stack.push_async_callback(gas.aclose)
        dataset = await gas.get_dataset(seeded["tensorbay"]["dataset_name"])

        async def build(job: Planned) -> Any:
            if job.service == "tiledb":
                return await tiledb_aio.tasks.task(job.id, client=tiledb)
            if job.service == "deadline":
                return await deadline.task(**step, taskId=job.id)
            if job.service == "geobox":
                return await geobox.get_task(job.id)
            return await dataset.squash_and_merge.get_job(job.id)

        jobs = await bounded_gather([functools.partial(build, p) for p in planned], CONCURRENCY)
        ids = {id(job): p.id for job, p in zip(jobs, planned, strict=True)}

        async def completions(interval: float, timeout: float) -> AsyncIterator[tuple[str, str]]:
            async for job in aio.as_completed(jobs, timeout=timeout, interval=interval):
                yield ids[id(job)], PHASE_OUTCOME.get(job.phase.name, job.phase.name)

        yield completions


# ---------------------------------------------------------------------------------------------------------------
# Measuring one side
# ---------------------------------------------------------------------------------------------------------------


async def bounded_gather(calls: Sequence[Callable[[], Awaitable[Any]]], limit: int) -> list[Any]:
    """Await every call, at most ``limit`` at a time, and return the results in order."""
    semaphore = asyncio.Semaphore(limit)

    async def one(call: Callable[[], Awaitable[Any]]) -> Any:
        async with semaphore:
            return await call()

    return list(await asyncio.gather(*(one(call) for call in calls)))


@attrs.define
class LoopLag:
    """A ticker task: sleeps ``tick`` seconds again and again and records how late it wakes (the loop's lag)."""

    tick: float = TICK_S
    worst: float = 0.0

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            due = loop.time() + self.tick
            await asyncio.sleep(self.tick)
            self.worst = max(self.worst, loop.time() - due)


@attrs.define
class GcPauses:
    """The longest garbage-collector pause while installed (``gc.callbacks``): a cause of event-loop lag."""

    worst: float = 0.0
    _started: float = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.worst = max(self.worst, time.perf_counter() - self._started)


@attrs.frozen
class SideRun:
    """What one side's wait cost and how promptly it noticed each completion."""

    requests: int
    routes: dict[str, dict[str, int]]
    wall_s: float
    cpu_s: float
    rounds: int
    worst_loop_lag_s: float
    worst_gc_pause_s: float
    notice_lags_s: list[float]
    wrong_outcomes: int
    unfinished: int


async def measure_side(
    admin: Admin, planned: Sequence[Planned], completions: Completions, speed: float, interval: float
) -> tuple[SideRun, float]:
    """Clear the counts, start the clock, wait through ``completions``; returns the run and its wall time."""
    by_id = {job.id: job for job in planned}
    timeout = max(600.0, 10 * max(job.end_s for job in planned))
    await admin.clear_requests()
    gc.collect()  # both sides start without the set-up's garbage
    pauses = GcPauses()
    gc.callbacks.append(pauses)
    lag = LoopLag()
    ticker = asyncio.ensure_future(lag.run())
    loop = asyncio.get_running_loop()
    started = await admin.start_clock(speed)
    cpu0 = time.process_time()
    lags, wrong, seen = [], 0, set()
    async for task_id, outcome in completions(interval, timeout):
        noticed = loop.time()
        job = by_id[task_id]
        seen.add(task_id)
        lags.append(noticed - (started + job.end_s))
        wrong += outcome != job.outcome
    cpu = time.process_time() - cpu0
    wall = loop.time() - started
    ticker.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await ticker
    gc.callbacks.remove(pauses)
    counts = await admin.requests()
    await admin.freeze()
    unseen = len(by_id) - len(seen)
    run = SideRun(total(counts), counts, wall, cpu, 0, lag.worst, pauses.worst, lags, wrong, unseen)
    return run, wall


def baseline_requests(planned: Sequence[Planned], interval: float) -> int:
    """One GET per pending job per poll: rounds at k * interval; a job is polled until a round at/after its end."""
    return sum(math.ceil(job.end_s / interval) + 1 for job in planned)


async def one_run(url: str, args: Any, order: Sequence[str]) -> dict[str, SideRun | str]:
    """Both sides, in ``order``, each on its own freshly created tasks; a side that cannot run is a note."""
    admin = Admin(url)
    try:
        seeded = await admin.seeded()
        groups = plan_groups(SERVICES, args.jobs // len(SERVICES), GROUPS_PER_SERVICE, args.first, args.last)
        results: dict[str, SideRun | str] = {}
        for side in order:
            await admin.freeze()
            planned = await admin.create_planned(groups, args.speed, **CREATE_FIELDS)
            log(f"{NAME}: {side}: {len(planned)} jobs created, waiting")
            if side == "naive":
                poller = NaivePoller(url, seeded, planned)
                poller.prepare()
                try:
                    run, _ = await measure_side(admin, planned, poller.completions, args.speed, args.interval)
                finally:
                    await poller.aclose()
                if run.requests != poller.sent:
                    log(f"{NAME}: the emulator counted {run.requests} requests, the naive poller sent {poller.sent}")
                results[side] = attrs.evolve(run, rounds=poller.rounds)
                continue
            async with contextlib.AsyncExitStack() as stack:
                try:  # only entering: an ImportError during the wait is an error, not "not available"
                    completions = await stack.enter_async_context(aio_side(url, seeded, planned))
                except ImportError as exc:
                    results[side] = f"taskfacade.aio not available yet ({exc})"
                    continue
                run, wall = await measure_side(admin, planned, completions, args.speed, args.interval)
            results[side] = attrs.evolve(run, rounds=max(1, math.ceil(wall / args.interval)))
        return results
    finally:
        await admin.aclose()


def measure(args: Any) -> BenchResult:
    """Run the waits and collect the metrics."""
    options: tuple[str, ...] = ("--runs", str(args.runs), "--jobs", str(args.jobs), "--speed", str(args.speed))
    options += ("--interval", str(args.interval), "--first", str(args.first), "--last", str(args.last))
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, *options))
    per_side: dict[str, list[SideRun]] = {"naive": [], "aio": []}
    baselines: list[float] = []
    with emulator_process("--seed-count", "5") as url:
        for run in range(args.runs):
            order = ("naive", "aio") if run % 2 == 0 else ("aio", "naive")
            log(f"{NAME}: run {run + 1}/{args.runs}")
            for side, outcome in asyncio.run(one_run(url, args, order)).items():
                if isinstance(outcome, str):
                    if outcome not in result.notes:
                        result.notes.append(outcome)
                    continue
                per_side[side].append(outcome)
                log(
                    f"{NAME}: {side}: {outcome.requests} requests, {outcome.rounds} rounds, {outcome.cpu_s:.2f} s CPU,"
                    f" worst loop lag {outcome.worst_loop_lag_s * 1e3:.1f} ms,"
                    f" worst notice lag {max(outcome.notice_lags_s):.2f} s"
                )
            groups = plan_groups(SERVICES, args.jobs // len(SERVICES), GROUPS_PER_SERVICE, args.first, args.last)
            schedule = [Planned(g.service, "", g.outcome, g.end_s) for g in groups for _ in range(g.count)]
            baselines.append(float(baseline_requests(schedule, args.interval)))
    result.add("baseline_requests", baselines, "requests")
    aims = {
        "requests_vs_baseline": "<= 0.01x",
        "max_loop_lag_ms": "<= 50 ms",
        "max_notice_lag_s": f"<= {args.interval:g} s",
    }
    for side, runs in per_side.items():
        if not runs:
            continue
        aim = aims if side == "aio" else {}
        result.add(f"{side}_requests", [r.requests for r in runs], "requests")
        ratios = [r.requests / b for r, b in zip(runs, baselines, strict=False)]
        result.add(f"{side}_requests_vs_baseline", ratios, "x", aim=aim.get("requests_vs_baseline"))
        result.add(f"{side}_rounds", [r.rounds for r in runs], "rounds")
        result.add(f"{side}_cpu_s_per_round", [r.cpu_s / r.rounds for r in runs], "s")
        result.add(f"{side}_cpu_s", [r.cpu_s for r in runs], "s")
        result.add(f"{side}_wall_s", [r.wall_s for r in runs], "s")
        result.add(
            f"{side}_max_loop_lag_ms", [r.worst_loop_lag_s * 1e3 for r in runs], "ms", aim=aim.get("max_loop_lag_ms")
        )
        result.add(f"{side}_max_gc_pause_ms", [r.worst_gc_pause_s * 1e3 for r in runs], "ms")
        notice = [max(r.notice_lags_s) for r in runs]
        result.add(f"{side}_max_notice_lag_s", notice, "s", aim=aim.get("max_notice_lag_s"))
        late = [sum(lag > args.interval for lag in r.notice_lags_s) for r in runs]
        result.add(f"{side}_jobs_noticed_late", late, "jobs")
        for r in runs:
            if r.wrong_outcomes or r.unfinished:
                result.notes.append(
                    f"{side}: {r.wrong_outcomes} jobs ended otherwise than planned, {r.unfinished} unseen"
                )
            if min(r.notice_lags_s) < -0.05:
                result.notes.append(f"{side}: a job was seen finished {-min(r.notice_lags_s):.3f} s before its end")
        result.notes.append(f"{side} requests by route (last run): {runs[-1].routes}")
    result.notes.append(
        f"{args.jobs} jobs ({args.jobs // len(SERVICES)} per service), ending {args.first:g}..{args.last:g} s after"
        f" the clock starts; emulator clock at {args.speed:g}x; poll interval {args.interval:g} s;"
        f" naive: {CONCURRENCY} requests in flight; aio rounds = ceil(wall / interval)"
    )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"jobs in all (default {DEFAULT_JOBS})")
    parser.add_argument("--speed", type=float, default=DEFAULT_SPEED, help=f"emulator clock speed ({DEFAULT_SPEED})")
    parser.add_argument(
        "--interval", type=float, default=DEFAULT_INTERVAL, help=f"poll interval, s ({DEFAULT_INTERVAL})"
    )
    parser.add_argument("--first", type=float, default=DEFAULT_FIRST_S, help="first end, s after the start (5)")
    parser.add_argument("--last", type=float, default=DEFAULT_LAST_S, help="last end, s after the start (35)")
    args = parser.parse_args(argv)
    if args.jobs < len(SERVICES) or args.speed <= 0 or args.interval <= 0 or not 0 < args.first <= args.last:
        parser.error("need --jobs >= 4, --speed > 0, --interval > 0 and 0 < --first <= --last")
    emit(measure(args), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
