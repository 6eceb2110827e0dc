"""Streaming 100,000 TileDB tasks through ``tasks.fetch_tasks(per_page=1000)``: tasks per second and peak RSS growth.

Method: the emulator runs as a subprocess (``python -m taskfacade_emulator --tiledb-count 100000``, clock frozen),
seeded with 100,000 tasks spread over the last 30 days. Each run iterates ``fetch_tasks(start=<31 days ago>,
per_page=1000)`` to the end (100 requests, the default prefetching of the next page on) and checks that exactly
100,000 tasks came through. Wall time gives tasks per second (the emulator's own work included: it is
the slower side); ``time.process_time`` gives this process's CPU per task; peak RSS growth is measured around the
iteration (``measure_peak_rss_growth``: VmHWM reset through /proc/self/clear_refs, so exact on Linux), after an
untimed warm-up listing that loads every module the loop needs.

Aim (issue 4): peak RSS growth at most 30 MB: tasks are streamed, not accumulated.
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
from _harness import BenchResult, emit, log, make_parser, measure_peak_rss_growth, reproduce_command

NAME = "tiledb_paging"
DESCRIPTION = "Iterate 100,000 tasks with fetch_tasks(per_page=1000) against the emulator: tasks/s and peak RSS."
DEFAULT_RUNS = 3
TASKS = 100_000
AIM_RSS = "<= 30 MB"


@contextlib.contextmanager
def emulator_process(*extra: str) -> Iterator[str]:
    """A ``python -m taskfacade_emulator`` subprocess on a free port (frozen clock); yields its URL."""
    command = [sys.executable, "-m", "taskfacade_emulator", "--port", "0", "--speed", "0", *extra]
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


def _iterate(pager: Any) -> int:
    """Consume the pager, keeping nothing (the tests check that the tasks are distinct)."""
    count = 0
    for task in pager:
        count += bool(task.id)
    return count


def measure(runs: int) -> BenchResult:
    """Run the iterations and return the result."""
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(runs)))
    from taskfacade.tiledb import Client, tasks

    log(f"{NAME}: seeding {TASKS:,} tasks in the emulator")
    with emulator_process("--seed-count", "10", "--tiledb-count", str(TASKS)) as url:
        now = httpx.get(url + "/_emulator/clock").json()["now"]
        start = datetime.datetime.fromtimestamp(now, datetime.UTC) - datetime.timedelta(days=31)
        client = Client(host=url + "/tiledb", token="emulator-token", workspace="ws_emulator",
                        profile_dir=tempfile.mkdtemp())  # fmt: skip
        _iterate(tasks.fetch_tasks(start=start, per_page=1000, client=client)[:2000])  # warm-up
        rates, rss, cpu = [], [], []
        for run in range(runs):
            log(f"{NAME}: run {run + 1}/{runs}")
            pager = tasks.fetch_tasks(start=start, per_page=1000, client=client)
            wall, cpu_start = time.perf_counter(), time.process_time()
            count, growth = measure_peak_rss_growth(lambda pager=pager: _iterate(pager))
            wall, used = time.perf_counter() - wall, time.process_time() - cpu_start
            if count != TASKS:
                result.notes.append(f"run {run + 1}: {count} tasks instead of {TASKS}")
            rates.append(count / wall)
            cpu.append(used / max(count, 1) * 1e6)
            rss.append(growth.bytes / 1e6)
            kind = growth.kind
        client.close()
    result.add("tasks_per_s", rates, "tasks/s")
    result.add("client_cpu_us_per_task", cpu, "us")
    result.add("peak_rss_growth_mb", rss, "MB", aim=AIM_RSS)
    result.notes.append(f"peak RSS growth is {kind} (VmHWM reset before each run)")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    args = make_parser(__doc__, default_runs=DEFAULT_RUNS).parse_args(argv)
    emit(measure(args.runs), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
