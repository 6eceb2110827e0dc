"""``geobox.tile3d``'s ``Tile3d`` at the SDK's module path (``Task.output_asset``)."""

from ._assets import Tile3d

__all__ = ["Tile3d"]
