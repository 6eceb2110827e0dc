"""Geobox's enums as the SDK names them (``geobox.enums``), but open: a value added by the server never crashes.

The SDK's ``TaskStatus("REVOKED")`` raises ``ValueError`` (reference section 8, defect 5). Here an unknown value
becomes a pseudo-member named ``UNKNOWN`` that keeps the raw value, so ``status`` still shows what the server
sent and the job's phase is ``JobPhase.UNKNOWN`` (a wait keeps waiting). Members are ``str`` too, so
``TaskStatus.SUCCESS == "SUCCESS"``.
"""

from __future__ import annotations

import enum
from typing import Self

__all__ = ["FileType", "LayerType", "OpenStrEnum", "TaskStatus"]


class OpenStrEnum(enum.StrEnum):
    """A string enum whose unknown values become ``UNKNOWN`` pseudo-members instead of raising."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def known(self) -> bool:
        """False for a value this version of taskfacade does not know."""
        return self._name_ != "UNKNOWN"


class TaskStatus(OpenStrEnum):
    """A task's ``state``, in the SDK's order. Final: SUCCESS, FAILURE and ABORTED."""

    PENDING = "PENDING"
    PROGRESS = "PROGRESS"
    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"
    ABORTED = "ABORTED"


class LayerType(OpenStrEnum):
    """A vector layer's geometry type (``VectorLayer.layer_type``)."""

    Point = "Point"
    MultiPoint = "MultiPoint"
    Polygon = "Polygon"
    Polyline = "Polyline"


class FileType(OpenStrEnum):
    """A file's type (``File.file_type``)."""

    Compressed = "Compressed"
    Complex = "Complex"
    Image = "Image"
    Video = "Video"
    Document = "Document"
    GPKG = "GPKG"
    DXF = "DXF"
    GPX = "GPX"
    CSV = "CSV"
    Shapefile = "Shapefile"
    KML = "KML"
    GLB = "GLB"
    FileGDB = "FileGDB"
    GeoTIFF = "GeoTIFF"
    GeoJSON = "GeoJSON"
    ThreedTiles = "ThreedTiles"
    XLSX = "XLSX"
