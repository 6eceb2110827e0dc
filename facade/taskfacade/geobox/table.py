"""``geobox.table``'s ``Table`` at the SDK's module path (``Task.output_asset``)."""

from ._assets import Table

__all__ = ["Table"]
