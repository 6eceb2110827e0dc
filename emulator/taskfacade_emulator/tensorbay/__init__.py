"""The TensorBay Open API emulator: datasets, drafts and dataset jobs (squashAndMerge, basicSearch).

Speaks ``openapi/tensorbay.yaml`` under ``/gatewayv2/tensorbay-open-api/v1/``; the shared server mounts it at
``/tensorbay``.
"""

from ._service import Service

__all__ = ["Service"]
