"""Waiting on 200 TileDB tasks that finish at staggered times with ``taskfacade.as_completed``: requests sent
versus one GET per unfinished task per poll, and how soon each completion is noticed.

Method: the emulator runs as a subprocess with its clock at ``--speed`` times real time. Each run creates 200 UDF
tasks through the admin API (20 groups of 10, running 10, 20, ... 200 emulator seconds, a quarter of them
failing or cancelled), fetches them with one listing, clears the emulator's request counts and waits on all of
them with ``as_completed(jobs, interval=...)`` on the real clock. The poller's clock is wrapped to record when each
poll starts; the baseline is what a naive poller would send on exactly those polls: one GET per task not yet seen
finished. Each task's notice lag is the real time between its end (emulator ``finish_time`` converted at the
clock speed) and the moment ``as_completed`` yielded it.

Aims (issue 4/5): at most 10% of the naive poller's requests, and every completion noticed within one interval.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from typing import Any

import httpx
from _harness import BenchResult, emit, log, make_parser, reproduce_command

NAME = "tiledb_wait"
DESCRIPTION = "as_completed over 200 staggered TileDB tasks: requests vs one GET per pending task per poll."
DEFAULT_RUNS = 2
DEFAULT_SPEED = 20.0
DEFAULT_INTERVAL = 0.5
GROUPS, PER_GROUP, STEP_S = 20, 10, 10.0


@contextlib.contextmanager
def emulator_process(*extra: str) -> Iterator[str]:
    """A ``python -m taskfacade_emulator`` subprocess on a free port; yields its URL."""
    command = [sys.executable, "-m", "taskfacade_emulator", "--port", "0", *extra]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        match = re.match(r"taskfacade emulator listening on (\S+)", proc.stdout.readline())
        if not match:
            raise SystemExit("the emulator did not start")
        yield match.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=15)


class RecordingClock:
    """The real clock, remembering when each poll after a sleep starts."""

    def __init__(self) -> None:
        self.woke_at: list[float] = []

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)
        self.woke_at.append(time.monotonic())


def _create(admin: httpx.Client) -> list[str]:
    ids: list[str] = []
    outcomes = ("succeeded", "succeeded", "failed", "canceled")
    for group in range(GROUPS):
        spec = {"service": "tiledb", "count": PER_GROUP, "type": "UDF", "outcome": outcomes[group % 4]}
        spec["run_s"] = STEP_S * (group + 1)
        ids += admin.post("/_emulator/tasks", json=spec).raise_for_status().json()["ids"]
    return ids


def one_run(url: str, speed: float, interval: float) -> dict[str, Any]:
    """Create the tasks, wait on them, and return the counts and lags."""
    import taskfacade
    from taskfacade.tiledb import Client, tasks

    admin = httpx.Client(base_url=url)
    ids = _create(admin)
    emu_now = admin.get("/_emulator/clock").json()["now"]
    real0 = time.monotonic()
    now = datetime.datetime.fromtimestamp(emu_now, datetime.UTC)
    client = Client(host=url + "/tiledb", token="emulator-token", workspace="ws_emulator",
                    profile_dir=tempfile.mkdtemp())  # fmt: skip
    listed = tasks.fetch_tasks(start=now - datetime.timedelta(minutes=1), end=now + datetime.timedelta(minutes=1),
                               per_page=1000, client=client)  # fmt: skip
    by_id = {t.id: t for t in listed}
    jobs = [by_id[i] for i in ids]
    admin.delete("/_emulator/requests")
    clock = RecordingClock()
    polls = [time.monotonic()]
    noticed: list[float] = []
    lags: list[float] = []
    for job in taskfacade.as_completed(jobs, interval=interval, clock=clock):
        seen = time.monotonic()
        noticed.append(seen)
        ended = real0 + (job.finished_utc.timestamp() - emu_now) / speed
        lags.append(seen - ended)
    counts = admin.get("/_emulator/requests").json()["tiledb"]
    polls += clock.woke_at
    naive = sum(sum(1 for when in noticed if when >= start) for start in polls)
    client.close()
    return {"requests": sum(counts.values()), "naive": naive, "polls": len(polls), "lags": lags, "routes": counts}


def measure(runs: int, speed: float, interval: float) -> BenchResult:
    """Run the waits and return the result."""
    command = reproduce_command(__file__, "--runs", str(runs), "--speed", str(speed), "--interval", str(interval))
    result = BenchResult(NAME, DESCRIPTION, command)
    ratio, sent, naive, max_lag = [], [], [], []
    with emulator_process("--seed-count", "50", "--speed", str(speed)) as url:
        for run in range(runs):
            log(f"{NAME}: run {run + 1}/{runs}")
            found = one_run(url, speed, interval)
            ratio.append(found["requests"] / found["naive"])
            sent.append(found["requests"])
            naive.append(found["naive"])
            max_lag.append(max(found["lags"]) / interval)
            result.notes.append(f"run {run + 1}: {found['polls']} polls, requests by route {found['routes']}")
    result.add("requests_vs_naive", ratio, "x", aim="<= 0.1x")
    result.add("requests_sent", sent, "requests")
    result.add("naive_requests", naive, "requests")
    result.add("max_notice_lag_intervals", max_lag, "x", aim="<= 1.0x")
    result.notes.append(f"interval {interval} s real, emulator clock at {speed}x, tasks end 0.5 s apart (real)")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument("--speed", type=float, default=DEFAULT_SPEED, help=f"emulator clock speed ({DEFAULT_SPEED})")
    parser.add_argument(
        "--interval", type=float, default=DEFAULT_INTERVAL, help=f"poll interval, s ({DEFAULT_INTERVAL})"
    )
    args = parser.parse_args(argv)
    emit(measure(args.runs, args.speed, args.interval), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
