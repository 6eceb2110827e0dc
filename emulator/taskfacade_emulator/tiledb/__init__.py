"""The TileDB Cloud emulator: tasks, results, account and browsers as ``openapi/tiledb.yaml`` describes them.

Credentials: the API token (``X-TILEDB-REST-API-KEY``), HTTP Basic username/password, or a session token from
``GET /v1/session``; workspace ``TileDBCredentials.workspace``. Results are kept 24 hours after a task finishes
(then 404); QUEUED/RUNNING tasks answer 202 on their result; Arrow results exist only when pyarrow is importable.
"""

from ._service import Service

__all__ = ["Service"]
