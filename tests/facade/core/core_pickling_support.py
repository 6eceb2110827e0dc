"""Worker functions for the pickling tests: importable by name, so a ``ProcessPoolExecutor`` can run them."""

from __future__ import annotations

import pickle


def reraise(pickled: bytes) -> None:
    """Unpickle an error in the worker and raise it, so it is pickled again on its way back to the parent."""
    raise pickle.loads(pickled)  # noqa: S301 - the test's own bytes


def deadline_unmodeled(status: int, code: str) -> None:
    """Build and raise an unmodeled Deadline error inside the worker (its class is made in that process)."""
    from taskfacade import error_class_for
    from taskfacade.deadline._errors import ERROR_CLASSES

    cls = error_class_for(status, code, ERROR_CLASSES)
    raise cls(f"{code} in a worker", status=status, code=code, request_id="req-worker", service="deadline")
