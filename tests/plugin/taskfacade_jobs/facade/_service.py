"""The jobs service's registration value for the facade: its name, its package, its job class.

Registering it (one call, ``taskfacade.register_service(SERVICE)``, or an entry point in the group
``taskfacade.services`` once the plug-in is installed) makes ``taskfacade.jobs`` this package and lists the service
in ``taskfacade.service_names()``.
"""

from __future__ import annotations

from taskfacade import ServiceInfo

from ._job import JobsJob

__all__ = ["SERVICE"]

SERVICE = ServiceInfo(
    name="jobs", display_name="Jobs (plug-in example)", module="taskfacade_jobs.facade", job_types=(JobsJob,)
)
