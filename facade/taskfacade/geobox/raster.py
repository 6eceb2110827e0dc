"""``geobox.raster``'s ``Raster`` at the SDK's module path (``Task.output_asset``)."""

from ._assets import Raster

__all__ = ["Raster"]
