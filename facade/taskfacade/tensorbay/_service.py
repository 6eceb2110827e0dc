"""TensorBay's registration in the facade (``taskfacade._registry``): its name, its package, its jobs."""

from __future__ import annotations

from .._registry import ServiceInfo
from ._job import TensorBayJob
from ._kinds import BasicSearchJob, SquashAndMergeJob
from ._tokens import rebuild

SERVICE = ServiceInfo(
    name="tensorbay",
    display_name="TensorBay",
    module="taskfacade.tensorbay",
    job_types=(TensorBayJob, SquashAndMergeJob, BasicSearchJob),
    rebuild=rebuild,
)
