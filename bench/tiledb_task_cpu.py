"""CPU time per ``taskfacade.tiledb.tasks.task(id)`` against the emulator, versus a plain ``httpx.Client.get`` plus
``json.loads`` of the same URL, in the same process.

Method: the emulator runs as a subprocess (``python -m taskfacade_emulator``, clock frozen), so this process's CPU
time (``time.process_time``, every thread) is the client's alone. Each round times ``--calls`` calls of each side
over the same twenty seeded task ids, the sides interleaved and their order alternating from round to round,
after one untimed warm-up round. The plain side sends the same API-key header on a kept-alive connection and
decodes the JSON body; the facade side validates the id, sends through the core transport (timeouts, retry loop,
error mapping), parses the generated ``ArrayTask`` model and wraps it in a ``TileDBTask``. The ratio is taken per
round (facade / plain), then summarised.

Aim (issue 10): at most 1.15x the plain call's CPU time (issue 4 asked for 1.3x).
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence

import httpx
from _harness import BenchResult, emit, log, make_parser, pairwise_ratios, reproduce_command

NAME = "tiledb_task_cpu"
DESCRIPTION = "CPU us per tasks.task(id) vs plain httpx get + json.loads of the same URL (emulator in a subprocess)."
DEFAULT_RUNS = 15
DEFAULT_CALLS = 400
TOKEN = "emulator-token"
AIM = "<= 1.15x"


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


def cpu_us_per_call(fn: Callable[[str], object], ids: Sequence[str], calls: int) -> float:
    """Process CPU microseconds per call of ``fn`` over ``ids`` (cycled)."""
    start = time.process_time()
    for i in range(calls):
        fn(ids[i % len(ids)])
    return (time.process_time() - start) / calls * 1e6


def measure(runs: int, calls: int) -> BenchResult:
    """Run the rounds and return the result."""
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(runs), "--calls", str(calls)))
    from taskfacade.tiledb import Client, tasks

    with emulator_process("--seed-count", "50") as url:
        seeded = httpx.get(url + "/_emulator/seeded").json()["tiledb"]
        ids, workspace = seeded["task_ids"][:20], seeded["workspace"]
        base = f"{url}/tiledb"
        plain_client = httpx.Client(headers={"X-TILEDB-REST-API-KEY": TOKEN})
        facade = Client(host=base, token=TOKEN, workspace=workspace, profile_dir=tempfile.mkdtemp())

        def plain(task_id: str) -> object:
            return json.loads(plain_client.get(f"{base}/v1/task/{workspace}/{task_id}").content)

        def ours(task_id: str) -> object:
            return tasks.task(task_id, client=facade)

        assert tasks.task(ids[0], client=facade).id == plain(ids[0])["id"]  # type: ignore[index]
        cpu_us_per_call(plain, ids, calls)
        cpu_us_per_call(ours, ids, calls)
        plain_us: list[float] = []
        ours_us: list[float] = []
        for round_no in range(runs):
            log(f"{NAME}: round {round_no + 1}/{runs}")
            order = ((plain, plain_us), (ours, ours_us))
            for fn, sink in order if round_no % 2 == 0 else reversed(order):
                sink.append(cpu_us_per_call(fn, ids, calls))
        plain_client.close()
        facade.close()
    result.add("plain_httpx_cpu_us", plain_us, "us")
    result.add("tasks_task_cpu_us", ours_us, "us")
    result.add("cpu_ratio", pairwise_ratios(ours_us, plain_us), "x", aim=AIM)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument("--calls", type=int, default=DEFAULT_CALLS, help=f"calls per side per round ({DEFAULT_CALLS})")
    args = parser.parse_args(argv)
    emit(measure(args.runs, args.calls), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
