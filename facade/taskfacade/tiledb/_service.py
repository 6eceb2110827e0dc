"""TileDB Cloud's registration in the facade (``taskfacade._registry``): its name, its package, its jobs."""

from __future__ import annotations

from .._registry import ServiceInfo
from ._task import TileDBTask
from ._tokens import rebuild

SERVICE = ServiceInfo(
    name="tiledb",
    display_name="TileDB Cloud",
    module="taskfacade.tiledb",
    job_types=(TileDBTask,),
    rebuild=rebuild,
)
