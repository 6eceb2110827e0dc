"""``geobox.file``'s ``File`` at the SDK's module path (``Task.output_asset``)."""

from ._assets import File

__all__ = ["File"]
