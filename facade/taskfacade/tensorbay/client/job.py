"""``tensorbay.client.job`` at the SDK's module path (seed 004): ``Job``, ``SquashAndMergeJob``, ``BasicSearchJob``.

``Job`` is ``TensorBayJob``, a ``taskfacade.Job``; the classes live in ``_job`` and ``_kinds`` (see docs/tensorbay.md).
"""

from .._job import TensorBayJob
from .._kinds import BasicSearchJob, SquashAndMergeJob

#: The seed's name for the base job class.
Job = TensorBayJob

__all__ = ["BasicSearchJob", "Job", "SquashAndMergeJob"]
