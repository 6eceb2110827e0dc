"""``taskfacade demo`` (what ``make run`` runs): a tour of every feature against an in-process emulator.

Real calls, real output, through the same code as the other commands: the last 7 days of tasks per service; one
wait on a dozen jobs across the four services with one live display; an abort; the retry of a failed
squash-and-merge job; a TileDB result as a DataFrame (JSON without pandas). About 15 seconds; exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import sys
import time
from collections.abc import Iterator
from typing import Any

from ._config import Profile
from ._context import Context
from ._emulator_cmd import require_emulator
from ._exit import ExitCode
from ._format import OutputOptions
from ._service import ListQuery, Service, load_service
from ._tasks import footer, list_rows, print_rows, report_outcome
from ._times import window
from ._watch import Watched, watch

__all__ = ["run_demo"]

#: Emulator seconds (at the demo's clock speed): queued, then running, then the outcome.
QUEUED_S = 20.0
#: The dozen jobs of the wait: (service, run_s, outcome, service-specific fields).
DOZEN: tuple[tuple[str, float, str, dict[str, Any]], ...] = (
    ("tiledb", 80, "succeeded", {"type": "SQL"}),
    ("tiledb", 120, "succeeded", {"type": "UDF"}),
    ("tiledb", 170, "succeeded", {"type": "GENERIC_UDF"}),
    ("deadline", 60, "succeeded", {}),
    ("deadline", 100, "failed", {}),
    ("deadline", 200, "succeeded", {}),
    ("geobox", 40, "succeeded", {}),
    ("geobox", 130, "succeeded", {}),
    ("geobox", 180, "succeeded", {}),
    ("tensorbay", 60, "failed", {"jobType": "squashAndMerge", "title": "dev->main(abort)"}),
    ("tensorbay", 110, "succeeded", {"jobType": "squashAndMerge", "title": "feature->main(override)"}),
    ("tensorbay", 150, "succeeded", {"jobType": "basicSearch", "title": "search cars"}),
)


#: The services the tour visits, in order.
SERVICES = tuple(dict.fromkeys(service for service, *_ in DOZEN))
#: Positions in DOZEN of the SQL task whose result is shown and of the squash-and-merge job that fails.
SQL_TASK, FAILED_MERGE = 0, 9


def _say(text: str = "") -> None:
    print(text, flush=True)


def _heading(number: int, title: str, command: str) -> None:
    _say()
    _say(f"{number}. {title}")
    _say(f"   (the command line: taskfacade --emulator $URL {command})")
    _say()


@contextlib.contextmanager
def _services(url: str) -> Iterator[dict[str, Service]]:
    context = Context(profile=Profile("demo"), emulator=url, emulator_from_flag=True)
    opened: dict[str, Service] = {}
    try:
        for name in SERVICES:
            opened[name] = load_service(name, context, argparse.Namespace(service=name))
        yield opened
    finally:
        for service in opened.values():
            service.close()


def _recent(services: dict[str, Service]) -> None:
    _heading(1, "The last 7 days of tasks, per service (newest first)", "tasks list SERVICE --limit 5")
    span = window(None, None, None)
    for name, service in services.items():
        query = ListQuery(span, None, argparse.Namespace(service=name))
        rows, total, phases = list_rows(service, query, 5, summary=True)
        _say(f"[{name}]")
        print_rows(rows)
        _say(footer(len(rows), total, phases))
        _say()


def _dozen(emu: Any, services: dict[str, Service]) -> list[Watched]:
    watched = []
    for service, run_s, outcome, fields in DOZEN:
        [task_id] = emu.create_tasks(service, 1, outcome=outcome, queued_s=QUEUED_S, run_s=run_s, **fields)
        adapter = services[service]
        watched.append(Watched(adapter.get(task_id), adapter.row))
    return watched


def _wait(watched: list[Watched]) -> None:
    _heading(2, "Waiting on a dozen jobs across the four services, one live display", "tasks wait SERVICE ID...")
    outcome = watch(watched, timeout=45, interval=0.5, stream=sys.stdout, every=2.0)
    _say()
    report_outcome(outcome, OutputOptions(), timeout=45)


def _abort(emu: Any, geobox: Service) -> None:
    _heading(3, "Aborting a running Geobox task", "tasks abort geobox ID")
    [task_id] = emu.create_tasks("geobox", 1, queued_s=0, run_s=3600, name="publish:everything")
    task = geobox.get(task_id)
    before = geobox.row(task)
    geobox.cancel(task)
    after = geobox.row(task)
    _say(f"geobox task {after.id} ({after.name}): {before.status} -> {after.status} (phase {after.phase})")


def _retry(tensorbay: Service, failed: Watched) -> None:
    _heading(4, "Retrying the failed squash-and-merge job", "tasks retry tensorbay ID")
    job = failed.job
    row = failed.current()
    _say(f"tensorbay job {row.id} ({row.name}): {row.status}: {row.error}")
    tensorbay.retry(job)
    _say(f"retried: {failed.current().status}; waiting for it again")
    outcome = watch([failed], timeout=30, interval=0.25, stream=sys.stdout, every=2.0)
    final = outcome.rows[0]
    _say(f"tensorbay job {final.id}: {final.status} (phase {final.phase})")


def _result(tiledb: Service, sql: Watched) -> None:
    with_pandas = importlib.util.find_spec("pandas") is not None
    how = "a pandas DataFrame" if with_pandas else "JSON (install pandas for a DataFrame)"
    _heading(5, f"A TileDB SQL task's result, as {how}", "tasks results tiledb ID --dataframe")
    from ._results import result_text

    row = sql.current()
    value = tiledb.results(row.id, None, with_pandas)
    _say(f"tiledb task {row.id} ({row.name}, {row.status}):")
    _say(result_text(value))


def run_demo(args: argparse.Namespace) -> int:
    """Start the emulator in-process, run the tour, stop it; exits 0."""
    require_emulator()
    from taskfacade_emulator import Emulator

    started = time.monotonic()
    speed = args.speed
    with Emulator(speed=speed) as emu:
        _say("taskfacade demo: TileDB Cloud, AWS Deadline Cloud, Geobox and TensorBay, all on a local emulator")
        _say(f"emulator: {emu.url} (its clock runs {speed:g}x real time; $URL below)")
        with _services(emu.url) as services:
            watched = _dozen(emu, services)  # created first so they run while the tables print
            _recent(services)
            _wait(watched)
            _abort(emu, services["geobox"])
            _retry(services["tensorbay"], watched[FAILED_MERGE])
            _result(services["tiledb"], watched[SQL_TASK])
    _say()
    _say(f"demo finished in {time.monotonic() - started:.1f}s. Next: taskfacade --help, docs/cli.md")
    return ExitCode.OK
