"""docs/airflow.md: its example DAG is the file ``airflow dags test`` runs in test_dags.py, and its other
``python-airflow`` blocks run here, in order, in one namespace, against the emulator.

The page's Python examples use the ``python-airflow`` fence: they need Airflow, which only ``.venv-airflow`` has, so
the main docs tests (tests/docs, in ``.venv``) leave them to this test.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from airflow_support import CANARY, DAGS_FOLDER, SECRETS

DOC = Path(__file__).resolve().parents[2] / "docs" / "airflow.md"
BLOCK = re.compile(r"^```python-airflow\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def blocks() -> list[str]:
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


def test_the_docs_example_dag_is_the_tested_dag() -> None:
    dags = [block for block in blocks() if "with DAG(" in block]
    assert dags == [(DAGS_FOLDER / "taskfacade_example.py").read_text(encoding="utf-8")]


def test_docs_code_blocks_run(airflow_conns: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    found = blocks()
    assert len(found) == 3
    namespace: dict[str, Any] = {"__name__": "docs_airflow"}
    for index, block in enumerate(found):
        if "with DAG(" in block:
            continue  # the DAG: test_dags.py runs it with `airflow dags test`
        exec(compile(block, f"{DOC.name}[block {index}]", "exec"), namespace)  # noqa: S102 - our own docs
    printed = capsys.readouterr().out
    for expected in (
        "GeoboxHook geobox GeoboxHook(conn_id='taskfacade_geobox_default')\nTrue\n",
        "taskfacade (connection 'taskfacade_deadline_default'): invalid tokens[0]='tf7.eyJzIjoiZGVhZGxpbmUifQ'",
        "a token of version 'tf1' (this one is 'tf7': upgrade taskfacade)",
    ):
        assert expected in printed, printed
    for name in SECRETS:
        assert CANARY[name] not in printed
