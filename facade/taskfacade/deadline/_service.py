"""AWS Deadline Cloud's registration in the facade (``taskfacade._registry``): its name, its package, its jobs."""

from __future__ import annotations

from .._registry import ServiceInfo
from ._job import DeadlineJob
from ._task import DeadlineTask
from ._tokens import rebuild

SERVICE = ServiceInfo(
    name="deadline",
    display_name="AWS Deadline Cloud",
    module="taskfacade.deadline",
    job_types=(DeadlineTask, DeadlineJob),
    rebuild=rebuild,
)
