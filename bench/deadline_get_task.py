"""Client CPU per ``get_task``: taskfacade's Deadline client against boto3's, same process, same emulator.

Method: the emulator runs as a subprocess (``python -m taskfacade_emulator --port 0 --speed 0``), so this process
holds only the two clients. Both sign with SigV4 (the emulator verifies every signature), keep connections alive
and cycle through the seeded task ids; boto3 gets ``inject_host_prefix=False`` (else it would send to
``management.127.0.0.1``) and its default retry mode. Each round times ``--calls`` consecutive ``get_task`` calls
with each client, interleaved (the order alternates from round to round), after one untimed warm-up round; the
ratios are taken per round (taskfacade / boto3) and then summarised. CPU time is ``time.process_time`` in this
process (every thread), which holds only the clients: the emulator's work happens in its own process, so the CPU
ratio does not depend on how busy the machine is, as the wall time does (``ratio``, reported beside it).
Afterwards the emulator's request counts must equal the calls made, otherwise a note says so.

Aim (issue 10): taskfacade's client CPU at most 0.6x boto3's per get_task (``cpu_ratio``).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from _harness import BenchResult, emit, log, make_parser, pairwise_ratios, reproduce_command

NAME = "deadline_get_task"
DESCRIPTION = "Client CPU per get_task against the emulator (subprocess): taskfacade.deadline vs boto3."
AIM = "<= 0.6x"
KEYS = {"aws_access_key_id": "AKIDEMULATOR", "aws_secret_access_key": "emulator-secret"}


@contextlib.contextmanager
def emulator(seed_count: int) -> Iterator[str]:
    """A frozen emulator in a subprocess; yields its URL."""
    command = [sys.executable, "-m", "taskfacade_emulator", "--port", "0", "--speed", "0"]
    command += ["--seed-count", str(seed_count)]
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


def timed_calls(fn: Callable[[str], Any], ids: Iterator[str], calls: int) -> tuple[float, float]:
    """Seconds of wall and process CPU time per call, over ``calls`` calls."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        fn(next(ids))
    return (time.perf_counter() - wall) / calls, (time.process_time() - cpu) / calls


def main() -> int:
    parser = make_parser(__doc__, default_runs=15)
    parser.add_argument("--calls", type=int, default=200, help="get_task calls per client per round (default 200)")
    args = parser.parse_args()
    os.environ["AWS_CONFIG_FILE"] = os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull  # no user settings
    import boto3
    import botocore.config
    import httpx
    from taskfacade import deadline

    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(args.runs)))
    with emulator(seed_count=50) as url:
        seeded = httpx.get(url + "/_emulator/seeded").json()["deadline"]
        step = {k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")}
        ids = itertools.cycle(seeded["task_ids"])
        endpoint = url + "/deadline"
        config = botocore.config.Config(inject_host_prefix=False)
        vendor = boto3.client("deadline", region_name="us-east-1", endpoint_url=endpoint, config=config, **KEYS)
        ours = deadline.client(region_name="us-east-1", endpoint_url=endpoint, environ={}, **KEYS)
        clients: dict[str, Callable[[str], Any]] = {
            "taskfacade": lambda task_id: ours.get_task(**step, taskId=task_id),
            "boto3": lambda task_id: vendor.get_task(**step, taskId=task_id),
        }
        wall: dict[str, list[float]] = {name: [] for name in clients}
        cpu: dict[str, list[float]] = {name: [] for name in clients}
        for fn in clients.values():
            timed_calls(fn, ids, args.calls)  # warm-up: connections, caches, bytecode
        httpx.delete(url + "/_emulator/requests")
        for round_ in range(args.runs):
            order = list(clients) if round_ % 2 == 0 else list(reversed(clients))
            for name in order:
                per_call, cpu_per_call = timed_calls(clients[name], ids, args.calls)
                wall[name].append(per_call)
                cpu[name].append(cpu_per_call)
            log(f"round {round_ + 1}/{args.runs}: " + ", ".join(f"{n} {wall[n][-1] * 1e3:.3f} ms" for n in clients))
        served = sum(httpx.get(url + "/_emulator/requests").json()["deadline"].values())
        ours.close()
    if served != 2 * args.runs * args.calls:
        result.notes.append(f"the emulator counted {served} requests, the clients made {2 * args.runs * args.calls}")
    result.add("cpu_ratio", pairwise_ratios(cpu["taskfacade"], cpu["boto3"]), "x", aim=AIM)
    result.add("ratio", pairwise_ratios(wall["taskfacade"], wall["boto3"]), "x")
    for name in clients:
        result.add(f"{name}_ms", [w * 1e3 for w in wall[name]], "ms")
        result.add(f"{name}_cpu_us", [c * 1e6 for c in cpu[name]], "us")
    emit(result, as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
