"""Soak: 200 jobs on four services, faults on every request path, verbs and one ``wait_all`` through the facade.

One emulator (real loopback HTTP) injects faults on every service and every kind of request (reads, read-only
POSTs, verbs): 20% 503, 5% 429 with ``Retry-After``, 5% TCP resets, 2% truncated bodies, plus random latency. Its
clock runs ``SPEED`` times real time and the facade clients run on a clock sped up alike (``ScaledClock``), so
backoff sleeps and ``Retry-After`` waits take a fraction of their nominal time and the test runs in seconds.

Through the admin API (real HTTP) the test creates 50 jobs per service with mixed outcomes. Through the facade,
while the faults fire, it cancels Deadline tasks (``update_task``), aborts Geobox tasks and TensorBay jobs and
retries failed TensorBay squash-and-merge jobs, the way a careful user would: after an error it checks whether
the verb took effect before calling again (and reuses Deadline's client token). Then ``taskfacade.wait_all`` on
all 200 must reach every expected final status (the outcome each job was created with through the admin API, or
the verb's), and the evidence must agree:

- server side: Deadline's applied-update counter and TensorBay's per-job verb counters (``GET /_emulator/seeded``)
  show each verb applied exactly once; on every verb route the requests the emulator counted
  (``GET /_emulator/requests``) are exactly the user's calls plus the retries the facade logged, and TensorBay
  verbs (no idempotency key) are never re-sent by the facade at all;
- logs (logger ``taskfacade``): every failed attempt is either retried (one INFO line) or given up (one DEBUG
  line), and together they are exactly the faults the emulator says it fired (``GET /_emulator/faults``);
- no credential (distinctive secrets configured for this emulator) appears in any log record, exception or repr.
"""

from __future__ import annotations

import itertools
import logging
import pathlib
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import httpx
import pytest
import taskfacade
from taskfacade import deadline, geobox, tensorbay, tiledb
from taskfacade.tiledb import tasks as tiledb_tasks
from taskfacade_emulator import Credentials, Emulator

SPEED = 40.0
SECRETS = Credentials(
    tiledb_token="soak-tiledb-TOKEN-7f3a91",
    tiledb_password="soak-tiledb-PASS-0c44",
    tiledb_workspace="ws_soak",
    deadline_keys={"AKIDSOAK7F3A91EXAMPLE": "soak-deadline-SECRET-5d2e88"},
    geobox_token="soak-geobox-TOKEN-c81b07",
    geobox_apikey="soak-geobox-APIKEY-2b6d",
    geobox_password="soak-geobox-PASS-3c19",
    tensorbay_access_key="ACCESSKEY-soak-4e9d5a",
)
SECRET_VALUES = [
    SECRETS.tiledb_token,
    SECRETS.tiledb_password,
    *SECRETS.deadline_keys.values(),
    SECRETS.geobox_token,
    SECRETS.geobox_apikey,
    SECRETS.geobox_password,
    SECRETS.tensorbay_access_key,
]

#: Final status names per service and phase, as each service's SDK shows them.
FINAL_STATUS = {
    "tiledb": {"succeeded": "COMPLETED", "failed": "FAILED", "canceled": "CANCELLED"},
    "deadline": {"succeeded": "SUCCEEDED", "failed": "FAILED", "canceled": "CANCELED"},
    "geobox": {"succeeded": "SUCCESS", "failed": "FAILURE", "canceled": "ABORTED"},
    "tensorbay": {"succeeded": "SUCCESS", "failed": "FAILED", "canceled": "ABORTED"},
}
PHASE = {
    "succeeded": taskfacade.JobPhase.SUCCEEDED,
    "failed": taskfacade.JobPhase.FAILED,
    "canceled": taskfacade.JobPhase.CANCELED,
}
ERROR_ACTIONS = ("status", "reset", "truncate")  # what makes an attempt fail (latency only slows it)
TRIES = 12  # user-level tries of one verb: about a third of the calls fail, so 12 failures in a row is ~1e-6


class ScaledClock:
    """The facade's clock, running ``speed`` times real time like the emulator's: a 2 s backoff sleeps 50 ms."""

    def __init__(self, speed: float, wall_start: float) -> None:
        self._speed = speed
        self._real_start = time.monotonic()
        self._wall_start = wall_start

    def monotonic(self) -> float:
        return (time.monotonic() - self._real_start) * self._speed

    def time(self) -> float:
        return self._wall_start + self.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds / self._speed)


# ---------------------------------------------------------------------------------------------------------------
# The plan: which jobs, with which outcome, and what the facade does to them


@attrs.define
class Planned:
    """One job: where it lives, what it was created to do, what the test does to it, and what it must end as."""

    service: str
    job_id: str
    outcome: str  # as created through the admin API
    verb: str | None = None  # "cancel", "abort" or "retry"
    job_type: str | None = None  # TensorBay's jobType
    handle: Any = None  # the facade Job

    @property
    def expected(self) -> str:
        if self.verb in ("cancel", "abort"):
            return "canceled"
        if self.verb == "retry":
            return "succeeded"
        return self.outcome


#: (service, count, outcome, queued_s, run_s, verb, extra admin fields). 50 jobs per service, 200 in all.
PLAN: list[tuple[str, int, str, float, float, str | None, dict[str, Any]]] = [
    ("tiledb", 20, "succeeded", 0, 60, None, {"type": "SQL"}),
    ("tiledb", 15, "failed", 5, 90, None, {"type": "UDF"}),
    ("tiledb", 15, "canceled", 10, 40, None, {"type": "GENERIC_UDF"}),
    ("deadline", 20, "succeeded", 0, 70, None, {}),
    ("deadline", 10, "failed", 5, 50, None, {}),
    ("deadline", 10, "canceled", 0, 80, None, {}),
    ("deadline", 5, "succeeded", 0, 3000, "cancel", {}),  # running when canceled: INTERRUPTING, then CANCELED
    ("deadline", 5, "succeeded", 3000, 60, "cancel", {}),  # still queued when canceled
    ("geobox", 20, "succeeded", 0, 60, None, {}),
    ("geobox", 10, "failed", 10, 30, None, {}),
    ("geobox", 10, "canceled", 0, 100, None, {}),
    ("geobox", 10, "succeeded", 0, 3000, "abort", {}),
    ("tensorbay", 10, "succeeded", 0, 60, None, {"jobType": "squashAndMerge"}),
    ("tensorbay", 6, "failed", 0, 90, None, {"jobType": "squashAndMerge"}),
    ("tensorbay", 8, "failed", 0, 5, "retry", {"jobType": "squashAndMerge"}),  # failed before the retry
    ("tensorbay", 6, "succeeded", 0, 3000, "abort", {"jobType": "squashAndMerge"}),
    ("tensorbay", 10, "succeeded", 5, 50, None, {"jobType": "basicSearch"}),
    ("tensorbay", 5, "failed", 0, 80, None, {"jobType": "basicSearch"}),
    ("tensorbay", 5, "canceled", 0, 30, None, {"jobType": "basicSearch"}),
]

#: Fault scopes per service (method, path regex): reads, read-only POSTs (Deadline's search and batch get) and the
#: verbs each get the same rules, so every kind of request sees the same fault rates.
SCOPES: dict[str, list[tuple[str, str | None]]] = {
    "tiledb": [("GET", None)],
    "deadline": [("GET", None), ("POST", None), ("PATCH", None)],
    "geobox": [("GET", None), ("POST", "/abort/$")],
    "tensorbay": [("GET", None), ("POST", "/(abort|retry)$")],
}


def fault_rules() -> list[dict[str, Any]]:
    """20% 503, 5% 429 + Retry-After, 5% resets, 2% truncated bodies and random latency, on every scope.

    Rules are consulted in order and the first that fires wins, so each rule's probability is conditional on
    the ones before it not firing: together they give the overall rates above.
    """
    rules = []
    for service, scopes in SCOPES.items():
        for method, path in scopes:
            scope: dict[str, Any] = {"service": service, "method": method}
            if path is not None:
                scope["path"] = path
            rules += [
                {**scope, "action": "status", "status": 503, "probability": 0.20},
                {**scope, "action": "status", "status": 429, "retry_after": 1, "probability": 0.05 / 0.80},
                {**scope, "action": "reset", "probability": 0.05 / 0.75},
                {**scope, "action": "truncate", "probability": 0.02 / 0.70},
                {**scope, "action": "latency", "latency_ms": 15, "probability": 0.15},
                {**scope, "action": "latency", "latency_ms": 60, "probability": 0.03},
            ]
    return rules


# ---------------------------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(seed_count=2, speed=0, credentials=SECRETS, seed=11) as emu:
        yield emu


@pytest.fixture
def admin(emulator: Emulator) -> Iterator[httpx.Client]:
    """The admin API over real HTTP (no credentials: it is loopback only)."""
    with httpx.Client(base_url=f"{emulator.url}/_emulator", timeout=10) as client:
        yield client


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, (response.status_code, response.text)
    return response.json()


@attrs.frozen
class Facade:
    """The four facade clients the soak uses, all on the sped-up clock."""

    tiledb: tiledb.Client
    deadline: deadline.DeadlineClient
    geobox: geobox.GeoboxClient
    gas: tensorbay.GAS
    seeded: dict[str, Any]

    def set_retry_mode(self, mode: str) -> None:
        self.tiledb.retry_mode(mode)
        self.deadline.retry_mode = mode
        self.geobox.retry_mode = mode
        self.gas.client.retry_mode = mode

    def close(self) -> None:
        for client in (self.tiledb, self.deadline, self.geobox, self.gas):
            client.close()


def _facade(emu: Emulator, seeded: dict[str, Any], clock: ScaledClock, profile_dir: pathlib.Path) -> Facade:
    [(key_id, secret)] = SECRETS.deadline_keys.items()
    return Facade(
        tiledb=tiledb.Client(
            retry_mode="forceful",
            host=emu.base_url("tiledb"),
            token=SECRETS.tiledb_token,
            workspace=SECRETS.tiledb_workspace,
            profile_dir=profile_dir,
            clock=clock,
        ),
        deadline=deadline.client(
            region_name="us-west-2",
            endpoint_url=emu.base_url("deadline"),
            aws_access_key_id=key_id,
            aws_secret_access_key=secret,
            retry_mode="forceful",
            clock=clock,
            environ={},
        ),
        geobox=geobox.GeoboxClient(
            host=emu.base_url("geobox"), access_token=SECRETS.geobox_token, retry_mode="forceful", clock=clock
        ),
        gas=tensorbay.GAS(SECRETS.tensorbay_access_key, emu.base_url("tensorbay"), retry_mode="forceful", clock=clock),
        seeded=seeded,
    )


# ---------------------------------------------------------------------------------------------------------------
# Steps


def create_jobs(admin: httpx.Client) -> list[Planned]:
    """The 200 jobs, created through ``POST /_emulator/tasks``."""
    planned: list[Planned] = []
    for service, count, outcome, queued_s, run_s, verb, extra in PLAN:
        spec = {"service": service, "count": count, "outcome": outcome, "queued_s": queued_s, "run_s": run_s}
        ids = _ok(admin.post("/tasks", json={**spec, **extra}))["ids"]
        assert len(ids) == count
        planned += [Planned(service, job_id, outcome, verb, extra.get("jobType")) for job_id in ids]
    assert len(planned) == 200
    assert Counter(p.service for p in planned) == dict.fromkeys(FINAL_STATUS, 50)
    return planned


def attach_jobs(facade: Facade, planned: list[Planned]) -> None:
    """A facade Job for every planned job (the reads already run under faults)."""
    dl = facade.seeded["deadline"]
    dataset = facade.gas.get_dataset(facade.seeded["tensorbay"]["dataset_name"])
    for job in planned:
        if job.service == "tiledb":
            job.handle = tiledb_tasks.task(job.job_id, client=facade.tiledb)
        elif job.service == "deadline":
            job.handle = facade.deadline.task(
                farmId=dl["farmId"], queueId=dl["queueId"], jobId=dl["jobId"], stepId=dl["stepId"], taskId=job.job_id
            )
        elif job.service == "geobox":
            job.handle = facade.geobox.get_task(job.job_id)
        else:
            kind = dataset.squash_and_merge if job.job_type == "squashAndMerge" else dataset.basic_search
            job.handle = kind.get_job(job.job_id)


@attrs.define
class VerbLog:
    """What the user-level loops did: calls made, errors seen (to check they hold no secret)."""

    calls: Counter[str] = attrs.field(factory=Counter)
    errors: list[BaseException] = attrs.field(factory=list)


def _until_done(log: VerbLog, verb: str, attempt: Callable[[], None], applied: Callable[[], bool]) -> None:
    """Call a verb until it succeeds, like a careful user: after an error, first check whether it took effect."""
    for _ in range(TRIES):
        log.calls[verb] += 1
        try:
            attempt()
            return
        except taskfacade.TaskFacadeError as error:
            log.errors.append(error)
        try:
            if applied():
                return
        except taskfacade.TaskFacadeError as error:
            log.errors.append(error)
    raise AssertionError(f"{verb} did not go through in {TRIES} tries: {log.errors[-3:]}")


def run_verbs(facade: Facade, planned: list[Planned]) -> VerbLog:
    """Cancel, abort and retry through the facade while the faults fire."""
    log = VerbLog()
    dl = facade.seeded["deadline"]
    for job in planned:
        handle = job.handle
        if job.verb == "cancel":
            ids = {k: dl[k] for k in ("farmId", "queueId", "jobId", "stepId")}
            token = str(uuid.uuid4())  # reused on every try: Deadline applies one token once

            def cancel(ids: dict[str, str] = ids, job: Planned = job, token: str = token) -> None:
                facade.deadline.update_task(**ids, taskId=job.job_id, targetRunStatus="CANCELED", clientToken=token)

            _until_done(log, "deadline.cancel", cancel, lambda: False)  # same token again: always safe
        elif job.verb == "abort" and job.service == "geobox":
            _until_done(log, "geobox.abort", handle.abort, lambda h=handle: h.status == geobox.TaskStatus.ABORTED)
        elif job.verb in ("abort", "retry"):
            phases = taskfacade.JobPhase
            took_effect = {phases.CANCELED} if job.verb == "abort" else {phases.RUNNING, phases.SUCCEEDED}

            def applied(h: Any = handle, took_effect: set[taskfacade.JobPhase] = took_effect) -> bool:
                h.refresh()
                return h.phase in took_effect

            _until_done(log, f"tensorbay.{job.verb}", getattr(handle, job.verb), applied)
    return log


# ---------------------------------------------------------------------------------------------------------------
# The soak


def test_soak_two_hundred_jobs_under_faults(
    emulator: Emulator, admin: httpx.Client, caplog: pytest.LogCaptureFixture, tmp_path: pathlib.Path
) -> None:
    caplog.set_level(logging.WARNING)
    caplog.set_level(logging.WARNING, logger="uvicorn.access")  # the emulator's own access log is not ours
    caplog.set_level(logging.INFO, logger="httpx")  # request lines with URLs: checked for credentials too
    caplog.set_level(logging.DEBUG, logger="taskfacade")
    seeded = _ok(admin.get("/seeded"))
    planned = create_jobs(admin)
    _ok(admin.post("/faults", json={"rules": fault_rules()}))
    _ok(admin.delete("/requests"))

    clock = ScaledClock(SPEED, wall_start=_ok(admin.get("/clock"))["now"])
    facade = _facade(emulator, seeded, clock, tmp_path)
    try:
        attach_jobs(facade, planned)
        _ok(admin.post("/clock", json={"advance_s": 20}))  # the retry targets (5 s runs) have failed by now
        verbs = run_verbs(facade, planned)

        _ok(admin.post("/clock", json={"speed": SPEED}))
        facade.set_retry_mode("default")
        started = time.monotonic()
        statuses = taskfacade.wait_all(
            [j.handle for j in planned], timeout=3600, interval=5, max_poll_errors=8, clock=clock
        )
        waited = time.monotonic() - started
    finally:
        facade.close()

    faults = _ok(admin.get("/faults"))["rules"]
    counts = _ok(admin.get("/requests"))
    after = _ok(admin.get("/seeded"))
    _check_final_statuses(planned, statuses)
    retry_lines = [r.getMessage() for r in caplog.records if r.name == "taskfacade" and RETRY_LINE in r.getMessage()]
    _check_verbs_applied_once(planned, verbs, counts, after, retry_lines)
    _check_logs_match_faults(caplog, faults)
    _check_no_secret(caplog, verbs, facade, planned)
    assert waited < 60, f"wait_all took {waited:.1f}s"


def _value(status: Any) -> str:
    return str(getattr(status, "value", status))


def _check_final_statuses(planned: list[Planned], statuses: list[Any]) -> None:
    wrong = [
        (j.service, j.job_id, j.outcome, j.verb, _value(status), j.handle.phase)
        for j, status in zip(planned, statuses, strict=True)
        if _value(status) != FINAL_STATUS[j.service][j.expected] or j.handle.phase is not PHASE[j.expected]
    ]
    assert not wrong, f"{len(wrong)} job(s) did not reach the expected final status: {wrong[:10]}"
    assert Counter(j.expected for j in planned) == {"succeeded": 88, "failed": 46, "canceled": 66}


def _route_count(counts: dict[str, dict[str, int]], service: str, method: str, suffix: str) -> int:
    return sum(n for route, n in counts[service].items() if route.startswith(method + " ") and route.endswith(suffix))


#: The verb routes as the emulator counts them (method, route template suffix) and as the retry log shows them.
VERB_ROUTES = {
    "deadline": [("PATCH", "{taskId}", re.compile(r"^PATCH /deadline/.*/tasks/task-[^/]+$"))],
    "geobox": [("POST", "/abort/", re.compile(r"^POST /geobox/v1/tasks/[^/]+/abort/$"))],
    "tensorbay": [
        ("POST", "/abort", re.compile(r"^POST /tensorbay/.*/jobs/[^/]+/abort$")),
        ("POST", "/retry", re.compile(r"^POST /tensorbay/.*/jobs/[^/]+/retry$")),
    ],
}


def _check_verbs_applied_once(
    planned: list[Planned],
    verbs: VerbLog,
    counts: dict[str, dict[str, int]],
    seeded: dict[str, Any],
    retry_lines: list[str],
) -> None:
    # Deadline: one client token per task, so one application per task however often the request went out.
    cancels = [j for j in planned if j.verb == "cancel"]
    assert seeded["deadline"]["updates_applied"] == len(cancels)
    # TensorBay: the emulator logs every application of a verb per job.
    for verb in ("abort", "retry"):
        targets = {j.job_id for j in planned if j.service == "tensorbay" and j.verb == verb}
        applied = seeded["tensorbay"]["verb_counts"][verb]
        assert {job: applied.get(job, 0) for job in targets} == dict.fromkeys(targets, 1), verb
        assert set(applied) == targets, f"{verb} applied to jobs that were not targeted"
    # Every verb request the emulator counted is either a user call or a retry the facade logged: nothing is
    # re-sent behind the caller's back. TensorBay verbs (no idempotency key) are never re-sent by the facade.
    for service, routes in VERB_ROUTES.items():
        sent = sum(_route_count(counts, service, method, suffix) for method, suffix, _ in routes)
        replays = sum(1 for line in retry_lines for *_, regex in routes if regex.match(_method_path(line)))
        calls = sum(n for name, n in verbs.calls.items() if name.startswith(service))
        assert sent == calls + replays, (service, sent, calls, replays)
        if service == "tensorbay":
            assert replays == 0


def _method_path(retry_line: str) -> str:
    """``"geobox POST /geobox/v1/tasks/x/abort/ -> 503 (attempt ..."`` -> ``"POST /geobox/v1/tasks/x/abort/"``."""
    return retry_line.split(" -> ", 1)[0].split(" ", 1)[1]


RETRY_LINE = "; retrying in "
GIVE_UP_LINE = ": giving up: "


def _check_logs_match_faults(caplog: pytest.LogCaptureFixture, faults: list[dict[str, Any]]) -> None:
    records = [r for r in caplog.records if r.name.startswith("taskfacade")]
    retries = [r.getMessage() for r in records if RETRY_LINE in r.getMessage()]
    give_ups = [r.getMessage() for r in records if GIVE_UP_LINE in r.getMessage()]
    fired = sum(rule["fired"] for rule in faults if rule["action"] in ERROR_ACTIONS)
    assert fired >= 100, f"only {fired} faults fired: the soak did not soak"
    assert len(retries) >= 0.7 * fired, (len(retries), fired)
    # Every fired fault is one failed attempt, logged once as retried or given up. A failure the emulator did
    # not inject (a pooled connection the server had just closed) would add a line: two are tolerated.
    failed_attempts = len(retries) + len(give_ups)
    assert fired <= failed_attempts <= fired + 2, (len(retries), len(give_ups), fired)
    # each retry line names what failed: one of the injected statuses, or the network error of a reset/truncation
    what = Counter(line.split(" -> ", 1)[1].split(" ", 1)[0] for line in retries)
    assert set(what) <= {"503", "429", "ReadError", "RemoteProtocolError", "ConnectError", "WriteError"}, what
    by_service = Counter(line.split(" ", 1)[0] for line in retries)
    assert set(by_service) == set(FINAL_STATUS), by_service


def _check_no_secret(caplog: pytest.LogCaptureFixture, verbs: VerbLog, facade: Facade, planned: list[Planned]) -> None:
    texts = itertools.chain(
        (r.getMessage() for r in caplog.records),
        (caplog.text,),
        (f"{e!s} {e!r} {getattr(e, 'body', '')} {getattr(e, 'headers', '')}" for e in verbs.errors),
        (repr(c) for c in (facade.tiledb, facade.deadline, facade.geobox, facade.gas)),
        (repr(j.handle) for j in planned),
    )
    leaks = [(secret, text[:200]) for text in texts for secret in SECRET_VALUES if secret in text]
    assert not leaks, leaks
