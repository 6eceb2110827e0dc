"""Schemathesis against the TensorBay emulator: every operation of openapi/tensorbay.yaml, authenticated.

No response may be a 5xx or contradict the spec (status codes, content types, headers, bodies). Most generated
dataset and job ids are swapped for real ones (a job of the generated ``jobType``), so 200 bodies and the verbs'
state rules get checked too, not only the 404s.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from taskfacade_emulator import Emulator
from taskfacade_emulator.tensorbay import Service

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "tensorbay.yaml"
AUTH = {"X-Token": "ACCESSKEY-emulator"}

schema = schemathesis.openapi.from_path(SPEC)


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(db=None, seed_count=0, seed_counts={"tensorbay": 60}, services=[Service]) as emu:
        yield emu


class KnownIds:
    """Real ids to swap in: three cases in four get one, cycling through each pool so runs repeat exactly.

    Delete gets its own jobs (created for it), so it never removes the seeded jobs abort and retry act on.
    """

    def __init__(self, emulator: Emulator) -> None:
        seeded = emulator.seeded()["tensorbay"]
        self.dataset_id: str = seeded["dataset_id"]
        self.jobs: dict[str, list[str]] = seeded["job_ids"]
        by_status = seeded["job_ids_by_status"]
        live = set(by_status["QUEUING"] + by_status["PROCESSING"])
        ended = set(by_status["FAILED"] + by_status["ABORTED"])
        #: abort and retry mostly get jobs whose state allows them (the rest are refused with 403).
        self.verb_jobs = {
            "abortJob": {kind: [j for j in ids if j in live] + ids[-3:] for kind, ids in self.jobs.items()},
            "retryJob": {kind: [j for j in ids if j in ended] + ids[:3] for kind, ids in self.jobs.items()},
        }
        self.deletable = {
            kind: emulator.create_tasks("tensorbay", count=40, jobType=kind)
            for kind in ("squashAndMerge", "basicSearch")
        }
        self._turn = 0

    def _pick(self, pool: list[str]) -> str | None:
        self._turn += 1
        return pool[self._turn % len(pool)] if pool and self._turn % 4 else None

    def swap_into(self, case: schemathesis.Case) -> None:
        params = case.path_parameters or {}
        if "datasetId" in params and self._pick([self.dataset_id]):
            params["datasetId"] = self.dataset_id
        if "jobId" in params:
            kind = str((case.query or {}).get("jobType", "basicSearch"))
            operation = case.operation.definition.raw.get("operationId", "")
            pools = self.deletable if operation == "deleteJob" else self.verb_jobs.get(operation, self.jobs)
            real = self._pick(pools.get(kind, pools["basicSearch"]))
            if real:
                params["jobId"] = real


@pytest.fixture(scope="module")
def known(emulator: Emulator) -> KnownIds:
    return KnownIds(emulator)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_tensorbay_conforms(case: schemathesis.Case, emulator: Emulator, known: KnownIds) -> None:
    known.swap_into(case)
    case.call_and_validate(base_url=emulator.base_url("tensorbay"), headers=AUTH)
