"""TileDB Cloud tasks and account, on the taskfacade core.

Two modules mirror the vendor's:

- ``taskfacade.tiledb.tasks`` (seed 000, ``tiledb.client.tasks``): ``fetch_tasks``, ``task``, ``last_sql_task``,
  ``last_udf_task``, ``fetch_results``, ``fetch_results_pandas``, ``TasksError``;
- ``taskfacade.tiledb.client`` (seed 001, ``tiledb.cloud.client``): ``Client``, ``login``, ``Config``, ``Ctx``,
  the user and organization functions and the array and group browsers.

The most used names are also importable from here. See docs/tiledb.md.
"""

from . import client, tasks
from ._async import AsyncResult, AsyncTimeout
from ._cloud_client import Client, default_client, set_default_client
from ._errors import (
    ConfigurationError,
    NoChargeableNamespace,
    PickleRefused,
    TaskNotReady,
    TasksError,
    TileDBError,
)
from ._login import Config, Ctx, login
from ._pager import ArrayPager, GroupPager, TaskPager, TileDBPager
from ._retrymode import RetryMode
from ._task import STATUS_PHASES, TileDBTask

__all__ = [
    "STATUS_PHASES",
    "ArrayPager",
    "AsyncResult",
    "AsyncTimeout",
    "Client",
    "Config",
    "ConfigurationError",
    "Ctx",
    "GroupPager",
    "NoChargeableNamespace",
    "PickleRefused",
    "RetryMode",
    "TaskNotReady",
    "TaskPager",
    "TasksError",
    "TileDBError",
    "TileDBPager",
    "TileDBTask",
    "client",
    "default_client",
    "login",
    "set_default_client",
    "tasks",
]
