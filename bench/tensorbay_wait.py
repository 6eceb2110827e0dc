"""Waiting for many TensorBay jobs: requests the emulator served, batched (taskfacade) against one GET per job.

Method: per run, a fresh in-process emulator (frozen clock) gets N squash-and-merge jobs that queue 1 s and run
for staggered times (5..120 s, evenly spread, so completions keep arriving). ``taskfacade.wait_all`` waits for
them with the default interval (2 s) on a clock whose sleeps advance the emulator, so the wait takes emulated,
not real, time. The same schedule is then waited for again with jobs whose ``job_updater`` is a plain function
(the vendor SDK's shape), which the facade cannot batch: one GET per job per poll. Requests are read from the
emulator's counters (``/_emulator/requests``); each completion's delay is the emulated time between the job's
``finishedAt`` and the moment ``as_completed`` yielded it.

Aims (issue 5, as for Deadline and TileDB): at most 10% of the one-GET-per-job requests, and every completion
noticed within one poll interval (2 s; +1 s because TensorBay's times are whole seconds).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from _harness import BenchResult, emit, log, make_parser, reproduce_command

NAME = "tensorbay_wait"
DESCRIPTION = "wait_all on N staggered TensorBay jobs: emulator requests (batched vs one GET per job per poll)."
DEFAULT_RUNS = 3
JOBS = 200
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


def _requests(emu: Any) -> int:
    return sum(emu.request_counts()["tensorbay"].values())


def _wait(batched: bool, jobs: int) -> tuple[int, float]:
    """One wait; returns (requests the emulator served, worst notice delay in emulated seconds)."""
    import taskfacade
    from taskfacade.tensorbay import GAS, SquashAndMergeJob
    from taskfacade_emulator import Emulator

    with Emulator(seed_count=50, speed=0) as emu:
        clock = EmulatorClock(emu)
        gas = GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"), clock=clock)
        dataset = gas.get_dataset("emulator-dataset")
        ids = [emu.create_tasks("tensorbay", queued_s=1, run_s=5 + 115 * i / jobs)[0] for i in range(jobs)]
        fetched = [dataset.squash_and_merge.get_job(job_id) for job_id in ids]
        if not batched:
            fetcher = fetched[0]._job_updater

            def plain(job_id: str) -> dict[str, Any]:
                return fetcher(job_id)

            fetched = [
                SquashAndMergeJob.from_response_body(
                    fetcher(job.job_id), client=gas.client, dataset_id=dataset.dataset_id, job_updater=plain,
                    draft_getter=dataset.get_draft,
                )
                for job in fetched
            ]  # fmt: skip
        emu.clear_request_counts()
        worst = 0.0
        for job in taskfacade.as_completed(fetched, timeout=3600, interval=INTERVAL):
            assert job.status == "SUCCESS", job
            assert job.finished_utc is not None
            worst = max(worst, emu.now() - job.finished_utc.timestamp())
        requests = _requests(emu)
        gas.close()
        return requests, worst


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument("--jobs", type=int, default=JOBS, help=f"jobs per wait (default {JOBS})")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    result = BenchResult(
        NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(args.runs), "--jobs", str(args.jobs))
    )
    ratios, delays, batched_counts, naive_counts, seconds = [], [], [], [], []
    for run in range(args.runs):
        start = time.perf_counter()
        batched, worst = _wait(True, args.jobs)
        seconds.append(time.perf_counter() - start)
        naive, naive_worst = _wait(False, args.jobs)
        log(f"run {run + 1}/{args.runs}: batched {batched} requests, one-GET-per-job {naive}; worst delay {worst:.2f}s")
        ratios.append(batched / naive)
        delays.append(max(worst, naive_worst))
        batched_counts.append(float(batched))
        naive_counts.append(float(naive))
    result.add("requests_ratio", ratios, "x", aim="<= 0.1x")
    result.add("worst_notice_delay", delays, "s", aim=f"<= {INTERVAL + 1:g}s")
    result.add("requests_batched", batched_counts, "requests")
    result.add("requests_one_get_per_job", naive_counts, "requests")
    result.add("batched_wait_wall_time", seconds, "s")
    result.notes.append(f"{args.jobs} squashAndMerge jobs, runs 5..120 s, poll interval {INTERVAL:g} s (emulated)")
    result.notes.append("the vendor SDK is not compared: it polls one job at a time, every 5 s, over https only")
    emit(result, as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
