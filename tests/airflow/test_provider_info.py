"""The provider as Airflow sees it: the entry point, the provider info schema, the connection types."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import airflow
import jsonschema
import taskfacade_airflow

SCHEMA = Path(airflow.__file__).with_name("provider_info.schema.json")


def test_the_entry_point_names_get_provider_info() -> None:
    points = [ep for ep in metadata.entry_points(group="apache_airflow_provider") if ep.value.startswith("taskfacade")]
    assert [ep.value for ep in points] == ["taskfacade_airflow:get_provider_info"]
    assert points[0].load() is taskfacade_airflow.get_provider_info


def test_provider_info_matches_airflows_schema() -> None:
    info = taskfacade_airflow.get_provider_info()
    jsonschema.validate(info, json.loads(SCHEMA.read_text()))
    kinds = {item["connection-type"]: item["hook-class-name"] for item in info["connection-types"]}
    assert kinds == {
        "taskfacade_tiledb": "taskfacade_airflow.hooks.TileDBHook",
        "taskfacade_deadline": "taskfacade_airflow.hooks.DeadlineHook",
        "taskfacade_geobox": "taskfacade_airflow.hooks.GeoboxHook",
        "taskfacade_tensorbay": "taskfacade_airflow.hooks.TensorBayHook",
    }


def test_airflows_providers_manager_registers_the_provider_and_its_connection_types() -> None:
    from airflow.providers_manager import ProvidersManager
    from airflow.sdk.providers_manager_runtime import ProvidersManagerTaskRuntime

    assert "taskfacade" in ProvidersManager().providers
    hooks = ProvidersManagerTaskRuntime().hooks  # what a worker or triggerer uses to find a connection type's hook
    for service, hook_class in (
        ("tiledb", "TileDBHook"),
        ("deadline", "DeadlineHook"),
        ("geobox", "GeoboxHook"),
        ("tensorbay", "TensorBayHook"),
    ):
        info = hooks[f"taskfacade_{service}"]
        assert info is not None
        assert info.hook_class_name == f"taskfacade_airflow.hooks.{hook_class}"
        assert info.connection_id_attribute_name == "conn_id"


def test_public_names_resolve_and_the_package_imports_no_airflow_until_used() -> None:
    import subprocess
    import sys

    for name in taskfacade_airflow.__all__:
        assert getattr(taskfacade_airflow, name) is not None, name
    code = (
        "import sys, taskfacade_airflow; taskfacade_airflow.get_provider_info(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'airflow'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"  # what Airflow's providers manager imports stays cheap
