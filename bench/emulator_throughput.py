"""Benchmark: get-task requests per second the emulator serves, with one worker and with N concurrent clients.

Starts the emulator as a subprocess (``python -m taskfacade_emulator --port 0``) unless ``--url`` points at a
running one, takes the ids from ``GET /_emulator/seeded``, and hammers each service's get-task route with the
emulator's default credentials. Cross-checks the count against ``GET /_emulator/requests``. Prints numbers; it is
not part of the test suite.

    .venv/bin/python bench/emulator_throughput.py [--services geobox,tiledb] [--seconds 3] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
from _harness import BenchResult, emit, log, make_parser, reproduce_command

TENSORBAY = "/tensorbay/gatewayv2/tensorbay-open-api/v1"
Request = tuple[str, dict[str, str]]  # (path, headers)


def tiledb_requests(seeded: dict[str, Any]) -> Iterator[Request]:
    headers = {"X-TILEDB-REST-API-KEY": "emulator-token"}
    for task_id in itertools.cycle(seeded["task_ids"]):
        yield f"/tiledb/v1/task/{seeded['workspace']}/{task_id}", headers


def geobox_requests(seeded: dict[str, Any]) -> Iterator[Request]:
    headers = {"Authorization": "Bearer emulator-token"}
    for task_id in itertools.cycle(seeded["task_ids"]):
        yield f"/geobox/v1/tasks/{task_id}/", headers


def tensorbay_requests(seeded: dict[str, Any]) -> Iterator[Request]:
    headers = {"X-Token": "ACCESSKEY-emulator"}
    jobs = [("squashAndMerge", j) for j in seeded["job_ids"]["squashAndMerge"]]
    jobs += [("basicSearch", j) for j in seeded["job_ids"]["basicSearch"]]
    for job_type, job_id in itertools.cycle(jobs):
        yield f"{TENSORBAY}/datasets/{seeded['dataset_id']}/jobs/{job_id}?jobType={job_type}", headers


def deadline_requests(seeded: dict[str, Any], url: str) -> Iterator[Request]:
    """Each task's request SigV4-signed once by botocore (a dev dependency) and replayed: signatures stay valid
    for 15 minutes, and the client's signing cost is kept out of the server's numbers."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    signer = SigV4Auth(Credentials("AKIDEMULATOR", "emulator-secret"), "deadline", "us-west-2")
    base = (
        f"/deadline/2023-10-12/farms/{seeded['farmId']}/queues/{seeded['queueId']}/jobs/{seeded['jobId']}"
        f"/steps/{seeded['stepId']}/tasks/"
    )
    signed: list[Request] = []
    for task_id in seeded["task_ids"]:
        request = AWSRequest(method="GET", url=url + base + task_id)
        signer.add_auth(request)
        signed.append((base + task_id, dict(request.headers.items())))
    yield from itertools.cycle(signed)


def request_source(service: str, seeded: dict[str, Any], url: str) -> Iterator[Request]:
    if service == "deadline":
        return deadline_requests(seeded, url)
    makers: dict[str, Callable[[dict[str, Any]], Iterator[Request]]] = {
        "tiledb": tiledb_requests,
        "geobox": geobox_requests,
        "tensorbay": tensorbay_requests,
    }
    return makers[service](seeded)


def one_worker(url: str, source: Iterator[Request], seconds: float) -> tuple[int, list[float]]:
    """Sequential requests on one keep-alive connection for ``seconds``; returns (count, latencies)."""
    latencies: list[float] = []
    with httpx.Client(base_url=url, timeout=30) as client:
        deadline = time.perf_counter() + seconds
        while (began := time.perf_counter()) < deadline:
            path, headers = next(source)
            response = client.get(path, headers=headers)
            latencies.append(time.perf_counter() - began)
            if response.status_code != 200:
                raise SystemExit(f"GET {path} -> {response.status_code}: {response.text[:300]}")
    return len(latencies), latencies


def concurrent(url: str, source: Iterator[Request], seconds: float, clients: int) -> tuple[int, list[float]]:
    """``clients`` threads, each with its own keep-alive connection, for ``seconds``; returns (count, latencies).

    Sync clients in threads cost the client less CPU than httpx's async client, which matters on 2 cores.
    """
    lock = threading.Lock()
    results: list[tuple[int, list[float]]] = []

    def worker() -> None:
        mine = one_worker(url, _locked(source, lock), seconds)
        with lock:
            results.append(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(n for n, _ in results), [x for _, lat in results for x in lat]


def _locked(source: Iterator[Request], lock: threading.Lock) -> Iterator[Request]:
    while True:
        with lock:
            item = next(source)
        yield item


@contextlib.contextmanager
def emulator(url: str | None, seed_count: int) -> Iterator[str]:
    """The URL of a running emulator: the one given, or a subprocess started (and stopped) here."""
    if url:
        yield url.rstrip("/")
        return
    command = [sys.executable, "-m", "taskfacade_emulator", "--port", "0", "--seed-count", str(seed_count)]
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


def measure(url: str, service: str, seeded: dict[str, Any], args: argparse.Namespace, result: BenchResult) -> None:
    """Requests per second and latency for one service, with one worker and with ``--concurrency`` clients."""
    source = request_source(service, seeded[service], url)
    one_worker(url, source, 0.3)  # warm-up
    single: list[float] = []
    multi: list[float] = []
    latencies: list[float] = []
    sent = 0
    httpx.delete(url + "/_emulator/requests")
    for _ in range(args.runs):
        count, lat = one_worker(url, source, args.seconds)
        single.append(count / args.seconds)
        latencies += lat
        count_n, _ = concurrent(url, source, args.seconds, args.concurrency)
        multi.append(count_n / args.seconds)
        sent += count + count_n
    result.add(f"{service} get-task, 1 worker", single, "req/s", aim=">= 1000 req/s")
    result.add(f"{service} get-task, {args.concurrency} clients", multi, "req/s")
    result.add(f"{service} get-task latency p50, 1 worker", [statistics.median(latencies) * 1000], "ms")
    served = sum(httpx.get(url + "/_emulator/requests").json()[service].values())
    if served != sent:
        result.notes.append(f"{service}: the emulator counted {served} requests, the clients sent {sent}")


def main() -> None:
    parser = make_parser(__doc__, default_runs=3)
    parser.add_argument("--url", help="a running emulator (default: start one)")
    parser.add_argument("--services", default="all", help="comma-separated services, or 'all' (default)")
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of each measurement (default 2)")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--seed-count", type=int, default=200, help="seeded tasks per service (default 200)")
    args = parser.parse_args()
    result = BenchResult(
        name="emulator_throughput",
        description="get-task requests per second the emulator serves (one keep-alive worker; N concurrent clients)",
        command=reproduce_command(__file__, "--runs", str(args.runs), "--seconds", str(args.seconds)),
    )
    with emulator(args.url, args.seed_count) as url:
        seeded = httpx.get(url + "/_emulator/seeded").json()
        services = list(seeded) if args.services == "all" else args.services.split(",")
        for service in services:
            log(f"measuring {service} ...")
            measure(url, service, seeded, args, result)
    emit(result, as_json=args.json)


if __name__ == "__main__":
    main()
