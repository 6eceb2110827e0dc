"""The one place the Geobox facade meets generated code (``taskfacade_generated.geobox``).

Every other module of ``taskfacade.geobox`` imports generated names from here, so a regenerated client that
renames or drops something breaks this module's imports first and nowhere else. An import-linter contract
(``pyproject.toml``) fails on any other import of ``taskfacade_generated``.

What the facade uses, and why:

- **operations**: all 11 in ``openapi/geobox.yaml``, each called as ``sync_detailed`` through the shared
  transport. ``get_tasks``, ``get_task``, ``get_task_status`` and ``abort_task`` back ``GeoboxClient`` and
  ``Task``; ``login_for_access_token`` exchanges a username and password for a token; the six asset operations
  (``get_vector_layer``, ``get_raster``, ``get_table``, ``get_model_3d``, ``get_tile_3d``, ``get_file_info``)
  load what a finished task produced.
- **models**: ``Task`` (a task's wire body, kept as the facade's data), ``TaskCount`` (a count-only listing),
  ``TaskProgress`` (the status endpoint's counters), ``AccessToken`` and ``LoginForm`` (login), the enums
  ``TaskStatus`` (the ``state`` filter) and ``ResponseFormat`` (``f=json``). ``ErrorBody`` is not used: the
  transport stops every status >= 400 before the generated parser runs, and the core parses the body.
- **types**: ``UNSET`` (an argument left out of the request).
"""

from __future__ import annotations

from taskfacade_generated.geobox.api.assets import (
    get_file_info,
    get_model_3d,
    get_raster,
    get_table,
    get_tile_3d,
    get_vector_layer,
)
from taskfacade_generated.geobox.api.auth import login_for_access_token
from taskfacade_generated.geobox.api.tasks import abort_task, get_task, get_task_status, get_tasks
from taskfacade_generated.geobox.models import (
    AccessToken,
    LoginForm,
    ResponseFormat,
    Task,
    TaskCount,
    TaskProgress,
    TaskStatus,
)
from taskfacade_generated.geobox.types import UNSET

__all__ = [
    "UNSET",
    "AccessToken",
    "LoginForm",
    "ResponseFormat",
    "Task",
    "TaskCount",
    "TaskProgress",
    "TaskStatus",
    "abort_task",
    "get_file_info",
    "get_model_3d",
    "get_raster",
    "get_table",
    "get_task",
    "get_task_status",
    "get_tasks",
    "get_tile_3d",
    "get_vector_layer",
    "login_for_access_token",
]
