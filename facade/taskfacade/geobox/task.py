"""``geobox.task`` at the SDK's module path: ``from taskfacade.geobox.task import Task`` ports ``from geobox.task
import Task``. The class lives in ``_task``; see there and docs/geobox.md."""

from ._task import GeoboxTask, Task

__all__ = ["GeoboxTask", "Task"]
