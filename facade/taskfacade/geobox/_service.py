"""Geobox's registration in the facade (``taskfacade._registry``): its name, its package, its jobs."""

from __future__ import annotations

from .._registry import ServiceInfo
from ._task import Task
from ._tokens import rebuild

SERVICE = ServiceInfo(
    name="geobox",
    display_name="Geobox",
    module="taskfacade.geobox",
    job_types=(Task,),
    rebuild=rebuild,
)
