"""The six kinds of asset a finished Geobox task can produce, and how each is served.

A task's ``result`` names its output with one key per kind (``layer_uuid``, ``raster_uuid``, ...); the SDK's
``Task.output_asset`` takes the first present key in ``ASSET_KINDS`` order and GETs the matching path.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import attrs

LAYER_TYPES = ("Point", "MultiPoint", "Polygon", "Polyline")


@attrs.frozen
class AssetKind:
    """One asset kind: its key in a task result, its route, its 404 label and how its fields are made up."""

    name: str
    result_key: str
    path: str
    label: str
    verb: str
    make_fields: Callable[[random.Random], dict[str, Any]]


def _vector(rng: random.Random) -> dict[str, Any]:
    return {"layer_type": rng.choice(LAYER_TYPES), "feature_count": rng.randint(1, 250_000)}


def _raster(rng: random.Random) -> dict[str, Any]:
    size = {"width": rng.randint(256, 20_000), "height": rng.randint(256, 20_000)}
    return {"band_count": rng.choice((1, 3, 4)), **size, "srid": rng.choice((4326, 3857, 32639))}


def _sized(rng: random.Random) -> dict[str, Any]:
    return {"size": rng.randint(10_000, 500_000_000)}


def _file(rng: random.Random) -> dict[str, Any]:
    return {"file_type": rng.choice(("GeoJSON", "GPKG", "Shapefile", "CSV", "GeoTIFF")), **_sized(rng)}


def _table(rng: random.Random) -> dict[str, Any]:
    return {"row_count": rng.randint(0, 1_000_000)}


#: In ``Task.output_asset`` order.
ASSET_KINDS: tuple[AssetKind, ...] = (
    AssetKind("vector", "layer_uuid", "/v1/vectorLayers/{uuid}/", "Layer", "publish", _vector),
    AssetKind("raster", "raster_uuid", "/v1/rasters/{uuid}/", "Raster", "rasterize", _raster),
    AssetKind("model", "model_uuid", "/v1/3dmodels/{uuid}/", "Model", "publish_model", _sized),
    AssetKind("file", "file_uuid", "/v1/files/{uuid}/info/", "File", "export", _file),
    AssetKind("3dtiles", "3dtiles_uuid", "/v1/3dtiles/{uuid}/", "3D Tile", "build_3dtiles", _sized),
    AssetKind("table", "table_uuid", "/v1/tables/{uuid}/", "Table", "import_table", _table),
)
KINDS_BY_NAME = {kind.name: kind for kind in ASSET_KINDS}
#: A task kind that produces no asset (e.g. cache seeding).
NO_ASSET = "none"
NO_ASSET_VERB = "cache_seed"
TASK_KINDS = (*KINDS_BY_NAME, NO_ASSET)


def verb_for(kind: str) -> str:
    """The task-name prefix for a task of ``kind`` (``publish:roads_12``)."""
    return KINDS_BY_NAME[kind].verb if kind in KINDS_BY_NAME else NO_ASSET_VERB
