"""A fresh process's time to its first task: taskfacade against boto3 (Deadline) and the geobox SDK.

Method: one emulator (``taskfacade_emulator.Emulator``, in this process, on a loopback port) serves every run.
Each run is a new ``python -c`` process that, timed from inside the child with ``time.perf_counter()``, imports
the library, builds a client and fetches one seeded task (``get_task``); the whole process's wall time
(interpreter start-up and shutdown included) is reported beside it. The four variants are interleaved within
each round, and the ratios are taken per round (taskfacade / vendor of the same round), then summarised. One
untimed warm-up round comes first (it also writes ``__pycache__``). Children get ``AWS_CONFIG_FILE`` and
``AWS_SHARED_CREDENTIALS_FILE`` pointed at an empty file, so neither side reads the user's AWS settings. After the
runs the emulator's request counts are checked: each run must have reached the emulator.

Aim (issue 6): taskfacade's first Deadline task in at most 0.6x the time boto3 takes (``deadline_ratio``, the
in-child time). The Geobox ratio is reported without an aim.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import attrs
from _harness import (
    REPO_ROOT,
    BenchResult,
    ChildError,
    SnippetRun,
    emit,
    log,
    make_parser,
    pairwise_ratios,
    reproduce_command,
    run_snippet,
)

NAME = "first_task"
DESCRIPTION = "Fresh `python -c` process: import + client construction + one get_task against the emulator."
DEFAULT_RUNS = 15
DEADLINE_AIM = "<= 0.6x"
#: Keeps the user's AWS settings out of both sides (``os.devnull`` reads as an empty file).
CHILD_ENV = {"AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_EC2_METADATA_DISABLED": "1"}

BOTO3_DEADLINE = """
import boto3
from botocore.config import Config
client = boto3.client(
    "deadline", region_name=P["region"], endpoint_url=P["endpoint_url"], aws_access_key_id=P["key_id"],
    aws_secret_access_key=P["secret"], config=Config(inject_host_prefix=False),
)
task = client.get_task(**P["ids"])
assert task["taskId"] == P["ids"]["taskId"], task
"""

FACADE_DEADLINE = """
import taskfacade.deadline
client = taskfacade.deadline.client(
    region_name=P["region"], endpoint_url=P["endpoint_url"], aws_access_key_id=P["key_id"],
    aws_secret_access_key=P["secret"],
)
task = client.get_task(**P["ids"])
assert task["taskId"] == P["ids"]["taskId"], task
"""

SDK_GEOBOX = """
from geobox import GeoboxClient
from geobox.task import Task
client = GeoboxClient(host=P["host"], access_token=P["token"])
task = Task.get_task(client, uuid=P["uuid"])
assert task.data["uuid"] == P["uuid"], task.data
"""

FACADE_GEOBOX = """
import taskfacade.geobox
client = taskfacade.geobox.GeoboxClient(host=P["host"], access_token=P["token"])
task = client.get_task(P["uuid"])
assert task.uuid == P["uuid"], task
"""


@attrs.frozen
class Variant:
    """One way to reach the first task: which service, which library, the child's code and its parameters."""

    service: str
    library: str
    body: str
    params: Mapping[str, Any]

    @property
    def key(self) -> str:
        return f"{self.service}_{self.library}"


@attrs.frozen
class Pair:
    """A vendor variant, the taskfacade variant it is compared with, and the aim on their ratio."""

    service: str
    vendor: str
    aim: str | None


PAIRS = (Pair("deadline", "boto3", DEADLINE_AIM), Pair("geobox", "sdk", None))


def _deadline_params(emu: Any, seeded: Mapping[str, Any]) -> dict[str, Any]:
    ids = {k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")}
    return {
        "region": "us-west-2",
        "endpoint_url": emu.base_url("deadline"),
        "key_id": "AKIDEMULATOR",
        "secret": "emulator-secret",
        "ids": {**ids, "taskId": seeded["task_ids"][0]},
    }


def _geobox_params(emu: Any, seeded: Mapping[str, Any]) -> dict[str, Any]:
    # The SDK joins its host with "v1/" by urljoin, so the service prefix needs its trailing slash.
    return {"host": emu.base_url("geobox") + "/", "token": "emulator-token", "uuid": seeded["task_ids"][0]}


def variants(emu: Any, notes: list[str]) -> list[Variant]:
    """The four variants, with ids from the emulator's seeded data (a service it does not seed gets a note)."""
    seeded = emu.seeded()
    found = []
    for service, build, bodies in (
        ("deadline", _deadline_params, (("boto3", BOTO3_DEADLINE), ("taskfacade", FACADE_DEADLINE))),
        ("geobox", _geobox_params, (("sdk", SDK_GEOBOX), ("taskfacade", FACADE_GEOBOX))),
    ):
        try:
            params = build(emu, seeded[service])
        except (KeyError, IndexError, ValueError) as exc:
            notes.append(f"{service}: the emulator does not serve it yet ({type(exc).__name__}: {exc})")
            continue
        found += [Variant(service, library, body, params) for library, body in bodies]
    return found


def _run(variant: Variant, python: str | None) -> SnippetRun:
    return run_snippet(variant.body, variant.params, env=CHILD_ENV, python=python)


def user_install(notes: list[str]) -> str | None:
    """The interpreter of a fresh virtual environment holding what a user installs: taskfacade, boto3, geobox.

    (tqdm too: the geobox SDK imports it without declaring it.)

    The dev environment also holds click, rich and pygments, which httpx imports eagerly when they are present
    (its command-line tool), adding ~100 ms to every fresh process; users who ``pip install taskfacade`` do
    not have them. Both sides of every ratio run in this same environment. Returns None (with a note) when the
    environment cannot be built, and the measurement then runs in the current interpreter.
    """
    target = REPO_ROOT / "bench" / "out" / "user-venv"
    python = target / "bin" / "python"
    try:
        if not python.exists():
            log(f"{NAME}: building {target} (pip install taskfacade boto3 geobox) ...")
            subprocess.run([sys.executable, "-m", "venv", str(target)], check=True, capture_output=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", str(REPO_ROOT), "boto3", "geobox", "tqdm"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        notes.append(f"could not build a user-install environment ({exc}); measured in the dev environment")
        return None
    notes.append("measured in a fresh venv with only `pip install taskfacade boto3 geobox tqdm` (no dev tools)")
    return str(python)


def _warm_up(candidates: Sequence[Variant], notes: list[str], python: str | None) -> list[Variant]:
    """Run each variant once untimed; keep those that work and note the others as not available."""
    usable = []
    for variant in candidates:
        try:
            _run(variant, python)
        except ChildError as exc:
            notes.append(f"{variant.service} via {variant.library}: not available yet ({exc})")
            continue
        usable.append(variant)
    return usable


def _rounds(usable: Sequence[Variant], runs: int, python: str | None) -> dict[str, list[SnippetRun]]:
    """``runs`` interleaved rounds of every usable variant."""
    results: dict[str, list[SnippetRun]] = {v.key: [] for v in usable}
    for round_no in range(runs):
        log(f"{NAME}: round {round_no + 1}/{runs}")
        for variant in usable:
            results[variant.key].append(_run(variant, python))
    return results


def _record(result: BenchResult, runs: Mapping[str, list[SnippetRun]]) -> None:
    """Per-variant times and per-pair ratios (in-child and whole-process) into ``result``."""
    for key, samples in runs.items():
        result.add(f"{key}_ms", [s.inner_wall_s * 1e3 for s in samples], "ms")
        result.add(f"{key}_process_ms", [s.process_wall_s * 1e3 for s in samples], "ms")
    for pair in PAIRS:
        vendor, ours = runs.get(f"{pair.service}_{pair.vendor}"), runs.get(f"{pair.service}_taskfacade")
        if vendor is None or ours is None:
            result.notes.append(f"{pair.service}: no ratio (a side is not available)")
            continue
        inner = pairwise_ratios([s.inner_wall_s for s in ours], [s.inner_wall_s for s in vendor])
        whole = pairwise_ratios([s.process_wall_s for s in ours], [s.process_wall_s for s in vendor])
        result.add(f"{pair.service}_ratio", inner, "x", aim=pair.aim)
        result.add(f"{pair.service}_ratio_process", whole, "x")


def _check_counts(
    before: Mapping[str, Mapping[str, int]], after: Mapping[str, Mapping[str, int]], expected: Mapping[str, int]
) -> list[str]:
    """Notes where the emulator did not count exactly one request per child run."""
    notes = []
    for service, count in expected.items():
        seen = sum(after.get(service, {}).values()) - sum(before.get(service, {}).values())
        if seen != count:
            notes.append(f"{service}: the emulator counted {seen} requests for {count} child runs")
    return notes


@contextmanager
def _emulator(notes: list[str]) -> Iterator[Any | None]:
    """The in-process emulator, or None (with a note) when it cannot be imported or started."""
    try:
        from taskfacade_emulator import Emulator
    except ImportError as exc:
        notes.append(f"emulator not available yet ({exc})")
        yield None
        return
    with Emulator(db=None, seed_count=20) as emu:  # one task per service is all this needs
        yield emu


def _measure_with(emu: Any, runs: int, result: BenchResult, python: str | None) -> None:
    usable = _warm_up(variants(emu, result.notes), result.notes, python)
    before = emu.request_counts()
    samples = _rounds(usable, runs, python)
    expected: dict[str, int] = {}
    for variant in usable:
        expected[variant.service] = expected.get(variant.service, 0) + runs
    result.notes += _check_counts(before, emu.request_counts(), expected)
    _record(result, samples)


def measure(runs: int, *, dev_env: bool = False) -> BenchResult:
    """Run every measurement and return the result."""
    extra = ("--dev-env",) if dev_env else ()
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(runs), *extra))
    python = None if dev_env else user_install(result.notes)
    with _emulator(result.notes) as emu:
        if emu is not None:
            _measure_with(emu, runs, result, python)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument(
        "--dev-env", action="store_true", help="run the children in this (dev) interpreter, not a user-install venv"
    )
    args = parser.parse_args(argv)
    emit(measure(args.runs, dev_env=args.dev_env), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
