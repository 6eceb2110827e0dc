"""Wait for render tasks on AWS Deadline Cloud and a Geobox import, then squash-and-merge a TensorBay branch and
wait for it: every wait deferred to the triggerer, where waits on one connection share one batched poller.

The jobs come in as parameters (trigger the DAG with ``--conf``): Deadline tasks as continuation tokens
(``job.to_token()`` where they were submitted), Geobox tasks by uuid. Each wait's XCom is the final jobs list:
``[{"token", "id", "status", "phase", "error"}, ...]``.
"""

from __future__ import annotations

import datetime

from airflow.sdk import DAG
from taskfacade_airflow.operators import TaskfacadeWaitOperator, TensorBaySubmitOperator

with DAG(
    dag_id="taskfacade_example",
    schedule=None,
    start_date=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    catchup=False,
    render_template_as_native_obj=True,  # "{{ params.render_tokens }}" renders as a list, not its text
    params={
        "render_tokens": [],  # continuation tokens of Deadline tasks
        "geobox_task_ids": [],  # uuids of Geobox tasks
        "dataset": "emulator-dataset",
        "branch": "dev",
        "poll_interval": 30.0,
        "timeout": 3600.0,
    },
    default_args={"retries": 2, "retry_delay": datetime.timedelta(seconds=1)},
    tags=["taskfacade"],
) as dag:
    renders = TaskfacadeWaitOperator(
        task_id="wait_for_renders",
        conn_id="taskfacade_deadline_default",
        tokens="{{ params.render_tokens }}",
        timeout="{{ params.timeout }}",
        poll_interval="{{ params.poll_interval }}",
    )
    imports = TaskfacadeWaitOperator(
        task_id="wait_for_geobox_import",
        conn_id="taskfacade_geobox_default",
        job_ids="{{ params.geobox_task_ids }}",
        timeout="{{ params.timeout }}",
        poll_interval="{{ params.poll_interval }}",
    )
    squash = TensorBaySubmitOperator(
        task_id="squash_and_merge",
        conn_id="taskfacade_tensorbay_default",
        dataset_name="{{ params.dataset }}",
        job_type="squash_and_merge",
        job_kwargs={"draft_title": "nightly {{ ds }}", "source_branch_name": "{{ params.branch }}"},
    )
    merged = TaskfacadeWaitOperator(
        task_id="wait_for_squash_and_merge",
        conn_id="taskfacade_tensorbay_default",
        tokens=squash.output,  # the submit operator's XCom: [token]
        timeout="{{ params.timeout }}",
        poll_interval="{{ params.poll_interval }}",
    )
    [renders, imports] >> squash >> merged
