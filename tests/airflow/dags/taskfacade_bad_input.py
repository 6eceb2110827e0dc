"""Bad input at task level: each task fails at once (AirflowFailException, no retry despite ``retries=3``), with a
message naming the connection id or the argument; nothing is deferred and no request reaches the service.

Used by tests/airflow/test_dags.py; the tokens come in as parameters (``--conf``).
"""

from __future__ import annotations

import datetime

from airflow.sdk import DAG
from taskfacade_airflow.operators import TaskfacadeWaitOperator, TensorBaySubmitOperator

with DAG(
    dag_id="taskfacade_bad_input",
    schedule=None,
    start_date=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    catchup=False,
    render_template_as_native_obj=True,
    params={"deadline_tokens": [], "geobox_tokens": []},
    default_args={"retries": 3, "retry_delay": datetime.timedelta(seconds=1)},
) as dag:
    TaskfacadeWaitOperator(
        task_id="missing_connection", conn_id="no_such_connection", tokens="{{ params.deadline_tokens }}"
    )
    TaskfacadeWaitOperator(task_id="wrong_connection_type", conn_id="plain_http", tokens="{{ params.deadline_tokens }}")
    TensorBaySubmitOperator(
        task_id="submit_on_another_services_connection",
        conn_id="taskfacade_deadline_default",
        dataset_name="emulator-dataset",
        job_type="squash_and_merge",
        job_kwargs={"draft_title": "d", "source_branch_name": "dev"},
    )
    TaskfacadeWaitOperator(
        task_id="token_of_another_service", conn_id="taskfacade_deadline_default", tokens="{{ params.geobox_tokens }}"
    )
    TaskfacadeWaitOperator(
        task_id="token_of_unknown_version", conn_id="taskfacade_deadline_default", tokens=["tf7.eyJzIjoiZGVhZGxpbmUifQ"]
    )
    TaskfacadeWaitOperator(
        task_id="unknown_phase",
        conn_id="taskfacade_deadline_default",
        tokens="{{ params.deadline_tokens }}",
        fail_on_phases=["FAILED", "EXPLODED"],
    )
