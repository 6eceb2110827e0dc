"""Issue 12: continuation tokens and pickled jobs hold no credential, URL or host, in any encoding.

Jobs are built (with no request) on clients holding every canary credential, then turned into tokens and
pickles; neither may contain a canary in any of the forms ``hostile_support.forms`` lists, nor the host.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import taskfacade
from hostile_support import (
    CANARY_ACCESS_KEY,
    CANARY_AKID,
    CANARY_APIKEY,
    CANARY_PASSWORD,
    CANARY_SECRET,
    CANARY_SESSION,
    CANARY_TOKEN,
    CANARY_USER,
    leaks,
)
from taskfacade import deadline, geobox, tensorbay, tiledb

HOST = "127.0.0.1:9"  # never contacted: building a job from a token makes no request
_HEX = "0123456789abcdef" * 2
IDS = {"farmId": f"farm-{_HEX}", "queueId": f"queue-{_HEX}", "jobId": f"job-{_HEX}", "stepId": f"step-{_HEX}"}
IDS["taskId"] = f"task-{_HEX}-0"
UUID = "5aa00a7c-3302-43ba-9d43-01cacf601f6f"
TB_SEARCH = {"dataset_id": "d1", "dataset": None, "fusion": True, "job_type": "basicSearch", "job_id": "j1"}
TB_MERGE = {**TB_SEARCH, "dataset": "ds", "fusion": False, "job_type": "squashAndMerge"}


def _token(service: str, kind: str, ids: dict[str, Any], status: str | None) -> str:
    from taskfacade._token import TokenData, encode

    return encode(TokenData(service, kind, ids, status))


def _clients() -> list[tuple[Any, str]]:
    """(client holding canaries, a token of a job of its service)."""
    url = f"http://{HOST}"
    aws = {"aws_access_key_id": CANARY_AKID, "aws_secret_access_key": CANARY_SECRET, "environ": {}}
    job_ids = {k: IDS[k] for k in ("farmId", "queueId", "jobId")}
    return [
        (
            tiledb.Client(host=f"{url}/tiledb", token=CANARY_TOKEN, workspace="ws"),
            _token("tiledb", "task", {"id": UUID}, "RUNNING"),
        ),
        (
            tiledb.Client(host=f"{url}/tiledb", username=CANARY_USER, password=CANARY_PASSWORD, workspace="ws"),
            _token("tiledb", "task", {"id": UUID}, "QUEUED"),
        ),
        (
            deadline.client(endpoint_url=f"{url}/deadline", aws_session_token=CANARY_SESSION, **aws),
            _token("deadline", "task", IDS, "RUNNING"),
        ),
        (deadline.client(endpoint_url=f"{url}/deadline", **aws), _token("deadline", "job", job_ids, "ACTIVE")),
        (
            geobox.GeoboxClient(host=f"{url}/geobox", apikey=CANARY_APIKEY),
            _token("geobox", "task", {"uuid": UUID}, "PENDING"),
        ),
        (
            geobox.GeoboxClient(host=f"{url}/geobox", access_token=CANARY_TOKEN),
            _token("geobox", "task", {"uuid": UUID}, None),
        ),
        (
            tensorbay.GAS(CANARY_ACCESS_KEY, f"{url}/tensorbay"),
            _token("tensorbay", "basicSearch", TB_SEARCH, "QUEUING"),
        ),
        (
            tensorbay.GAS(CANARY_ACCESS_KEY, f"{url}/tensorbay"),
            _token("tensorbay", "squashAndMerge", TB_MERGE, "PROCESSING"),
        ),
    ]


def test_tokens_and_pickles_of_jobs_on_canary_clients_hold_no_secret(clean_env: Path) -> None:
    for client, token in _clients():
        with client:
            job = taskfacade.job_from_token(token, client=client)
            rebuilt = job.to_token()
            assert rebuilt == token
            for text in (rebuilt, pickle.dumps(job), repr(job)):
                assert leaks(text) == [], type(client).__name__
                assert HOST.encode() not in (text if isinstance(text, bytes) else text.encode())
