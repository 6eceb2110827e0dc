"""Contains all the data models used in inputs/outputs (imported lazily, on first use)"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch_get_request import BatchGetRequest
    from .batch_get_response import BatchGetResponse
    from .error import Error
    from .job import Job
    from .job_list import JobList
    from .job_state import JobState

_MODULES = {
    "BatchGetRequest": ".batch_get_request",
    "BatchGetResponse": ".batch_get_response",
    "Error": ".error",
    "Job": ".job",
    "JobList": ".job_list",
    "JobState": ".job_state",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)


__all__ = (
    "BatchGetRequest",
    "BatchGetResponse",
    "Error",
    "Job",
    "JobList",
    "JobState",
)
