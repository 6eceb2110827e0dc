"""The one place the TileDB facade meets generated code (``taskfacade_generated.tiledb``).

Every other module of ``taskfacade.tiledb`` imports generated names from here, so a regenerated client that
renames or drops something breaks this module's imports first and nowhere else. An import-linter contract
(``pyproject.toml``) fails on any other import of ``taskfacade_generated``.

What the facade uses, and why:

- **operations**: all 14 in ``openapi/tiledb.yaml``, each called as ``sync_detailed`` through the shared
  transport. ``list_tasks``, ``get_task`` and ``get_task_result`` back ``tasks`` (seed 000) and
  ``TileDBTask``; ``get_session`` logs in with a username and password; ``get_user``, ``get_organization``,
  ``list_organizations`` and ``get_workspace`` back the account functions of ``client`` (seed 001); the six
  ``list_{owned,public,shared}_{arrays,groups}`` operations back the array and group browsers.
- **models**: ``ArrayTask``, ``ArrayTaskData`` (a listing page), ``ArrayTaskStatus`` and ``ArrayTaskType``
  (filters, and the status a ``TileDBTask`` shows), ``ResultFormat`` (how a result is decoded), ``Token``,
  ``User``, ``Organization``, ``NamespaceActions``, ``WorkspaceGetResponse``, ``ArrayBrowserData``,
  ``GroupBrowserData`` and ``GroupType``. ``Error`` is not used: the transport stops every status >= 400 before
  the generated parser runs, and the core parses the body.
- **types**: ``Unset`` (an absent optional field).
"""

from __future__ import annotations

from taskfacade_generated.tiledb.api.arrays import list_owned_arrays, list_public_arrays, list_shared_arrays
from taskfacade_generated.tiledb.api.groups import list_owned_groups, list_public_groups, list_shared_groups
from taskfacade_generated.tiledb.api.organizations import get_organization, list_organizations
from taskfacade_generated.tiledb.api.session import get_session
from taskfacade_generated.tiledb.api.tasks import get_task, get_task_result, list_tasks
from taskfacade_generated.tiledb.api.user import get_user
from taskfacade_generated.tiledb.api.workspaces import get_workspace
from taskfacade_generated.tiledb.models import (
    ArrayBrowserData,
    ArrayTask,
    ArrayTaskData,
    ArrayTaskStatus,
    ArrayTaskType,
    GroupBrowserData,
    GroupType,
    NamespaceActions,
    Organization,
    ResultFormat,
    Token,
    User,
    WorkspaceGetResponse,
)
from taskfacade_generated.tiledb.types import Unset

__all__ = [
    "ArrayBrowserData",
    "ArrayTask",
    "ArrayTaskData",
    "ArrayTaskStatus",
    "ArrayTaskType",
    "GroupBrowserData",
    "GroupType",
    "NamespaceActions",
    "Organization",
    "ResultFormat",
    "Token",
    "Unset",
    "User",
    "WorkspaceGetResponse",
    "get_organization",
    "get_session",
    "get_task",
    "get_task_result",
    "get_user",
    "get_workspace",
    "list_organizations",
    "list_owned_arrays",
    "list_owned_groups",
    "list_public_arrays",
    "list_public_groups",
    "list_shared_arrays",
    "list_shared_groups",
    "list_tasks",
]
