"""Waiting for many Deadline tasks: requests the emulator served, batched (BatchGetTask) against one GET per task.

Method: per run, a fresh in-process emulator (frozen clock) gets N tasks that queue 1 s and run for staggered
times (5..120 s, evenly spread, so completions keep arriving). ``taskfacade.as_completed`` waits for them with the
default interval (2 s) on a clock whose sleeps advance the emulator, so the wait takes emulated, not real, time.
Requests are read from the emulator's counters. The baseline, one GET per task per poll, is the number of
unfinished tasks summed over the polls of the same wait (counted in the batch hook); since the emulator clock
only moves when the wait sleeps, a wait that really sent one ``GetTask`` per task would poll on exactly the same
schedule (``--measure-baseline`` runs it too, with the batch hook switched off, and checks the count: about
three minutes for 500 tasks). Each completion's delay is the emulated time between the task's ``endedAt`` and
the moment ``as_completed`` yielded it.

Aims (issue 5): at most 10% of the one-GET-per-task requests, and every completion noticed within one poll
interval (2 s).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any

from _harness import BenchResult, emit, log, make_parser, reproduce_command

NAME = "deadline_wait"
DESCRIPTION = "as_completed on N staggered Deadline tasks: emulator requests (BatchGetTask vs one GetTask per poll)."
DEFAULT_RUNS = 3
TASKS = 500
INTERVAL = 2.0


class EmulatorClock:
    """A taskfacade Clock on the emulator's time; sleeping advances the frozen emulator instead of blocking."""

    def __init__(self, emu: Any) -> None:
        self.emu = emu

    def monotonic(self) -> float:
        return float(self.emu.now())

    def time(self) -> float:
        return float(self.emu.now())

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.emu.advance(seconds)


def _wait(batched: bool, count: int) -> tuple[int, int, float]:
    """One wait; returns (requests the emulator served, unfinished tasks summed over polls, worst notice delay)."""
    import taskfacade
    from taskfacade import deadline
    from taskfacade_emulator import Emulator

    polled: list[int] = []

    class CountingTask(deadline.DeadlineTask):
        """Counts the unfinished tasks of every poll; batches (BatchGetTask) unless ``batched`` is False."""

        @classmethod
        def _refresh_many(cls, jobs: Sequence[taskfacade.Job[Any]]) -> None:
            polled.append(len(jobs))
            if batched:
                super()._refresh_many(jobs)
            else:
                for job in jobs:
                    job.refresh()

    with Emulator(seed_count=10, speed=0) as emu:
        seeded = emu.seeded()["deadline"]
        step = {k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")}
        client = deadline.client(
            endpoint_url=emu.base_url("deadline"),
            aws_access_key_id="AKIDEMULATOR",
            aws_secret_access_key="emulator-secret",
            clock=EmulatorClock(emu),
            environ={},
        )
        ids = [emu.create_tasks("deadline", queued_s=1, run_s=5 + 115 * i / count)[0] for i in range(count)]
        tasks = [CountingTask(client, {**step, "taskId": task_id}) for task_id in ids]
        emu.clear_request_counts()
        worst = 0.0
        for task in taskfacade.as_completed(tasks, timeout=3600, interval=INTERVAL):
            assert task.status == "SUCCEEDED", task
            assert task.finished_utc is not None
            worst = max(worst, emu.now() - task.finished_utc.timestamp())
        requests = sum(emu.request_counts()["deadline"].values())
        client.close()
        return requests, sum(polled), worst


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument("--tasks", type=int, default=TASKS, help=f"tasks per wait (default {TASKS})")
    parser.add_argument("--measure-baseline", action="store_true", help="also run the one-GET-per-task wait")
    args = parser.parse_args(argv)
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(args.runs)))
    ratios, delays, batched_counts, naive_counts, seconds = [], [], [], [], []
    for run in range(args.runs):
        start = time.perf_counter()
        batched, naive, worst = _wait(True, args.tasks)
        seconds.append(time.perf_counter() - start)
        log(f"run {run + 1}/{args.runs}: batched {batched} requests, one GET per task {naive}; worst {worst:.2f}s")
        if args.measure_baseline:
            measured, expected, naive_worst = _wait(False, args.tasks)
            log(f"  measured baseline: {measured} GetTask requests (counted {expected})")
            if measured != naive:
                result.notes.append(f"run {run + 1}: measured baseline {measured} != counted {naive}")
            worst = max(worst, naive_worst)
        ratios.append(batched / naive)
        delays.append(worst)
        batched_counts.append(float(batched))
        naive_counts.append(float(naive))
    result.add("requests_ratio", ratios, "x", aim="<= 0.1x")
    result.add("worst_notice_delay", delays, "s", aim=f"<= {INTERVAL:g}s")
    result.add("requests_batched", batched_counts, "requests")
    result.add("requests_one_get_per_task", naive_counts, "requests")
    result.add("batched_wait_wall_time", seconds, "s")
    result.notes.append(f"{args.tasks} tasks, runs 5..120 s after 1 s queued, poll interval {INTERVAL:g} s (emulated)")
    emit(result, as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
