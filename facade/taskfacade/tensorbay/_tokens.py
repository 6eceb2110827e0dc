"""TensorBay jobs from continuation tokens (``taskfacade.job_from_token``): ``ServiceInfo.rebuild`` for TensorBay."""

from __future__ import annotations

import os
from typing import Any

from .._errors import InvalidArgument
from .._token import ids_of
from ._client import Client
from ._dataset import DatasetClient, FusionDatasetClient
from ._structs import Status

__all__ = ["rebuild"]

#: The status of a job rebuilt from ids alone (a token without status, ``taskfacade.TokenData(..., None)``) until its
#: first refresh: not one of TensorBay's, so its phase is UNKNOWN (never finished) and no wait ends on it.
NOT_FETCHED = "NOT_FETCHED"
#: The variables a default client is built from (the vendor SDK reads none; the command line reads the first).
ENV_ACCESS_KEY, ENV_URL = "TENSORBAY_ACCESS_KEY", "TENSORBAY_URL"


def rebuild(kind: str, client: Any, ids: dict[str, Any], status: str | None, asynchronous: bool) -> Any:
    """A ``SquashAndMergeJob`` or ``BasicSearchJob`` (or async twin) from a token's ids and status; no request.

    ``client``: a ``GAS`` or ``Client`` (their ``aio`` twins for ``asynchronous``); None builds one from
    ``$TENSORBAY_ACCESS_KEY`` (and ``$TENSORBAY_URL`` for another site than the key's). The job's dataset client
    is rebuilt checked out nowhere: it reads the dataset's jobs and drafts, it does not create jobs.
    """
    checked = ids_of(ids, ("dataset_id", "job_type", "job_id"), "tensorbay job")
    if checked["job_type"] != kind:
        raise InvalidArgument("token", checked["job_type"], f"a tensorbay {kind} token with job_type {kind!r}")
    fusion = ids.get("fusion") is True
    if asynchronous:  # the async side (anyio) is imported only when asked for
        from . import aio

        client_class: type[Any] = aio.AsyncClient
        dataset_class: type[Any] = aio.FusionDatasetClient if fusion else aio.DatasetClient
    else:
        client_class, dataset_class = Client, FusionDatasetClient if fusion else DatasetClient
    if client is None:
        key = os.environ.get(ENV_ACCESS_KEY)
        if not key:
            raise InvalidArgument(
                "client", None, f"a TensorBay client, or ${ENV_ACCESS_KEY} set (and ${ENV_URL} for another site)"
            )
        client = client_class(key, os.environ.get(ENV_URL, ""))
    name = ids.get("dataset")
    dataset_name = name if isinstance(name, str) and name else checked["dataset_id"]
    dataset = dataset_class(dataset_name, checked["dataset_id"], client, status=Status(None, None))
    jobs = dataset.squash_and_merge if kind == "squashAndMerge" else dataset.basic_search
    return jobs._job({"jobId": checked["job_id"], "jobType": kind, "title": "", "status": status or NOT_FETCHED})
