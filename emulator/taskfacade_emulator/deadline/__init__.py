"""The AWS Deadline Cloud emulator: farms, queues, jobs, steps and tasks over restJson1 with SigV4.

Speaks ``openapi/deadline.yaml`` under ``/2023-10-12/``; the shared server mounts it at ``/deadline``.
"""

from ._service import Service

__all__ = ["Service"]
