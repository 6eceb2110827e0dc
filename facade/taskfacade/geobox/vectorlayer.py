"""``geobox.vectorlayer``'s ``VectorLayer`` at the SDK's module path (``Task.output_asset``)."""

from ._assets import VectorLayer

__all__ = ["VectorLayer"]
