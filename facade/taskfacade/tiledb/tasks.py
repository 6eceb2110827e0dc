"""Access to information about TileDB tasks (seed 000, ``tiledb.client.tasks``).

::

    from taskfacade.tiledb import tasks

    for t in tasks.fetch_tasks(status="RUNNING", start=datetime.now(timezone.utc) - timedelta(hours=3)):
        print(t.id, t.start_time)

Every request failure raises ``TasksError`` chained to the core error (``NotFound``, ``ServerError``,
``TransportError``...); bad arguments raise ``taskfacade.InvalidArgument`` before any request.
"""

from ._errors import PickleRefused, TaskNotReady, TasksError
from ._results import fetch_results, fetch_results_pandas
from ._task import TileDBTask
from ._tasks import DEFAULT_WINDOW, fetch_tasks, last_sql_task, last_udf_task, task, tasks

__all__ = [
    "DEFAULT_WINDOW",
    "PickleRefused",
    "TaskNotReady",
    "TasksError",
    "TileDBTask",
    "fetch_results",
    "fetch_results_pandas",
    "fetch_tasks",
    "last_sql_task",
    "last_udf_task",
    "task",
    "tasks",
]
