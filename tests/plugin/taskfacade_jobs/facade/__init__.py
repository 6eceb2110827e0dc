"""The jobs service's facade: ``JobsClient`` and its ``JobsJob`` (a ``taskfacade.Job``, so ``wait_all`` mixes it
with the other services' jobs)."""

from ._client import DEFAULT_PAGE_SIZE, JobsClient
from ._job import MAX_BATCH, STATUS_PHASES, JobRecord, JobsJob, JobSource
from ._service import SERVICE

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_BATCH",
    "SERVICE",
    "STATUS_PHASES",
    "JobRecord",
    "JobSource",
    "JobsClient",
    "JobsJob",
]
