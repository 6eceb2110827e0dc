"""Measure how long calls and waits take against a hostile emulator (issue 9, item 3), and a gzip bomb's memory.

Usage: ``.venv/bin/python scripts/measure_hostile_server.py [DRIP_MS]`` (default 50 ms between body bytes).

Prints one line per case: Geobox ``get_task`` with ``timeout=1.0`` and a 3 s retry budget, ``task.wait(timeout=2)``
and ``wait_all(timeout=2)`` under the emulator's ``drip`` fault, then ``get_task`` against a 1 GiB ``gzip_bomb``
with the traced peak memory (tracemalloc). The bounds promised: budget + 0.5 s, timeout + 0.5 s, and far below
1 GiB.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable

import attrs
import taskfacade
from taskfacade.geobox import GeoboxClient
from taskfacade_emulator import Emulator

TOKEN = "emulator-token"  # noqa: S105 (the emulator's public default token)


def timed(label: str, fn: Callable[[], object]) -> None:
    """Run ``fn`` and print how long it took and what came out."""
    started = time.monotonic()
    try:
        outcome = type(fn()).__name__
    except Exception as exc:  # the outcome is what we report
        outcome = type(exc).__name__
    print(f"{label}: {time.monotonic() - started:.2f} s -> {outcome}", flush=True)


def main(drip_ms: float) -> None:
    """Measure every case on one in-memory emulator."""
    with Emulator() as emu:
        policy = attrs.evolve(taskfacade.RETRY_MODES["default"], budget=3.0)
        client = GeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, retry_mode=policy, timeout=1)
        with client:
            task = client.get_task(emu.create_tasks("geobox", run_s=3600)[0])
            emu.add_faults(service="geobox", method="GET", action="drip", drip_ms=drip_ms)
            timed("get_task(timeout=1.0, budget 3 s), drip", lambda: client.get_task(task.uuid))
            timed("task.wait(timeout=2), drip", lambda: task.wait(timeout=2, progress_bar=False))
            timed("wait_all([task], timeout=2), drip", lambda: taskfacade.wait_all([task], timeout=2))
            emu.clear_faults()
            emu.add_faults(service="geobox", method="GET", action="gzip_bomb", inflate_bytes=1 << 30)
            tracemalloc.start()
            timed("get_task, 1 GiB gzip bomb", lambda: client.get_task(task.uuid))
            print(f"traced peak memory: {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 50.0)
