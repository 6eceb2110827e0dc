"""taskfacade_airflow: the Apache Airflow provider of taskfacade (the ``taskfacade[airflow]`` extra).

Hooks build taskfacade clients from Airflow connections (one connection type per service), operators and a sensor
wait on jobs given as continuation tokens (deferrable by default), and the trigger waits in Airflow's triggerer,
where all triggers of one service endpoint share one batched poller. See docs/airflow.md.

Airflow finds the provider through the ``apache_airflow_provider`` entry point, which calls ``get_provider_info``.
Public names are re-exported here and loaded on first use (PEP 562), so importing this package (as Airflow's
providers manager does) imports neither Airflow nor the facade's clients.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "DeadlineHook",
    "GeoboxHook",
    "TaskfacadeHook",
    "TaskfacadeJobsSensor",
    "TaskfacadeJobsTrigger",
    "TaskfacadeWaitOperator",
    "TensorBayHook",
    "TensorBaySubmitOperator",
    "TileDBHook",
    "get_provider_info",
]

_EXPORTS: dict[str, str] = {
    "TaskfacadeHook": "hooks",
    "TileDBHook": "hooks",
    "DeadlineHook": "hooks",
    "GeoboxHook": "hooks",
    "TensorBayHook": "hooks",
    "TaskfacadeWaitOperator": "operators",
    "TensorBaySubmitOperator": "operators",
    "TaskfacadeJobsSensor": "sensors",
    "TaskfacadeJobsTrigger": "triggers",
}

#: service -> (connection type, hook class name, display name): one connection type per service.
CONNECTION_TYPES: dict[str, tuple[str, str, str]] = {
    "tiledb": ("taskfacade_tiledb", "taskfacade_airflow.hooks.TileDBHook", "TileDB Cloud (taskfacade)"),
    "deadline": ("taskfacade_deadline", "taskfacade_airflow.hooks.DeadlineHook", "AWS Deadline Cloud (taskfacade)"),
    "geobox": ("taskfacade_geobox", "taskfacade_airflow.hooks.GeoboxHook", "Geobox (taskfacade)"),
    "tensorbay": ("taskfacade_tensorbay", "taskfacade_airflow.hooks.TensorBayHook", "TensorBay (taskfacade)"),
}

_INTEGRATION = "taskfacade"


def get_provider_info() -> dict[str, Any]:
    """What Airflow's providers manager reads about this provider (``provider_info.schema.json``'s fields)."""
    from taskfacade import __version__

    def modules(name: str) -> list[dict[str, Any]]:
        return [{"integration-name": _INTEGRATION, "python-modules": [f"taskfacade_airflow.{name}"]}]

    return {
        "package-name": "taskfacade",
        "name": "taskfacade",
        "description": (
            "Wait on TileDB Cloud, AWS Deadline Cloud, Geobox and TensorBay jobs from Airflow: hooks, deferrable "
            "operators and a sensor whose triggers share one batched poller per service endpoint."
        ),
        "versions": [__version__],
        "integrations": [
            {
                "integration-name": _INTEGRATION,
                "external-doc-url": "https://github.com/taskfacade/taskfacade/blob/main/docs/airflow.md",
                "tags": ["service"],
            }
        ],
        "hooks": modules("hooks"),
        "operators": modules("operators"),
        "sensors": modules("sensors"),
        "triggers": modules("triggers"),
        "connection-types": [
            {"connection-type": conn_type, "hook-class-name": hook, "hook-name": name}
            for conn_type, hook, name in CONNECTION_TYPES.values()
        ],
    }


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'taskfacade_airflow' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
