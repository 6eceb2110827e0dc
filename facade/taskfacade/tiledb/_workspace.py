"""Resolving a workspace given by name to its id, as tiledb-client 3.x does (``client.get_workspace_id``).

The task endpoints address a workspace by id (``ws_...``). A configuration may name it instead (``workspace=
"my-team"``, ``TILEDB_REST_WORKSPACE=my-team``); then the id is asked of the server once,
``GET /v4/workspaces/{name}``, and used from then on.
"""

from __future__ import annotations

from .._errors import NotFound, ResponseDecodeError
from .._steps import Call, Steps, SyncCaller, run
from ._errors import ConfigurationError
from ._generated import Unset, WorkspaceGetResponse, get_workspace

__all__ = ["is_workspace_id", "workspace_id_of", "workspace_id_steps"]


def is_workspace_id(workspace: str) -> bool:
    """Whether ``workspace`` is already an id (``ws_...``) rather than a name."""
    return workspace.startswith("ws_")


def workspace_id_of(transport: SyncCaller, name: str) -> str:
    """The id of the workspace called ``name`` (one request).

    Raises:
        ConfigurationError: no workspace has that name (or the caller cannot see it).
        taskfacade.APIError, TransportError, ResponseDecodeError: the request failed otherwise.
    """
    return run(workspace_id_steps(name), transport)


def workspace_id_steps(name: str) -> Steps[str]:
    """``workspace_id_of`` as steps (``_steps.py``), for both twins."""
    try:
        found = yield Call(get_workspace, args=(name,), expect=WorkspaceGetResponse)
    except NotFound as exc:
        raise ConfigurationError(
            f"TileDB workspace {name!r} not found: check the workspace name or id (ws_...) and the host"
        ) from exc
    data = found.data
    workspace_id = None if isinstance(data, Unset) else data.workspace_id
    if (
        not isinstance(workspace_id, str)
        or not workspace_id
        or not (workspace_id.isascii() and workspace_id.isprintable())
    ):
        raise ResponseDecodeError(f"workspace {name!r}: the answer holds no workspace id", service="tiledb")
    return workspace_id
