"""TensorBay dataset jobs (squash-and-merge, basic search) with the vendor SDK's surface, on the facade's core.

Port vendor code by changing the import::

    from taskfacade.tensorbay import GAS          # was: from tensorbay import GAS

    gas = GAS("ACCESSKEY-...")
    dataset = gas.get_dataset("my-dataset")
    job = dataset.squash_and_merge.create_job(draft_title="merge", source_branch_name="dev")
    job.update(until_complete=True, timeout=600)  # bounded, unlike the SDK
    draft = job.result

Every job is a ``taskfacade.Job`` (``status`` is TensorBay's string, ``phase`` the normalized one), so
``taskfacade.wait_all`` / ``as_completed`` work on them and poll through the job list endpoint. See
docs/tensorbay.md.
"""

from __future__ import annotations

from ._client import SITES, Client
from ._dataset import DRAFT_STATUSES, DatasetClient, DatasetClientBase, FusionDatasetClient
from ._errors import (
    AccessDeniedError,
    ClientError,
    DatasetTypeError,
    ForbiddenError,
    InternalServerError,
    InvalidParamsError,
    NameConflictError,
    RequestParamsMissingError,
    ResourceNotExistError,
    ResponseError,
    StatusError,
    TensorBayException,
    UnauthorizedError,
)
from ._filters import KEY_TITLES
from ._gas import GAS
from ._job import JOB_STATUSES, STATUS_PHASES, TensorBayJob
from ._jobclients import BasicSearch, JobMixin, SquashAndMerge
from ._kinds import BasicSearchJob, SquashAndMergeJob
from ._structs import Draft, FusionSearchResult, SearchResult, Status, User

#: The seed's name for the base job class (``tensorbay.client.job.Job``).
Job = TensorBayJob

__all__ = [
    "DRAFT_STATUSES",
    "GAS",
    "JOB_STATUSES",
    "KEY_TITLES",
    "SITES",
    "STATUS_PHASES",
    "AccessDeniedError",
    "BasicSearch",
    "BasicSearchJob",
    "Client",
    "ClientError",
    "DatasetClient",
    "DatasetClientBase",
    "DatasetTypeError",
    "Draft",
    "ForbiddenError",
    "FusionDatasetClient",
    "FusionSearchResult",
    "InternalServerError",
    "InvalidParamsError",
    "Job",
    "JobMixin",
    "NameConflictError",
    "RequestParamsMissingError",
    "ResourceNotExistError",
    "ResponseError",
    "SearchResult",
    "SquashAndMerge",
    "SquashAndMergeJob",
    "Status",
    "StatusError",
    "TensorBayException",
    "TensorBayJob",
    "UnauthorizedError",
    "User",
]
