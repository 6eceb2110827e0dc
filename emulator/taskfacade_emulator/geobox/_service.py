"""The Geobox service emulator: what the shared server mounts under ``/geobox``."""

from __future__ import annotations

from typing import Any, ClassVar

from starlette.responses import Response
from starlette.routing import BaseRoute

from .._service import JSON, Context, ServiceEmulator
from ._assets import ASSET_KINDS
from ._auth import EMULATOR_USER_ID, Authenticator
from ._credentials import GeoboxCredentials
from ._errors import error_json
from ._routes import GeoboxApi
from ._seed import seed_tasks, tasks_from_spec
from ._tasks import SCHEMA, TaskStore

#: The key ``inject_unknown`` puts in place of a task result's asset key: an asset kind no client knows.
UNKNOWN_ASSET_KEY = "pointcloud_uuid"
_ASSET_KEYS = frozenset(kind.result_key for kind in ASSET_KINDS)


class Service(ServiceEmulator):
    """Geobox tasks (list, count, get, progress, abort), token login and the six asset GETs."""

    name: ClassVar[str] = "geobox"
    credentials_type: ClassVar[type[Any] | None] = GeoboxCredentials
    enum_fields: ClassVar[frozenset[str]] = frozenset({"state", "layer_type", "file_type"})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.tasks = TaskStore(ctx.store)
        self._api = GeoboxApi(self.tasks, ctx.clock, Authenticator(ctx.credentials.of(GeoboxCredentials), self.tasks))

    def schema(self) -> str:
        return SCHEMA

    def seed(self) -> None:
        if self.tasks.has_seed():
            return
        tasks, assets = seed_tasks(self.ctx.count_for(self.name), self.ctx.seed, self.ctx.clock.now())
        self.tasks.insert(tasks, assets)

    def seeded(self) -> dict[str, Any]:
        return {"task_ids": self.tasks.seeded_uuids(), "user_id": EMULATOR_USER_ID}

    def create_tasks(self, spec: dict[str, Any]) -> list[str]:
        tasks, assets = tasks_from_spec(spec, self.ctx.seed, self.ctx.clock.now(), serial=self.tasks.total())
        self.tasks.insert(tasks, assets)
        return [task.uuid for task in tasks]

    def routes(self) -> list[BaseRoute]:
        return self._api.routes()

    def error_response(self, status: int, message: str, *, retry_after: float | None = None) -> Response:
        return error_json(status, message, retry_after=retry_after)

    def inject_unknown(self, body: JSON) -> JSON:
        """Unknown enum values, and a task result naming an asset kind no client knows (the result "union")."""
        return _unknown_assets(super().inject_unknown(body))


def _unknown_assets(body: JSON) -> JSON:
    if isinstance(body, list):
        return [_unknown_assets(item) for item in body]
    if not isinstance(body, dict):
        return body
    out = {key: _unknown_assets(value) for key, value in body.items()}
    result = out.get("result")
    if isinstance(result, dict) and _ASSET_KEYS & result.keys():
        out["result"] = {(UNKNOWN_ASSET_KEY if k in _ASSET_KEYS else k): v for k, v in result.items()}
    return out
