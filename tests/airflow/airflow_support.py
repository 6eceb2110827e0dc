"""Helpers of the Airflow provider's tests: the canary credentials, connections, jobs in the emulator as tokens.

- ``CANARY``: the emulator's credentials in these tests, canaries that must never show up in logs, XCom or
  serialized DAGs; ``SECRETS`` names the secret ones.
- ``connection(service, emu, **changes)``: the JSON form of an Airflow connection to ``service`` on ``emu``;
  ``connections_env(emu)``: ``AIRFLOW_CONN_*`` variables of each service's default connection.
- ``make_tokens(emu, service, count, outcome=..., run_s=...)`` creates jobs with the emulator's admin helper and
  returns their tokens (what a DAG passes to the operators), made by the facade's own sync client.
"""

from __future__ import annotations

import atexit
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from taskfacade import deadline, geobox, tensorbay, tiledb
from taskfacade_emulator import Credentials, Emulator

HERE = Path(__file__).resolve().parent
DAGS_FOLDER = HERE / "dags"
AIRFLOW_BIN = Path(sys.executable).with_name("airflow")

AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="taskfacade-airflow-home-"))
atexit.register(shutil.rmtree, AIRFLOW_HOME, ignore_errors=True)

#: Airflow's settings for every test process and its subprocesses (conftest.py puts them in os.environ before
#: Airflow is imported): a fresh AIRFLOW_HOME per test process (each xdist worker has its own).
AIRFLOW_SETTINGS = {
    "AIRFLOW_HOME": str(AIRFLOW_HOME),
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{AIRFLOW_HOME / 'airflow.db'}",
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_FOLDER),
    "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
}

#: The emulator's credentials in these tests: canaries that must never show up in logs, XCom or serialized DAGs.
CANARY = {
    "tiledb_token": "canary-tiledb-token-5f1c2e",
    "tiledb_workspace": "ws_emulator",
    "deadline_key_id": "AKIDCANARY5F1C2E",
    "deadline_secret": "canary-deadline-secret-5f1c2e",
    "geobox_token": "canary-geobox-token-5f1c2e",
    "tensorbay_access_key": "ACCESSKEY-canary5f1c2e",
}
SECRETS = ("tiledb_token", "deadline_secret", "geobox_token", "tensorbay_access_key")
SERVICES = ("tiledb", "deadline", "geobox", "tensorbay")


def canary_credentials() -> Credentials:
    """What the emulator accepts in these tests (the canaries above)."""
    return Credentials(
        tiledb_token=CANARY["tiledb_token"],
        tiledb_workspace=CANARY["tiledb_workspace"],
        deadline_keys={CANARY["deadline_key_id"]: CANARY["deadline_secret"]},
        geobox_token=CANARY["geobox_token"],
        tensorbay_access_key=CANARY["tensorbay_access_key"],
    )


def default_conn_id(service: str) -> str:
    """The hooks' default connection id of ``service`` (``taskfacade_deadline_default``)."""
    return f"taskfacade_{service}_default"


def connection(service: str, emu: Emulator, **changes: object) -> dict[str, object]:
    """The JSON form of an Airflow connection to ``service`` on ``emu`` (``changes`` override fields)."""
    base: dict[str, object] = {"conn_type": f"taskfacade_{service}", "host": emu.base_url(service)}
    if service == "tiledb":
        base |= {"password": CANARY["tiledb_token"], "extra": {"workspace": CANARY["tiledb_workspace"]}}
    elif service == "deadline":
        base |= {"login": CANARY["deadline_key_id"], "password": CANARY["deadline_secret"]}
        base["extra"] = {"region_name": "us-west-2"}
    elif service == "geobox":
        base |= {"password": CANARY["geobox_token"]}
    else:
        base |= {"password": CANARY["tensorbay_access_key"]}
    return base | changes


def conn_env_name(conn_id: str) -> str:
    """The environment variable Airflow reads connection ``conn_id`` from."""
    return f"AIRFLOW_CONN_{conn_id.upper()}"


def connections_env(emu: Emulator) -> dict[str, str]:
    """``AIRFLOW_CONN_*`` variables of each service's default connection, pointing at ``emu``."""
    return {conn_env_name(default_conn_id(s)): json.dumps(connection(s, emu)) for s in SERVICES}


def sync_client(service: str, emu: Emulator) -> Any:
    """The facade's sync client of ``service`` on ``emu`` (built directly, not through a hook)."""
    url = emu.base_url(service)
    if service == "tiledb":
        return tiledb.Client(host=url, token=CANARY["tiledb_token"], workspace=CANARY["tiledb_workspace"])
    if service == "deadline":
        return deadline.client(
            endpoint_url=url,
            aws_access_key_id=CANARY["deadline_key_id"],
            aws_secret_access_key=CANARY["deadline_secret"],
            region_name="us-west-2",
            environ={},
        )
    if service == "geobox":
        return geobox.GeoboxClient(host=url, access_token=CANARY["geobox_token"])
    return tensorbay.GAS(CANARY["tensorbay_access_key"], url)


def jobs_of(service: str, emu: Emulator, client: Any, ids: list[str], job_type: str = "squashAndMerge") -> list[Any]:
    """The facade's job handles of ``ids`` (fetched once)."""
    seeded = emu.seeded()[service]
    if service == "tiledb":
        return [tiledb.tasks.task(i, client=client) for i in ids]
    if service == "deadline":
        where = {key: seeded[key] for key in ("farmId", "queueId", "jobId", "stepId")}
        tasks = [client.task(**where, taskId=i) for i in ids]
        for task in tasks:
            task.refresh()
        return tasks
    if service == "geobox":
        return [client.get_task(i) for i in ids]
    dataset = client.get_dataset(seeded["dataset_name"])
    jobs = dataset.squash_and_merge if job_type == "squashAndMerge" else dataset.basic_search
    return [jobs.get_job(i) for i in ids]


def make_tokens(
    emu: Emulator, service: str, count: int = 1, *, outcome: str = "succeeded", run_s: float = 1.0, **fields: Any
) -> list[str]:
    """Tokens of ``count`` new jobs of ``service`` that run ``run_s`` seconds and end with ``outcome``."""
    ids = emu.create_tasks(service, count, outcome=outcome, queued_s=0.0, run_s=run_s, **fields)
    with sync_client(service, emu) as client:
        return [job.to_token() for job in jobs_of(service, emu, client, ids, fields.get("jobType", "squashAndMerge"))]
