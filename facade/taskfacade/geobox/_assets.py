"""What a finished task produced: the six asset kinds ``Task.output_asset`` returns, as small attrs classes.

A task's ``result`` names its output with one key per kind; like the SDK, the first key with a value, in the
order ``layer_uuid``, ``raster_uuid``, ``model_uuid``, ``file_uuid``, ``3dtiles_uuid``, ``table_uuid``, picks the
kind and one GET fetches it. A result that names only a kind this version does not know (a newer server's
``pointcloud_uuid``, say) gives an ``UnknownAsset`` holding the key and the uuid, without a request: the call
does not crash and nothing is lost.

The classes are plain values (no client inside): the common fields, each kind's own fields, and ``data``, the
body as the server sent it (extra keys included).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from taskfacade._check import check_int
from taskfacade._errors import ResponseDecodeError

from ._enums import FileType, LayerType
from ._values import optional, parse_timestamp

__all__ = [
    "ASSET_KINDS",
    "Asset",
    "AssetKind",
    "File",
    "Model",
    "Raster",
    "Table",
    "Tile3d",
    "UnknownAsset",
    "VectorLayer",
    "asset_from_body",
    "pick_asset",
]


def _optional_int(_instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    """None or an int (bodies are checked when parsed; this refuses NaN, floats and the like given by hand)."""
    if value is not None:
        check_int(attribute.name, value, -(2**63), 2**63 - 1)


@attrs.frozen(kw_only=True)
class Asset:
    """Fields every asset has. Only ``uuid`` is always there.

    Attributes:
        uuid: the asset's uuid.
        name: its name.
        id: its numeric id.
        display_name: the human-readable name.
        description: its description.
        owner_id: the owner's user id.
        created_at: when it was created (aware, UTC).
        data: the body as the server sent it.
    """

    uuid: str
    name: str | None = None
    id: int | None = attrs.field(default=None, validator=_optional_int)
    display_name: str | None = None
    description: str | None = None
    owner_id: int | None = attrs.field(default=None, validator=_optional_int)
    created_at: datetime.datetime | None = None
    data: Mapping[str, Any] = attrs.field(factory=dict, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class VectorLayer(Asset):
    """A vector layer (``result.layer_uuid``; ``GET /v1/vectorLayers/{uuid}/``)."""

    layer_type: LayerType | None = None
    feature_count: int | None = attrs.field(default=None, validator=_optional_int)


@attrs.frozen(kw_only=True)
class Raster(Asset):
    """A raster (``result.raster_uuid``; ``GET /v1/rasters/{uuid}/``)."""

    band_count: int | None = attrs.field(default=None, validator=_optional_int)
    width: int | None = attrs.field(default=None, validator=_optional_int)
    height: int | None = attrs.field(default=None, validator=_optional_int)
    srid: int | None = attrs.field(default=None, validator=_optional_int)


@attrs.frozen(kw_only=True)
class Model(Asset):
    """A 3D model (``result.model_uuid``; ``GET /v1/3dmodels/{uuid}/``)."""

    size: int | None = attrs.field(default=None, validator=_optional_int)


@attrs.frozen(kw_only=True)
class File(Asset):
    """A file (``result.file_uuid``; ``GET /v1/files/{uuid}/info/``)."""

    file_type: FileType | None = None
    size: int | None = attrs.field(default=None, validator=_optional_int)


@attrs.frozen(kw_only=True)
class Tile3d(Asset):
    """A 3D tiles tileset (``result.3dtiles_uuid``; ``GET /v1/3dtiles/{uuid}/``)."""

    size: int | None = attrs.field(default=None, validator=_optional_int)


@attrs.frozen(kw_only=True)
class Table(Asset):
    """A table (``result.table_uuid``; ``GET /v1/tables/{uuid}/``)."""

    row_count: int | None = attrs.field(default=None, validator=_optional_int)


@attrs.frozen
class UnknownAsset:
    """A result key this version does not know (e.g. ``pointcloud_uuid``): not fetched, kept as sent.

    Attributes:
        key: the result key.
        uuid: its value.
    """

    key: str
    uuid: str


@attrs.frozen
class AssetKind:
    """One asset kind: its result key, facade class, extra integer fields and enum fields."""

    result_key: str
    cls: type[Asset]
    int_fields: tuple[str, ...] = ()
    enum_fields: Mapping[str, Callable[[str], Any]] = attrs.field(factory=dict)


#: In ``output_asset`` order.
ASSET_KINDS: tuple[AssetKind, ...] = (
    AssetKind("layer_uuid", VectorLayer, ("feature_count",), {"layer_type": LayerType}),
    AssetKind("raster_uuid", Raster, ("band_count", "width", "height", "srid")),
    AssetKind("model_uuid", Model, ("size",)),
    AssetKind("file_uuid", File, ("size",), {"file_type": FileType}),
    AssetKind("3dtiles_uuid", Tile3d, ("size",)),
    AssetKind("table_uuid", Table, ("row_count",)),
)
_KNOWN_KEYS = frozenset(kind.result_key for kind in ASSET_KINDS)


def pick_asset(result: object) -> tuple[AssetKind, str] | UnknownAsset | None:
    """The kind and uuid a task result points at, an ``UnknownAsset``, or None when it names no asset.

    Raises:
        ResponseDecodeError: an asset key whose value is not a string.
    """
    if not isinstance(result, Mapping):
        return None
    for kind in ASSET_KINDS:
        value = result.get(kind.result_key)
        if value:
            if not isinstance(value, str):
                raise ResponseDecodeError(f"task result: {kind.result_key!r} must be a string", service="geobox")
            return kind, value
    for key, value in result.items():
        unknown = isinstance(key, str) and key.endswith("_uuid") and key not in _KNOWN_KEYS
        if unknown and isinstance(value, str) and value:
            return UnknownAsset(key, value)
    return None


def asset_from_body(kind: AssetKind, body: Mapping[str, Any]) -> Asset:
    """Build ``kind``'s class from an asset body (already parsed by the generated model and turned into a dict)."""
    what = kind.cls.__name__
    uuid = optional(body, "uuid", str, what)
    if not uuid:
        raise ResponseDecodeError(f"{what}: the body has no 'uuid'", service="geobox")
    fields: dict[str, Any] = {
        "uuid": uuid,
        "name": optional(body, "name", str, what),
        "id": optional(body, "id", int, what),
        "display_name": optional(body, "display_name", str, what),
        "description": optional(body, "description", str, what),
        "owner_id": optional(body, "owner_id", int, what),
        "created_at": parse_timestamp(body.get("created_at")),
        "data": dict(body),
    }
    for name in kind.int_fields:
        fields[name] = optional(body, name, int, what)
    for name, enum_class in kind.enum_fields.items():
        raw = optional(body, name, str, what)
        fields[name] = None if raw is None else enum_class(raw)
    return kind.cls(**fields)
