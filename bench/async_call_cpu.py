"""Client CPU per ``get_task`` call: the async facade clients of issue 11 against the sync ones, per service.

Method: the emulator runs as a subprocess (``python -m taskfacade_emulator``, clock frozen), so this process's CPU
time (``time.process_time``) is the client's alone. Each round makes ``--calls`` sequential calls per service with
each client over the seeded ids (cycled), sync and async interleaved with the order alternating from round to
round, after one untimed warm-up round of a tenth as many calls; the async calls run on one event loop kept for
the whole benchmark (``asyncio.Runner``), so loop start-up is not counted. The ratio is taken per round
(async / sync), then summarised.

Calls (the sync one; the async twin awaits the same name on issue 11's client):
  tiledb     ``tasks.task(id, client=client)``       (TileDB ``GET /v1/task/{workspace}/{id}``)
  deadline   ``client.get_task(farmId=..., ..., taskId=id)``  (SigV4-signed ``GetTask``)
  geobox     ``client.get_task(uuid)``               (``GET /v1/tasks/{uuid}/``)
  tensorbay  ``dataset.squash_and_merge.get_job(id)``  (``GET .../jobs/{id}``)

For reference, the transport alone: ``httpx.Client`` against ``httpx.AsyncClient`` (the generated client's
``asyncio_detailed`` runs on the latter) and aiohttp (the Geobox vendor's ``geobox.aio`` transport), each a GET plus
``.json()`` of Geobox's get-one URL. The async side (``aio_calls`` below, the only code that touches the async
facade) is a note per service until ``taskfacade.<service>.aio`` exists. Afterwards the emulator's request counts
must equal the calls made, otherwise a note says so.

Aim (issue 11): the async client at most 1.2x the sync client's CPU per call, per service.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any

import attrs
from _emulator import SERVICES, emulator_process, total
from _harness import BenchResult, emit, log, make_parser, pairwise_ratios, reproduce_command

NAME = "async_call_cpu"
DESCRIPTION = "Client CPU per get_task: async facade clients (issue 11) vs sync ones, per service; httpx for reference."
DEFAULT_RUNS = 5
DEFAULT_CALLS = 2000
AIM = "<= 1.2x"
TOKEN = "emulator-token"
WORKSPACE = "ws_emulator"
TENSORBAY_KEY = "ACCESSKEY-emulator"
AWS_KEY, AWS_SECRET = "AKIDEMULATOR", "emulator-secret"
STEP_KEYS = ("farmId", "queueId", "jobId", "stepId")

SyncCall = Callable[[str], Any]
AsyncCall = Callable[[str], Awaitable[Any]]


def task_ids(seeded: dict[str, Any]) -> dict[str, list[str]]:
    """The seeded ids each service's calls cycle through."""
    return {
        "tiledb": seeded["tiledb"]["task_ids"],
        "deadline": seeded["deadline"]["task_ids"],
        "geobox": seeded["geobox"]["task_ids"],
        "tensorbay": seeded["tensorbay"]["job_ids"]["squashAndMerge"],
    }


def sync_calls(url: str, seeded: dict[str, Any], stack: contextlib.ExitStack) -> dict[str, SyncCall]:
    """The sync facade clients' get-one calls (closed by ``stack``)."""
    from taskfacade import deadline
    from taskfacade.geobox import GeoboxClient
    from taskfacade.tensorbay import GAS
    from taskfacade.tiledb import Client, tasks

    tiledb = Client(host=f"{url}/tiledb", token=TOKEN, workspace=WORKSPACE, profile_dir=tempfile.mkdtemp())
    aws = deadline.client(
        endpoint_url=f"{url}/deadline", aws_access_key_id=AWS_KEY, aws_secret_access_key=AWS_SECRET, environ={}
    )
    geobox = GeoboxClient(host=f"{url}/geobox", access_token=TOKEN)
    gas = GAS(TENSORBAY_KEY, f"{url}/tensorbay")
    for client in (tiledb, aws, geobox, gas):
        stack.callback(client.close)
    dataset = gas.get_dataset(seeded["tensorbay"]["dataset_name"])
    step = {key: seeded["deadline"][key] for key in STEP_KEYS}
    return {
        "tiledb": lambda task_id: tasks.task(task_id, client=tiledb),
        "deadline": lambda task_id: aws.get_task(**step, taskId=task_id),
        "geobox": geobox.get_task,
        "tensorbay": dataset.squash_and_merge.get_job,
    }


# ---------------------------------------------------------------------------------------------------------------
# taskfacade.<service>.aio plug-in (issue 11): the only code that touches the async facade
# ---------------------------------------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def aio_calls(url: str, seeded: dict[str, Any]) -> AsyncIterator[tuple[dict[str, AsyncCall], dict[str, str]]]:
    """The async twins of :func:`sync_calls`, for the services whose ``aio`` module exists.

    Yields ``(calls, missing)``: ``missing`` maps a service whose module does not import yet to the reason. Written
    against the surfaces issue 11 lists; when the real API differs, adjust the calls here only.
    """
    calls: dict[str, AsyncCall] = {}
    missing: dict[str, str] = {}
    async with contextlib.AsyncExitStack() as stack:
        try:
            from taskfacade.tiledb import aio as tiledb_aio
        except ImportError as exc:
            missing["tiledb"] = str(exc)
        else:
            tiledb = tiledb_aio.AsyncClient(
                host=f"{url}/tiledb", token=TOKEN, workspace=WORKSPACE, profile_dir=tempfile.mkdtemp()
            )
            stack.push_async_callback(tiledb.aclose)
            calls["tiledb"] = lambda task_id: tiledb_aio.tasks.task(task_id, client=tiledb)
        try:
            from taskfacade.deadline import aio as deadline_aio
        except ImportError as exc:
            missing["deadline"] = str(exc)
        else:
            aws = await stack.enter_async_context(
                deadline_aio.client(
                    endpoint_url=f"{url}/deadline",
                    aws_access_key_id=AWS_KEY,
                    aws_secret_access_key=AWS_SECRET,
                    environ={},
                )
            )
            step = {key: seeded["deadline"][key] for key in STEP_KEYS}
            calls["deadline"] = lambda task_id: aws.get_task(**step, taskId=task_id)
        try:
            from taskfacade.geobox import aio as geobox_aio
        except ImportError as exc:
            missing["geobox"] = str(exc)
        else:
            geobox = await stack.enter_async_context(
                geobox_aio.AsyncGeoboxClient(host=f"{url}/geobox", access_token=TOKEN)
            )
            calls["geobox"] = geobox.get_task
        try:
            from taskfacade.tensorbay import aio as tensorbay_aio
        except ImportError as exc:
            missing["tensorbay"] = str(exc)
        else:
            gas = tensorbay_aio.GAS(TENSORBAY_KEY, f"{url}/tensorbay")
            stack.push_async_callback(gas.aclose)
            dataset = await gas.get_dataset(seeded["tensorbay"]["dataset_name"])
            calls["tensorbay"] = dataset.squash_and_merge.get_job
        yield calls, missing


# ---------------------------------------------------------------------------------------------------------------
# The transport alone, for reference
# ---------------------------------------------------------------------------------------------------------------


def geobox_url(url: str) -> Callable[[str], str]:
    """Geobox's get-one URL for a task id."""
    return lambda task_id: f"{url}/geobox/v1/tasks/{task_id}/"


def httpx_sync_call(url: str, stack: contextlib.ExitStack) -> SyncCall:
    """``httpx.Client.get(...).json()`` of Geobox's get-one URL, bearer token, kept-alive connection."""
    import httpx

    client = stack.enter_context(httpx.Client(headers={"Authorization": f"Bearer {TOKEN}"}))
    to_url = geobox_url(url)
    return lambda task_id: client.get(to_url(task_id)).raise_for_status().json()


@contextlib.asynccontextmanager
async def transport_async_calls(url: str) -> AsyncIterator[dict[str, AsyncCall]]:
    """The same GET with ``httpx.AsyncClient`` and with aiohttp (when installed)."""
    import httpx

    headers = {"Authorization": f"Bearer {TOKEN}"}
    to_url = geobox_url(url)
    calls: dict[str, AsyncCall] = {}
    async with contextlib.AsyncExitStack() as stack:
        client = await stack.enter_async_context(httpx.AsyncClient(headers=headers))

        async def httpx_get(task_id: str) -> Any:
            return (await client.get(to_url(task_id))).raise_for_status().json()

        calls["httpx"] = httpx_get
        try:
            import aiohttp
        except ImportError:
            pass
        else:
            session = await stack.enter_async_context(aiohttp.ClientSession(headers=headers))

            async def aiohttp_get(task_id: str) -> Any:
                async with session.get(to_url(task_id)) as response:
                    response.raise_for_status()
                    return await response.json()

            calls["aiohttp"] = aiohttp_get
        yield calls


# ---------------------------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------------------------


def sync_cpu(fn: SyncCall, ids: Iterator[str], calls: int) -> float:
    """Client CPU seconds per call over ``calls`` sequential calls."""
    cpu = time.process_time()
    for _ in range(calls):
        fn(next(ids))
    return (time.process_time() - cpu) / calls


async def async_cpu(fn: AsyncCall, ids: Iterator[str], calls: int) -> float:
    """Client CPU seconds per call over ``calls`` sequential awaited calls (on the running loop)."""
    cpu = time.process_time()
    for _ in range(calls):
        await fn(next(ids))
    return (time.process_time() - cpu) / calls


REFERENCE = ("httpx", "aiohttp")


@attrs.define
class Rounds:
    """CPU microseconds per call, per client, one value per round; and the calls made."""

    sync_us: dict[str, list[float]] = attrs.field(factory=dict)
    async_us: dict[str, list[float]] = attrs.field(factory=dict)
    made: int = 0
    served: int = 0
    missing: dict[str, str] = attrs.field(factory=dict)


async def run_rounds(url: str, runs: int, calls: int) -> Rounds:
    """Open every client, warm up, then time ``runs`` rounds (the sync calls block this loop: nothing else runs)."""
    import httpx

    found = Rounds()
    async with httpx.AsyncClient(base_url=url) as admin:
        seeded = (await admin.get("/_emulator/seeded")).json()
        cycles = {service: itertools.cycle(values) for service, values in task_ids(seeded).items()}
        for name in REFERENCE:
            cycles[name] = itertools.cycle(seeded["geobox"]["task_ids"])
        with contextlib.ExitStack() as stack:
            sync = {**sync_calls(url, seeded, stack), "httpx": httpx_sync_call(url, stack)}
            async with aio_calls(url, seeded) as (aio, missing), transport_async_calls(url) as transport:
                found.missing = missing
                aio = {**aio, **transport}
                order = [name for name in [*SERVICES, *REFERENCE] if name in sync or name in aio]
                for name in order:  # warm-up: connections, caches, bytecode
                    if name in sync:
                        sync_cpu(sync[name], cycles[name], max(1, calls // 10))
                    if name in aio:
                        await async_cpu(aio[name], cycles[name], max(1, calls // 10))
                await admin.delete("/_emulator/requests")
                for round_ in range(runs):
                    for name in order:
                        for side in ("sync", "async") if round_ % 2 == 0 else ("async", "sync"):
                            if side == "sync" and name in sync:
                                per_call = sync_cpu(sync[name], cycles[name], calls)
                                found.sync_us.setdefault(name, []).append(per_call * 1e6)
                                found.made += calls
                            elif side == "async" and name in aio:
                                per_call = await async_cpu(aio[name], cycles[name], calls)
                                found.async_us.setdefault(name, []).append(per_call * 1e6)
                                found.made += calls
                    log(
                        f"{NAME}: round {round_ + 1}/{runs}: "
                        + ", ".join(f"{n} sync {v[-1]:.0f} us" for n, v in found.sync_us.items())
                        + "; "
                        + ", ".join(f"{n} async {v[-1]:.0f} us" for n, v in found.async_us.items())
                    )
                found.served = total((await admin.get("/_emulator/requests")).json())
    return found


def measure(runs: int, calls: int) -> BenchResult:
    """Run the rounds and collect the metrics."""
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(runs), "--calls", str(calls)))
    with emulator_process("--seed-count", "50") as url:
        found = asyncio.run(run_rounds(url, runs, calls))
    for service, reason in found.missing.items():
        result.notes.append(f"{service}: taskfacade.{service}.aio not available yet ({reason})")
    if found.served != found.made:
        result.notes.append(f"the emulator counted {found.served} requests, the clients made {found.made} calls")
    sync_us, async_us = found.sync_us, found.async_us
    for name in SERVICES:
        if name in sync_us and name in async_us:
            result.add(f"{name}_cpu_ratio", pairwise_ratios(async_us[name], sync_us[name]), "x", aim=AIM)
        if name in sync_us:
            result.add(f"{name}_sync_cpu_us", sync_us[name], "us")
        if name in async_us:
            result.add(f"{name}_async_cpu_us", async_us[name], "us")
    if "httpx" in sync_us:
        result.add("httpx_sync_cpu_us", sync_us["httpx"], "us")
        for name in REFERENCE:
            if name in async_us:
                result.add(f"{name}_async_cpu_us", async_us[name], "us")
                ratio = pairwise_ratios(async_us[name], sync_us["httpx"])
                result.add(f"{name}_async_vs_httpx_sync", ratio, "x")
    result.notes.append(
        f"{calls} sequential calls per client per round; the httpx and aiohttp rows are the transport alone"
        " (a Geobox GET plus .json(), no facade), for reference"
    )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = make_parser(__doc__, default_runs=DEFAULT_RUNS)
    parser.add_argument(
        "--calls", type=int, default=DEFAULT_CALLS, help=f"calls per client per round (default {DEFAULT_CALLS})"
    )
    args = parser.parse_args(argv)
    if args.calls < 1:
        parser.error(f"--calls must be at least 1, got {args.calls}")
    emit(measure(args.runs, args.calls), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
